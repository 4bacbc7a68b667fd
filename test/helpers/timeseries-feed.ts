/**
 * Drives a TimeSeriesObserver by hand as the simulation would: the test says what happens
 * (request, throttle, start, end, async depth, source readings) and the feed keeps the counters a
 * FunctionModel keeps (FunctionStats, invocations started), reading them into the observer at every
 * bucket boundary that time passes, before the event at or after it.
 */
import { LevelSum } from '../../src/metrics/time-weighted.js';
import { FunctionStats } from '../../src/model/function-stats.js';
import { ThrottleReason, type FunctionCounters, type InvocationEnd, type SourceProbe } from '../../src/model/observer.js';
import type { TimeSeriesObserver } from '../../src/report/timeseries.js';

export class TimeSeriesFeed {
  private readonly functions: { stats: FunctionStats; invocationsStarted: number }[];
  private readonly total = new LevelSum();
  private next: number;
  /** The latest time seen: a test may go back in time between invocations (busy counts never do). */
  private clock = 0;

  constructor(
    private readonly ts: TimeSeriesObserver,
    functions: number,
    private readonly durationUs: number,
  ) {
    this.functions = Array.from({ length: functions }, () => ({ stats: new FunctionStats(Infinity), invocationsStarted: 0 }));
    for (const f of this.functions) f.stats.busy.addTo(this.total);
    for (const f of this.functions) f.stats.countEndsByStart(ts.readEveryUs);
    this.next = ts.readEveryUs;
  }

  private get counters(): readonly FunctionCounters[] {
    return this.functions;
  }

  /** Read at every boundary up to `now` (below the duration). */
  private to(now: number): void {
    if (now > this.clock) this.clock = now;
    while (this.next <= now && this.next < this.durationUs) {
      this.ts.readCounters(this.next, this.counters, this.total, false);
      this.next += this.ts.readEveryUs;
    }
  }

  request(fn: number, now: number): void {
    this.to(now);
    this.functions[fn].stats.requests++;
  }

  throttle(fn: number, now: number): void {
    this.to(now);
    this.functions[fn].stats.throttled(ThrottleReason.Account, now);
  }

  start(fn: number, now: number, cold: boolean, concurrency: number): void {
    this.to(now);
    const f = this.functions[fn];
    if (cold) f.stats.coldStarts++;
    f.invocationsStarted++;
    f.stats.busy.set(this.clock, concurrency);
  }

  end(r: InvocationEnd): void {
    this.to(r.endAt);
    const stats = this.functions[r.fn].stats;
    stats.busy.add(this.clock, -1);
    if (r.answered) stats.latency.record(r.endAt - r.requestAt);
    stats.endsByStart!.count(r.endAt - r.durationUs - r.initUs, r.isError);
  }

  asyncDepth(fn: number, now: number, depth: number): void {
    this.to(now);
    this.ts.asyncDepth(fn, now, depth);
  }

  /** The observer's probe of a source, read up to each reading's time first. */
  source(section: string, index: number): SourceProbe | null {
    const probe = this.ts.source(section, index);
    return probe === null ? null : { record: (now, column, value) => (this.to(now), probe.record(now, column, value)) };
  }

  finish(): void {
    this.to(this.durationUs);
    this.ts.readCounters(this.durationUs, this.counters, this.total, false);
    this.ts.finish();
  }
}
