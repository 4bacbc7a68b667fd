// Price tables: the built-in us-east-1 figures (https://aws.amazon.com/lambda/pricing/, lambda-behavior.md
// §12.2), the fallback for Regions without a table, and scenario overrides.
import { describe, expect, it } from 'vitest';
import { computeBill } from '../src/billing/bill.js';
import { priceTable, pricedRegions } from '../src/billing/prices.js';
import type { FunctionUsage } from '../src/billing/types.js';

describe('built-in table', () => {
  it('us-east-1 has the pricing page figures', () => {
    const { table, notes } = priceTable('us-east-1');
    expect(notes).toEqual([]);
    expect(table.region).toBe('us-east-1');
    expect(table.source).toContain('https://aws.amazon.com/lambda/pricing/');
    expect(table.requestsPerMillion).toBe(0.2);
    expect(table.ephemeralGbSecond).toBe(0.0000000309);
    expect([table.freeTierRequests, table.freeTierGbSeconds]).toEqual([1_000_000, 400_000]);
    expect(table.x86_64).toEqual({
      durationTiers: [
        { upToGbSeconds: 6e9, gbSecond: 0.0000166667 },
        { upToGbSeconds: 15e9, gbSecond: 0.000015 },
        { upToGbSeconds: null, gbSecond: 0.0000133334 },
      ],
      provisionedGbSecond: 0.0000041667,
      provisionedDurationGbSecond: 0.0000097222,
    });
    expect(table.arm64).toEqual({
      durationTiers: [
        { upToGbSeconds: 7.5e9, gbSecond: 0.0000133334 },
        { upToGbSeconds: 18.75e9, gbSecond: 0.0000120001 },
        { upToGbSeconds: null, gbSecond: 0.0000106667 },
      ],
      provisionedGbSecond: 0.0000033334,
      provisionedDurationGbSecond: 0.0000077778,
    });
  });

  it('returns a copy: changing it does not change the built-in table', () => {
    const first = priceTable('us-east-1').table;
    first.requestsPerMillion = 99;
    first.x86_64.durationTiers[0].gbSecond = 99;
    const second = priceTable('us-east-1').table;
    expect(second.requestsPerMillion).toBe(0.2);
    expect(second.x86_64.durationTiers[0].gbSecond).toBe(0.0000166667);
  });

  it('lists the Regions it has', () => {
    expect(pricedRegions()).toEqual(['us-east-1']);
  });
});

describe('Regions without a table', () => {
  it('fall back to us-east-1 prices with a note', () => {
    const { table, notes } = priceTable('eu-south-2');
    expect(notes).toEqual(['no price table for eu-south-2; us-east-1 prices used']);
    expect(table.region).toBe('us-east-1');
    expect(table.x86_64.durationTiers[0].gbSecond).toBe(0.0000166667);
  });

  it('the note reaches the bill, which keeps the requested Region', () => {
    const bill = computeBill([], { region: 'ap-east-1', freeTier: false });
    expect(bill.region).toBe('ap-east-1');
    expect(bill.prices.region).toBe('us-east-1');
    expect(bill.notes).toEqual(['no price table for ap-east-1; us-east-1 prices used']);
  });

  it('an Object property name is not a Region', () => {
    expect(priceTable('constructor').notes).toEqual(['no price table for constructor; us-east-1 prices used']);
  });
});

