/**
 * Streaming histogram of non-negative values (microseconds), memory flat in the number of samples.
 *
 * Log-bucketed like DDSketch (Masson, Rim and Lee, "DDSketch: a fast and fully-mergeable quantile
 * sketch with relative-error guarantees", VLDB 2019), but with every bucket preallocated: with
 * a = 0.005 and gamma = (1 + a) / (1 - a), bucket k holds (gamma^(k-1), gamma^k] and reports
 * 2 gamma^k / (gamma + 1), which is within a relative 0.5% of every value in the bucket. Covering
 * 1 us .. 1e13 us (about 116 days) takes about 3,000 buckets (24 KB), so there is never a resize,
 * a collapse or an allocation in `record`.
 */

/** Relative accuracy a of the bucket representatives. */
const ALPHA = 0.005;
/** The relative error bound of every quantile this histogram reports (reports state it). */
export const QUANTILE_RELATIVE_ERROR = ALPHA;
/** Ratio between consecutive bucket bounds. */
const GAMMA = (1 + ALPHA) / (1 - ALPHA);
const INV_LN_GAMMA = 1 / Math.log(GAMMA);
/** Largest value (us) the log buckets are sized for; larger values share the top bucket. */
const MAX_TRACKED = 1e13;
/** Log-bucket index k of MAX_TRACKED. */
const TOP_K = Math.ceil(Math.log(MAX_TRACKED) * INV_LN_GAMMA);
/** Slot 0 is the low bucket [0, 1); slot k + 1 is log bucket k; the last slot is TOP_K + 1. */
const SLOTS = TOP_K + 2;
const TOP_SLOT = SLOTS - 1;

/** The definition of a value's slot: log bucket k = ceil(log_gamma(value)), shifted by one (slot 0 is [0, 1)). */
export function logSlotOf(value: number): number {
  if (value < 1) return 0;
  const slot = Math.ceil(Math.log(value) * INV_LN_GAMMA) + 1;
  return slot < TOP_SLOT ? slot : TOP_SLOT;
}

/*
 * slotOf gives exactly logSlotOf's answer without a Math.log per record (it was 5% of a run): from
 * the value's exponent and top 7 mantissa bits, a table of 128 cells per power of two gives the slot
 * at the cell's low end. A cell is at most 1/128 = 0.78% wide, narrower than a bucket (gamma - 1 =
 * 1%), so at most one bucket boundary falls inside it, and one comparison with that boundary decides.
 * The boundaries are found once, at load, by asking logSlotOf itself (stepping one double at a time
 * around gamma^k), so they are the ones Math.log draws, ulp for ulp: reports stay byte-identical.
 */
const CELL_BITS = 7;
/** Bits of the high 32-bit word below the exponent and the cell's mantissa bits. */
const CELL_SHIFT = 20 - CELL_BITS;
/** Powers of two covered: values from 1 up to 2^BINADES (above 1e13 everything is the top slot). */
const BINADES = Math.floor(Math.log2(MAX_TRACKED)) + 1;
const CELLS = BINADES << CELL_BITS;
/** The cell number of 1.0: its biased exponent 1023 followed by CELL_BITS zero bits. */
const FIRST_CELL = 1023 << CELL_BITS;

/** Scratch for reading a double's bits (one per module: slotOf is synchronous). */
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
bits[0] = 1;
/** Index of the word holding sign, exponent and top mantissa bits (1 on little-endian hosts). */
const HIGH = words[1] === 0x3ff00000 ? 1 : 0;

/** The next double after a positive finite x, up or down: its bits as a 64-bit integer, plus or minus one. */
function adjacent(x: number, up: boolean): number {
  bits[0] = x;
  const low = words[1 - HIGH];
  if (up) {
    words[1 - HIGH] = low + 1;
    if (low === 0xffffffff) words[HIGH]++;
  } else {
    words[1 - HIGH] = low - 1;
    if (low === 0) words[HIGH]--;
  }
  return bits[0];
}

