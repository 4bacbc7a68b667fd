/** Homogeneous `poisson` arrivals. */
import type { Rng } from '../kernel/random.js';
import { US_PER_SECOND } from '../kernel/time.js';
import type { ArrivalTimes } from './arrival-times.js';

/** 2^52: from here on every double is an integer and x + 0.5 may round. */
const TWO_52 = 4503599627370496;
/** The largest double below 0.5: x + 0.5 rounds up to 1 for it (ties to even). */
const BELOW_HALF = 0.49999999999999994;

/**
 * Math.round(x) for x >= 0 (and -0), exactly, at a fraction of its cost: V8 compiles Math.round to
 * a data-dependent branch that a random x mispredicts half the time (measured: 19 ns of a Poisson
 * gap's 37). For 0 <= x < 2^52, x + 0.5 is exact (0.5 is a multiple of x's ulp once x >= 0.5), so
 * floor(x + 0.5) is round-half-up except at the one double below 0.5, whose sum rounds to 1; both
 * remaining cases take Math.round. Only -0 differs (0 here), which no caller can tell from 0 once
 * added to a time.
 */
export function roundGap(x: number): number {
  return x < TWO_52 && x !== BELOW_HALF ? Math.floor(x + 0.5) : Math.round(x);
}

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
  private at: number;
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
      at += roundGap(-Math.log(1 - rng.next()) * mean);
      ahead[i] = at;
    }
    this.at = at;
    this.pos = 0;
  }
}
