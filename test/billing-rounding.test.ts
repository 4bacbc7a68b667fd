// Per-invocation billed duration and PC time rounding, against the REPORT lines and rules AWS printed
// (lambda-behavior.md Oracle 16, 17, 20).
import { describe, expect, it } from 'vitest';
import { billedDurationMs, roundProvisionedMs } from '../src/billing/rounding.js';

describe('billedDurationMs: Oracle 16 (rounding)', () => {
  it('NEW 1 ms: 27.55 ms -> 28 ms (AWS blog REPORT line)', () => {
    expect(billedDurationMs(27_550, 1)).toBe(28);
  });
  it('OLD 100 ms: 27.40 ms -> 100 ms (AWS blog REPORT line)', () => {
    expect(billedDurationMs(27_400, 100)).toBe(100);
  });
  it('OLD 100 ms: 102 ms and 189 ms -> 200 ms (metricly)', () => {
    expect(billedDurationMs(102_000, 100)).toBe(200);
    expect(billedDurationMs(189_000, 100)).toBe(200);
  });
  it('OLD 100 ms: 883.05 -> 900, 546.42 -> 600 (classmethod)', () => {
    expect(billedDurationMs(883_050, 100)).toBe(900);
    expect(billedDurationMs(546_420, 100)).toBe(600);
  });
  it('NEW 1 ms: 708.59 -> 709, 743.60 -> 744 (classmethod)', () => {
    expect(billedDurationMs(708_590, 1)).toBe(709);
    expect(billedDurationMs(743_600, 1)).toBe(744);
  });
  it('an exact multiple of the granule is not rounded up', () => {
    expect(billedDurationMs(28_000, 1)).toBe(28);
    expect(billedDurationMs(200_000, 100)).toBe(200);
    expect(billedDurationMs(1, 1)).toBe(1);
    expect(billedDurationMs(100_001, 100)).toBe(200);
  });
});

describe('billedDurationMs: Oracle 17 (INIT billing)', () => {
  it('OLD managed-runtime ZIP: INIT not billed, 15.74 ms -> 16 ms', () => {
    expect(billedDurationMs(15_740, 1)).toBe(16);
  });
  it('NEW (from 2025-08-01): 15.74 + 130.49 ms -> 147 ms', () => {
    expect(billedDurationMs(15_740, 1, 130_490)).toBe(147);
  });
  it('custom runtime / image: 770.04 + 99.83 ms -> 870 ms', () => {
    expect(billedDurationMs(770_040, 1, 99_830)).toBe(870);
  });
});

describe('billedDurationMs: edges', () => {
  it('a 0-us invocation bills one granule, never 0', () => {
    expect(billedDurationMs(0, 1)).toBe(1);
    expect(billedDurationMs(0, 100)).toBe(100);
    expect(billedDurationMs(0, 1, 0)).toBe(1);
  });
  it('is exact up to the largest safe integer', () => {
    const us = Number.MAX_SAFE_INTEGER; // 9,007,199,254,740,991
    expect(billedDurationMs(us, 1)).toBe(9_007_199_254_741);
    expect(billedDurationMs(us, 100)).toBe(9_007_199_254_800);
  });
  it('rejects negative and NaN durations', () => {
    expect(() => billedDurationMs(-1, 1)).toThrow(RangeError);
    expect(() => billedDurationMs(Number.NaN, 1)).toThrow(RangeError);
    expect(() => billedDurationMs(10, 1, -20)).toThrow(RangeError);
  });
});

describe('roundProvisionedMs: Oracle 20', () => {
  it('61 minutes enabled -> billed 65 minutes', () => {
    expect(roundProvisionedMs(61 * 60_000)).toBe(65 * 60_000);
  });
  it('exact 5-minute multiples stay, 1 ms rounds up, 0 stays 0', () => {
    expect(roundProvisionedMs(8 * 3_600_000)).toBe(8 * 3_600_000);
    expect(roundProvisionedMs(1)).toBe(300_000);
    expect(roundProvisionedMs(0)).toBe(0);
    expect(roundProvisionedMs(300_001)).toBe(600_000);
  });
  it('rejects negative time', () => {
    expect(() => roundProvisionedMs(-1)).toThrow(RangeError);
  });
});