/** bound[k]: the smallest value whose slot is k or more (k >= 2); bound[SLOTS] = Infinity. */
const bound = new Float64Array(SLOTS + 1);
bound[SLOTS] = Infinity;
for (let k = 2; k < SLOTS; k++) {
  let x = Math.pow(GAMMA, k - 2);
  // Math.pow and Math.log agree to a few ulps: walk to the exact first value of slot k.
  while (logSlotOf(x) >= k) x = adjacent(x, false);
  while (logSlotOf(x) < k) x = adjacent(x, true);
  bound[k] = x;
}
/** The slot of each cell's lowest value. */
const cellSlot = new Int32Array(CELLS);
for (let c = 0; c < CELLS; c++) {
  words[HIGH] = (FIRST_CELL + c) << CELL_SHIFT;
  words[1 - HIGH] = 0;
  cellSlot[c] = logSlotOf(bits[0]);
}

/** The slot a value falls in: the same as {@link logSlotOf}, by table. */
export function slotOf(value: number): number {
  if (value < 1) return 0;
  bits[0] = value;
  const cell = (words[HIGH] >>> CELL_SHIFT) - FIRST_CELL;
  if (cell >= CELLS) return TOP_SLOT;
  const slot = cellSlot[cell];
  return value >= bound[slot + 1] ? slot + 1 : slot;
}

/** The value a slot reports before clamping to [min, max]. */
function representative(slot: number): number {
  if (slot === 0) return 0;
  // Log bucket 0 is (1/gamma, 1], and values below 1 go to the low bucket, so it holds exactly 1.
  if (slot === 1) return 1;
  return (2 * Math.pow(GAMMA, slot - 1)) / (GAMMA + 1);
}

/** A slot's representative clamped to [lo, hi], the exact min and max of the values it summarizes. */
function clampedRepresentative(slot: number, lo: number, hi: number): number {
  const v = representative(slot);
  return v < lo ? lo : v > hi ? hi : v;
}

/** Where {@link Histogram.drainWindow} puts the quantiles nobody asked for. */
const scratchQuantiles = new Float64Array(2);

/**
 * The nearest rank of the q-quantile of n values: ceil(q * n), q * n nudged down by one part in
 * 10^12 first (see {@link Histogram.quantile}), at least 1.
 */
function rankOf(q: number, n: number): number {
  const product = q * n;
  return Math.max(1, Math.ceil(product - product * 1e-12));
}

/**
 * Streaming histogram with exact count, sum, min and max and quantiles within 0.5% relative error.
 *
 * Accuracy: for values >= 1 us, `quantile(q)` is within 0.5% (relative) of the exact nearest-rank
 * quantile. Values in [0, 1) share one low bucket reported as 0 (so within 1 us absolute); values
 * above 1e13 us share the top bucket (but `max` and `quantile(1)` stay exact).
 *
 * @example
 * ```ts
 * const latency = new Histogram();
 * latency.record(1200);
 * latency.quantile(0.99); // ~1200, exact here because it is clamped to [min, max]
 * ```
 */
export class Histogram {
  /** Relative accuracy of quantiles for values >= 1 (0.5%). */
  static readonly relativeAccuracy = ALPHA;

  private readonly counts = new Float64Array(SLOTS);
  private n = 0;
  private total = 0;
  /** +Infinity while empty, so the first record always sets it. */
  private lo = Infinity;
  /** -Infinity while empty, so the first record always sets it. */
  private hi = -Infinity;
  /**
   * Smallest and largest value since the last {@link drainWindow} (+/-Infinity when none): the
   * window's values lie in their slots' range, so a drain reads only those slots, and the window's
   * exact min and max clamp its quantiles as a histogram of the window alone would.
   */
  private windowLo = Infinity;
  private windowHi = -Infinity;

  /** Number of values recorded. */
  get count(): number {
    return this.n;
  }

  /** Exact sum of the values recorded (exact for integers while it stays below 2^53). */
  get sum(): number {
    return this.total;
  }

  /** Smallest value recorded, exactly; 0 when empty. */
  get min(): number {
    return this.n === 0 ? 0 : this.lo;
  }

  /** Largest value recorded, exactly; 0 when empty. */
  get max(): number {
    return this.n === 0 ? 0 : this.hi;
  }

