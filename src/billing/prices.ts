/**
 * Built-in AWS Lambda price tables, and `priceTable()` which picks one for a Region and applies a
 * scenario's overrides.
 *
 * Only us-east-1 is built in. Other Regions fall back to it with a note: the Region price lists found
 * while writing this (third-party copies of the first duration tier only) did not cover requests,
 * tiers, provisioned concurrency or storage, and a partial table would be wrong without saying so.
 * A scenario that needs another Region's prices can give them in `billing.prices`.
 */
import type { PriceOverrides, PriceTable } from './types.js';
import { applyOverrides } from './overrides.js';

/**
 * us-east-1 (US East, N. Virginia), current prices.
 *
 * Source of every figure below unless a line says otherwise: https://aws.amazon.com/lambda/pricing/
 * (2025/26 snapshot, as recorded in lambda-behavior.md §12.2). Tier bounds and prices also in
 * https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/ (2022-08, tiers are
 * 10% and 20% discounts). PC and storage rate codes (`Lambda Provisioned-Concurrency` 0.0000041667,
 * `Lambda Duration-Provisioned` 0.0000097222, `Lambda Storage-Duration` 0.0000000309) match the AWS
 * price list as quoted in public code (same section).
 */
const US_EAST_1: PriceTable = {
  region: 'us-east-1',
  source:
    'https://aws.amazon.com/lambda/pricing/ (2025/26 snapshot); tiers: https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/ (2022-08)',
  // $0.20 per 1M requests, both architectures. https://aws.amazon.com/lambda/pricing/ (2025/26 snapshot)
  requestsPerMillion: 0.2,
  // $0.0000000309 per GB-s of ephemeral storage above 512 MB. https://aws.amazon.com/lambda/pricing/ (2025/26 snapshot)
  ephemeralGbSecond: 0.0000000309,
  // Monthly free tier: 1M requests and 400,000 GB-s, shared by x86 and Arm. https://aws.amazon.com/lambda/pricing/ (2025/26 snapshot)
  freeTierRequests: 1_000_000,
  freeTierGbSeconds: 400_000,
  x86_64: {
    // https://aws.amazon.com/lambda/pricing/ (2025/26 snapshot); blog 2022-08 above.
    durationTiers: [
      { upToGbSeconds: 6_000_000_000, gbSecond: 0.0000166667 }, // first 6 B GB-s / month
      { upToGbSeconds: 15_000_000_000, gbSecond: 0.000015 }, // next 9 B
      { upToGbSeconds: null, gbSecond: 0.0000133334 }, // over 15 B
    ],
    // https://aws.amazon.com/lambda/pricing/ (2025/26 snapshot)
    provisionedGbSecond: 0.0000041667,
    // https://aws.amazon.com/lambda/pricing/ (2025/26 snapshot)
    provisionedDurationGbSecond: 0.0000097222,
  },
  arm64: {
    // https://aws.amazon.com/lambda/pricing/ (2025/26 snapshot); blog 2022-08 above.
    durationTiers: [
      { upToGbSeconds: 7_500_000_000, gbSecond: 0.0000133334 }, // first 7.5 B GB-s / month
      { upToGbSeconds: 18_750_000_000, gbSecond: 0.0000120001 }, // next 11.25 B
      { upToGbSeconds: null, gbSecond: 0.0000106667 }, // over 18.75 B
    ],
    // https://aws.amazon.com/lambda/pricing/ (2025/26 snapshot)
    provisionedGbSecond: 0.0000033334,
    // https://aws.amazon.com/lambda/pricing/ (2025/26 snapshot)
    provisionedDurationGbSecond: 0.0000077778,
  },
};

/**
 * The x86_64 on-demand duration price of the pre-2020 pricing page, $0.00001667 per GB-s (100 ms era),
 * before AWS printed it as $0.0000166667. Old worked examples (Oracle 12, 13) only reproduce with it:
 * pass `{ x86_64: { gbSecond: LEGACY_X86_GB_SECOND } }` as overrides.
 * Source: archived https://aws.amazon.com/lambda/pricing/ (pre-December 2020), lambda-behavior.md §12.2.
 */
export const LEGACY_X86_GB_SECOND = 0.00001667;

/** The Region whose prices are used when a Region has no table of its own. */
export const DEFAULT_PRICE_REGION = 'us-east-1';

/** Built-in tables by Region code. A Map, so a Region named like an Object property cannot match by accident. */
const TABLES: ReadonlyMap<string, PriceTable> = new Map([[US_EAST_1.region, US_EAST_1]]);

/** Region codes that have a built-in price table, in a stable order. */
export function pricedRegions(): string[] {
  return [...TABLES.keys()];
}

/**
 * The price table for `region`, with `overrides` applied.
 *
 * Unknown Regions get the us-east-1 table (its `region` field stays `us-east-1`, so the table says
 * whose prices it holds) and a note "no price table for <region>; us-east-1 prices used".
 * Overrides: a flat `gbSecond` replaces an architecture's tiers with one unbounded tier,
 * `durationTiers` replaces the tiers, every other field replaces its counterpart; a note lists them.
 *
 * @returns a fresh table (safe to mutate) and human-readable notes for the report
 * @throws RangeError on invalid overrides (see `applyOverrides`)
 */
export function priceTable(region: string, overrides?: PriceOverrides): { table: PriceTable; notes: string[] } {
  const notes: string[] = [];
  let base = TABLES.get(region);
  if (base === undefined) {
    base = US_EAST_1;
    notes.push(`no price table for ${region}; ${DEFAULT_PRICE_REGION} prices used`);
  }
  const table = applyOverrides(copyTable(base), overrides, notes);
  return { table, notes };
}

/** Deep copy, so nobody can change the built-in constants through a returned table. */
function copyTable(t: PriceTable): PriceTable {
  return {
    ...t,
    x86_64: { ...t.x86_64, durationTiers: t.x86_64.durationTiers.map((tier) => ({ ...tier })) },
    arm64: { ...t.arm64, durationTiers: t.arm64.durationTiers.map((tier) => ({ ...tier })) },
  };
}
