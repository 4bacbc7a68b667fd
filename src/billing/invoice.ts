/**
 * Money as AWS prints it: each line item rounded to cents, then the rounded lines summed
 * (e.g. Oracle 4: $18.00 + $0.40 + $0.73 + $0.83 = $19.96).
 */
import type { Architecture, BillingOptions, CostBreakdown, FunctionUsage } from './types.js';
import { ARCHITECTURES, computeCharges } from './charges.js';
import { priceTable } from './prices.js';

/**
 * Round USD to cents, half up.
 *
 * The amount is first cut to 15 significant digits, which removes binary noise such as
 * 1.005 * 100 = 100.49999999999999, so a decimal half cent rounds up as it does on paper.
 */
export function roundCents(usd: number): number {
  const cents = Number.parseFloat((usd * 100).toPrecision(15));
  return Math.round(cents) / 100;
}

/**
 * A cost breakdown in cents: each category rounded, and `total` the sum of the rounded categories
 * (not the rounded total), like an invoice.
 */
export function roundCostCents(cost: CostBreakdown): CostBreakdown {
  const requests = roundCents(cost.requests);
  const compute = roundCents(cost.compute);
  const provisioned = roundCents(cost.provisioned);
  const storage = roundCents(cost.storage);
  if (cost.snapStartCache === undefined && cost.snapStartRestore === undefined) {
    return { requests, compute, provisioned, storage, total: roundCents(requests + compute + provisioned + storage) };
  }
  const snapStartCache = roundCents(cost.snapStartCache ?? 0);
  const snapStartRestore = roundCents(cost.snapStartRestore ?? 0);
  return {
    requests, compute, provisioned, storage, snapStartCache, snapStartRestore,
    total: roundCents(requests + compute + provisioned + storage + snapStartCache + snapStartRestore),
  };
}

/** What a line item charges for, in the words of AWS's pricing examples. */
export type InvoiceItem = 'requests' | 'duration' | 'provisionedConcurrency' | 'provisionedDuration' | 'storage' | 'snapStartCache' | 'snapStartRestore';

/** One line of an AWS-style invoice. */
export interface InvoiceLine {
  item: InvoiceItem;
  /** Set for the per-architecture items (duration, provisioned concurrency, provisioned duration). */
  architecture?: Architecture;
  /** Billable units after the free tier: requests, GB-s, or GB restored (snapStartRestore). */
  quantity: number;
  /** Charge in USD, unrounded. */
  amount: number;
  /** Charge rounded to cents (what AWS prints). */
  cents: number;
}

/** An AWS-style invoice for one Region and month. */
export interface Invoice {
  region: string;
  /** Line items with any usage, in a fixed order: requests, duration, PC, PC duration (each x86 then Arm), storage, SnapStart cache, SnapStart restores. */
  lines: InvoiceLine[];
  /** Sum of the lines' `cents`. */
  total: number;
  /** Notes from the price table (fallback Region, overrides). */
  notes: string[];
}

/**
 * Price `usages` like an AWS pricing example: one line per charge and architecture, aggregated over
 * functions, each rounded to cents, then summed. Lines without usage are left out.
 * Same rules as `computeBill` (both use `computeCharges`).
 *
 * @throws RangeError on invalid usage or price overrides
 */
export function invoice(usages: readonly FunctionUsage[], options: BillingOptions): Invoice {
  const { table, notes } = priceTable(options.region, options.prices);
  const { account } = computeCharges(usages, table, options.freeTier);
  const lines: InvoiceLine[] = [];
  const add = (item: InvoiceItem, used: number, quantity: number, amount: number, architecture?: Architecture): void => {
    if (used > 0) lines.push({ item, ...(architecture ? { architecture } : {}), quantity, amount, cents: roundCents(amount) });
  };

  let requests = 0;
  for (const u of usages) requests += u.requests;
  add('requests', requests, account.billableRequests, account.requests);
  for (const arch of ARCHITECTURES) {
    const a = account[arch];
    add('duration', a.gbSeconds, a.billableGbSeconds, a.onDemandDuration, arch);
  }
  for (const arch of ARCHITECTURES) {
    const a = account[arch];
    add('provisionedConcurrency', a.provisionedGbSeconds, a.provisionedGbSeconds, a.provisionedConcurrency, arch);
  }
  for (const arch of ARCHITECTURES) {
    const a = account[arch];
    add('provisionedDuration', a.provisionedDurationGbSeconds, a.provisionedDurationGbSeconds, a.provisionedDuration, arch);
  }
  add('storage', account.storageGbSeconds, account.storageGbSeconds, account.storage);
  add('snapStartCache', account.snapStartCacheGbSeconds, account.snapStartCacheGbSeconds, account.snapStartCache);
  add('snapStartRestore', account.snapStartRestoredGb, account.snapStartRestoredGb, account.snapStartRestore);

  let total = 0;
  for (const line of lines) total += line.cents;
  return { region: options.region, lines, total: roundCents(total), notes };
}
