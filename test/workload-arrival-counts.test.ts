/**
 * Arrival processes against the counts they must produce per window: exact for constant, burst,
 * schedule and trace; statistical, with a fixed seed and a stated tolerance, for Poisson and its
 * modulated (ramp, diurnal) forms, where the truth is the integral of the rate over the window.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../src/kernel/random.js';
import { createArrivalTimes } from '../src/workload/arrival-times.js';
import type { ArrivalSpec } from '../src/workload/arrival-spec.js';
import { MIN, S } from './helpers/model-input.js';

/** Every arrival time of `spec` in [start, end), seeded. */
function times(spec: ArrivalSpec, start: number, end: number, seed = 1, name = 'wl:test:arrivals'): number[] {
  const gen = createArrivalTimes(spec, start, end, new RandomStreams(seed).stream(name));
  const out: number[] = [];
  for (let t = gen.next(); t < end; t = gen.next()) out.push(t);
  return out;
}

/** Counts per window of width `w` over [start, end). */
function perWindow(ts: readonly number[], start: number, end: number, w: number): number[] {
  const counts = new Array<number>(Math.ceil((end - start) / w)).fill(0);
  for (const t of ts) counts[Math.floor((t - start) / w)]++;
  return counts;
}

/**
 * Poisson counts per window against their expectations: every window within 4.5 standard deviations
 * (sqrt(expected)), and the total within 4 standard deviations. For 100-200 independent windows the
 * chance that any window of a correct process strays beyond 4.5 sd is about 200 x 7e-6 = 1.4e-3 (normal
 * approximation, fine for expectations >= 100), and the seed is fixed, so the test is deterministic;
 * a rate off by 5% moves a 2,000-count window by 2.2 sd and the 600k total by 39 sd, so real errors fail.
 */
function expectPoissonCounts(counts: readonly number[], expected: readonly number[]): void {
  counts.forEach((c, i) => {
    expect(Math.abs(c - expected[i]), `window ${i}: ${c} vs ${expected[i].toFixed(1)}`).toBeLessThan(4.5 * Math.sqrt(expected[i]));
  });
  const total = counts.reduce((a, b) => a + b, 0);
  const mean = expected.reduce((a, b) => a + b, 0);
  expect(Math.abs(total - mean)).toBeLessThan(4 * Math.sqrt(mean));
}

/** Integral of a rate (per second) over [a, b] in us, by Simpson's rule on 200 panels (exact enough: < 1e-6 relative). */
function integral(rate: (tUs: number) => number, a: number, b: number): number {
  const n = 200;
  const h = (b - a) / n;
  let sum = rate(a) + rate(b);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * rate(a + i * h);
  return ((sum * h) / 3) / S;
}

describe('constant arrivals', () => {
  it('places exactly rate x window arrivals in every window, evenly spaced', () => {
    const ts = times({ process: 'constant', rate: 10 }, 5 * S, 65 * S);
    expect(ts.length).toBe(600);
    expect(perWindow(ts, 5 * S, 65 * S, S).every((c) => c === 10)).toBe(true);
    expect(ts.slice(0, 3)).toStrictEqual([5 * S, 5 * S + 100_000, 5 * S + 200_000]);
  });
});

