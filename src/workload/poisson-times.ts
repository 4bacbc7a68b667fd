/** Homogeneous `poisson` arrivals. */
import { roundNonNegative } from '../kernel/distributions.js';
import type { Rng } from '../kernel/random.js';
import { US_PER_SECOND } from '../kernel/time.js';
import type { ArrivalTimes } from './arrival-times.js';

/** Arrival times computed ahead in one go (the stream is the generator's own, see below). */
const AHEAD = 256;

/**
 * Exponential gaps with mean 1/rate, each rounded to whole microseconds (unbiased to well under
 * 1 us) and added up; one uniform per arrival.
 *
 * The times are computed {@link AHEAD} at a time in a tight loop: `rng` is this workload's own
 * arrival stream (`wl:<name>:arrivals`), so drawing ahead changes no other draw and the times are
 * the same; `next` is then a small read the caller's loop inlines (a busy producer spends most of
 * a record here), and a time past 2^30 us is never boxed on its way out of a call.
 */
export class PoissonTimes implements ArrivalTimes {
  private readonly meanGapUs: number;
  /**
   * The last time drawn. Declared with a number, not left undefined until the constructor: V8 then
   * keeps it as a double, and refill's running sum stays unboxed (from an undefined start the sum
   * was boxed at every step once past 2^30 us, 16 bytes an arrival).
   */
  private at = 0;
  private readonly ahead = new Float64Array(AHEAD);
  private pos = AHEAD;
  constructor(rate: number, start: number, private readonly rng: Rng) {
    this.meanGapUs = US_PER_SECOND / rate;
    this.at = start;
  }
  next(): number {
    if (this.pos === AHEAD) this.refill();
    return this.ahead[this.pos++];
  }
  private refill(): void {
    const rng = this.rng;
    const mean = this.meanGapUs;
    const ahead = this.ahead;
    let at = this.at;
    for (let i = 0; i < AHEAD; i++) {
      at += roundNonNegative(-Math.log(1 - rng.next()) * mean);
      ahead[i] = at;
    }
    this.at = at;
    this.pos = 0;
  }
}
