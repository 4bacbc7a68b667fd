/**
 * `trace` arrivals: replay of a per-minute count table or of a list of timestamps.
 *
 * Trace time 0 (the first minute column, or time 0 of the timestamps) plays at the workload's
 * start; `offset` skips that much of the trace first, so trace time `offset + x` plays at
 * `start + x`. Arrivals past the workload's end are not played.
 *
 * `scale` multiplies counts by cumulative rounding: after the first k units (minutes or
 * timestamps) the number played is round(scale x (count of the first k units)), so every prefix of
 * the trace is within half an arrival of its scaled size and scale 1 replays the trace exactly.
 */
import type { Rng } from '../kernel/random.js';
import { US_PER_MINUTE } from '../kernel/time.js';
import type { PerMinuteTrace, TimestampTrace } from './arrival-spec.js';
import type { ArrivalTimes } from './arrival-times.js';
import { SortedUniforms } from './sorted-uniforms.js';

/** Running cumulative rounding of scaled counts. */
class ScaledCounter {
  private raw = 0;
  private played = 0;
  constructor(private readonly scale: number) {}
  /** How many of the next `count` units to play. */
  take(count: number): number {
    this.raw += count;
    const target = Math.round(this.raw * this.scale);
    const n = target - this.played;
    this.played = target;
    return n;
  }
}

/**
 * Per-minute counts: each minute's arrivals are spread uniformly at random inside the minute
 * (sorted uniforms from the workload's stream), so every minute's count is reproduced exactly.
 */
export class PerMinuteTimes implements ArrivalTimes {
  private minute = 0;
  private readonly uniforms: SortedUniforms;
  private readonly counter: ScaledCounter;
  private minuteStart = 0;

  constructor(
    private readonly spec: PerMinuteTrace,
    private readonly start: number,
    private readonly end: number,
    rng: Rng,
  ) {
    this.uniforms = new SortedUniforms(rng);
    this.counter = new ScaledCounter(spec.scale);
    // Minutes wholly before the offset are skipped without drawing, but still counted for rounding.
    while (this.minute < spec.counts.length && (this.minute + 1) * US_PER_MINUTE <= spec.offset) {
      this.counter.take(spec.counts[this.minute]);
      this.minute++;
    }
  }

  next(): number {
    for (;;) {
      while (this.uniforms.left === 0) {
        if (this.minute >= this.spec.counts.length) return Infinity;
        this.minuteStart = this.start + this.minute * US_PER_MINUTE - this.spec.offset;
        if (this.minuteStart >= this.end) return Infinity;
        this.uniforms.reset(this.counter.take(this.spec.counts[this.minute]));
        this.minute++;
      }
      const t = this.minuteStart + Math.floor(this.uniforms.next() * US_PER_MINUTE);
      // Only the minute cut by a partial offset can place arrivals before the start.
      if (t >= this.start) return t;
    }
  }
}

/** Timestamps: each listed time (repeated or skipped by `scale`) is one arrival. */
export class TimestampTimes implements ArrivalTimes {
  private index = 0;
  private repeat = 0;
  private current = 0;
  private readonly counter: ScaledCounter;

  constructor(
    private readonly spec: TimestampTrace,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.counter = new ScaledCounter(spec.scale);
  }

  next(): number {
    for (;;) {
      if (this.repeat > 0) {
        this.repeat--;
        if (this.current >= this.start) return this.current < this.end ? this.current : Infinity;
        continue;
      }
      if (this.index >= this.spec.times.length) return Infinity;
      this.current = this.start + Math.round(this.spec.times[this.index++]) - this.spec.offset;
      this.repeat = this.counter.take(1);
    }
  }
}
