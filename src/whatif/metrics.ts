/**
 * The metrics a sweep or comparison reports per function (and for the account total), read from a
 * run's summary.json, with the rounding each prints with.
 *
 * Cost per month is summary.json's `cost.perMonth`: the simulated period's usage repeated over 30
 * days, priced once for the month (free tier, when enabled, applied once).
 */
import type { FunctionSummary, Summary, TotalSummary } from '../report/index.js';

/** 30 days in ms: the month of "cost per month". */
export const MONTH_MS = 30 * 24 * 3600 * 1000;

/** The sentence every output that shows cost per month carries. */
export const PER_MONTH_NOTE = 'Cost per month = the measured period\'s usage repeated over 30 days and priced for the month (free tier, when enabled, applied once).';

export type MetricKey = 'cost' | 'costPerMonth' | 'p50' | 'p99' | 'throttles' | 'coldStarts' | 'errors';

/** One reported metric. */
export interface MetricDef {
  key: MetricKey;
  /** Column name in CSV (with its unit). */
  column: string;
  /** Heading in Markdown tables. */
  title: string;
  /** Decimals it prints with. */
  decimals: number;
  /** A count of events (never below 0): its interval is shown clamped at 0 (format.ts metricText). */
  count?: true;
  /** Its value for a function, or for the total (undefined where it has none: latency of the total). */
  read: (entry: FunctionSummary | TotalSummary, simulatedMs: number) => number | undefined;
}

const latency = (stat: 'p50' | 'p99') => (entry: FunctionSummary | TotalSummary): number | undefined =>
  'latency' in entry ? entry.latency[stat] ?? undefined : undefined;

/** In output order. */
export const METRICS: readonly MetricDef[] = [
  { key: 'cost', column: 'cost_usd', title: 'cost', decimals: 8, read: (e) => e.cost.total },
  { key: 'costPerMonth', column: 'cost_per_month_usd', title: 'cost/month', decimals: 4, read: (e, ms) => e.cost.perMonth ?? (e.cost.total * MONTH_MS) / ms },
  { key: 'p50', column: 'latency_p50_ms', title: 'p50', decimals: 3, read: latency('p50') },
  { key: 'p99', column: 'latency_p99_ms', title: 'p99', decimals: 3, read: latency('p99') },
  { key: 'throttles', column: 'throttles', title: 'throttles', decimals: 3, count: true, read: (e) => e.throttles },
  { key: 'coldStarts', column: 'cold_starts', title: 'cold starts', decimals: 3, count: true, read: (e) => e.coldStarts },
  { key: 'errors', column: 'errors', title: 'errors', decimals: 3, count: true, read: (e) => e.errors },
];

/** The entries a summary reports on: each function in summary order, then `total`. */
export function entries(summary: Summary): [string, FunctionSummary | TotalSummary][] {
  return [...Object.entries(summary.functions), ['total', summary.total]];
}
