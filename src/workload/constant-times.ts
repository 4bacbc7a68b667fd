/** `constant` arrivals: evenly spaced at `rate` per second. */
import { US_PER_SECOND } from '../kernel/time.js';
import type { ArrivalTimes } from './arrival-times.js';

/**
 * The k-th arrival (k = 0, 1, ...) is at start + round(k / rate) exactly: computed from k, not by
 * summing rounded gaps, so there is no drift however long the run.
 */
export class ConstantTimes implements ArrivalTimes {
  private readonly gapUs: number;
  private k = 0;
  constructor(rate: number, private readonly start: number) {
    this.gapUs = US_PER_SECOND / rate;
  }
  next(): number {
    return this.start + Math.round(this.k++ * this.gapUs);
  }
}
