// AWS's own worked pricing examples, to the cent (lambda-behavior.md "Oracle cases", pricing 1-20).
// Each case builds usage from the inputs as AWS states them and compares every printed line item and
// the total. AWS rounds each line to cents and sums the rounded lines; `invoice()` does the same.
import { describe, expect, it } from 'vitest';
import { computeBill } from '../src/billing/bill.js';
import { invoice, roundCents, roundCostCents, type Invoice } from '../src/billing/invoice.js';
import { LEGACY_X86_GB_SECOND } from '../src/billing/prices.js';
import { billedDurationMs, roundProvisionedMs } from '../src/billing/rounding.js';
import type { Architecture, BillingOptions, FunctionUsage } from '../src/billing/types.js';

const US_EAST_1 = { region: 'us-east-1' };
const HOUR_MS = 3_600_000;

/** A function's month as AWS's examples state it: N requests of an average billed duration. */
function usage(o: {
  requests: number;
  avgMs: number;
  memoryMb: number;
  architecture?: Architecture;
  ephemeralStorageMb?: number;
  onPc?: { requests: number; avgMs: number; concurrency: number; enabledMs: number };
}): FunctionUsage {
  return {
    name: 'fn',
    architecture: o.architecture ?? 'x86_64',
    memoryMb: o.memoryMb,
    ephemeralStorageMb: o.ephemeralStorageMb ?? 512,
    requests: o.requests + (o.onPc?.requests ?? 0),
    billedMs: o.requests * o.avgMs,
    provisionedBilledMs: o.onPc ? o.onPc.requests * o.onPc.avgMs : 0,
    provisionedConcurrencyMs: o.onPc ? o.onPc.concurrency * roundProvisionedMs(o.onPc.enabledMs) : 0,
  };
}

/** Line items as `item[/arch] -> cents`, for a readable exact comparison. */
function cents(inv: Invoice): Record<string, number> {
  return Object.fromEntries(inv.lines.map((l) => [l.architecture ? `${l.item}/${l.architecture}` : l.item, l.cents]));
}

function price(u: FunctionUsage, options: Partial<BillingOptions> & { freeTier: boolean }): Invoice {
  return invoice([u], { ...US_EAST_1, ...options });
}

