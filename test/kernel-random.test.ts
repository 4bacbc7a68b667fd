import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { AleaRng, RandomStreams, uniformInt, type Rng } from '../src/kernel/random.js';

/**
 * Statistical checks below use a fixed seed, so they are deterministic; the tolerance is 4
 * standard errors, so a correct generator would fail a given check for about 6 in 100,000 seeds
 * (two-sided normal tail), while a broken one (wrong range, shared state) misses by far more.
 */
const SE_TOLERANCE = 4;

function draws(rng: Rng, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(rng.next());
  return out;
}

describe('RandomStreams: derivation', () => {
  it('is alea seeded with "<seed>/<name>" (the reproducibility contract)', () => {
    const ours = new RandomStreams(42).stream('fn:checkout:duration');
    const reference = seedrandom.alea('42/fn:checkout:duration');
    for (let i = 0; i < 1000; i++) expect(ours.next()).toBe(reference());
  });

  it("draws exactly seedrandom's alea doubles, over millions of draws and many seeds", () => {
    // AleaRng runs alea's step on its own fields: any slip (order of operations, the carry) shows.
    const seeds = ['1/wl:web:arrivals', '0/x', '-3.5/fn:a:requests', '1e+21/é', ''];
    for (let i = 0; i < 200; i++) seeds.push(`${i * 7919}/stream-${i}`);
    for (const [n, seed] of seeds.entries()) {
      const ours = new AleaRng(seed);
      const reference = seedrandom.alea(seed);
      const count = n === 0 ? 2_000_000 : 10_000;
      let mismatches = 0;
      for (let i = 0; i < count; i++) if (ours.next() !== reference()) mismatches++;
      expect(mismatches, seed).toBe(0);
    }
  });

  it('gives the same sequence for the same seed and name, from any RandomStreams object', () => {
    const a = new RandomStreams(7).stream('wl:web:arrivals');
    const b = new RandomStreams(7).stream('wl:web:arrivals');
    expect(draws(a, 100)).toEqual(draws(b, 100));
  });

  it('returns a fresh stream from the start when asked twice for the same name', () => {
    const streams = new RandomStreams(7);
    const first = streams.stream('fn:a:duration');
    const firstDraws = draws(first, 10);
    const second = streams.stream('fn:a:duration');
    expect(second).not.toBe(first);
    expect(draws(second, 10)).toEqual(firstDraws);
  });

  it('gives different sequences for different names and for different seeds', () => {
    const streams = new RandomStreams(7);
    const a = draws(streams.stream('fn:a:duration'), 20);
    const b = draws(streams.stream('fn:b:duration'), 20);
    const c = draws(new RandomStreams(8).stream('fn:a:duration'), 20);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(c);
    // Not even one position in common: the sequences are unrelated, not shifted copies.
    for (let i = 0; i < 20; i++) {
      expect(a[i]).not.toBe(b[i]);
      expect(a[i]).not.toBe(c[i]);
    }
  });
});

describe('RandomStreams: independence', () => {
  it('drawing from one stream does not change another stream', () => {
    const alone = draws(new RandomStreams(3).stream('fn:b:duration'), 50);

    const streams = new RandomStreams(3);
    const a = streams.stream('fn:a:duration');
    const b = streams.stream('fn:b:duration');
    const interleaved: number[] = [];
    for (let i = 0; i < 50; i++) {
      // A variable number of draws from `a` between each draw from `b`.
      for (let j = 0; j <= i % 7; j++) a.next();
      interleaved.push(b.next());
    }
    expect(interleaved).toEqual(alone);
  });

  it('adding or changing other streams does not change a stream', () => {
    const before = draws(new RandomStreams(3).stream('wl:web:arrivals'), 50);

    const streams = new RandomStreams(3);
    // A scenario that gained two functions and renamed a third, all requested first.
    for (const name of ['fn:new1:duration', 'fn:new2:init', 'fn:renamed:duration']) {
      draws(streams.stream(name), 100);
    }
    expect(draws(streams.stream('wl:web:arrivals'), 50)).toEqual(before);
  });

  it('streams whose names differ by one character are uncorrelated', () => {
    const n = 200_000;
    const streams = new RandomStreams(1);
    const a = streams.stream('fn:a:duration');
    const b = streams.stream('fn:b:duration');
    let sa = 0;
    let sb = 0;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
      const x = a.next();
      const y = b.next();
      sa += x;
      sb += y;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    const cov = sab / n - (sa / n) * (sb / n);
    const corr = cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
    // Under independence the sample correlation has standard error about 1/sqrt(n).
    expect(Math.abs(corr)).toBeLessThan(SE_TOLERANCE / Math.sqrt(n));
  });
});

describe('RandomStreams: values', () => {
  it('draws uniforms in [0, 1) with mean 1/2', () => {
    const n = 1_000_000;
    const rng = new RandomStreams(11).stream('test:uniform');
    let sum = 0;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outOfRange++;
      sum += u;
    }
    expect(outOfRange).toBe(0);
    // The uniform's variance is 1/12, so the sample mean's standard error is sqrt(1/12/n).
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(SE_TOLERANCE * Math.sqrt(1 / 12 / n));
  });

  it('rejects a seed that is not a finite number and an empty name', () => {
    expect(() => new RandomStreams(Number.NaN)).toThrow(/seed must be a finite number/);
    expect(() => new RandomStreams(Infinity)).toThrow(/seed must be a finite number/);
    expect(() => new RandomStreams(1).stream('')).toThrow(/name must not be empty/);
  });
});

describe('uniformInt', () => {
  it('returns 0 for n = 1', () => {
    const rng = new RandomStreams(5).stream('test:int');
    for (let i = 0; i < 100; i++) expect(uniformInt(rng, 1)).toBe(0);
  });

  it('draws each of 0..n-1 equally often', () => {
    const n = 6;
    const draws = 600_000;
    const counts = new Array<number>(n).fill(0);
    const rng = new RandomStreams(5).stream('test:int');
    for (let i = 0; i < draws; i++) counts[uniformInt(rng, n)]++;
    // Any value outside 0..n-1 would have landed outside `counts` and broken this total.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(draws);
    // Each count is binomial(draws, 1/n): standard error sqrt(draws * p * (1 - p)).
    const p = 1 / n;
    const se = Math.sqrt(draws * p * (1 - p));
    for (const c of counts) expect(Math.abs(c - draws * p)).toBeLessThan(SE_TOLERANCE * se);
  });

  it('rejects n that is not an integer in [1, 2^32)', () => {
    const rng = new RandomStreams(5).stream('test:int');
    for (const bad of [0, -1, 2.5, Number.NaN, 2 ** 32]) {
      expect(() => uniformInt(rng, bad)).toThrow(/n must be an integer/);
    }
  });
});
