/**
 * `percentiles`: a distribution through given percentiles, linear in between. The draws hit each
 * given percentile (DKW bound), are uniform inside a band, the mean is the bands' midpoints weighted
 * by their widths, and the Azure Functions trace's duration table is read by its column names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSampler } from '../src/kernel/distributions.js';
import { RandomStreams } from '../src/kernel/random.js';
import { loadScenario } from '../src/scenario/load.js';
import { isScenarioError } from '../src/scenario/errors.js';
import { tempDir } from './helpers/temp.js';

const N = 200_000;
const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/** The Azure 2019 excerpt's durations row of HashFunction 7017de4f... (ms): p0 7, p1 8, p25 10, p50 11, p75 20, p99 308, p100 6078. */
const AT = [0, 0.01, 0.25, 0.5, 0.75, 0.99, 1];
const MS = [7, 8, 10, 11, 20, 308, 6078];

describe('percentiles sampling', () => {
  const sampler = createSampler({ dist: 'percentiles', at: AT, values: MS });
  const rng = new RandomStreams(3).stream('fn:web:duration');
  const draws = Array.from({ length: N }, () => sampler.sample(rng)).sort((a, b) => a - b);

  it('hits every given percentile (DKW: within q -+ 0.005 at N = 200,000)', () => {
    // The quantile function is increasing and linear between the points, so the draw quantile at q
    // lies between the values at q - 0.005 and q + 0.005 (probability of failure 9e-5 for all q).
    const at = (q: number) => {
      const i = Math.max(0, AT.findIndex((a, k) => q >= a && q <= AT[k + 1]));
      return MS[i] + ((q - AT[i]) / (AT[i + 1] - AT[i])) * (MS[i + 1] - MS[i]);
    };
    for (const q of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      const d = quantile(draws, q);
      expect(d).toBeGreaterThanOrEqual(at(Math.max(0, q - 0.005)));
      expect(d).toBeLessThanOrEqual(at(Math.min(1, q + 0.005)));
    }
    expect(draws[0]).toBeGreaterThanOrEqual(7);
    expect(draws[N - 1]).toBeLessThanOrEqual(6078);
  });

  it('has the mean of its bands: sum of width x midpoint, and the sample agrees within 4 standard errors', () => {
    let mean = 0;
    let square = 0;
    for (let i = 0; i + 1 < AT.length; i++) {
      const [a, b] = [MS[i], MS[i + 1]];
      mean += (AT[i + 1] - AT[i]) * ((a + b) / 2);
      square += (AT[i + 1] - AT[i]) * ((a * a + a * b + b * b) / 3);
    }
    expect(sampler.mean()).toBeCloseTo(mean, 9);
    // 0.01 x (308 + 6078) / 2 = 31.9 of the mean comes from the last band alone (the trace's own Average is 33).
    expect(mean).toBeCloseTo(80.025, 3);
    const sampleMean = draws.reduce((s, x) => s + x, 0) / N;
    expect(Math.abs(sampleMean - mean)).toBeLessThan(4 * Math.sqrt((square - mean * mean) / N));
  });

  it('is uniform inside a band: half the draws of the 75-99 band fall below its midpoint', () => {
    const band = draws.filter((d) => d > 20 && d < 308);
    expect(band.length / N).toBeCloseTo(0.24, 2);
    const below = band.filter((d) => d < 164).length / band.length;
    expect(Math.abs(below - 0.5)).toBeLessThan(0.01);
  });

  it('refuses points that do not run from 0 to 1, repeat a probability or decrease', () => {
    expect(() => createSampler({ dist: 'percentiles', at: [0, 0.5], values: [1, 2] })).toThrow(/from 0 to 1/);
    expect(() => createSampler({ dist: 'percentiles', at: [0, 0.5, 0.5, 1], values: [1, 2, 3, 4] })).toThrow(/increase/);
    expect(() => createSampler({ dist: 'percentiles', at: [0, 1], values: [5, 4] })).toThrow(/not decrease/);
  });
});

describe('percentiles in a scenario', () => {
  function scenario(duration: string, files: Record<string, string> = {}): string {
    const dir = tempDir(files);
    const file = join(dir, 's.yaml');
    writeFileSync(file, ['name: p', 'duration: 1h', 'functions:', '  f:', `    duration: ${duration}`, ''].join('\n'));
    return file;
  }
  const errorOf = (file: string): string => {
    try {
      loadScenario(file);
    } catch (error) {
      if (isScenarioError(error)) return error.message;
      throw error;
    }
    throw new Error('no error');
  };
  const azure = readFileSync(new URL('../scenarios/traces/azure2019_100fn_durations.csv', import.meta.url), 'utf8');

  it('reads the Azure trace durations file by column name, in ms, one row chosen by match', () => {
    const s = loadScenario(
      scenario('{ dist: percentiles, file: d.csv, match: { HashFunction: 7017de4ffed83d70238483df8a219da83506626ad472d22b8cc186fde46530b6 } }', { 'd.csv': azure }),
    );
    expect(s.functions.f.duration).toStrictEqual({ dist: 'percentiles', at: AT, values: MS.map((ms) => ms * 1000) });
  });

  it("notes when the bands' mean is far from the table's own Average column", () => {
    const s = loadScenario(
      scenario('{ dist: percentiles, file: d.csv, match: { HashFunction: 7017de4ffed83d70238483df8a219da83506626ad472d22b8cc186fde46530b6 } }', { 'd.csv': azure }),
    );
    expect(s.notes).toContain(
      'functions.f.duration: the percentiles of d.csv give a mean of 80ms, its Average column says 33ms (each band is drawn uniformly, and the last, 308ms .. 6.078s, weighs on the mean; the Azure table holds percentiles of 30-second averages)',
    );
  });

  it('takes points written in the scenario, in any order', () => {
    const s = loadScenario(scenario('{ dist: percentiles, points: { p100: 2s, p0: 5ms, p99.9: 1.5s, p50: 40ms } }'));
    expect(s.functions.f.duration).toStrictEqual({ dist: 'percentiles', at: [0, 0.5, 0.999, 1], values: [5000, 40_000, 1_500_000, 2_000_000] });
  });

  it('explains each mistake in one line', () => {
    expect(errorOf(scenario('{ dist: percentiles, points: { p0: 5ms, p50: 40ms } }'))).toMatch(/duration\.points: expected percentiles from p0 \(the smallest value\) to p100 \(the largest\), found p0 \.\. p50$/);
    expect(errorOf(scenario('{ dist: percentiles, points: { p0: 5ms, p50: 40ms, p100: 30ms } }'))).toMatch(/found p50 40ms, p100 30ms$/);
    expect(errorOf(scenario('{ dist: percentiles, points: { p0: 5ms, q50: 40ms, p100: 50ms } }'))).toMatch(/duration\.points\.q50: expected a percentile key p0 \.\. p100 such as p50 or p99\.9, found "q50"$/);
    expect(errorOf(scenario('{ dist: percentiles, file: d.csv }', { 'd.csv': azure }))).toMatch(/found 100 data rows$/);
    expect(errorOf(scenario('{ dist: percentiles, points: { p0: 1ms, p100: 2ms }, row: 2 }'))).toMatch(/duration\.row: row and match choose a row of a file; points need neither$/);
    expect(errorOf(scenario('{ dist: percentiles }'))).toMatch(/give the percentiles as points/);
    expect(errorOf(scenario('{ dist: percentiles, file: d.csv }', { 'd.csv': 'a,b\n1,2\n' }))).toMatch(/percentile columns/);
  });
});
