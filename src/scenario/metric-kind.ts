/**
 * What kind of quantity a summary metric is, from its dotted name alone, so an `expect:` line can
 * be checked before the run (a bare `0.45` on a latency is refused: ms or s?) and its actual value
 * printed in the expectation's unit after it. The names are those of summary.json
 * (report-format.md): time statistics in ms, rates as fractions, money in USD.
 */

/** duration (ms in summary.json), fraction (printed as %), money (USD), or count (anything else: counts, GB-s, averages). */
export type MetricKind = 'duration' | 'fraction' | 'money' | 'count';

/** Groups whose statistics are times in ms. */
const TIME_GROUPS = new Set(['duration', 'initDuration', 'restoreDuration', 'wait', 'latency', 'ageOfOldest', 'iteratorAge', 'eventAge']);
/** Groups whose statistics are fractions (busy / ready environments). */
const FRACTION_GROUPS = new Set(['provisionedConcurrencyUtilization']);

/**
 * The kind of a metric path such as `checkout.latency.p99` (duration), `api.coldStartRate`
 * (fraction), `total.cost.perMonth` (money) or `api.throttles` (count). The first segment (a
 * function, queue or stream name chosen by the user) is never looked at, except `pipelines`.
 */
export function metricKind(metric: string): MetricKind {
  const segments = metric.split('.').slice(1);
  const last = segments[segments.length - 1] ?? '';
  if (segments.includes('cost')) return 'money';
  // The one fixed first segment: chain ends' pipeline latency, `pipelines.<end>.p99` (pipeline-report.ts).
  if (metric.startsWith('pipelines.') && segments.length === 2 && last !== 'samples') return 'duration';
  if (segments.some((s) => TIME_GROUPS.has(s)) || last.endsWith('Ms')) return 'duration';
  if (segments.some((s) => FRACTION_GROUPS.has(s)) || last.endsWith('Rate')) return 'fraction';
  return 'count';
}
