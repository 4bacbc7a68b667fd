/**
 * A bill with Lambda@Edge functions in it: the Lambda bill of the other functions, computed as
 * always, and the edge instances (`fn@region`) charged at edge prices (edge.ts: flat rate, no free
 * tier), merged into one bill whose `functions` follow the model's function order. With no tier and
 * no free tier, a month of edge usage costs the period's cost times the month's repeats exactly.
 */
import { computeBill } from './bill.js';
import { edgeCharge } from './edge.js';
import { MONTH_MS } from './month.js';
import type { Bill, BillingOptions, FunctionBill, FunctionUsage } from './types.js';

/** The bill of `usages`, those with `edge[i]` priced at Lambda@Edge prices. */
export function computeBillWithEdge(usages: readonly FunctionUsage[], edge: readonly boolean[], options: BillingOptions): Bill {
  const lambda = computeBill(usages.filter((_, i) => !edge[i]), options);
  const repeats = options.periodMs !== undefined ? MONTH_MS / options.periodMs : 0;
  const functions: FunctionBill[] = [];
  const perMonth: number[] = [];
  const total = { ...lambda.total };
  let k = 0;
  let edgeMonth = 0;
  usages.forEach((u, i) => {
    if (!edge[i]) {
      functions.push(lambda.functions[k]);
      perMonth.push(lambda.perMonth?.functions[k] ?? 0);
      k++;
      return;
    }
    const c = edgeCharge({ trigger: 'viewer-request', function: u.name, memoryMb: u.memoryMb, requests: u.requests, billedMs: u.billedMs });
    const gbSeconds = ((u.billedMs / 1000) * u.memoryMb) / 1024;
    functions.push({
      name: u.name,
      gbSeconds,
      provisionedDurationGbSeconds: 0,
      provisionedGbSeconds: 0,
      cost: { requests: c.requestsCost, compute: c.durationCost, provisioned: 0, storage: 0, total: c.total },
    });
    perMonth.push(c.total * repeats);
    edgeMonth += c.total * repeats;
    total.requests += c.requestsCost;
    total.compute += c.durationCost;
    total.total += c.total;
    total.gbSeconds += gbSeconds;
  });
  return {
    ...lambda,
    functions,
    total,
    ...(lambda.perMonth !== undefined ? { perMonth: { ...lambda.perMonth, functions: perMonth, total: lambda.perMonth.total + edgeMonth } } : {}),
  };
}
