import { describe, expect, it } from 'vitest';
import { KeyedRng } from '../src/kernel/keyed-random.js';
import { createSampler, sampleUs } from '../src/kernel/distributions.js';

/**
 * The counter-based stream behind per-request draws (common random numbers). Fixed seeds, so the
 * statistical checks are deterministic; thresholds are the 0.1% critical values, so a good hash
 * passes with room and a broken one (a stuck bit, a purpose ignored) fails by orders of magnitude.
 */
const N = 100_000;
const BINS = 100;
/** chi-square(99) at p = 0.001. */
const CHI2_99_CRIT = 148.2;
/** Kolmogorov-Smirnov at alpha = 0.001: 1.95 / sqrt(n). */
const KS_CRIT = 1.95 / Math.sqrt(N);

function uniforms(purpose: number, run = 0, seed = 12345): Float64Array {
  const rng = new KeyedRng(seed);
  const out = new Float64Array(N);
  for (let k = 0; k < N; k++) out[k] = rng.at(k, run, purpose).next();
  return out;
}

function chiSquare(u: Float64Array): number {
  const counts = new Float64Array(BINS);
  for (const x of u) counts[Math.floor(x * BINS)]++;
  const e = u.length / BINS;
  let chi = 0;
  for (const c of counts) chi += ((c - e) * (c - e)) / e;
  return chi;
}

function ks(u: Float64Array): number {
  const s = Float64Array.from(u).sort();
  let d = 0;
  for (let i = 0; i < s.length; i++) d = Math.max(d, Math.abs(s[i] - i / s.length), Math.abs((i + 1) / s.length - s[i]));
  return d;
}

function correlation(a: Float64Array, b: Float64Array): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= a.length;
  mb /= b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('KeyedRng', () => {
  it('is random access: a position gives the same uniforms whatever was drawn before', () => {
    const a = new KeyedRng(7);
    const b = new KeyedRng(7);
    b.at(99, 0, 1).next();
    b.at(3, 2, 0).next();
    const first = [a.at(5, 1, 2).next(), a.next(), a.next()];
    expect([b.at(5, 1, 2).next(), b.next(), b.next()]).toEqual(first);
  });

  it('gives uniforms in [0, 1) with 32-bit resolution', () => {
    for (const u of uniforms(0).subarray(0, 1000)) {
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(Number.isInteger(u * 2 ** 32)).toBe(true);
    }
  });

  it('is uniform over keys (chi-square and KS on 1e5 draws, per purpose and for a later run)', () => {
    for (const [purpose, run] of [
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 3],
    ]) {
      const u = uniforms(purpose, run);
      expect(chiSquare(u), `purpose ${purpose} run ${run}`).toBeLessThan(CHI2_99_CRIT);
      expect(ks(u), `purpose ${purpose} run ${run}`).toBeLessThan(KS_CRIT);
    }
  });

  it('is uniform along one position counter (successive next() calls)', () => {
    const rng = new KeyedRng(1).at(42, 0, 0);
    const u = new Float64Array(N);
    for (let i = 0; i < N; i++) u[i] = rng.next();
    expect(chiSquare(u)).toBeLessThan(CHI2_99_CRIT);
    expect(ks(u)).toBeLessThan(KS_CRIT);
  });

  it('keeps purposes, runs, seeds and keys above 2^32 independent (|r| < 4 / sqrt(n))', () => {
    const limit = 4 / Math.sqrt(N);
    const base = uniforms(0);
    expect(Math.abs(correlation(base, uniforms(1)))).toBeLessThan(limit);
    expect(Math.abs(correlation(base, uniforms(0, 1)))).toBeLessThan(limit);
    expect(Math.abs(correlation(base, uniforms(0, 0, 12346)))).toBeLessThan(limit);
    // Neighbouring keys, and keys that differ only above bit 32 (event-source key spaces).
    const shifted = new Float64Array(N);
    const rng = new KeyedRng(12345);
    for (let k = 0; k < N; k++) shifted[k] = rng.at(k + 2 ** 40, 0, 0).next();
    expect(Math.abs(correlation(base, shifted))).toBeLessThan(limit);
    expect(Math.abs(correlation(base.subarray(1), base.subarray(0, N - 1)))).toBeLessThan(limit);
  });

  it('makes a normal-based sampler keep no spare across requests', () => {
    // With a cached spare, request 2's draw would depend on whether request 1 drew before it.
    const sampler = createSampler({ dist: 'lognormal', median: 80_000, sigma: 0.8 });
    const rng = new KeyedRng(9);
    const alone = sampleUs(sampler, rng.at(2, 0, 0));
    sampleUs(sampler, rng.at(1, 0, 0));
    expect(sampleUs(sampler, rng.at(2, 0, 0))).toBe(alone);
  });
});
