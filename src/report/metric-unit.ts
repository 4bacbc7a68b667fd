/**
 * The unit a summary metric is expressed in, for people reading the terminal table
 * (the JSON carries bare numbers; their units are fixed by report-format.md).
 */

/** Groups of time statistics, in ms. */
const TIME_GROUPS = new Set(['duration', 'initDuration', 'latency', 'ageOfOldest', 'iteratorAge']);

/**
 * "ms" for times, "USD" for costs, "" otherwise (counts, fractions, GB-s).
 * @param metric - a dotted metric path, e.g. "checkout.latency.p99" or "total.cost"
 */
export function metricUnit(metric: string): 'ms' | 'USD' | '' {
  const segments = metric.split('.').slice(1);
  if (segments.includes('cost')) return 'USD';
  if (segments.some((s) => TIME_GROUPS.has(s)) || segments.some((s) => s.endsWith('Ms'))) return 'ms';
  return '';
}