  /**
   * Number of buckets in the preallocated array: a constant, whatever is recorded. Exposed so
   * tests (and anyone sizing memory) can see that memory does not grow with samples.
   */
  get bucketCount(): number {
    return this.counts.length;
  }

  /**
   * Adds one value. O(1) and allocation-free.
   *
   * @param value - A finite number >= 0 (microseconds, usually an integer).
   * @throws Error if `value` is negative, NaN or infinite: such a value is a bug upstream, and
   *   silently bucketing it would corrupt every statistic.
   */
  record(value: number): void {
    if (!(value >= 0 && value < Infinity)) {
      throw new Error(`Histogram.record: value must be a finite number >= 0, got ${value}`);
    }
    this.counts[slotOf(value)]++;
    this.n++;
    this.total += value;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
    if (value < this.windowLo) this.windowLo = value;
    if (value > this.windowHi) this.windowHi = value;
  }

  /**
   * Adds to `into` the values recorded here since the last drain, as if each had been recorded
   * there, without hearing them one by one: the difference between this histogram's counts and
   * `seen`, its copy as of the last drain (which is brought up to date). `seen` starts empty and must
   * be reset together with this histogram. A time series takes each bucket's latency this way
   * from the function's own latency histogram.
   */
  drainWindow(into: Histogram, seen: Histogram): void {
    this.drainWindowQuantiles(into, seen, 0.5, 0.5, scratchQuantiles);
  }

  /**
   * The window since the last {@link drainWindow} taken whole, in one pass instead of a drain into
   * an empty histogram, two quantile scans and a merge (a time series closing a bucket): adds the
   * window to `into` and brings `seen` up to date as `drainWindow` does, and writes to `out[0]` and
   * `out[1]` the q1- and q2-quantiles (0 < q < 1) that a histogram of the window alone would give,
   * its `quantile` exactly. Returns the window's count; `out` is left alone when it is 0.
   * `into` null: the window is not kept anywhere (a time series without charts needs only its quantiles).
   *
   * One body, no helper: V8 optimizes this early (its loop is hot) and would inline a helper before
   * the helper had type feedback, then deoptimize at its first field and compile everything again.
   */
  drainWindowQuantiles(into: Histogram | null, seen: Histogram, q1: number, q2: number, out: Float64Array): number {
    // Nothing recorded since the last drain: the window is empty, `seen` is up to date.
    if (this.windowHi < this.windowLo) return 0;
    const n = this.n - seen.n;
    const lo = this.windowLo;
    const hi = this.windowHi;
    if (n > 0) {
      const rank1 = rankOf(q1, n);
      const rank2 = rankOf(q2, n);
      let slot1 = -1;
      let slot2 = -1;
      let cumulative = 0;
      const last = slotOf(hi);
      const now = this.counts;
      const before = seen.counts;
      const to = into === null ? null : into.counts;
      // No branch on `added`: in a bucket of a few hundred values spread over as many slots it
      // went either way at random, and its mispredictions made the scan several times slower.
      // A slot that gained nothing stores what it held, and cumulative first reaches a rank at a
      // slot that gained something, so the answers are the same.
      for (let slot = slotOf(lo); slot <= last; slot++) {
        const count = now[slot];
        const added = count - before[slot];
        before[slot] = count;
        if (to !== null) to[slot] += added;
        cumulative += added;
        if (slot1 < 0 && cumulative >= rank1) slot1 = slot;
        if (slot2 < 0 && cumulative >= rank2) slot2 = slot;
      }
      // Unreachable while counts sum to n; kept so a broken invariant still yields a sane answer.
      out[0] = slot1 < 0 ? hi : clampedRepresentative(slot1, lo, hi);
      out[1] = slot2 < 0 ? hi : clampedRepresentative(slot2, lo, hi);
    }
    // Count, sum, min and max follow the counts, and a new window starts.
    if (into !== null) {
      into.n += n;
      into.total += this.total - seen.total;
      if (lo < into.lo) into.lo = lo;
      if (hi > into.hi) into.hi = hi;
    }
    seen.n = this.n;
    seen.total = this.total;
    // Stored every time rather than behind a branch: `seen`'s min and max rarely move after the
    // first windows, and a store first reached after V8 optimized this code would deoptimize it.
    seen.lo = Math.min(seen.lo, lo);
    seen.hi = Math.max(seen.hi, hi);
    this.windowLo = Infinity;
    this.windowHi = -Infinity;
    return n > 0 ? n : 0;
  }

