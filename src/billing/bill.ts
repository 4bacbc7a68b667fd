/**
 * `computeBill`: the month's bill in the shape reports use (cost = requests, compute, provisioned, storage).
 *
 * Where duration on provisioned concurrency goes: into `compute`. `compute` is everything paid for
 * running code (on-demand duration at the tiered price, plus duration on PC at the PC duration price);
 * `provisioned` is only the capacity charge, paid whether the capacity is used or not. So comparing a
 * scenario with and without PC shows the standing cost of PC in `provisioned` and the cheaper duration
 * in `compute`. The GB-s stay apart in `FunctionBill` (`gbSeconds` on-demand, `provisionedDurationGbSeconds`),
 * and `invoice()` prints the two duration charges as separate lines, as AWS's examples do.
 */
import type { Bill, BillingOptions, CostBreakdown, FunctionUsage } from './types.js';
import { ARCHITECTURES, computeCharges } from './charges.js';
import { priceTable } from './prices.js';
import { projectMonth } from './month.js';

/**
 * Price a month of usage (rules: see `computeCharges`). Nothing is rounded; use `invoice()` or
 * `roundCostCents()` for cents. Functions keep input order. Per-function costs are shares of the
 * account's charges and add up to `total` up to floating-point error.
 *
 * `total.gbSeconds` is the on-demand GB-s before the free tier (duration on PC is not included).
 *
 * @throws RangeError on invalid usage or price overrides
 */
export function computeBill(usages: readonly FunctionUsage[], options: BillingOptions): Bill {
  const { table, notes } = priceTable(options.region, options.prices);
  const { functions, account } = computeCharges(usages, table, options.freeTier);

  const snapStart = usages.some((u) => u.snapStart !== undefined);
  let compute = 0;
  let provisioned = 0;
  let gbSeconds = 0;
  for (const arch of ARCHITECTURES) {
    const a = account[arch];
    compute += a.onDemandDuration + a.provisionedDuration;
    provisioned += a.provisionedConcurrency;
    gbSeconds += a.gbSeconds;
  }

  return {
    region: options.region,
    prices: table,
    functions: functions.map((f, i) => ({
      name: f.name,
      gbSeconds: f.gbSeconds,
      provisionedDurationGbSeconds: f.provisionedDurationGbSeconds,
      provisionedGbSeconds: f.provisionedGbSeconds,
      cost: breakdown(f.requests, f.onDemandDuration + f.provisionedDuration, f.provisionedConcurrency, f.storage,
        usages[i].snapStart !== undefined ? f : undefined),
    })),
    total: { ...breakdown(account.requests, compute, provisioned, account.storage, snapStart ? account : undefined), gbSeconds },
    ...(options.periodMs !== undefined ? { perMonth: projectMonth(usages, options, options.periodMs) } : {}),
    notes,
  };
}

/** The cost lines; the SnapStart lines only when `snap` is given (a function, or an account, with SnapStart). */
function breakdown(
  requests: number,
  compute: number,
  provisioned: number,
  storage: number,
  snap?: { snapStartCache: number; snapStartRestore: number },
): CostBreakdown {
  if (snap === undefined) return { requests, compute, provisioned, storage, total: requests + compute + provisioned + storage };
  const { snapStartCache, snapStartRestore } = snap;
  return { requests, compute, provisioned, storage, snapStartCache, snapStartRestore, total: requests + compute + provisioned + storage + snapStartCache + snapStartRestore };
}
