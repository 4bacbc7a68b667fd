import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReports, renderSummaryJson, writeFileAtomic, writeReports } from '../src/report/index.js';
import { sampleResults, SIMULATOR } from './helpers/report-fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-write-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const EXPECT = [{ text: 'total.cost <= 40 USD', metric: 'total.cost', op: '<=' as const, value: 40 }];

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary behind', () => {
    const path = join(dir, 'a.txt');
    writeFileAtomic(path, 'hello\n');
    expect(readFileSync(path, 'utf8')).toBe('hello\n');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('replaces an existing file whole', () => {
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'old content that is longer than the new one\n');
    writeFileAtomic(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('removes the temporary file and rethrows when the rename fails', () => {
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'x');
    expect(() => writeFileAtomic(target, 'data')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('fails without leaving anything when the folder does not exist', () => {
    expect(() => writeFileAtomic(join(dir, 'missing', 'a.txt'), 'data')).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeReports', () => {
  it('creates the folder and writes each selected file', async () => {
    const out = join(dir, 'reports', 'checkout-flash-sale');
    const r = await writeReports(sampleResults(), { dir: out, formats: ['csv', 'json', 'summary', 'json'], expect: EXPECT, simulator: SIMULATOR });
    expect(r.files).toEqual([join(out, 'summary.txt'), join(out, 'summary.md'), join(out, 'summary.json'), join(out, 'functions.csv')]);
    expect(readdirSync(out).sort()).toEqual(['functions.csv', 'summary.json', 'summary.md', 'summary.txt']);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(renderSummaryJson(r.summary));
    expect(readFileSync(join(out, 'summary.txt'), 'utf8')).toBe(r.text);
    expect(r.text).not.toContain('\u001b[');
    expect(r.expectations).toEqual([{ expr: 'total.cost <= 40 USD', actual: 0.00153584, ok: true }]);
    expect(r.summary.expectations).toEqual(r.expectations);
  });

  it('writes only the formats asked for, and still returns the text', async () => {
    const r = await writeReports(sampleResults(), { dir, formats: ['json'], expect: [], simulator: SIMULATOR });
    expect(r.files).toEqual([join(dir, 'summary.json')]);
    expect(readdirSync(dir)).toEqual(['summary.json']);
    expect(r.text.startsWith('checkout-flash-sale  seed 42')).toBe(true);
  });

  it('writes nothing, not even the folder, when building fails', async () => {
    const out = join(dir, 'never');
    const bad = sampleResults();
    bad.functions[0].latency.mean = () => NaN;
    await expect(writeReports(bad, { dir: out, formats: ['summary', 'json', 'csv', 'html'], expect: [], simulator: SIMULATOR })).rejects.toThrow(
      'report: checkout.latency.mean is NaN',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a format it does not know', async () => {
    await expect(
      writeReports(sampleResults(), { dir, formats: ['pdf' as 'json'], expect: [], simulator: SIMULATOR }),
    ).rejects.toThrow('report: unknown format "pdf"');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes byte-identical files for the same Results twice, report.html included', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const html = { series: null, accountLimit: 1000, scenario: { fileName: 's.yaml', text: 'name: s\n', overrides: [] } };
    await writeReports(sampleResults(), { dir: a, formats: ['summary', 'json', 'csv', 'html'], expect: EXPECT, simulator: SIMULATOR, html });
    await writeReports(sampleResults(), { dir: b, formats: ['summary', 'json', 'csv', 'html'], expect: EXPECT, simulator: SIMULATOR, html });
    for (const f of ['summary.txt', 'summary.md', 'summary.json', 'functions.csv', 'report.html']) {
      expect(readFileSync(join(a, f))).toEqual(readFileSync(join(b, f)));
    }
    expect(buildReports(sampleResults(), { expect: EXPECT, simulator: SIMULATOR }).contents.json).toBe(readFileSync(join(a, 'summary.json'), 'utf8'));
  });
});
