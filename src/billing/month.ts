/**
 * The monthly projection: what the simulated period would cost if it repeated for 30 days.
 *
 * AWS bills Lambda per calendar month and per account: the free tier (1M requests and 400,000 GB-s
 * of on-demand duration per month, https://aws.amazon.com/lambda/pricing/, 2025/26 snapshot) and the
 * duration tiers (6 B GB-s, 15 B GB-s per month, same page) apply once to the month's aggregate.
 * So the month is not the period's cost x (30 d / period), which would apply the free tier once per
 * period: every usage figure of the period (requests, billed ms on demand and on provisioned
 * concurrency, provisioned-concurrency enabled time, the level still on at the end unrounded:
 * provisioned.ts) is scaled by 30 d / period first, and the
 * month's usage is then priced once by the same rules as the period (computeCharges), free tier
 * and tiers included. A 30-day month is the assumption; it is stated in every report that shows it.
 * SnapStart: restores scale like requests; the cache of a SnapStart version is billed for the whole
 * month (the version is assumed to stay published and active), whatever the period's length.
 */
import type { BillingOptions, FunctionUsage } from './types.js';
import { computeCharges, type FunctionCharges } from './charges.js';
import { priceTable } from './prices.js';

/** Days in the projected month. */
export const MONTH_DAYS = 30;
/** Milliseconds in the projected month. */
export const MONTH_MS = MONTH_DAYS * 86_400_000;

/** The month's cost in USD, unrounded: per function (input order) and for the account. */
export interface MonthlyProjection {
  /** How many times the period fits in the month (30 d / period; not necessarily whole). */
  repeats: number;
  /** Whether the monthly free tier was applied (once, to the month). */
  freeTier: boolean;
  /** Per function, in input order. */
  functions: number[];
  total: number;
}

/** The PC enabled time a repeated period bills: the level still on at its end unrounded (provisioned.ts). */
export function monthlyProvisionedMs(u: FunctionUsage): number | undefined {
  return u.provisionedConcurrencyMonthMs ?? u.provisionedConcurrencyMs;
}

/** One period's usage scaled to the month. */
function scaled(u: FunctionUsage, k: number): FunctionUsage {
  return {
    ...u,
    requests: u.requests * k,
    billedMs: u.billedMs * k,
    ...(u.provisionedBilledMs !== undefined ? { provisionedBilledMs: u.provisionedBilledMs * k } : {}),
    ...(u.provisionedConcurrencyMs !== undefined ? { provisionedConcurrencyMs: monthlyProvisionedMs(u)! * k } : {}),
    // Restores scale with traffic; the cache is billed while the version is active: the whole month.
    ...(u.snapStart !== undefined ? { snapStart: { ...u.snapStart, restores: u.snapStart.restores * k, activeMs: MONTH_MS } } : {}),
  };
}

/**
 * Price 30 days of the usage of a `periodMs` period (see the file comment for the rules).
 * @throws RangeError when periodMs is not positive, or on invalid usage or prices
 */
export function projectMonth(usages: readonly FunctionUsage[], options: BillingOptions, periodMs: number): MonthlyProjection {
  if (!(Number.isFinite(periodMs) && periodMs > 0)) throw new RangeError(`billing: period ${periodMs} ms is not a positive duration`);
  const repeats = MONTH_MS / periodMs;
  const { table } = priceTable(options.region, options.prices);
  const { functions, account } = computeCharges(usages.map((u) => scaled(u, repeats)), table, options.freeTier);
  const cost = (c: FunctionCharges): number =>
    c.requests + c.onDemandDuration + c.provisionedDuration + c.provisionedConcurrency + c.storage + c.snapStartCache + c.snapStartRestore;
  let total = account.requests + account.storage + account.snapStartCache + account.snapStartRestore;
  for (const arch of [account.x86_64, account.arm64]) total += arch.onDemandDuration + arch.provisionedDuration + arch.provisionedConcurrency;
  return { repeats, freeTier: options.freeTier, functions: functions.map(cost), total };
}
