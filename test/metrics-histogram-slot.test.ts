import { describe, expect, it } from 'vitest';
import { logSlotOf, slotOf } from '../src/metrics/histogram.js';

/** The next double above or below a positive x. */
function adjacent(x: number, up: boolean): number {
  const b = new BigInt64Array(new Float64Array([x]).buffer);
  b[0] += up ? 1n : -1n;
  return new Float64Array(b.buffer)[0];
}

describe('histogram slot by table', () => {
  it('gives the Math.log slot for every whole microsecond up to 3 s', () => {
    for (let v = 0; v <= 3_000_000; v++) {
      if (slotOf(v) !== logSlotOf(v)) expect([v, slotOf(v)]).toEqual([v, logSlotOf(v)]);
    }
  });

  it('gives the Math.log slot on both sides of every bucket boundary, to the last bit', () => {
    let checked = 0;
    for (let v = 1; v < 2e13; v = v * 1.001 + 1) {
      // Values spread over the whole range, each with its next three doubles.
      let x = v;
      for (let i = 0; i < 4; i++, x = adjacent(x, true)) {
        if (slotOf(x) !== logSlotOf(x)) expect([x, slotOf(x)]).toEqual([x, logSlotOf(x)]);
        checked++;
      }
    }
    for (let k = 2; k < logSlotOf(1e14); k++) {
      // The first double of slot k, found by bisection on the reference.
      let lo = 1;
      let hi = 2e13;
      while (adjacent(lo, true) < hi) {
        const mid = (lo + hi) / 2;
        if (mid <= lo || mid >= hi) break;
        if (logSlotOf(mid) >= k) hi = mid;
        else lo = mid;
      }
      for (const x of [adjacent(lo, false), lo, hi, adjacent(hi, true)]) {
        if (slotOf(x) !== logSlotOf(x)) expect([x, slotOf(x)]).toEqual([x, logSlotOf(x)]);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('puts fractions below 1 in slot 0 and huge values in the top slot', () => {
    expect(slotOf(0)).toBe(0);
    expect(slotOf(0.999)).toBe(0);
    expect(slotOf(1)).toBe(1);
    expect(slotOf(1e15)).toBe(logSlotOf(1e15));
    expect(slotOf(Number.MAX_VALUE)).toBe(logSlotOf(Number.MAX_VALUE));
  });
});