  /** Arithmetic mean of the values recorded (exact: sum / count); 0 when empty. */
  mean(): number {
    return this.n === 0 ? 0 : this.total / this.n;
  }

  /**
   * The q-quantile by the nearest-rank definition: the value of rank ceil(q * count) in sorted
   * order (rank 1 being the smallest), estimated by its bucket's representative clamped to
   * [min, max]. `quantile(0)` is exactly `min` and `quantile(1)` exactly `max`. Returns 0 when
   * empty, so reports of a function that never ran show zeros rather than NaN.
   *
   * q * count is nudged down by one part in 10^12 before the ceiling, so that a decimal q whose
   * binary value lies a hair above the intended one (0.07 * 100 = 7.000000000000001) still picks
   * the intended rank.
   *
   * @param q - A number in [0, 1].
   * @throws Error if q is outside [0, 1] or NaN.
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) {
      throw new Error(`Histogram.quantile: q must be in [0, 1], got ${q}`);
    }
    if (this.n === 0) return 0;
    if (q === 0) return this.lo;
    if (q === 1) return this.hi;
    const rank = rankOf(q, this.n);
    const last = slotOf(this.hi);
    let seen = 0;
    for (let slot = slotOf(this.lo); slot <= last; slot++) {
      seen += this.counts[slot];
      if (seen >= rank) return clampedRepresentative(slot, this.lo, this.hi);
    }
    // Unreachable while counts sum to n; kept so a broken invariant still yields a sane answer.
    return this.hi;
  }

  /** Adds every value of `other` to this histogram, as if each had been recorded here. */
  merge(other: Histogram): void {
    if (other.n === 0) return;
    const last = slotOf(other.hi);
    const from = other.counts;
    const to = this.counts;
    for (let slot = slotOf(other.lo); slot <= last; slot++) {
      to[slot] += from[slot];
    }
    this.n += other.n;
    this.total += other.total;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    if (other.lo < this.windowLo) this.windowLo = other.lo;
    if (other.hi > this.windowHi) this.windowHi = other.hi;
  }

  /**
   * Adds the values `later` holds beyond `earlier`, where `earlier` is a copy of `later` taken
   * before (so every bucket of `later` holds at least as many): a window of a cumulative histogram
   * (deployment alarms and phases, src/model/deployment-window.ts). The window's min and max are
   * its first and last buckets' representatives, clamped to `later`'s exact min and max.
   */
  mergeDifference(later: Histogram, earlier: Histogram): void {
    const n = later.n - earlier.n;
    if (n <= 0) return;
    const last = slotOf(later.hi);
    const a = later.counts;
    const b = earlier.counts;
    const to = this.counts;
    let first = -1;
    let top = -1;
    for (let slot = slotOf(later.lo); slot <= last; slot++) {
      const c = a[slot] - b[slot];
      if (c <= 0) continue;
      to[slot] += c;
      if (first < 0) first = slot;
      top = slot;
    }
    const clamp = (v: number) => (v < later.lo ? later.lo : v > later.hi ? later.hi : v);
    const lo = clamp(representative(first));
    const hi = clamp(representative(top));
    this.n += n;
    this.total += later.total - earlier.total;
    if (lo < this.lo) this.lo = lo;
    if (hi > this.hi) this.hi = hi;
  }

  /** Forgets every value, keeping the preallocated buckets (only those between min and max can be non-zero). */
  reset(): void {
    if (this.n > 0) this.counts.fill(0, slotOf(this.lo), slotOf(this.hi) + 1);
    this.n = 0;
    this.total = 0;
    this.lo = Infinity;
    this.hi = -Infinity;
    this.windowLo = Infinity;
    this.windowHi = -Infinity;
  }
}
