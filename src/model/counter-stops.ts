/**
 * Where the simulation stops its clock for an observer that reads the model's counters (observer.ts
 * `readCounters`, the time series): at every multiple of its `readEveryUs` below the duration, at the
 * end of the warm-up and at the end of the run. The kernel stops there without leaving its run loop
 * (Kernel.setStop), so the time series costs the hot path no call per request: the counters it reads
 * are kept anyway.
 */
import type { ClockStop, Kernel } from '../kernel/kernel.js';
import { LevelSum, type WindowLevel } from '../metrics/time-weighted.js';
import type { FunctionModel } from './function-model.js';
import type { InvocationObserver } from './observer.js';

export class CounterStops implements ClockStop {
  /**
   * Busy environments of all functions together (the time series' account row): with one function,
   * its own busy count, so that no change of it costs a second update.
   */
  private readonly busyTotal: WindowLevel;
  /**
   * The next stop to read at, and the times `after` computes it from. Doubles from the start (-0):
   * the kernel's run loop inlines `stop` and `after`, and V8 compiles arithmetic on small integers
   * as 32-bit, so the first stop past 2^31 us (35.8 simulated minutes) deoptimized the whole run
   * loop, which then came back with other inlining decisions than a run without a time series.
   */
  private next = -0;
  private readonly everyUs: number = -0;
  private readonly warmupUs: number = -0;
  private readonly durationUs: number = -0;

  constructor(
    kernel: Kernel,
    private readonly reader: InvocationObserver,
    everyUs: number,
    private readonly functions: readonly FunctionModel[],
    warmupUs: number,
    durationUs: number,
  ) {
    if (!(Number.isInteger(everyUs) && everyUs > 0)) throw new Error(`readEveryUs must be a positive whole number of us, got ${everyUs}`);
    this.everyUs = everyUs;
    this.warmupUs = warmupUs;
    this.durationUs = durationUs;
    if (functions.length === 1) {
      this.busyTotal = functions[0].stats.busy;
    } else {
      // Before the run nothing is busy (prewarmed environments are idle), so the sum starts at 0 too.
      const sum = new LevelSum();
      for (const fn of functions) fn.stats.busy.addTo(sum);
      this.busyTotal = sum;
    }
    // Ended invocations by the bucket they started in: counted by the model as each ends, read at the stops.
    for (const fn of functions) fn.stats.countEndsByStart(everyUs, fn.config.serviceOverhead ?? 0);
    this.next = this.after(0);
    kernel.setStop(this.next, this);
  }

  stop(at: number): number {
    this.reader.readCounters!(at, this.functions, this.busyTotal, at === this.warmupUs);
    this.next = at >= this.durationUs ? Infinity : this.after(at);
    // The end of the run is read by `finish`, once every event before it has run.
    return this.next < this.durationUs ? this.next : Infinity;
  }

  /** The run reached its end: the stops no event came after, then the end itself. */
  finish(): void {
    while (this.next < this.durationUs) this.stop(this.next);
    if (this.next === this.durationUs) this.stop(this.durationUs);
  }

  /** The next multiple of `everyUs`, the warm-up's end or the run's end after `last`, whichever comes first. */
  private after(last: number): number {
    let stop = (Math.floor(last / this.everyUs) + 1) * this.everyUs;
    if (stop > this.durationUs) stop = this.durationUs;
    if (this.warmupUs > last && this.warmupUs < stop) stop = this.warmupUs;
    return stop;
  }
}
