/**
 * A summary metric's value for people, in the unit its `expect:` line was written in when there is
 * one (`eventAge.p99 < 40m` -> `28.7 min`, `coldStartRate < 1%` -> `0.0469%`), else in a unit that
 * reads well. summary.json carries bare numbers; their units are fixed by report-format.md
 * (times in ms, rates as fractions, money in USD), and the kind of each metric comes from its name.
 */
import { metricKind } from '../scenario/metric-kind.js';
import { humanMs, humanPercent, humanUsd, inDurationUnit, significant } from './humanize.js';
import { groupThousands } from './text-table.js';

/**
 * Prints `value` (in summary.json's unit) for the metric `metric`.
 * @param unit - the unit written in the expectation (`ms`, `m`, `%`, `USD`), if any
 * @example formatMetricValue(1719268.438, 'thumbnail.async.eventAge.p99', 'm') === '28.7 min'
 */
export function formatMetricValue(value: number, metric: string, unit?: string): string {
  switch (metricKind(metric)) {
    case 'duration':
      return unit === undefined ? humanMs(value) : inDurationUnit(value, unit);
    case 'fraction':
      return humanPercent(value);
    case 'money':
      return humanUsd(value);
    case 'count':
      // Counts are exact: all their digits. Averages and GB-s are not counts of anything: 3 figures.
      return Number.isInteger(value) ? groupThousands(value) : significant(value);
  }
}
