/**
 * `sim merge` of the shards of `sim sweep --shard` and `sim run --replications --shard`: the same
 * bytes as one machine's run, whatever the order the shards are given in; and every shard that
 * does not belong refused with one line naming it (exit 2).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simInProcess, tempDir, type CliResult } from './helpers/cli.js';
import { DETERMINISTIC } from './helpers/whatif-fixtures.js';

/** Poisson arrivals (so replications differ), two minutes, a grid of 4 points × 3 replications. */
const SCENARIO = `${DETERMINISTIC.replace('constant, rate: 1/s', 'poisson, rate: 2/s').replace('duration: 10m', 'duration: 2m')}sweep:
  vary:
    functions.api.memorySize: [512, 1024, 2048]
    functions.api.architecture: [x86_64, arm64]
  replications: 3
`;

const ok = async (args: string[], cwd: string): Promise<CliResult> => {
  const r = await simInProcess(args[0] === 'merge' ? args : [...args, '--workers', '1'], cwd);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.status, args.join(' ')).toBe(0);
  return r;
};

/** Every file under `dir` (relative path → content). */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const p = path.join(rel, name);
      if (statSync(path.join(dir, p)).isDirectory()) walk(p);
      else out[p] = readFileSync(path.join(dir, p), 'utf8');
    }
  };
  walk('.');
  return out;
}

