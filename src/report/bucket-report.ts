/**
 * How S3 buckets appear in the reports (source-report.ts is the seam): the `buckets` section of
 * summary.json (`<bucket>.objects`, `<bucket>.notifications.<target>.matched|delivered|inFlightAtEnd|inFlightAtStart`,
 * `<bucket>.cost.total` for `expect:`) and one summary.txt/md line each. No time-series columns.
 */
import type { BucketResults } from '../model/results.js';
import { integer, usd } from './format-number.js';
import type { SourceReport } from './source-report.js';
import type { BucketSummary } from './summary-types.js';
import { groupThousands as n } from './text-table.js';

export const BUCKET_REPORT: SourceReport<BucketResults, BucketSummary> = {
  section: 'buckets',
  rowKind: 'bucket',
  columns: [],

  summarize(b) {
    return {
      objects: integer(b.objects, `${b.name}.objects`),
      ...(b.eventBridgeEvents !== undefined ? { eventBridgeEvents: integer(b.eventBridgeEvents, `${b.name}.eventBridgeEvents`) } : {}),
      notifications: Object.fromEntries(
        b.notifications.map((t) => [
          t.name,
          {
            matched: integer(t.matched, `${b.name}.notifications.${t.name}.matched`),
            delivered: integer(t.delivered, `${b.name}.notifications.${t.name}.delivered`),
            inFlightAtEnd: integer(t.inFlightAtEnd, `${b.name}.notifications.${t.name}.inFlightAtEnd`),
            // With a warm-up, the notifications already in flight when it ended (delivered in the measured period).
            ...(t.inFlightAtStart !== undefined ? { inFlightAtStart: integer(t.inFlightAtStart, `${b.name}.notifications.${t.name}.inFlightAtStart`) } : {}),
          },
        ]),
      ),
      cost: { total: usd(b.cost, `${b.name}.cost.total`), perMonth: usd(b.costPerMonth, `${b.name}.cost.perMonth`) },
    };
  },

  detail(name, b) {
    const to = Object.entries(b.notifications).map(([t, c]) => `${t} ${n(c.delivered)}${c.inFlightAtEnd > 0 ? ` (+${n(c.inFlightAtEnd)} in flight)` : ''}`).join(', ');
    const bus = b.eventBridgeEvents !== undefined ? `, ${n(b.eventBridgeEvents)} events to EventBridge` : '';
    return `bucket ${name}: ${n(b.objects)} objects, notified ${to === '' ? 'none' : to}${bus}; S3 PUTs $${b.cost.total.toFixed(6)}, $${n((b.cost.perMonth ?? 0).toFixed(2))}/month`;
  },
};
