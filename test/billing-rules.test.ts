// Billing rules beyond AWS's single-function examples: tiers per architecture, the shared free tier,
// proportional allocation across functions. Prices: us-east-1, https://aws.amazon.com/lambda/pricing/.
import { describe, expect, it } from 'vitest';
import { computeBill } from '../src/billing/bill.js';
import { invoice, roundCents } from '../src/billing/invoice.js';
import { tieredCost } from '../src/billing/tiers.js';
import type { Architecture, Bill, FunctionUsage } from '../src/billing/types.js';

/** A function using exactly `gbSeconds` of on-demand duration at 1,024 MB (1 GB-s per 1,000 billed ms). */
function fn(name: string, gbSeconds: number, architecture: Architecture = 'x86_64', extra: Partial<FunctionUsage> = {}): FunctionUsage {
  return { name, architecture, memoryMb: 1024, ephemeralStorageMb: 512, requests: 0, billedMs: gbSeconds * 1_000, ...extra };
}

const noFree = { region: 'us-east-1', freeTier: false };
const free = { region: 'us-east-1', freeTier: true };

function expectFunctionsSumToTotal(bill: Bill): void {
  for (const key of ['requests', 'compute', 'provisioned', 'storage', 'total'] as const) {
    const sum = bill.functions.reduce((s, f) => s + f.cost[key], 0);
    expect(Math.abs(sum - bill.total[key])).toBeLessThanOrEqual(1e-9 * Math.max(1, bill.total[key]));
  }
  const gbs = bill.functions.reduce((s, f) => s + f.gbSeconds, 0);
  expect(gbs).toBeCloseTo(bill.total.gbSeconds, 6);
}

describe('duration tiers', () => {
  it('x86: 7 B GB-s = 6 B at $0.0000166667 + 1 B at $0.000015 = $115,000.20', () => {
    const bill = computeBill([fn('a', 7_000_000_000)], noFree);
    expect(roundCents(bill.total.compute)).toBe(115_000.2);
  });

  it('x86: 16 B GB-s crosses both bounds: $100,000.20 + $135,000 + $13,333.40 = $248,333.60', () => {
    const bill = computeBill([fn('a', 16_000_000_000)], noFree);
    expect(roundCents(bill.total.compute)).toBe(248_333.6);
  });

  it('arm: 8 B GB-s = 7.5 B at $0.0000133334 + 0.5 B at $0.0000120001 = $106,000.55', () => {
    const bill = computeBill([fn('a', 8_000_000_000, 'arm64')], noFree);
    expect(roundCents(bill.total.compute)).toBe(106_000.55);
  });

  it('tiers apply to the aggregate of all functions of an architecture, shared in proportion to GB-s', () => {
    // 4 B + 4 B = 8 B x86 GB-s: 6 B x $0.0000166667 + 2 B x $0.000015 = $130,000.20, half each.
    const bill = computeBill([fn('a', 4_000_000_000), fn('b', 4_000_000_000)], noFree);
    expect(roundCents(bill.total.compute)).toBe(130_000.2);
    expect(roundCents(bill.functions[0].cost.compute)).toBe(65_000.1);
    expect(roundCents(bill.functions[1].cost.compute)).toBe(65_000.1);
    expectFunctionsSumToTotal(bill);
  });

  it('x86 and arm tiers are independent: 5 B each stays in both first tiers', () => {
    // Together 10 B would cross the x86 6 B bound; per architecture neither does.
    const bill = computeBill([fn('x', 5_000_000_000), fn('y', 5_000_000_000, 'arm64')], noFree);
    expect(roundCents(bill.functions[0].cost.compute)).toBe(83_333.5); // 5 B x $0.0000166667
    expect(roundCents(bill.functions[1].cost.compute)).toBe(66_667.0); // 5 B x $0.0000133334
    expect(roundCents(bill.total.compute)).toBe(150_000.5);
    expectFunctionsSumToTotal(bill);
  });

  it('tieredCost prices nothing for 0 GB-s and stays within the first tier below its bound', () => {
    const tiers = [
      { upToGbSeconds: 10, gbSecond: 2 },
      { upToGbSeconds: null, gbSecond: 1 },
    ];
    expect(tieredCost(0, tiers)).toBe(0);
    expect(tieredCost(10, tiers)).toBe(20);
    expect(tieredCost(15, tiers)).toBe(25);
  });
});

