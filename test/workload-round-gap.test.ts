/**
 * roundNonNegative (roundGap) is Math.round for the non-negative gaps of a Poisson process, only cheaper (no branch on
 * the data): it must agree with Math.round on every value, the edge cases of floor(x + 0.5) first;
 * and PoissonTimes, which draws ahead, must give the times of drawing one gap per call.
 */
import { describe, expect, it } from 'vitest';
import { roundNonNegative as roundGap, sampleUs, type Sampler } from '../src/kernel/distributions.js';
import { RandomStreams, type Rng } from '../src/kernel/random.js';
import { PoissonTimes } from '../src/workload/poisson-times.js';

/** The neighbouring double of x > 0 above (dir 1) or below (dir -1). */
function step(dir: 1 | -1, x: number): number {
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] += BigInt(dir);
  return f[0];
}

describe('roundGap', () => {
  it('equals Math.round at the edges of floor(x + 0.5)', () => {
    const edges = [0, 0.5, 1.5, 2.5, 0.49999999999999994, 0.5000000000000001, 1 - 2 ** -53, 2 ** 52 - 0.5, 2 ** 52, 2 ** 52 + 1, 2 ** 53, 2 ** 53 + 2, 1e300, Infinity];
    for (const x of edges) expect([x, roundGap(x)]).toEqual([x, Math.round(x)]);
    for (let k = 0; k < 60; k++) {
      for (const x of [2 ** k - 0.5, 2 ** k + 0.5, 2 ** k, step(1, 2 ** k - 0.5), step(-1, 2 ** k + 0.5)]) {
        expect([x, roundGap(x)]).toEqual([x, Math.round(x)]);
      }
    }
    expect(roundGap(-0)).toBe(0);
  });

  it('equals Math.round on a million Poisson gaps of every scale', () => {
    const rng = new RandomStreams(7).stream('gaps');
    let bad = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const x = -Math.log(1 - rng.next()) * 10 ** ((i % 16) - 3);
      if (roundGap(x) !== Math.round(x)) bad++;
    }
    expect(bad).toBe(0);
  });
});

describe('PoissonTimes', () => {
  it('gives the times of one exponential gap per draw, rounded and summed, across its read-ahead refills', () => {
    const times = new PoissonTimes(2500, 7, new RandomStreams(3).stream('wl:x:arrivals'));
    const rng = new RandomStreams(3).stream('wl:x:arrivals');
    let at = 7;
    for (let i = 0; i < 10_000; i++) {
      at += Math.round(-Math.log(1 - rng.next()) * 400);
      expect(times.next()).toBe(at);
    }
  });
});

describe('sampleUs', () => {
  it('is Math.max(0, Math.round(x)) for every draw, negative, -0 and NaN included', () => {
    const values = [-1e300, -2.5, -0.5, -0.49999999999999994, -0, 0, 0.49999999999999994, 0.5, 2.5, 2 ** 52 - 0.5, 2 ** 53 + 2, Infinity, -Infinity, NaN];
    const rng = new RandomStreams(3).stream('values');
    for (let i = 0; i < 100_000; i++) values.push((rng.next() - 0.2) * 10 ** ((i % 12) - 2));
    const noRng = {} as Rng;
    for (const x of values) {
      const constant: Sampler = { sample: () => x, mean: () => x };
      expect(Object.is(sampleUs(constant, noRng), Math.max(0, Math.round(x))), String(x)).toBe(true);
    }
  });
});