describe('current pricing page (1 ms era)', () => {
  it('Oracle 1, mobile backend: 3M req x 120 ms, 1,536 MB, free tier -> $2.33 + $0.40 = $2.73', () => {
    const u = usage({ requests: 3_000_000, avgMs: 120, memoryMb: 1536 });
    expect(u.billedMs).toBe(360_000_000);
    const inv = price(u, { freeTier: true });
    expect(inv.lines.find((l) => l.item === 'duration')?.quantity).toBeCloseTo(140_000, 6);
    expect(cents(inv)).toEqual({ requests: 0.4, 'duration/x86_64': 2.33 });
    expect(inv.total).toBe(2.73);
  });

  it('Oracle 2, Kinesis telemetry: 7.44M req x 2 s, 1,024 MB, no free tier -> $1.49 + $248.00 = $249.49', () => {
    const u = usage({ requests: 10_000 * 24 * 31, avgMs: 2_000, memoryMb: 1024 });
    const inv = price(u, { freeTier: false });
    expect(cents(inv)).toEqual({ requests: 1.49, 'duration/x86_64': 248.0 });
    expect(inv.total).toBe(249.49);
  });

  it('Oracle 3, BERT + 2,048 MB ephemeral: 6M x 280 ms, 4,096 MB, free tier -> $1.00 + $105.33 + $0.08 = $106.41', () => {
    const u = usage({ requests: 6_000_000, avgMs: 280, memoryMb: 4096, ephemeralStorageMb: 2048 });
    const inv = price(u, { freeTier: true });
    expect(inv.lines.find((l) => l.item === 'storage')?.quantity).toBeCloseTo(2_520_000, 6);
    expect(cents(inv)).toEqual({ requests: 1.0, 'duration/x86_64': 105.33, storage: 0.08 });
    expect(inv.total).toBe(106.41);
  });

  it('Oracle 4, PC app launch: PC 100 x 1,536 MB for 8 h -> $18.00 + $0.40 + $0.73 + $0.83 = $19.96', () => {
    const u = usage({
      requests: 2_500_000,
      avgMs: 120,
      memoryMb: 1536,
      onPc: { requests: 500_000, avgMs: 100, concurrency: 100, enabledMs: 8 * HOUR_MS },
    });
    expect(u.requests).toBe(3_000_000);
    const inv = price(u, { freeTier: true });
    expect(cents(inv)).toEqual({
      requests: 0.4, // (3M - 1M free) x $0.20/M: the request free tier covers on-PC requests too
      'duration/x86_64': 0.83, // 450,000 - 400,000 free GB-s: the compute free tier covers on-demand only
      'provisionedConcurrency/x86_64': 18.0,
      'provisionedDuration/x86_64': 0.73,
    });
    expect(inv.total).toBe(19.96);

    // The Bill puts duration on PC into `compute`, the capacity charge into `provisioned`.
    const bill = computeBill([u], { ...US_EAST_1, freeTier: true });
    expect(roundCostCents(bill.total)).toEqual({ requests: 0.4, compute: 1.56, provisioned: 18.0, storage: 0, total: 19.96 });
    expect(bill.total.gbSeconds).toBeCloseTo(450_000, 6);
    expect(bill.functions[0].provisionedGbSeconds).toBeCloseTo(4_320_000, 6);
    expect(bill.functions[0].provisionedDurationGbSeconds).toBeCloseTo(75_000, 6);
  });

  it('Oracle 5, PC Cyber Monday: PC 7 x 4,096 MB for 24 h, 2M x 280 ms on PC, no free tier -> $32.26', () => {
    const u = usage({
      requests: 0,
      avgMs: 0,
      memoryMb: 4096,
      onPc: { requests: 2_000_000, avgMs: 280, concurrency: 7, enabledMs: 24 * HOUR_MS },
    });
    const inv = price(u, { freeTier: false });
    expect(cents(inv)).toEqual({
      requests: 0.4,
      'provisionedConcurrency/x86_64': 10.08,
      'provisionedDuration/x86_64': 21.78,
    });
    expect(inv.total).toBe(32.26);

    const bill = computeBill([u], { ...US_EAST_1, freeTier: false });
    expect(roundCostCents(bill.total)).toEqual({ requests: 0.4, compute: 21.78, provisioned: 10.08, storage: 0, total: 32.26 });
    expect(bill.total.gbSeconds).toBe(0);
  });

  it('Oracle 11, tiered pricing: 75M x 60 s at 2,048 MB = 9 B GB-s -> $145,000.20 (flat price would be $150,000.30)', () => {
    const u = usage({ requests: 75_000_000, avgMs: 60_000, memoryMb: 2048 });
    const options = { ...US_EAST_1, freeTier: false };
    const bill = computeBill([u], options);
    expect(bill.total.gbSeconds).toBe(9_000_000_000);
    expect(roundCents(bill.total.compute)).toBe(145_000.2);
    const flat = computeBill([u], { ...options, prices: { x86_64: { gbSecond: 0.0000166667 } } });
    expect(roundCents(flat.total.compute)).toBe(150_000.3);
  });

  it('Oracle 15, 1 ms vs 100 ms: 60M x 28 ms at 1,024 MB, no free tier -> $12 + $28 = $40 (was $12 + $100 = $112)', () => {
    const perInvocationNew = billedDurationMs(28_000, 1);
    const perInvocationOld = billedDurationMs(28_000, 100);
    expect([perInvocationNew, perInvocationOld]).toEqual([28, 100]);

    const newInv = price(usage({ requests: 60_000_000, avgMs: perInvocationNew, memoryMb: 1024 }), { freeTier: false });
    expect(cents(newInv)).toEqual({ requests: 12.0, 'duration/x86_64': 28.0 });
    expect(newInv.total).toBe(40.0);

    const oldInv = price(usage({ requests: 60_000_000, avgMs: perInvocationOld, memoryMb: 1024 }), { freeTier: false });
    expect(cents(oldInv)).toEqual({ requests: 12.0, 'duration/x86_64': 100.0 });
    expect(oldInv.total).toBe(112.0);
  });

  it('Oracle 18, Arm variant of case 1: 140,000 GB-s x $0.0000133334 = $1.87, total $2.27', () => {
    const u = usage({ requests: 3_000_000, avgMs: 120, memoryMb: 1536, architecture: 'arm64' });
    const inv = price(u, { freeTier: true });
    expect(cents(inv)).toEqual({ requests: 0.4, 'duration/arm64': 1.87 });
    expect(inv.total).toBe(2.27);
  });

  it('Oracle 20 priced: PC 1 x 1,024 MB enabled 61 min bills 65 min = 3,900 GB-s -> $0.02', () => {
    const u = usage({ requests: 0, avgMs: 0, memoryMb: 1024, onPc: { requests: 0, avgMs: 0, concurrency: 1, enabledMs: 61 * 60_000 } });
    const bill = computeBill([u], { ...US_EAST_1, freeTier: false });
    expect(bill.functions[0].provisionedGbSeconds).toBe(3_900);
    expect(bill.total.provisioned).toBeCloseTo(3_900 * 0.0000041667, 15);
    expect(roundCents(bill.total.provisioned)).toBe(0.02);
  });
});

describe('old pricing page (100 ms era, $0.00001667 per GB-s)', () => {
  const legacy = { x86_64: { gbSecond: LEGACY_X86_GB_SECOND } };

  it('Oracle 12, old example 1: 3M x 1 s at 512 MB, free tier -> $18.34 + $0.40 = $18.74', () => {
    const u = usage({ requests: 3_000_000, avgMs: 1_000, memoryMb: 512 });
    const inv = price(u, { freeTier: true, prices: legacy });
    expect(cents(inv)).toEqual({ requests: 0.4, 'duration/x86_64': 18.34 });
    expect(inv.total).toBe(18.74);
  });

  it('Oracle 13, old example 2: 30M x 200 ms at 128 MB, free tier -> $5.83 + $5.80 = $11.63', () => {
    const u = usage({ requests: 30_000_000, avgMs: 200, memoryMb: 128 });
    const inv = price(u, { freeTier: true, prices: legacy });
    expect(cents(inv)).toEqual({ requests: 5.8, 'duration/x86_64': 5.83 });
    expect(inv.total).toBe(11.63);
  });

  it('Oracle 12 does not reproduce with the current price (why the override exists)', () => {
    const u = usage({ requests: 3_000_000, avgMs: 1_000, memoryMb: 512 });
    // 1,100,000 x $0.0000166667 = $18.33337 -> $18.33, not AWS's printed $18.34.
    expect(cents(price(u, { freeTier: true }))['duration/x86_64']).toBe(18.33);
  });
});
