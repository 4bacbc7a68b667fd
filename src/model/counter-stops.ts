/**
 * Where the simulation stops its clock for an observer that reads the model's counters (observer.ts
 * `readCounters`, the time series): at every multiple of its `readEveryUs` below the duration, at the
 * end of the warm-up and at the end of the run. Between stops the kernel runs as usual, so the time
 * series costs the hot path no call per request: the counters it reads are kept anyway.
 */
import type { Kernel } from '../kernel/kernel.js';
import { LevelSum } from '../metrics/time-weighted.js';
import type { FunctionModel } from './function-model.js';
import type { InvocationObserver } from './observer.js';

export class CounterStops {
  /** Busy environments of all functions together (the time series' account row). */
  private readonly busyTotal = new LevelSum();
  /** The last stop read (0 before the first). */
  private last = 0;

  constructor(
    private readonly reader: InvocationObserver,
    private readonly everyUs: number,
    private readonly functions: readonly FunctionModel[],
    private readonly warmupUs: number,
    private readonly durationUs: number,
  ) {
    if (!(Number.isInteger(everyUs) && everyUs > 0)) throw new Error(`readEveryUs must be a positive whole number of us, got ${everyUs}`);
    // Before the run nothing is busy (prewarmed environments are idle), so the sum starts at 0 too.
    for (const fn of functions) fn.stats.busy.addTo(this.busyTotal);
  }

  /** Runs `kernel` to the end of the run, reading at each stop; false when `maxEvents` ran out first (call again). */
  run(kernel: Kernel, maxEvents: number): boolean {
    let budget = maxEvents;
    for (;;) {
      const stop = this.nextStop();
      const before = kernel.eventsProcessed;
      if (!kernel.run(stop, budget)) return false;
      budget -= kernel.eventsProcessed - before;
      this.reader.readCounters!(stop, this.functions, this.busyTotal, stop === this.warmupUs);
      this.last = stop;
      if (stop >= this.durationUs) return true;
    }
  }

  /** The next multiple of `everyUs`, the warm-up's end or the run's end, whichever comes first. */
  private nextStop(): number {
    let stop = (Math.floor(this.last / this.everyUs) + 1) * this.everyUs;
    if (stop > this.durationUs) stop = this.durationUs;
    if (this.warmupUs > this.last && this.warmupUs < stop) stop = this.warmupUs;
    return stop;
  }
}
