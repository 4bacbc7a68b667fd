import { describe, expect, it } from 'vitest';
import { estimate, interval, isQuantileMetric, tQuantile975, withSketchError } from '../src/whatif/stats.js';
import { singleValue } from '../src/whatif/format.js';
import { holdsOnInterval, replicationSeed } from '../src/whatif/aggregate.js';

describe('Student t quantiles at 0.975', () => {
  it('match the published table', () => {
    // NIST/SEMATECH e-Handbook table 1.3.6.7.2, 3 decimals.
    const table: [number, number][] = [[1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [5, 2.571], [9, 2.262], [10, 2.228], [19, 2.093], [29, 2.045], [30, 2.042], [40, 2.021], [60, 2.0], [120, 1.98]];
    for (const [df, t] of table) expect(tQuantile975(df)).toBeCloseTo(t, 3);
  });

  it('interpolates in 1/df beyond 30 to within 1e-4 of the exact values', () => {
    // R: qt(0.975, c(50, 100, 1000))
    expect(Math.abs(tQuantile975(50) - 2.008559)).toBeLessThan(1e-4);
    expect(Math.abs(tQuantile975(100) - 1.983972)).toBeLessThan(1e-4);
    expect(Math.abs(tQuantile975(1000) - 1.962339)).toBeLessThan(1e-4);
  });

  it('refuses degrees of freedom that are not whole and positive', () => {
    expect(() => tQuantile975(0)).toThrow(/degrees of freedom/);
    expect(() => tQuantile975(2.5)).toThrow(/degrees of freedom/);
  });
});

describe('estimate: mean and 95% half-width', () => {
  it('for 1, 2, 3: mean 2, s = 1, half = t(2) / sqrt(3)', () => {
    const e = estimate([1, 2, 3]);
    expect(e.mean).toBe(2);
    expect(e.half).toBeCloseTo(4.30265273 / Math.sqrt(3), 9);
    expect(interval(e)[0]).toBeCloseTo(2 - 2.48413771, 7);
  });

  it('one value has no interval; equal values a zero one', () => {
    expect(estimate([7])).toEqual({ mean: 7, half: null, n: 1 });
    expect(interval(estimate([7]))).toEqual([7, 7]);
    expect(estimate([4, 4, 4]).half).toBe(0);
  });
});

describe('expect lines under replication hold on the whole interval', () => {
  const e = { mean: 100, half: 10, n: 5 }; // [90, 110]
  it('judges < and <= on the upper end, > and >= on the lower end', () => {
    expect(holdsOnInterval(e, '<', 111)).toBe(true);
    expect(holdsOnInterval(e, '<', 105)).toBe(false);
    expect(holdsOnInterval(e, '<=', 110)).toBe(true);
    expect(holdsOnInterval(e, '>', 89)).toBe(true);
    expect(holdsOnInterval(e, '>', 95)).toBe(false);
  });
  it('== needs a zero-width interval on the value, != the value outside it', () => {
    expect(holdsOnInterval(e, '==', 100)).toBe(false);
    expect(holdsOnInterval({ mean: 0, half: 0, n: 3 }, '==', 0)).toBe(true);
    expect(holdsOnInterval(e, '!=', 100)).toBe(false);
    expect(holdsOnInterval(e, '!=', 120)).toBe(true);
  });
  it('one replication is judged exactly as sim run judges it', () => {
    expect(holdsOnInterval({ mean: 5, half: null, n: 1 }, '<', 6)).toBe(true);
    expect(holdsOnInterval({ mean: 5, half: null, n: 1 }, '<', 5)).toBe(false);
  });
});

describe('replication seeds', () => {
  it('the first is the scenario seed; the others are fixed, distinct, whole numbers', () => {
    expect(replicationSeed(42, 0)).toBe(42);
    const seeds = Array.from({ length: 50 }, (_, r) => replicationSeed(42, r));
    expect(new Set(seeds).size).toBe(50);
    expect(seeds.every((s) => Number.isSafeInteger(s) && s >= 0)).toBe(true);
    expect(replicationSeed(42, 3)).toBe(replicationSeed(42, 3));
  });
});

describe('quantiles under replication carry the sketch error', () => {
  it('widens an interval of identical quantiles by 0.5% of the value, and leaves a single run alone', () => {
    const same = estimate([600.248, 600.248, 600.248, 600.248, 600.248]);
    expect(same.half).toBe(0);
    expect(withSketchError(same, 600.248).half).toBeCloseTo(3.00124, 9);
    expect(withSketchError(estimate([600]), 600).half).toBeNull();
    expect(isQuantileMetric('api.latency.p99')).toBe(true);
    expect(isQuantileMetric('p50')).toBe(true);
    expect(isQuantileMetric('api.latency.mean')).toBe(false);
    expect(isQuantileMetric('api.coldStarts')).toBe(false);
  });

  it('prints one run of a count as a whole number, other values to 3 significant figures', () => {
    expect(singleValue(23)).toBe('23');
    expect(singleValue(29858)).toBe('29,858');
    expect(singleValue(0.0970831)).toBe('0.0971');
  });
});
