/** Homogeneous `poisson` arrivals. */
import type { Rng } from '../kernel/random.js';
import { US_PER_SECOND } from '../kernel/time.js';
import type { ArrivalTimes } from './arrival-times.js';

/**
 * Exponential gaps with mean 1/rate, each rounded to whole microseconds (unbiased to well under
 * 1 us) and added up; one uniform per arrival.
 */
export class PoissonTimes implements ArrivalTimes {
  private readonly meanGapUs: number;
  private at: number;
  constructor(rate: number, start: number, private readonly rng: Rng) {
    this.meanGapUs = US_PER_SECOND / rate;
    this.at = start;
  }
  next(): number {
    this.at += Math.round(-Math.log(1 - this.rng.next()) * this.meanGapUs);
    return this.at;
  }
}
