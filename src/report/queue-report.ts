/**
 * How SQS queues appear in the reports (source-report.ts is the seam): the `queues` section of
 * summary.json, `queue` rows of timeseries.csv with the visible and in-flight messages, two series
 * per queue in the backlog chart, and one detail line each.
 */
import type { QueueResults } from '../model/results.js';
import { IN_FLIGHT, VISIBLE } from '../model/sqs.js';
import { backlogTrendWords, summarizeBacklogTrend } from './backlog-trend.js';
import { fraction, integer, usToMs } from './format-number.js';
import { shortDistribution } from './histogram-summary.js';
import type { BacklogPoint, SourceReport } from './source-report.js';
import type { QueueSummary } from './summary-types.js';
import { groupThousands as n } from './text-table.js';
import { shortDuration } from './humanize.js';

export const QUEUE_REPORT: SourceReport<QueueResults, QueueSummary> = {
  section: 'queues',
  rowKind: 'queue',
  // In the model's probe order: VISIBLE, IN_FLIGHT.
  columns: [
    { header: 'messages_visible_max', aggregate: 'level', cell: String },
    { header: 'messages_in_flight_max', aggregate: 'level', cell: String },
  ],

  /** Contract fields, then the extensions received, visible and pollerLimitMax, and the stock at the end of a warm-up. */
  summarize(q) {
    const i = (value: number, key: string): number => integer(value, `${q.name}.${key}`);
    return {
      sent: i(q.sent, 'sent'),
      deleted: i(q.deleted, 'deleted'),
      deadLettered: i(q.deadLettered, 'deadLettered'),
      visibleAtEnd: i(q.visibleAtEnd, 'visibleAtEnd'),
      inFlightAtEnd: i(q.inFlightAtEnd, 'inFlightAtEnd'),
      ageOfOldest: { max: usToMs(q.ageOfOldestMax, `${q.name}.ageOfOldest.max`) },
      latency: shortDistribution(q.latency, `${q.name}.latency`),
      received: i(q.received, 'received'),
      batches: i(q.batches, 'batches'),
      // Two decimals: a mean of whole counts, "1.3 messages" says what matters (batches that barely fill).
      meanBatchSize: q.batches === 0 ? 0 : Math.round((q.received / q.batches) * 100) / 100,
      visible: { max: i(q.visibleMax, 'visible.max'), mean: fraction(q.visibleMean, `${q.name}.visible.mean`) },
      pollerLimitMax: i(q.pollerLimitMax, 'pollerLimitMax'),
      ...(q.visibleAtStart !== undefined ? { visibleAtStart: i(q.visibleAtStart, 'visibleAtStart') } : {}),
      ...(q.inFlightAtStart !== undefined ? { inFlightAtStart: i(q.inFlightAtStart, 'inFlightAtStart') } : {}),
      ...(q.backlogTrend !== undefined ? { backlogTrend: summarizeBacklogTrend(q.backlogTrend, `${q.name}.backlogTrend`) } : {}),
    };
  },

  detail(name, q) {
    return (
      `queue ${name}: sent ${n(q.sent)}, deleted ${n(q.deleted)}, dead-lettered ${n(q.deadLettered)},` +
      // A queue that never held a message has no oldest message: "0 ms" would read as a measurement.
      (q.sent === 0 && (q.visibleAtStart ?? 0) === 0
        ? ' never held a message'
        : ` visible at end ${n(q.visibleAtEnd)}, in flight at end ${n(q.inFlightAtEnd)}, oldest message ${shortDuration(q.ageOfOldest.max)}`) +
      (q.batches > 0 ? `, ${q.meanBatchSize} messages per batch` : '') +
      backlogTrendWords(q.backlogTrend)
    );
  },

  /** One row per queue: the messages visible and in flight (levels: never null). */
  chart(names, bins, t) {
    const order: string[] = [];
    const points: BacklogPoint[] = [];
    names.forEach((name, q) => {
      const row = `${name}: SQS messages`;
      order.push(row);
      bins[VISIBLE][q].forEach((value, i) => points.push({ t: t(i), row, what: 'messages visible', value: value ?? 0 }));
      bins[IN_FLIGHT][q].forEach((value, i) => points.push({ t: t(i), row, what: 'messages in flight', value: value ?? 0 }));
    });
    return { order, points, colours: { 'messages visible': '#4c78a8', 'messages in flight': '#f58518' } };
  },
};
