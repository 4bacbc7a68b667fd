/**
 * `billing:` (scenario-format.md, top level): rounding, free tier, INIT billing and price
 * overrides, read into the model's {@link BillingInput}.
 */
import { z } from 'zod';
import type { BillingInput } from '../model/input.js';
import { DEFAULTS } from './defaults.js';
import { customIssue, enumField, numberField, strictObject } from './fields.js';

const price = (what: string) => numberField(0).optional().describe(what);

const durationTier = strictObject({
  upToGbSeconds: numberField(0, undefined, true)
    .nullable()
    .describe('Upper end of the band in cumulative GB-s per month; null for the last, unbounded band.'),
  gbSecond: numberField(0).describe('USD per GB-s within the band.'),
});

const durationTiers = z
  .array(durationTier, { error: 'a list of {upToGbSeconds, gbSecond} bands' })
  .min(1, { error: 'a list of at least one {upToGbSeconds, gbSecond} band' })
  .superRefine((tiers, ctx) => {
    // Bands must cover every GB-s exactly once: increasing bounds, and only the last one open.
    let previous = 0;
    tiers.forEach((tier, index) => {
      const last = index === tiers.length - 1;
      if (tier.upToGbSeconds === null) {
        if (!last) ctx.issues.push(customIssue('a number (only the last band may be null)', null, {}, [index, 'upToGbSeconds']));
        return;
      }
      if (last) {
        ctx.issues.push(customIssue('null (the last band has no upper bound)', tier.upToGbSeconds, {}, [index, 'upToGbSeconds']));
      } else if (tier.upToGbSeconds <= previous) {
        ctx.issues.push(customIssue(`a bound greater than the previous band's (${previous})`, tier.upToGbSeconds, {}, [index, 'upToGbSeconds']));
      }
      previous = tier.upToGbSeconds;
    });
  });

const architecturePrices = strictObject({
  gbSecond: price('Flat USD per GB-s of on-demand duration; replaces the tiers.'),
  durationTiers: durationTiers.optional().describe('Monthly duration price bands (cumulative GB-s).'),
  provisionedGbSecond: price('USD per GB-s of provisioned concurrency capacity.'),
  provisionedDurationGbSecond: price('USD per GB-s of duration on provisioned concurrency.'),
}).superRefine((prices, ctx) => {
  if (prices.gbSecond !== undefined && prices.durationTiers !== undefined) {
    ctx.issues.push(
      customIssue('either gbSecond or durationTiers', prices.durationTiers, { reason: 'give either gbSecond or durationTiers, not both' }, ['durationTiers']),
    );
  }
});

/** `billing.prices`: any subset of the built-in price table (src/billing/types.ts PriceOverrides). */
export const priceOverridesSchema = strictObject({
  requestsPerMillion: price('USD per million requests.'),
  ephemeralGbSecond: price('USD per GB-s of ephemeral storage above 512 MB.'),
  freeTierRequests: price('Requests per month in the free tier.'),
  freeTierGbSeconds: price('GB-s per month in the free tier.'),
  x86_64: architecturePrices.optional().describe('Prices for x86_64 functions.'),
  arm64: architecturePrices.optional().describe('Prices for arm64 functions.'),
}).describe('Overrides of the built-in price table of the region (USD).');

/** `billing:`; `granularity: 1ms | 100ms` becomes `granularityMs: 1 | 100`. */
export const billingSchema = strictObject({
  granularity: enumField(['1ms', '100ms'])
    .default(DEFAULTS.billing.granularity)
    .describe('Duration rounding per invocation: 1ms (since Dec 2020) or 100ms (before). Default 1ms.'),
  freeTier: z
    .boolean({ error: 'true or false' })
    .default(DEFAULTS.billing.freeTier)
    .describe('Subtract the monthly free tier (1M requests, 400,000 GB-s). Default false.'),
  billInit: z
    .boolean({ error: 'true or false' })
    .default(DEFAULTS.billing.billInit)
    .describe('Bill the INIT phase of on-demand environments (AWS does for all since 2025-08-01). Default true.'),
  prices: priceOverridesSchema.prefault({}),
})
  .describe('How the simulated usage is billed.')
  .transform(
    (b): BillingInput => ({
      granularityMs: b.granularity === '100ms' ? 100 : 1,
      freeTier: b.freeTier,
      billInit: b.billInit,
      prices: b.prices,
    }),
  );
