/**
 * `empirical` and `mixture`: draws reproduce the sample's quantiles and the mixture's weights; the
 * sample is read from a CSV column or from Lambda REPORT log lines (lambda-behavior.md section 13),
 * including Init Duration and the old 100 ms Billed Duration.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSampler } from '../src/kernel/distributions.js';
import { RandomStreams } from '../src/kernel/random.js';
import { readReportLog } from '../src/scenario/report-log.js';
import { tempDir } from './helpers/temp.js';
import { loadScenario } from '../src/scenario/load.js';
import { isScenarioError } from '../src/scenario/errors.js';

const N = 200_000;

/** Nearest-rank quantile of sorted data. */
const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

describe('empirical sampling', () => {
  it("reproduces the sample's quantiles", () => {
    // A skewed sample of 997 values (a prime count, so no quantile falls on a tie by accident).
    const sample = Array.from({ length: 997 }, (_, i) => Math.round(1000 * Math.exp(((i * 7919) % 997) / 250)));
    const sorted = [...sample].sort((a, b) => a - b);
    const sampler = createSampler({ dist: 'empirical', values: sample });
    const rng = new RandomStreams(5).stream('fn:x:duration');
    const draws = Array.from({ length: N }, () => sampler.sample(rng)).sort((a, b) => a - b);
    // Every draw is a value of the sample.
    const values = new Set(sample);
    expect(draws.every((d) => values.has(d))).toBe(true);
    // DKW inequality: P(sup |F_draws - F_sample| > 0.005) <= 2 exp(-2 N 0.005^2) = 9e-5 at N = 200,000,
    // so each draw quantile lies between the sample's quantiles at q -+ 0.005.
    for (const q of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      const d = quantile(draws, q);
      expect(d).toBeGreaterThanOrEqual(quantile(sorted, q - 0.005));
      expect(d).toBeLessThanOrEqual(quantile(sorted, q + 0.005));
    }
    expect(sampler.mean()).toBeCloseTo(sample.reduce((a, b) => a + b, 0) / sample.length, 9);
  });

  it('does not depend on the order of the rows', () => {
    const rng1 = new RandomStreams(1).stream('s');
    const rng2 = new RandomStreams(1).stream('s');
    const a = createSampler({ dist: 'empirical', values: [5, 1, 3] });
    const b = createSampler({ dist: 'empirical', values: [3, 5, 1] });
    for (let i = 0; i < 100; i++) expect(a.sample(rng1)).toBe(b.sample(rng2));
  });

  it('refuses an empty sample and non-finite values', () => {
    expect(() => createSampler({ dist: 'empirical', values: [] })).toThrow(/at least one value/);
    expect(() => createSampler({ dist: 'empirical', values: [1, Number.NaN] })).toThrow(/values\[1\] must be a finite number/);
  });
});

describe('mixture sampling', () => {
  it('picks components in proportion to their weights and has the weighted mean', () => {
    const sampler = createSampler({
      dist: 'mixture',
      components: [
        { weight: 9, spec: { dist: 'constant', value: 10 } },
        { weight: 1, spec: { dist: 'uniform', min: 1000, max: 2000 } },
      ],
    });
    const rng = new RandomStreams(3).stream('m');
    let slow = 0;
    for (let i = 0; i < N; i++) if (sampler.sample(rng) >= 1000) slow++;
    // Binomial(N, 0.1): sd = sqrt(N x 0.1 x 0.9) = 134; 4.5 sd.
    expect(Math.abs(slow - 0.1 * N)).toBeLessThan(4.5 * 134);
    expect(sampler.mean()).toBeCloseTo(0.9 * 10 + 0.1 * 1500, 9);
  });

  it('refuses a non-positive weight', () => {
    expect(() => createSampler({ dist: 'mixture', components: [{ weight: 0, spec: { dist: 'constant', value: 1 } }] })).toThrow(/weight must be a finite number > 0/);
  });
});

describe('REPORT log parsing', () => {
  const log = [
    // Plain export with a timestamp prefix and tabs; the first has Init Duration (a cold start).
    '2024-03-01T10:00:00.123Z\tREPORT RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95\tDuration: 15.74 ms\tBilled Duration: 16 ms\tMemory Size: 128 MB\tMax Memory Used: 56 MB\tInit Duration: 130.49 ms\t',
    '2024-03-01T10:00:01.000Z\tREPORT RequestId: 1c2d3e4f-xmpl-4a5b-8c9d-0e1f2a3b4c5d\tDuration: 3.02 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 57 MB\t',
    // The old 100 ms rounding: Billed Duration 200 ms for a 102.25 ms Duration.
    'REPORT RequestId: 2b3c4d5e-xmpl-4b5c-9d0e-1f2a3b4c5d6e Duration: 102.25 ms Billed Duration: 200 ms Memory Size: 1024 MB Max Memory Used: 80 MB',
    'XRAY TraceId: 1-5e34a614-10bdxmplf1fb44f07bc535a1\tSegmentId: 07f5xmpl2d1f6f85\tSampled: true',
    'START RequestId: 3c4d Version: $LATEST',
    // Inside a JSON export, with escaped tabs.
    '{"timestamp":1709287200000,"message":"REPORT RequestId: 4d5e\\tDuration: 250.00 ms\\tBilled Duration: 250 ms\\tMemory Size: 512 MB\\tMax Memory Used: 90 MB\\tInit Duration: 410.12 ms\\t"}',
    // JSON log format.
    '{"time":"2024-03-01T10:00:05.000Z","type":"platform.report","record":{"requestId":"5e6f","metrics":{"durationMs":7.5,"billedDurationMs":8,"memorySizeMB":128,"maxMemoryUsedMB":60}}}',
  ].join('\n');

  it('reads Duration (never Billed Duration) from every REPORT line', () => {
    expect(readReportLog(log, 'Duration')).toStrictEqual({ valuesMs: [15.74, 3.02, 102.25, 250, 7.5], reports: 5 });
  });

  it('reads Init Duration only from cold starts', () => {
    expect(readReportLog(log, 'Init Duration').valuesMs).toStrictEqual([130.49, 410.12]);
  });
});

