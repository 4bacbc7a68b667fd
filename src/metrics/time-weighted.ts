/**
 * Time-weighted average of a piecewise-constant quantity (busy environments, alive environments).
 *
 * A sample mean would weight a value by how often it changed; what we want is how long it held.
 * So the area under the step function, the sum of value x dt, is accumulated at every change and
 * divided by the elapsed time at the end. With integer values and integer microseconds every
 * product and the running area are exact integers while the area stays below 2^53
 * (e.g. 1,000 concurrent for 90 days is 7.8e15).
 */
export class TimeWeighted {
  private start: number;
  /** Time of the last change (us). */
  private last: number;
  private current = 0;
  private peak = 0;
  /** Integral of the value over [start, last] (value x us). */
  private area = 0;

  /**
   * @param startUs - Start of the averaging window; the value is 0 from here until the first change.
   */
  constructor(startUs = 0) {
    if (!Number.isFinite(startUs)) {
      throw new Error(`TimeWeighted: startUs must be finite, got ${startUs}`);
    }
    this.start = startUs;
    this.last = startUs;
  }

  /** The value now (since the last change). */
  get value(): number {
    return this.current;
  }

  /** The largest value held at any time since the start, the initial 0 included. */
  get max(): number {
    return this.peak;
  }

  /**
   * The value becomes `value` at `nowUs`. Several changes at the same instant are fine: the ones
   * before the last held for zero time and add nothing to the area (but do count for `max`).
   *
   * @throws Error if `nowUs` is before the previous change: the integral assumes time moves forward.
   */
  set(nowUs: number, value: number): void {
    if (nowUs < this.last) {
      throw new Error(`TimeWeighted.set: time went backwards (${nowUs} < ${this.last})`);
    }
    this.area += this.current * (nowUs - this.last);
    this.last = nowUs;
    this.current = value;
    if (value > this.peak) this.peak = value;
  }

  /**
   * Start a new averaging window at `nowUs` (the end of a warm-up): the area and the peak forget
   * everything before, the current value carries on.
   */
  restart(nowUs: number): void {
    this.set(nowUs, this.current);
    this.start = nowUs;
    this.area = 0;
    this.peak = this.current;
  }

  /** Changes the value by `delta` at `nowUs` (+1 when an environment turns busy, -1 when it frees). */
  add(nowUs: number, delta: number): void {
    this.set(nowUs, this.current + delta);
  }

  /**
   * Time-averaged value over [start, untilUs]: the area so far plus the current value held up to
   * `untilUs`, divided by `untilUs - start`. Does not change state, so it can be read mid-run.
   * For an empty window (`untilUs === start`) it returns the current value, the limit of the
   * average as the window shrinks to nothing.
   *
   * @throws Error if `untilUs` is before the last change.
   */
  mean(untilUs: number): number {
    if (untilUs < this.last) {
      throw new Error(`TimeWeighted.mean: untilUs (${untilUs}) is before the last change (${this.last})`);
    }
    const span = untilUs - this.start;
    if (span === 0) return this.current;
    return (this.area + this.current * (untilUs - this.last)) / span;
  }
}
