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
  /**
   * Time of the last change (us), in a typed array rather than a field: past 2^30 us (17.9 simulated
   * minutes) a time is no longer one of V8's small integers, and V8 kept this field tagged, so every
   * change stored a new heap number (two per invocation: bench/alloc.js).
   */
  private readonly lastAt = new Float64Array(1);
  private current = 0;
  private peak = 0;
  /** Integral of the value over [start, last] (value x us). */
  private area = 0;
  /** Time (us) spent at each whole value since `start`, when `trackLevels()` was called; else null. */
  private levels: Float64Array | null = null;
  /**
   * The largest value since the last {@link openWindow} (the value then included): a time series
   * reads it at each bucket boundary instead of hearing every change (one compare per change).
   */
  windowPeak = 0;
  /** A sum over several quantities this one is part of (all functions' busy environments); null for none. */
  private sum: LevelSum | null = null;

  /**
   * @param startUs - Start of the averaging window; the value is 0 from here until the first change.
   */
  constructor(startUs = 0) {
    if (!Number.isFinite(startUs)) {
      throw new Error(`TimeWeighted: startUs must be finite, got ${startUs}`);
    }
    this.start = startUs;
    this.lastAt[0] = startUs;
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
    const last = this.lastAt[0];
    if (nowUs < last) {
      throw new Error(`TimeWeighted.set: time went backwards (${nowUs} < ${last})`);
    }
    this.area += this.current * (nowUs - last);
    if (this.levels !== null) this.holdLevel(nowUs - last);
    this.lastAt[0] = nowUs;
    const sum = this.sum;
    if (sum !== null) sum.change(value - this.current);
    this.current = value;
    if (value > this.peak) this.peak = value;
    if (value > this.windowPeak) this.windowPeak = value;
  }

  /** A new window for {@link windowPeak} starts now, with the current value. */
  openWindow(): void {
    this.windowPeak = this.current;
  }

  /** From now on every change also moves `sum` (which should hold this value's share already: call before the first change). */
  addTo(sum: LevelSum): void {
    this.sum = sum;
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
    this.levels?.fill(0);
  }

  /**
   * Also keep the time spent at each value (whole, non-negative values only), so `quantile` can
   * say "at most N for 99% of the time". Off by default: it costs an array slot per value reached.
   * Call it before the first change.
   */
  trackLevels(): void {
    this.levels ??= new Float64Array(16);
  }

  /** Adds `dt` us at the current value, growing the array by doubling (allocation only on a new maximum). */
  private holdLevel(dt: number): void {
    let levels = this.levels as Float64Array;
    const v = this.current;
    if (!(Number.isInteger(v) && v >= 0)) throw new Error(`TimeWeighted: trackLevels needs whole non-negative values, got ${v}`);
    if (v >= levels.length) {
      const grown = new Float64Array(Math.max(v + 1, levels.length * 2));
      grown.set(levels);
      this.levels = levels = grown;
    }
    levels[v] += dt;
  }

  /**
   * The time-weighted quantile over [start, untilUs]: the smallest value held, together with every
   * smaller one, for at least the share `q` of the time (q = 1 gives the largest value held for
   * more than an instant). An empty window gives the current value.
   *
   * @throws Error without `trackLevels()`, or if `untilUs` is before the last change
   */
  quantile(q: number, untilUs: number): number {
    if (this.levels === null) throw new Error('TimeWeighted.quantile: call trackLevels() first');
    const last = this.lastAt[0];
    if (untilUs < last) throw new Error(`TimeWeighted.quantile: untilUs (${untilUs}) is before the last change (${last})`);
    const span = untilUs - this.start;
    if (span === 0) return this.current;
    const levels = this.levels;
    const held = (v: number): number => (v < levels.length ? levels[v] : 0) + (v === this.current ? untilUs - last : 0);
    const top = Math.max(levels.length - 1, this.current);
    const target = q * span;
    let cumulative = 0;
    for (let v = 0; v <= top; v++) {
      cumulative += held(v);
      if (cumulative >= target && cumulative > 0) return v;
    }
    return top;
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
    const last = this.lastAt[0];
    if (untilUs < last) {
      throw new Error(`TimeWeighted.mean: untilUs (${untilUs}) is before the last change (${last})`);
    }
    const span = untilUs - this.start;
    if (span === 0) return this.current;
    return (this.area + this.current * (untilUs - last)) / span;
  }
}

/** A level and its largest value since the last `openWindow` (a {@link TimeWeighted} or a {@link LevelSum}). */
export interface WindowLevel {
  readonly value: number;
  readonly windowPeak: number;
  openWindow(): void;
}

/**
 * The sum of several {@link TimeWeighted} values (each joined by `addTo`) and its largest value
 * since the last {@link openWindow}: the account row of the time series, whose peak is the peak of
 * the sum at one instant, not the sum of the functions' peaks.
 */
export class LevelSum implements WindowLevel {
  value = 0;
  windowPeak = 0;

  change(delta: number): void {
    const v = this.value + delta;
    this.value = v;
    if (v > this.windowPeak) this.windowPeak = v;
  }

  openWindow(): void {
    this.windowPeak = this.value;
  }
}
