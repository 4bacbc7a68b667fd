/** Issue 11, point 7: summary.txt and summary.md say which `--set` / `--seed` overrides were applied. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReports, renderSummaryMd, renderSummaryTxt } from '../src/report/index.js';
import { sampleResults, SIMULATOR } from './helpers/report-fixtures.js';
import { sim, tempDir } from './helpers/cli.js';

const OVERRIDES = ['--set functions.api.memorySize=1024', '--seed 7'];
const summary = () => buildReports(sampleResults(), { simulator: SIMULATOR, expect: [] }).summary;

describe('the overrides a run was made with', () => {
  it('are listed under the scenario line of summary.txt', () => {
    const lines = renderSummaryTxt(summary(), { color: false, overrides: OVERRIDES }).split('\n');
    expect(lines[1]).toBe('run with --set functions.api.memorySize=1024 --seed 7');
    expect(lines[2]).toBe('');
  });

  it('are listed as code in summary.md, for a CI comment', () => {
    expect(renderSummaryMd(summary(), { overrides: OVERRIDES })).toContain(
      'Run with `--set functions.api.memorySize=1024` `--seed 7` on top of the scenario file.',
    );
  });

  it('leave both files as they were when the file ran as written', () => {
    expect(renderSummaryTxt(summary(), { color: false, overrides: [] })).toBe(renderSummaryTxt(summary(), { color: false }));
    expect(renderSummaryMd(summary(), { overrides: [] })).toBe(renderSummaryMd(summary()));
    expect(renderSummaryTxt(summary(), { color: false })).not.toContain('run with');
  });

  it('reach the files written by buildReports', () => {
    const built = buildReports(sampleResults(), { simulator: SIMULATOR, expect: [], overrides: OVERRIDES });
    expect(built.contents.summary).toContain('run with --set functions.api.memorySize=1024 --seed 7');
    expect(built.contents.markdown).toContain('`--seed 7`');
  });
});

describe('sim run --set ... --seed ...', () => {
  it('writes the overrides into summary.txt, summary.md and the terminal summary', () => {
    const scenario = 'name: o\nduration: 10s\nfunctions:\n  api: { duration: 100ms }\nworkloads:\n  - { function: api, arrivals: { process: constant, rate: 5/s } }\nreports: { formats: [summary] }\n';
    const dir = tempDir({ 'o.yaml': scenario });
    const r = sim(['run', 'o.yaml', '--out', 'r', '--set', 'functions.api.memorySize=1024', '--seed', '7'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('run with --set functions.api.memorySize=1024 --seed 7');
    expect(readFileSync(path.join(dir, 'r', 'summary.txt'), 'utf8')).toContain('run with --set functions.api.memorySize=1024 --seed 7');
    expect(readFileSync(path.join(dir, 'r', 'summary.md'), 'utf8')).toContain('`--set functions.api.memorySize=1024`');
  });
});
