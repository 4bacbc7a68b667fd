/**
 * Means and 95% confidence intervals over replications (Student t), small enough to check by hand.
 *
 * With N independent replications x_1..x_N of a metric, the interval is
 * mean ± t(0.975, N-1) · s / √N, s the sample standard deviation (divisor N-1). With N = 1 there is
 * no interval: the estimate is the single value and `half` is null.
 */
import { QUANTILE_RELATIVE_ERROR } from '../metrics/histogram.js';

/**
 * t quantiles at 0.975 (two-sided 95%) by degrees of freedom 1..30, then 40, 60, 120 and ∞.
 * Source: NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2 (Critical values of
 * the Student's t distribution), https://www.itl.nist.gov/div898/handbook/eda/section3/eda3672.htm,
 * read 2025; digits beyond the table's three from R's qt(0.975, df).
 */
const T975: readonly number[] = [
  NaN, 12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252,
  2.306004135, 2.262157163, 2.228138852, 2.20098516, 2.17881283, 2.160368656, 2.144786688,
  2.131449546, 2.119905299, 2.109815578, 2.10092204, 2.093024054, 2.085963447, 2.079613845,
  2.073873068, 2.06865761, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142,
  2.045229642, 2.042272456,
];
/** [df, t] beyond 30, the last for df = ∞ (the normal quantile 1.959964). */
const T975_TAIL: readonly (readonly [number, number])[] = [
  [30, 2.042272456],
  [40, 2.02107539],
  [60, 2.000297822],
  [120, 1.979930405],
  [Infinity, 1.959963985],
];

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom: exact (to 9 digits) for df ≤ 30,
 * above that interpolated linearly in 1/df between 30, 40, 60, 120 and ∞ (the usual table rule;
 * error below 1e-4).
 * @throws on df that is not a whole number ≥ 1
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`tQuantile975: expected whole degrees of freedom >= 1, found ${df}`);
  if (df <= 30) return T975[df];
  for (let i = 1; i < T975_TAIL.length; i++) {
    const [d1, t1] = T975_TAIL[i];
    if (df <= d1) {
      const [d0, t0] = T975_TAIL[i - 1];
      const w = (1 / d0 - 1 / df) / (1 / d0 - 1 / d1);
      return t0 + w * (t1 - t0);
    }
  }
  return T975_TAIL[T975_TAIL.length - 1][1];
}

/** A metric over replications: its mean and the half-width of its 95% interval (null for one replication). */
export interface Estimate {
  mean: number;
  /** t · s / √n; null when n = 1. */
  half: number | null;
  n: number;
}

/**
 * Mean and 95% interval half-width of the values (in the given order: the sum is taken in that
 * order so the result does not depend on which worker finished first).
 * @throws on an empty list
 */
export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  if (n === 0) throw new Error('estimate: no values');
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n === 1) return { mean, half: null, n };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  return { mean, half: (tQuantile975(n - 1) * sd) / Math.sqrt(n), n };
}

/** The interval's ends [low, high]; both the mean when there is no interval. */
export function interval(e: Estimate): [number, number] {
  return e.half === null ? [e.mean, e.mean] : [e.mean - e.half, e.mean + e.half];
}

/**
 * A quantile metric (`….p50`, `….p99`, `….p999`) comes from a streaming sketch accurate to
 * QUANTILE_RELATIVE_ERROR of its value. Large replications often land in the same sketch bucket, so
 * their spread is 0 and the Student interval alone would claim certainty; the half-width therefore
 * also carries the sketch's error, `relativeError × magnitude`. A single run keeps no interval.
 */
export function isQuantileMetric(path: string): boolean {
  return /(^|\.)p\d+$/.test(path);
}

/** `e` with the sketch's error added to its half-width (see isQuantileMetric); `magnitude` is |value| it applies to. */
export function withSketchError(e: Estimate, magnitude: number): Estimate {
  if (e.half === null) return e;
  return { ...e, half: e.half + QUANTILE_RELATIVE_ERROR * magnitude };
}