describe('sim merge of sweep shards', () => {
  it('3 shards merged in any order give one machine\'s sweep files byte for byte, kept reports included', async () => {
    // Kept reports without report.html: 18 of them would take most of the test's time.
    const cwd = tempDir({ 's.yaml': `${SCENARIO}reports: { formats: [summary, json, csv] }\n` });
    await ok(['sweep', 's.yaml', '--keep-reports', '--out', 'one', '--quiet'], cwd);
    for (const i of [1, 2, 3]) {
      const r = await ok(['sweep', 's.yaml', '--keep-reports', '--shard', `${i}/3`, '--out', `part-${i}`], cwd);
      expect(r.stdout).toMatch(new RegExp(`^sweep shard ${i}/3: 6 of 18 runs \\(expected cost 1,440 of 4,320 invocations\\)\\npartial result: part-${i}/ \\(shard.json\\)`));
    }
    const merged = await ok(['merge', 'part-2', 'part-3', 'part-1', '--out', 'merged'], cwd);
    expect(merged.stdout).toMatch(/## Sweep of det: 6 points × 3 replications/);
    await ok(['merge', 'part-1', 'part-2', 'part-3', '--out', 'in-order', '--quiet'], cwd);
    const one = files(path.join(cwd, 'one'));
    expect(Object.keys(one)).toContain('sweep.html');
    expect(Object.keys(one)).toContain(path.join('points', 'point-006', 'rep-3', 'summary.json'));
    expect(files(path.join(cwd, 'merged'))).toEqual(one);
    expect(files(path.join(cwd, 'in-order'))).toEqual(one);
  });

  it('writes to the one-machine default folder, and more shards than runs leave some empty', async () => {
    const cwd = tempDir({ 's.yaml': SCENARIO.replace('replications: 3', 'replications: 1') });
    await ok(['sweep', 's.yaml', '--no-html', '--quiet'], cwd);
    const one = files(path.join(cwd, 'reports', 'det-sweep'));
    for (let i = 1; i <= 8; i++) await ok(['sweep', 's.yaml', '--no-html', '--shard', `${i}/8`, '--quiet'], cwd);
    const shard8 = JSON.parse(readFileSync(path.join(cwd, 'reports', 'det-sweep-shard-8-of-8', 'shard.json'), 'utf8'));
    expect(shard8.items).toEqual([]);
    const dirs = Array.from({ length: 8 }, (_, i) => `reports/det-sweep-shard-${8 - i}-of-8`);
    await ok(['merge', ...dirs, '--quiet'], cwd);
    expect(files(path.join(cwd, 'reports', 'det-sweep'))).toEqual(one);
  });
});

describe('sim merge of replication shards', () => {
  it('gives one machine\'s report folder byte for byte: replication 1\'s reports and replications.md/json', async () => {
    const cwd = tempDir({ 's.yaml': SCENARIO });
    const single = await simInProcess(['run', 's.yaml', '--replications', '5', '--workers', '1', '--out', 'one'], cwd);
    for (const i of [1, 2, 3]) await ok(['run', 's.yaml', '--replications', '5', '--shard', `${i}/3`, '--out', `rep-${i}`], cwd);
    const merged = await simInProcess(['merge', 'rep-3', 'rep-1', 'rep-2', '--out', 'merged'], cwd);
    expect(merged.status).toBe(single.status);
    expect(merged.stdout.replace('merged/', 'one/')).toBe(single.stdout);
    const one = files(path.join(cwd, 'one'));
    expect(Object.keys(one)).toEqual(expect.arrayContaining(['summary.json', 'functions.csv', 'replications.md', 'replications.json']));
    expect(files(path.join(cwd, 'merged'))).toEqual(one);
  });

  it('--shard needs --replications', async () => {
    const cwd = tempDir({ 's.yaml': SCENARIO });
    const r = await simInProcess(['run', 's.yaml', '--shard', '1/2'], cwd);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sim: --shard splits replications: give --replications N (N >= 2) too, or shard a sim sweep (see sim --help)\n');
  });
});

describe('sim merge refuses shards that do not belong together', () => {
  const cwd = tempDir({ 's.yaml': SCENARIO.replace('replications: 3', 'replications: 1') });
  const shard = (i: number, n: number, name: string, extra: string[] = []) =>
    ok(['sweep', 's.yaml', '--no-html', '--quiet', '--shard', `${i}/${n}`, '--out', name, ...extra], cwd);
  const refused = async (dirs: string[], line: string) => {
    const r = await simInProcess(['merge', ...dirs, '--out', 'never'], cwd);
    expect(r.stderr).toBe(`sim: ${line}\n`);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  };

  it('one line naming the shard, exit 2, nothing written', async () => {
    await shard(1, 2, 'a1');
    await shard(2, 2, 'a2');
    await shard(2, 2, 'seed9', ['--seed', '9']);
    await shard(2, 2, 'other', ['--set', 'functions.api.cpuBound=0.9']);
    await shard(2, 2, 'vary', ['--vary', 'functions.api.memorySize=512,4096']);
    await shard(2, 3, 'three');
    await ok(['run', 's.yaml', '--replications', '2', '--shard', '2/2', '--out', 'reps', '--quiet'], cwd);
    await refused(['a1'], 'shard 2/2 missing (got 1 of 2): merge every shard\'s folder');
    await refused(['a1', 'a2', 'a2'], 'shard 2/2 is given twice: "a2" and "a2"');
    await refused(['a1', 'seed9'], 'shard 2/2 ("seed9") has seed 9, shard 1/2 ("a1") seed 3: run every shard with the same --seed');
    const different = 'is of a different scenario than shard 1/2 ("a1") (the scenario file, --set, --vary, --replications, --pick or --keep-reports/--no-html differ): run every shard with the same command';
    await refused(['a1', 'other'], `shard 2/2 ("other") ${different}`);
    await refused(['a1', 'vary'], `shard 2/2 ("vary") ${different}`);
    await refused(['a1', 'three'], 'shard 2/3 ("three") is one of 3 shards, shard 1/2 ("a1") one of 2: run every shard with the same N in --shard I/N');
    await refused(['a1', 'reps'], 'shard 2/2 ("reps") is a replications shard, shard 1/2 ("a1") a sweep shard: merge the shards of one run');
    await refused(['a1', 'nowhere'], '"nowhere": not a shard folder (no readable shard.json: ENOENT); give the folders sim sweep/run --shard wrote');
    // Another lambda-sim version (its outputs could differ), a damaged file.
    const a2 = readFileSync(path.join(cwd, 'a2', 'shard.json'), 'utf8');
    writeFileSync(path.join(cwd, 'a2', 'shard.json'), a2.replace('"version": "0.1.0"', '"version": "0.0.9"'));
    await refused(['a1', 'a2'], 'shard 2/2 ("a2") was made by lambda-sim "0.0.9", this is lambda-sim 0.1.0: run every shard and the merge with one version');
    writeFileSync(path.join(cwd, 'a2', 'shard.json'), a2.replace('"tasks": 6', '"tasks": "6"'));
    await refused(['a1', 'a2'], '"a2": shard.json is damaged (a field is missing or of the wrong type): run that shard again');
    writeFileSync(path.join(cwd, 'a2', 'shard.json'), a2.slice(0, 100));
    expect((await simInProcess(['merge', 'a1', 'a2'], cwd)).stderr).toMatch(/^sim: "a2": shard.json is not JSON \(.*\): a shard folder copied half-way\?\n$/);
    expect(readdirSync(cwd)).not.toContain('never');
  });
});
