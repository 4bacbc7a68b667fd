/** `sim sweep` and `sim compare` run as a user runs them (the built CLI, npm test builds it first). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim, tempDir } from './helpers/cli.js';
import { DETERMINISTIC } from './helpers/whatif-fixtures.js';

const WITH_SWEEP = `${DETERMINISTIC.replace('constant, rate: 1/s', 'poisson, rate: 2/s').replace('duration: 10m', 'duration: 2m')}sweep:
  vary:
    functions.api.memorySize: 512..2048 step 512
    functions.api.architecture: [x86_64, arm64]
  replications: 2
`;

const FILES = ['sweep.csv', 'sweep.html', 'sweep.json', 'sweep.md'];

describe('sim sweep', () => {
  it('runs the scenario\'s sweep: block and writes the same bytes with 1 and 2 workers', () => {
    const dir = tempDir({ 's.yaml': WITH_SWEEP });
    const one = sim(['sweep', 's.yaml', '--workers', '1', '--out', 'w1'], dir);
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/## Sweep of det: 8 points × 2 replications/);
    expect(one.stdout).toMatch(/\*\*Recommended\*\* \(cheapest/);
    expect(one.stdout).toMatch(/reports: w1\/ \(sweep.csv, sweep.json, sweep.md, sweep.html\)/);
    const two = sim(['sweep', 's.yaml', '--workers', '2', '--out', 'w2', '--quiet'], dir);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe('');
    for (const f of FILES) expect(readFileSync(path.join(dir, 'w2', f), 'utf8')).toBe(readFileSync(path.join(dir, 'w1', f), 'utf8'));
    const html = readFileSync(path.join(dir, 'w1', 'sweep.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script/);
  });

  it('--vary replaces sweep.vary; --keep-reports keeps each point\'s reports; sim run ignores sweep:', () => {
    const dir = tempDir({ 's.yaml': WITH_SWEEP });
    const r = sim(['sweep', 's.yaml', '--vary', 'functions.api.memorySize=1024,2048', '--replications', '1', '--keep-reports', '--no-html', '--quiet'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = path.join(dir, 'reports', 'det-sweep');
    expect(JSON.parse(readFileSync(path.join(out, 'sweep.json'), 'utf8')).points).toHaveLength(2);
    expect(existsSync(path.join(out, 'sweep.html'))).toBe(false);
    const kept = JSON.parse(readFileSync(path.join(out, 'points', 'point-002', 'summary.json'), 'utf8'));
    expect(kept.functions.api.memorySize).toBe(2048);
    expect(sim(['run', 's.yaml', '--quiet'], dir).status).toBe(0);
  });

  it('exits 1 when no point meets every expect line', () => {
    const dir = tempDir({ 's.yaml': WITH_SWEEP.replace('< 1200ms', '< 10ms') });
    const r = sim(['sweep', 's.yaml', '--replications', '1', '--vary', 'functions.api.memorySize=1024', '--no-html'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/No point meets every expect line/);
  });

  it('refuses bad input with one line and exit 2', () => {
    const dir = tempDir({ 's.yaml': WITH_SWEEP, 'plain.yaml': DETERMINISTIC });
    const bad = (args: string[]) => sim(args, dir);
    let r = bad(['sweep', 's.yaml', '--vary', 'functions.api.memorySize=128..512']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sim: --vary functions.api.memorySize=128..512: expected a range FROM..TO step STEP such as 128..3008 step 128, found "128..512"\n');
    r = bad(['sweep', 'plain.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sim: name what to vary: --vary PATH=V1,V2/);
    r = bad(['sweep', 's.yaml', '--vary', 'functions.api.memorySize=64,1024']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sim: --vary functions.api.memorySize=64,1024: functions.api.memorySize: expected a whole number of MB from 128 to 10240, found 64\n');
    r = bad(['sweep', 's.yaml', '--workers', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--workers: expected a whole number from 1 to 256/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('sim compare', () => {
  it('compares a file with a --set change as a PR comment, and exits 1 when a limit is crossed', () => {
    const dir = tempDir({ 'd.yaml': DETERMINISTIC });
    const r = sim(['compare', 'd.yaml', '--set', 'functions.api.memorySize=2048', '--fail-if', 'api.cost.perMonth increases by more than 10%', '--fail-if', 'api.latency.p99 increases by more than 50ms', '--workers', '2'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\*\*base\*\* `d.yaml` → \*\*head\*\* `d.yaml --set functions.api.memorySize=2048`/);
    // 599.2 GB-s and 599 requests -> 900.2 GB-s and 600 requests (see whatif-sweep.test.ts): +49.6%.
    // Single runs print 3 significant figures (compare.json keeps 0.01010649 -> 0.01512336).
    expect(r.stdout).toMatch(/\| api \| cost \| 0\.0101 \| 0\.0151 \| \+0\.00502 \(\+49\.6%\) \|/);
    expect(r.stdout).toMatch(/❌ crossed: `api.cost.perMonth increases by more than 10%`/);
    expect(r.stdout).toMatch(/✅ holds: `api.latency.p99 increases by more than 50ms`/);
    const json = JSON.parse(readFileSync(path.join(dir, 'reports', 'det-compare', 'compare.json'), 'utf8'));
    expect(json.limits.map((l: { crossed: boolean }) => l.crossed)).toEqual([true, false]);
    expect(json.functions.api.p99.change.mean).toBeLessThan(0);
  });

  it('compares two files and lists the expect lines that changed state; exit 0 without limits', () => {
    const dir = tempDir({ 'base.yaml': DETERMINISTIC, 'head.yaml': DETERMINISTIC.replace('duration: 1s', 'duration: 1500ms') });
    const r = sim(['compare', 'base.yaml', 'head.yaml', '--quiet', '--out', 'c'], dir);
    expect(r.status).toBe(0);
    const md = readFileSync(path.join(dir, 'c', 'compare.md'), 'utf8');
    expect(md).toMatch(/- `api.latency.p99 < 1200ms`: holds → broken/);
  });

  it('refuses a limit it cannot read, or nothing to compare, with exit 2', () => {
    const dir = tempDir({ 'd.yaml': DETERMINISTIC });
    let r = sim(['compare', 'd.yaml', '--set', 'functions.api.memorySize=2048', '--fail-if', 'api.cost grows by 10%'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sim: --fail-if 'api.cost grows by 10%': expected METRIC increases\|decreases\|changes/);
    r = sim(['compare', 'd.yaml', '--set', 'functions.api.memorySize=2048', '--fail-if', 'api.latncy.p99 increases'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/did you mean "api.latency.p99"\?/);
    r = sim(['compare', 'd.yaml'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/compare what\?/);
  });
});
