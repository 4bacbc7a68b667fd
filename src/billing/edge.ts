/**
 * Lambda@Edge billing: its own prices, per trigger. No free tier and no duration tiers are applied:
 * the page gives Lambda@Edge one flat rate, and its worked example (oracle 8) subtracts no free tier.
 *
 * Prices (https://aws.amazon.com/lambda/pricing/, Lambda@Edge section, 2025/26 snapshot, as in
 * lambda-behavior.md section 12.2): $0.60 per 1M requests and $0.00000625125 for every 128 MB-second,
 * duration metered in 1 ms increments. Worked example on the same page (lambda-behavior.md oracle 8):
 * 10M requests x 10 ms at 128 MB = 100,000 128MB-s = $0.63, requests $6.00, total $6.63.
 */
import { roundCents } from './invoice.js';

/** The four CloudFront events a Lambda@Edge function can be associated with. */
export const EDGE_TRIGGERS = ['viewer-request', 'origin-request', 'origin-response', 'viewer-response'] as const;
export type EdgeTrigger = (typeof EDGE_TRIGGERS)[number];

export const EDGE_PRICES = {
  requestsPerMillion: 0.6,
  /** USD per 128 MB-second (memory in units of 128 MB x billed seconds). */
  per128MbSecond: 0.00000625125,
  source: 'https://aws.amazon.com/lambda/pricing/ (Lambda@Edge, 2025/26 snapshot)',
} as const;

/** What the invocations of one trigger's function used. */
export interface EdgeUsage {
  trigger: EdgeTrigger;
  function: string;
  memoryMb: number;
  requests: number;
  /** Sum of billed duration, ms (each invocation rounded up to 1 ms). */
  billedMs: number;
}

export interface EdgeCharge extends EdgeUsage {
  /** 128 MB-seconds: billed seconds x memory / 128 MB. */
  units128MbSeconds: number;
  requestsCost: number;
  durationCost: number;
  total: number;
}

/** One trigger's charges, unrounded. */
export function edgeCharge(u: EdgeUsage): EdgeCharge {
  if (!(u.requests >= 0 && u.billedMs >= 0 && u.memoryMb > 0)) throw new RangeError(`edge billing: invalid usage of ${u.trigger}`);
  const units128MbSeconds = ((u.billedMs / 1000) * u.memoryMb) / 128;
  const requestsCost = (u.requests * EDGE_PRICES.requestsPerMillion) / 1e6;
  const durationCost = units128MbSeconds * EDGE_PRICES.per128MbSecond;
  return { ...u, units128MbSeconds, requestsCost, durationCost, total: requestsCost + durationCost };
}

/** An invoice of edge usage, as AWS prints it: requests and duration per trigger rounded to cents, then summed. */
export function edgeInvoice(usages: readonly EdgeUsage[]): { lines: EdgeCharge[]; totalCents: number } {
  const lines = usages.map(edgeCharge);
  let total = 0;
  for (const l of lines) total += roundCents(l.requestsCost) + roundCents(l.durationCost);
  return { lines, totalCents: roundCents(total) };
}
