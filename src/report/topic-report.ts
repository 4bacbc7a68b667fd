/**
 * How SNS topics appear in the reports (source-report.ts is the seam): the `topics` section of
 * summary.json (`<topic>.published`, `<topic>.deliveries.<subscriber>`, `<topic>.cost.total` for
 * `expect:`) and one summary.txt/md line each. No time-series columns.
 */
import type { TopicResults } from '../model/results.js';
import { integer, usd } from './format-number.js';
import type { SourceReport } from './source-report.js';
import type { TopicSummary } from './summary-types.js';
import { groupThousands as n } from './text-table.js';

export const TOPIC_REPORT: SourceReport<TopicResults, TopicSummary> = {
  section: 'topics',
  rowKind: 'topic',
  columns: [],

  summarize(t) {
    return {
      published: integer(t.published, `${t.name}.published`),
      deliveries: Object.fromEntries(t.deliveries.map((d) => [d.name, integer(d.delivered, `${t.name}.deliveries.${d.name}`)])),
      cost: { total: usd(t.cost, `${t.name}.cost.total`), perMonth: usd(t.costPerMonth, `${t.name}.cost.perMonth`) },
    };
  },

  detail(name, t) {
    const to = Object.entries(t.deliveries).map(([s, count]) => `${s} ${n(count)}`).join(', ');
    return `topic ${name}: published ${n(t.published)}, delivered to ${to}; SNS publishes $${t.cost.total.toFixed(6)}, $${n((t.cost.perMonth ?? 0).toFixed(2))}/month`;
  },
};