describe('overrides', () => {
  const oneGbSecond: FunctionUsage = {
    name: 'f', architecture: 'x86_64', memoryMb: 1024, ephemeralStorageMb: 512, requests: 1_000_000, billedMs: 1_000,
  };

  it('a flat gbSecond replaces the tiers with one unbounded tier', () => {
    const { table, notes } = priceTable('us-east-1', { x86_64: { gbSecond: 0.00001667 } });
    expect(table.x86_64.durationTiers).toEqual([{ upToGbSeconds: null, gbSecond: 0.00001667 }]);
    expect(table.arm64.durationTiers).toHaveLength(3);
    expect(notes).toEqual(['price overrides: x86_64.gbSecond=0.00001667']);
  });

  it('durationTiers replace the tiers', () => {
    const tiers = [
      { upToGbSeconds: 100, gbSecond: 1 },
      { upToGbSeconds: null, gbSecond: 0.5 },
    ];
    const { table } = priceTable('us-east-1', { arm64: { durationTiers: tiers } });
    expect(table.arm64.durationTiers).toEqual(tiers);
    const bill = computeBill([{ ...oneGbSecond, architecture: 'arm64', requests: 0, billedMs: 150_000 }], {
      region: 'us-east-1', freeTier: false, prices: { arm64: { durationTiers: tiers } },
    });
    expect(bill.total.compute).toBe(125); // 100 x $1 + 50 x $0.50
  });

  it('other fields replace their counterparts and change the bill', () => {
    const prices = {
      requestsPerMillion: 0.28,
      ephemeralGbSecond: 0.001,
      freeTierRequests: 0,
      freeTierGbSeconds: 0,
      x86_64: { provisionedGbSecond: 1, provisionedDurationGbSecond: 2 },
    };
    const u: FunctionUsage = { ...oneGbSecond, ephemeralStorageMb: 1536, provisionedConcurrencyMs: 3_000, provisionedBilledMs: 4_000 };
    const bill = computeBill([u], { region: 'us-east-1', freeTier: true, prices });
    expect(bill.total.requests).toBeCloseTo(0.28, 12);
    expect(bill.total.provisioned).toBeCloseTo(3, 12); // 3 s x 1 GB x $1
    expect(bill.total.compute).toBeCloseTo(0.0000166667 + 8, 12); // on-demand 1 GB-s + 4 GB-s on PC x $2
    expect(bill.total.storage).toBeCloseTo(5 * 0.001, 12); // 1 GB extra x (1 + 4) s
    expect(bill.notes).toEqual([
      'price overrides: requestsPerMillion=0.28, ephemeralGbSecond=0.001, freeTierRequests=0, freeTierGbSeconds=0, x86_64.provisionedGbSecond=1, x86_64.provisionedDurationGbSecond=2',
    ]);
  });

  it('overrides apply on top of the fallback table, after its note', () => {
    const { notes } = priceTable('xx-nowhere-1', { requestsPerMillion: 1 });
    expect(notes).toEqual(['no price table for xx-nowhere-1; us-east-1 prices used', 'price overrides: requestsPerMillion=1']);
  });

  it('rejects ambiguous or invalid overrides with the setting named', () => {
    expect(() => priceTable('us-east-1', { x86_64: { gbSecond: 1, durationTiers: [{ upToGbSeconds: null, gbSecond: 1 }] } })).toThrow(
      'billing.prices.x86_64: give either gbSecond or durationTiers, not both',
    );
    expect(() => priceTable('us-east-1', { requestsPerMillion: -1 })).toThrow('billing.prices.requestsPerMillion');
    expect(() => priceTable('us-east-1', { arm64: { durationTiers: [] } })).toThrow('at least one tier');
    expect(() => priceTable('us-east-1', { arm64: { durationTiers: [{ upToGbSeconds: 10, gbSecond: 1 }] } })).toThrow(
      'the last tier must be unbounded',
    );
    expect(() =>
      priceTable('us-east-1', {
        arm64: { durationTiers: [{ upToGbSeconds: 10, gbSecond: 1 }, { upToGbSeconds: 5, gbSecond: 1 }, { upToGbSeconds: null, gbSecond: 1 }] },
      }),
    ).toThrow('must be greater than 10');
    expect(() =>
      priceTable('us-east-1', { x86_64: { durationTiers: [{ upToGbSeconds: null, gbSecond: 1 }, { upToGbSeconds: null, gbSecond: 1 }] } }),
    ).toThrow('only the last tier may be unbounded');
  });
});