describe('free tier', () => {
  it('400,000 GB-s are shared across architectures, in proportion to GB-s', () => {
    // 300,000 x86 + 300,000 arm - 400,000 free = 100,000 billable each.
    const bill = computeBill([fn('x', 300_000), fn('y', 300_000, 'arm64')], free);
    expect(bill.functions[0].cost.compute).toBeCloseTo(100_000 * 0.0000166667, 12);
    expect(bill.functions[1].cost.compute).toBeCloseTo(100_000 * 0.0000133334, 12);
    expect(roundCents(bill.total.compute)).toBe(3.0);
    expect(bill.total.gbSeconds).toBe(600_000);
    expectFunctionsSumToTotal(bill);

    const lines = invoice([fn('x', 300_000), fn('y', 300_000, 'arm64')], free).lines;
    expect(lines.map((l) => [l.item, l.architecture, l.quantity, l.cents])).toEqual([
      ['duration', 'x86_64', 100_000, 1.67],
      ['duration', 'arm64', 100_000, 1.33],
    ]);
  });

  it('is deducted before the tiers, so it comes out of the first tier', () => {
    // 6,000,400,000 GB-s - 400,000 free = exactly 6 B: all at the first-tier price.
    const bill = computeBill([fn('a', 6_000_400_000)], free);
    expect(roundCents(bill.total.compute)).toBe(100_000.2);
  });

  it('covers usage below it completely', () => {
    const bill = computeBill([fn('a', 100_000, 'x86_64', { requests: 999_999 })], free);
    expect(bill.total.total).toBe(0);
  });

  it('the 1M free requests are shared in proportion to requests', () => {
    // 3M + 1M requests, 1M free: 3M billable, 2.25M and 0.75M -> $0.45 and $0.15.
    const bill = computeBill([fn('a', 0, 'x86_64', { requests: 3_000_000 }), fn('b', 0, 'arm64', { requests: 1_000_000 })], free);
    expect(bill.functions[0].cost.requests).toBeCloseTo(0.45, 12);
    expect(bill.functions[1].cost.requests).toBeCloseTo(0.15, 12);
    expect(bill.total.requests).toBeCloseTo(0.6, 12);
    expectFunctionsSumToTotal(bill);
  });

  it('does not apply to provisioned concurrency, its duration, or storage', () => {
    const u = fn('a', 0, 'x86_64', {
      memoryMb: 2048,
      ephemeralStorageMb: 1536,
      provisionedConcurrencyMs: 1_000_000, // 1,000 s x 2 GB = 2,000 GB-s
      provisionedBilledMs: 500_000, // 500 s x 2 GB = 1,000 GB-s; storage 500 s x 1 GB = 500 GB-s
    });
    const withFree = computeBill([u], free);
    const without = computeBill([u], noFree);
    expect(withFree.total).toEqual(without.total);
    expect(withFree.total.provisioned).toBeCloseTo(2_000 * 0.0000041667, 15);
    expect(withFree.total.compute).toBeCloseTo(1_000 * 0.0000097222, 15);
    expect(withFree.total.storage).toBeCloseTo(500 * 0.0000000309, 18);
  });
});

describe('allocation and shape', () => {
  const usages: FunctionUsage[] = [
    { name: 'api', architecture: 'x86_64', memoryMb: 1769, ephemeralStorageMb: 512, requests: 12_345_678, billedMs: 987_654_321 },
    { name: 'worker', architecture: 'arm64', memoryMb: 3008, ephemeralStorageMb: 4096, requests: 2_222_222, billedMs: 5_555_555_555, provisionedBilledMs: 77_777_777, provisionedConcurrencyMs: 5 * 86_400_000 },
    { name: 'cron', architecture: 'x86_64', memoryMb: 128, ephemeralStorageMb: 10_240, requests: 43_200, billedMs: 43_200 * 737 },
  ];

  it('per-function costs sum to the totals (within 1e-9), with and without the free tier', () => {
    expectFunctionsSumToTotal(computeBill(usages, free));
    expectFunctionsSumToTotal(computeBill(usages, noFree));
  });

  it('keeps input order and names, and is deterministic', () => {
    const a = computeBill(usages, free);
    expect(a.functions.map((f) => f.name)).toEqual(['api', 'worker', 'cron']);
    expect(JSON.stringify(computeBill(usages, free))).toBe(JSON.stringify(a));
  });

  it('total.gbSeconds is the on-demand GB-s before the free tier; cost.total adds the four parts', () => {
    const bill = computeBill(usages, free);
    const expected = (987_654_321 * 1769 + 5_555_555_555 * 3008 + 43_200 * 737 * 128) / 1_024_000;
    expect(bill.total.gbSeconds).toBeCloseTo(expected, 6);
    for (const c of [bill.total, ...bill.functions.map((f) => f.cost)]) {
      expect(c.total).toBeCloseTo(c.requests + c.compute + c.provisioned + c.storage, 12);
    }
  });

  it('storage is billed only above 512 MB', () => {
    const bill = computeBill(usages, noFree);
    expect(bill.functions[0].cost.storage).toBe(0);
    // worker: (4,096 - 512) MB = 3.5 GB x (5,555,555,555 + 77,777,777) ms / 1000
    expect(bill.functions[1].cost.storage).toBeCloseTo(3.5 * 5_633_333.332 * 0.0000000309, 12);
  });

  it('an empty account costs nothing', () => {
    const bill = computeBill([], free);
    expect(bill.total).toEqual({ requests: 0, compute: 0, provisioned: 0, storage: 0, total: 0, gbSeconds: 0 });
    expect(invoice([], free)).toEqual({ region: 'us-east-1', lines: [], total: 0, notes: [] });
  });

  it('rejects usage no account can have', () => {
    expect(() => computeBill([fn('a', -1)], free)).toThrow(/function a: billedMs -1000/);
    expect(() => computeBill([fn('a', 1, 'x86_64', { memoryMb: 0 })], free)).toThrow(RangeError);
    expect(() => computeBill([fn('a', 1, 'x86_64', { requests: Number.NaN })], free)).toThrow(RangeError);
  });
});

describe('invoice', () => {
  it('total is the sum of the rounded lines, as in AWS examples, not the rounded sum', () => {
    // 25,000 requests = $0.005 -> $0.01; 300 GB-s x $0.0000166667 = $0.00500001 -> $0.01.
    // Unrounded they sum to $0.01000001, which would round to $0.01.
    const inv = invoice([fn('a', 300, 'x86_64', { requests: 25_000 })], noFree);
    expect(inv.lines.map((l) => [l.item, l.cents])).toEqual([
      ['requests', 0.01],
      ['duration', 0.01],
    ]);
    expect(inv.total).toBe(0.02);
  });
});

describe('roundCents', () => {
  it('rounds half up on the decimal value, not the binary one', () => {
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(5.8345)).toBe(5.83);
    expect(roundCents(1.488)).toBe(1.49);
    expect(roundCents(0.077868)).toBe(0.08);
    expect(roundCents(0.004999)).toBe(0);
  });
});
