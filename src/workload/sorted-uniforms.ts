/**
 * n sorted uniforms on [0, 1), drawn one at a time in increasing order with O(1) memory: the
 * sequential method for order statistics. Given the previous value x, the next is
 * 1 - (1 - x) * V^(1/m) with V uniform and m the number of values still to draw, because the
 * smallest of m uniforms on [x, 1) is x + (1 - x)(1 - V^(1/m)) (Lurie and Hartley 1972,
 * "Machine-generation of order statistics for Monte Carlo computations", The American
 * Statistician 26(1); Devroye, "Non-Uniform Random Variate Generation", 1986, section V.3).
 */
import type { Rng } from '../kernel/random.js';

export class SortedUniforms {
  private remaining = 0;
  private x = 0;

  constructor(private readonly rng: Rng) {}

  /** Start a new run of `n` values. */
  reset(n: number): void {
    this.remaining = n;
    this.x = 0;
  }

  /** Values left in the current run. */
  get left(): number {
    return this.remaining;
  }

  /** The next value of the run, in [0, 1), never below the previous one. Call only while `left > 0`. */
  next(): number {
    // 1 - u is in (0, 1], so V^(1/m) is in (0, 1] and x stays below 1.
    const v = 1 - this.rng.next();
    this.x = 1 - (1 - this.x) * Math.pow(v, 1 / this.remaining);
    this.remaining--;
    return this.x;
  }
}
