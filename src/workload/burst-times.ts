/** `burst` arrivals: exactly `count` requests over a short window. */
import type { Rng } from '../kernel/random.js';
import type { ArrivalTimes } from './arrival-times.js';
import { SortedUniforms } from './sorted-uniforms.js';

/**
 * `count` arrivals at independent uniform times in [at, at + over), produced in order (sorted
 * uniforms, O(1) memory); with `over` = 0 all of them arrive at `at`. Arrivals outside the
 * workload's window [start, end) are dropped (the schema refuses a burst that does not fit).
 */
export class BurstTimes implements ArrivalTimes {
  private readonly uniforms: SortedUniforms;
  constructor(
    private readonly at: number,
    count: number,
    private readonly over: number,
    private readonly start: number,
    private readonly end: number,
    rng: Rng,
  ) {
    this.uniforms = new SortedUniforms(rng);
    this.uniforms.reset(count);
  }
  next(): number {
    while (this.uniforms.left > 0) {
      const t = this.at + Math.floor(this.uniforms.next() * this.over);
      if (t >= this.end) return Infinity;
      if (t >= this.start) return t;
    }
    return Infinity;
  }
}
