/**
 * The other AWS services' charges next to Lambda's bill. `total.cost` is Lambda only (its value is a
 * contract); S3 PUTs, SNS publishes, EventBridge events and API Gateway requests are each priced on
 * their own entry (`buckets.<b>.cost`, ...). A user asking "what does it all cost" needs their sum:
 * summary.json `services` (one key per service the scenario has, then `total`, `totalPerMonth`) and
 * `total.costWithServices` / `total.costWithServicesPerMonth` (Lambda + services), plus one
 * summary.txt/md line. Sums of the already rounded per-entry costs, so the figures add up as shown.
 */
import { usd } from './format-number.js';
import { groupThousands } from './text-table.js';
import type { ServicesCostSummary, Summary, TotalSummary } from './summary-types.js';

type CostEntries = Record<string, { cost: { total: number; perMonth?: number } }> | undefined;

/** Each service: its summary section and its name in `services` and in the summary line. */
const SERVICES = [
  { key: 's3', section: 'buckets', label: 'S3 PUTs' },
  { key: 'sns', section: 'topics', label: 'SNS' },
  { key: 'eventBridge', section: 'buses', label: 'EventBridge' },
  { key: 'apiGateway', section: 'apiGateways', label: 'API Gateway' },
] as const;

/** The services block of a summary's sections, or undefined when the scenario has none of them. */
export function summarizeServices(sections: Pick<Summary, 'buckets' | 'topics' | 'buses' | 'apiGateways'>): ServicesCostSummary | undefined {
  const out: Record<string, { total: number; perMonth?: number }> = {};
  let total = 0;
  let perMonth: number | undefined = 0;
  for (const s of SERVICES) {
    const entries = Object.values((sections[s.section] as CostEntries) ?? {});
    if (entries.length === 0) continue;
    const t = usd(entries.reduce((acc, e) => acc + e.cost.total, 0), `services.${s.key}.total`);
    // A month only when every entry has one (an API without a monthly projection has none).
    const m = entries.every((e) => e.cost.perMonth !== undefined) ? usd(entries.reduce((acc, e) => acc + e.cost.perMonth!, 0), `services.${s.key}.perMonth`) : undefined;
    out[s.key] = m === undefined ? { total: t } : { total: t, perMonth: m };
    total += t;
    perMonth = perMonth === undefined || m === undefined ? undefined : perMonth + m;
  }
  if (Object.keys(out).length === 0) return undefined;
  return {
    ...out,
    total: usd(total, 'services.total'),
    ...(perMonth !== undefined ? { totalPerMonth: usd(perMonth, 'services.totalPerMonth') } : {}),
  } as ServicesCostSummary;
}

/** `total` with Lambda + services added (the month only when both have one). */
export function withServicesCost(total: TotalSummary, services: ServicesCostSummary | undefined): TotalSummary {
  if (services === undefined) return total;
  const month = total.cost.perMonth !== undefined && services.totalPerMonth !== undefined ? total.cost.perMonth + services.totalPerMonth : undefined;
  return {
    ...total,
    costWithServices: usd(total.cost.total + services.total, 'total.costWithServices'),
    ...(month !== undefined ? { costWithServicesPerMonth: usd(month, 'total.costWithServicesPerMonth') } : {}),
  };
}

/**
 * "other services: S3 PUTs $650.64, SNS $12.97 per month; all together $2,876.62 per month (Lambda
 * $2,213.01 of it)", or the measured period's figures when there is no month; undefined without services.
 */
export function servicesCostText(summary: Summary): string | undefined {
  const s = summary.services;
  if (s === undefined) return undefined;
  const month = s.totalPerMonth !== undefined && summary.total.costWithServicesPerMonth !== undefined;
  // Months to cents as the USD/month column; a measured period to 6 decimals as the cost column.
  const money = (v: number): string => `$${groupThousands(v.toFixed(month ? 2 : 6))}`;
  const parts = SERVICES.filter((x) => s[x.key] !== undefined).map((x) => `${x.label} ${money(month ? s[x.key]!.perMonth! : s[x.key]!.total)}`);
  const per = month ? ' per month' : ' for the measured period';
  const all = month ? summary.total.costWithServicesPerMonth! : summary.total.costWithServices!;
  const lambda = month ? summary.total.cost.perMonth! : summary.total.cost.total;
  return `other services: ${parts.join(', ')}${per}; all together ${money(all)}${per} (Lambda ${money(lambda)} of it)`;
}