describe('empirical files in a scenario', () => {
  function scenario(fn: string, files: Record<string, string>): string {
    const dir = tempDir(files);
    const file = join(dir, 's.yaml');
    writeFileSync(file, ['name: e', 'duration: 1h', 'functions:', '  f:', ...fn.split('\n').map((l) => `    ${l}`), ''].join('\n'));
    return file;
  }
  const log = 'REPORT RequestId: a\tDuration: 10.50 ms\tBilled Duration: 11 ms\tMemory Size: 128 MB\tMax Memory Used: 56 MB\tInit Duration: 200.00 ms\nREPORT RequestId: b\tDuration: 20.25 ms\tBilled Duration: 21 ms\tMemory Size: 128 MB\tMax Memory Used: 56 MB\n';

  it('a REPORT log gives Duration to duration and Init Duration to init (us)', () => {
    const s = loadScenario(scenario('duration: { dist: empirical, file: r.log }\ninit: { dist: empirical, file: r.log }', { 'r.log': log }));
    expect(s.functions.f.duration).toStrictEqual({ dist: 'empirical', values: Float64Array.from([10_500, 20_250]) });
    expect(s.functions.f.init).toStrictEqual({ dist: 'empirical', values: Float64Array.from([200_000]) });
  });

  it('a CSV column by name, with a unit, blank cells skipped and cells with their own unit', () => {
    const csv = 'id,duration_s,init\n1,0.5,\n2,1.25,300ms\n3,2,\n';
    const s = loadScenario(scenario('duration: { dist: empirical, file: d.csv, column: duration_s, unit: s }\ninit: { dist: empirical, file: d.csv, column: 3 }', { 'd.csv': csv }));
    expect(s.functions.f.duration).toStrictEqual({ dist: 'empirical', values: Float64Array.from([500_000, 1_250_000, 2_000_000]) });
    expect(s.functions.f.init).toStrictEqual({ dist: 'empirical', values: Float64Array.from([300_000]) });
  });

  it('inside a mixture', () => {
    const s = loadScenario(scenario('duration:\n  dist: mixture\n  of:\n    - { weight: 3, dist: empirical, file: d.csv }\n    - { weight: 1, dist: lognormal, p50: 1s, p99: 3s }', { 'd.csv': '5\n7\n' }));
    expect(s.functions.f.duration).toMatchObject({
      dist: 'mixture',
      components: [{ weight: 3, spec: { dist: 'empirical', values: Float64Array.from([5000, 7000]) } }, { weight: 1, spec: { dist: 'lognormal', median: 1_000_000 } }],
    });
  });

  it('a malformed value names the key, the file and the line; a mixture component names its own key', () => {
    const error = (fn: string, files: Record<string, string>) => {
      try {
        loadScenario(scenario(fn, files));
      } catch (e) {
        if (isScenarioError(e)) return e.format();
        throw e;
      }
      throw new Error('expected an error');
    };
    expect(error('duration: { dist: empirical, file: d.csv }', { 'd.csv': 'ms\n5\n-3\n' })).toMatch(
      /s\.yaml:5:\d+: functions\.f\.duration\.file: d\.csv:3: expected a duration >= 0 in column "ms" \(a number of ms, or with a unit such as 120ms\), found "-3"$/,
    );
    expect(error('duration: { dist: empirical, file: d.csv, column: x }', { 'd.csv': 'ms\n5\n' })).toMatch(/functions\.f\.duration\.column: d\.csv:1: expected one of the columns "ms", found no column "x"$/);
    expect(error('init: { dist: empirical, file: r.log }\nduration: 1s', { 'r.log': log.split('\n')[1] })).toMatch(/functions\.f\.init\.file: r\.log: expected REPORT lines with Init Duration, found 1 REPORT lines without it$/);
    expect(error('duration: { dist: mixture, of: [{ weight: 1, dist: uniform, min: 2s, max: 1s }] }', {})).toMatch(/functions\.f\.duration\.of\.0\.max: expected max of at least min \(2s\), found 1s$/);
    expect(error('duration: { dist: mixture, of: [{ weight: 0, dist: constant, value: 1s }] }', {})).toMatch(/functions\.f\.duration\.of\.0\.weight: expected a number greater than 0, found 0$/);
  });
});
