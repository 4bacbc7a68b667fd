/**
 * A histogram of microseconds as report statistics in ms: the one rule (null statistics when empty,
 * quantiles clamped to the exact extremes) shared by functions' and event sources' entries.
 */
import type { DistributionSummary, ShortDistributionSummary } from './summary-types.js';
import { assertFinite, integer, usToMs } from './format-number.js';

/**
 * What the report reads from a histogram (values in microseconds). Structural, so report code
 * depends on the metrics layer's behaviour, not its file.
 */
export interface HistogramView {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  mean(): number;
  /** q in [0, 1]. */
  quantile(q: number): number;
}

/**
 * Statistics of a histogram of microseconds, in ms, with the number of samples. An empty histogram
 * gives `samples: 0` and null statistics (a function whose calls were all throttled has no latency:
 * 0 ms would read as instant, and NaN must never reach a file). Quantiles are
 * clamped to [min, max] because a bucketed estimate can overshoot the exact extremes, and a
 * report showing p999 above max would look wrong.
 */
export function summarizeHistogram(h: HistogramView, field: string): DistributionSummary {
  if (h.count === 0) return { samples: 0, mean: null, p50: null, p90: null, p99: null, p999: null, max: null };
  const min = assertFinite(h.min, `${field}.min`);
  const max = assertFinite(h.max, `${field}.max`);
  const q = (p: number, name: string): number =>
    usToMs(Math.min(max, Math.max(min, assertFinite(h.quantile(p), `${field}.${name}`))), `${field}.${name}`);
  return {
    samples: integer(h.count, `${field}.samples`),
    mean: usToMs(h.mean(), `${field}.mean`),
    p50: q(0.5, 'p50'),
    p90: q(0.9, 'p90'),
    p99: q(0.99, 'p99'),
    p999: q(0.999, 'p999'),
    max: usToMs(max, `${field}.max`),
  };
}

/** A histogram's mean, p50, p99 and max (ms): the short distribution of queues and streams. */
export function shortDistribution(h: HistogramView, field: string): ShortDistributionSummary {
  const d = summarizeHistogram(h, field);
  return { samples: d.samples, mean: d.mean, p50: d.p50, p99: d.p99, max: d.max };
}