describe('poisson arrivals', () => {
  it('plain: counts per 10 s window match rate x 10 s', () => {
    const ts = times({ process: 'poisson', rate: 200 }, 0, 1000 * S, 7);
    expectPoissonCounts(perWindow(ts, 0, 1000 * S, 10 * S), new Array(100).fill(2000));
  });

  it('ramp: counts follow the integral of the linear ramp, then the plateau', () => {
    const spec: ArrivalSpec = { process: 'poisson', rate: 50, ramp: { to: 500, over: 10 * MIN } };
    const start = 2 * MIN;
    const end = start + 20 * MIN;
    const rate = (t: number) => (t - start >= 10 * MIN ? 500 : 50 + (450 * (t - start)) / (10 * MIN));
    const w = 10 * S;
    const expected = Array.from({ length: 120 }, (_, i) => integral(rate, start + i * w, start + (i + 1) * w));
    expectPoissonCounts(perWindow(times(spec, start, end, 3), start, end, w), expected);
  });

  it('diurnal: counts follow rate x (1 + A cos(2 pi (t - peakAt) / period))', () => {
    const period = 20 * MIN;
    const spec: ArrivalSpec = { process: 'poisson', rate: 300, diurnal: { amplitude: 0.8, period, peakAt: 5 * MIN } };
    const rate = (t: number) => 300 * (1 + 0.8 * Math.cos((2 * Math.PI * (t - 5 * MIN)) / period));
    const end = 2 * period;
    const w = 15 * S;
    const expected = Array.from({ length: 160 }, (_, i) => integral(rate, i * w, (i + 1) * w));
    expectPoissonCounts(perWindow(times(spec, 0, end, 11), 0, end, w), expected);
  });

  it('ramp and diurnal together multiply', () => {
    const period = 10 * MIN;
    const spec: ArrivalSpec = {
      process: 'poisson', rate: 100, ramp: { to: 400, over: 15 * MIN }, diurnal: { amplitude: 0.5, period, peakAt: 0 },
    };
    const ramp = (t: number) => (t >= 15 * MIN ? 400 : 100 + (300 * t) / (15 * MIN));
    const rate = (t: number) => ramp(t) * (1 + 0.5 * Math.cos((2 * Math.PI * t) / period));
    const end = 30 * MIN;
    const w = 20 * S;
    const expected = Array.from({ length: 90 }, (_, i) => integral(rate, i * w, (i + 1) * w));
    expectPoissonCounts(perWindow(times(spec, 0, end, 5), 0, end, w), expected);
  });

  it('an amplitude of 1 sends nothing at the trough', () => {
    const period = 10 * MIN;
    const ts = times({ process: 'poisson', rate: 100, diurnal: { amplitude: 1, period, peakAt: 0 } }, 0, period, 2);
    // rate(t) <= 100 x (1 - cos(0.01 x 2 pi)) ~ 0.2/s within 6 s of the trough at 5 min.
    expect(ts.filter((t) => Math.abs(t - 5 * MIN) < 3 * S).length).toBeLessThan(3);
  });
});

describe('burst arrivals', () => {
  it('sends exactly count requests inside [at, at + over), in order', () => {
    const ts = times({ process: 'burst', at: 60 * S, count: 20_000, over: 2 * S }, 0, 10 * MIN, 4);
    expect(ts.length).toBe(20_000);
    expect(ts[0]).toBeGreaterThanOrEqual(60 * S);
    expect(ts[ts.length - 1]).toBeLessThan(62 * S);
    expect(ts.every((t, i) => i === 0 || t >= ts[i - 1])).toBe(true);
    // Uniform over the window: each 0.2 s tenth holds 2,000 +- 4.5 sd (binomial sd = sqrt(20000 x 0.1 x 0.9) = 42).
    for (const c of perWindow(ts, 60 * S, 62 * S, 200_000)) expect(Math.abs(c - 2000)).toBeLessThan(4.5 * 42.5);
  });

  it('with over 0s sends them all at once', () => {
    expect(times({ process: 'burst', at: 30 * S, count: 5, over: 0 }, 0, MIN)).toStrictEqual(new Array(5).fill(30 * S));
  });
});

describe('independent streams', () => {
  it("a workload's arrivals depend on its own stream name only", () => {
    const spec: ArrivalSpec = { process: 'poisson', rate: 50 };
    const a = times(spec, 0, MIN, 9, 'wl:a:arrivals');
    expect(times(spec, 0, MIN, 9, 'wl:a:arrivals')).toStrictEqual(a);
    expect(times(spec, 0, MIN, 9, 'wl:b:arrivals')).not.toStrictEqual(a);
  });
});
