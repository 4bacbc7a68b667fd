/**
 * How EventBridge buses appear in the reports (source-report.ts is the seam): the `buses` section of
 * summary.json (`<bus>.events`, `<bus>.rules.<rule>.matched`, `<bus>.rules.<rule>.deliveries.<target>`,
 * `<bus>.cost.total` for `expect:`) and one summary.txt/md line each. No time-series columns.
 */
import type { BusResults } from '../model/results.js';
import { integer, usd } from './format-number.js';
import type { SourceReport } from './source-report.js';
import type { BusSummary } from './summary-types.js';
import { groupThousands as n } from './text-table.js';

export const BUS_REPORT: SourceReport<BusResults, BusSummary> = {
  section: 'buses',
  rowKind: 'bus',
  columns: [],

  summarize(b) {
    return {
      events: integer(b.events, `${b.name}.events`),
      serviceEvents: integer(b.serviceEvents, `${b.name}.serviceEvents`),
      rules: Object.fromEntries(
        b.rules.map((r) => [
          r.name,
          {
            matched: integer(r.matched, `${b.name}.rules.${r.name}.matched`),
            deliveries: Object.fromEntries(r.targets.map((t) => [t.name, integer(t.delivered, `${b.name}.rules.${r.name}.deliveries.${t.name}`)])),
          },
        ]),
      ),
      cost: { total: usd(b.cost, `${b.name}.cost.total`), perMonth: usd(b.costPerMonth, `${b.name}.cost.perMonth`) },
    };
  },

  detail(name, b) {
    const rules = Object.entries(b.rules).map(([r, e]) => `${r} matched ${n(e.matched)}`).join(', ');
    const free = b.serviceEvents > 0 ? ` (${n(b.serviceEvents)} from AWS services, free)` : '';
    return `bus ${name}: ${n(b.events)} events${free}, rules ${rules}; EventBridge events $${b.cost.total.toFixed(6)}, $${n((b.cost.perMonth ?? 0).toFixed(2))}/month`;
  },
};
