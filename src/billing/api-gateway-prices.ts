/**
 * API Gateway's request prices, us-east-1, per million API calls received, in monthly tiers
 * (cumulative over the month, per account). Source: https://aws.amazon.com/api-gateway/pricing/ and
 * its copy in the AWS whitepaper "Best Practices for Designing Amazon API Gateway Private APIs and
 * Private Integration", Table 4 (https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html),
 * both as read 2026-11:
 * - REST APIs: first 333 million $3.50, next 667 million $2.80, next 19 billion $2.38, over 20 billion $1.51;
 * - HTTP APIs: first 300 million $1.00, over 300 million $0.90 (metered in 512 KB increments: one
 *   request each here, payload sizes are not modelled).
 * Not included: the 12-month free tier for new accounts (1M calls a month), data transfer out,
 * caching. Other Regions use these prices, with a note.
 */
import { tieredCost } from './tiers.js';
import { MONTH_MS } from './month.js';
import type { DurationTier } from './types.js';

export type ApiType = 'rest' | 'http';

/** Tiers in the shape of tiers.ts: `upToGbSeconds` reads "up to this many requests", `gbSecond` "USD per request". */
const perMillion = (upToMillions: number | null, usd: number): DurationTier => ({
  upToGbSeconds: upToMillions === null ? null : upToMillions * 1_000_000,
  gbSecond: usd / 1_000_000,
});

export const API_GATEWAY_TIERS: Readonly<Record<ApiType, readonly DurationTier[]>> = {
  rest: [perMillion(333, 3.5), perMillion(1000, 2.8), perMillion(20_000, 2.38), perMillion(null, 1.51)],
  http: [perMillion(300, 1.0), perMillion(null, 0.9)],
};

export const API_GATEWAY_PRICE_SOURCE = 'https://aws.amazon.com/api-gateway/pricing/ (us-east-1, as read 2026-11)';

/**
 * The cost of each API's requests (`requests[i]` of type `types[i]`) for the period and for a
 * 30-day month of it (month.ts): the APIs of one type share the account's monthly tiers, so each
 * API pays its share of its type's tiered cost.
 */
export function apiGatewayCosts(
  requests: readonly number[],
  types: readonly ApiType[],
  periodMs: number,
): { period: number[]; perMonth: number[] } {
  const share = (scale: number): number[] => {
    const totals: Record<ApiType, number> = { rest: 0, http: 0 };
    requests.forEach((n, i) => (totals[types[i]] += n * scale));
    return requests.map((n, i) => {
      const total = totals[types[i]];
      return total === 0 ? 0 : (tieredCost(total, API_GATEWAY_TIERS[types[i]]) * n * scale) / total;
    });
  };
  return { period: share(1), perMonth: share(MONTH_MS / periodMs) };
}
