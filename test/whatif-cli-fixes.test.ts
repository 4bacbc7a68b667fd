/**
 * What a new user's CI met with the what-if commands: the verdict summary.md shows under
 * --replications, files of an earlier run left in a report folder, temporary folders left by a
 * signal (real processes).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIM, sim, tempDir } from './helpers/cli.js';
import { DETERMINISTIC } from './helpers/whatif-fixtures.js';

/** The deterministic scenario with Poisson arrivals, so replications differ. */
const RANDOM = DETERMINISTIC.replace('constant, rate: 1/s', 'poisson, rate: 2/s').replace('duration: 10m', 'duration: 2m');
const read = (...parts: string[]): string => readFileSync(path.join(...parts), 'utf8');

/** Every entry under `dir` (recursively) whose name is a temporary's. */
function temporaries(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => /\.(tmp|old)-\d+-\d+/.test(p));
}

describe('sim run --replications: summary.md gives the verdict that sets the exit code', () => {
  it('summary.md, summary.txt and report.html lead with the broken replicated verdict though replication 1 holds', () => {
    // Replication 1's p99 sits just under the bound; the interval over 4 replications reaches past it.
    const dir = tempDir({ 'r.yaml': RANDOM });
    const one = sim(['run', 'r.yaml', '--quiet', '--out', 'one'], dir);
    const p99 = JSON.parse(read(dir, 'one', 'summary.json')).functions.api.latency.p99 as number;
    const bound = `api.latency.p99 < ${Math.ceil(p99 + 0.5)}ms`;
    const r = sim(['run', 'r.yaml', '--replications', '4', '--workers', '1', '--quiet', '--out', 'rep', '--set', `expect=["${bound}"]`], dir);
    expect(one.status).toBe(0);
    expect(r.status).toBe(1);
    expect(read(dir, 'rep', 'replications.md')).toContain(`❌ broken: \`${bound}\``);
    const md = read(dir, 'rep', 'summary.md');
    expect(md.split('\n')[0]).toBe('### det: :x: the expectation is broken over 4 replications');
    expect(md).toContain(`| :x: **BROKEN** | \`${bound}\` |`);
    expect(md).toMatch(/#### Replication 1 \(the scenario's seed 3\), as `sim run` without --replications writes it: :white_check_mark: the expectation holds/);
    expect(md).toContain('| replication 1 | expectation | actual |');
    const txt = read(dir, 'rep', 'summary.txt');
    expect(txt.split('\n')[0]).toMatch(/^the expectation is broken over 4 replications \(each expect line judged on the 95% interval/);
    expect(txt).toContain('replication 1: the expectation holds');
    const html = read(dir, 'rep', 'report.html');
    expect(html).toContain('<span class="verdict broken">the expectation is broken over 4 replications</span>');
    expect(html).toContain('<p class="meta">replication 1: seed 3');
    // The other files keep their meaning: replication 1's run, exactly as sim run writes it.
    expect(read(dir, 'rep', 'functions.csv')).toBe(read(dir, 'one', 'functions.csv'));
    expect(JSON.parse(read(dir, 'rep', 'summary.json')).expectations[0].ok).toBe(true);
  });
});

describe('a report folder is replaced whole, lambda-sim files of an earlier run included', () => {
  it('a plain run removes the replications files a --replications run left; the user\'s own files stay', () => {
    const dir = tempDir({ 'r.yaml': RANDOM });
    expect(sim(['run', 'r.yaml', '--replications', '2', '--workers', '1', '--quiet', '--out', 'out'], dir).status).toBe(0);
    expect(existsSync(path.join(dir, 'out', 'replications.md'))).toBe(true);
    expect(sim(['run', 'r.yaml', '--quiet', '--out', 'out'], dir).status).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['functions.csv', 'report.html', 'summary.json', 'summary.md', 'summary.txt', 'timeseries.csv']);
    // With a file of the user's in the folder, lambda-sim's stale files go and the user's stays.
    expect(sim(['run', 'r.yaml', '--replications', '2', '--workers', '1', '--quiet', '--out', 'out'], dir).status).toBe(0);
    writeFileSync(path.join(dir, 'out', 'notes.txt'), 'mine');
    expect(sim(['run', 'r.yaml', '--quiet', '--out', 'out'], dir).status).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['functions.csv', 'notes.txt', 'report.html', 'summary.json', 'summary.md', 'summary.txt', 'timeseries.csv']);
    expect(read(dir, 'out', 'notes.txt')).toBe('mine');
  });

  it('a sweep into a run\'s folder leaves only the sweep\'s files', () => {
    const dir = tempDir({ 'r.yaml': RANDOM });
    expect(sim(['run', 'r.yaml', '--quiet', '--out', 'out'], dir).status).toBe(0);
    expect(sim(['sweep', 'r.yaml', '--vary', 'functions.api.memorySize=1024,2048', '--workers', '1', '--no-html', '--quiet', '--out', 'out'], dir).status).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['sweep.csv', 'sweep.json', 'sweep.md']);
    expect(temporaries(dir)).toEqual([]);
  });
});

/** Start the built `sim` in its own process group, send `signal` to the group once a temporary exists, resolve to the exit status. */
function interrupted(args: string[], cwd: string, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SIM, ...args], { cwd, stdio: 'ignore', detached: true });
    const started = Date.now();
    const poll = setInterval(() => {
      if (temporaries(cwd).length > 0 || Date.now() - started > 20_000) {
        clearInterval(poll);
        process.kill(-child.pid!, signal); // the whole group, as Ctrl-C in a terminal does
      }
    }, 20);
    child.on('error', reject);
    child.on('close', (status, sig) => {
      clearInterval(poll);
      resolve(status ?? (sig === null ? null : -1));
    });
  });
}

describe('a signal during a what-if command leaves no temporary folder (real processes)', () => {
  // Long enough that the signal always lands mid-run: 2,000 requests/s for an hour per run.
  const LONG = RANDOM.replace('rate: 2/s', 'rate: 2000/s').replace('duration: 2m', 'duration: 1h');

  it('sim sweep --keep-reports on SIGINT (exit 130) and with --shard on SIGTERM (exit 143)', async () => {
    const dir = tempDir({ 'r.yaml': LONG });
    const vary = ['--vary', 'functions.api.memorySize=1024,2048,3008'];
    expect(await interrupted(['sweep', 'r.yaml', ...vary, '--workers', '2', '--keep-reports', '--quiet', '--out', 'x6'], dir, 'SIGINT')).toBe(130);
    expect(await interrupted(['sweep', 'r.yaml', ...vary, '--workers', '1', '--shard', '1/2', '--out', 'x7'], dir, 'SIGTERM')).toBe(143);
    expect(temporaries(dir)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['r.yaml']);
  }, 60_000);

  it('sim run --replications on SIGTERM (one worker) and on SIGINT (two workers)', async () => {
    const dir = tempDir({ 'r.yaml': LONG });
    expect(await interrupted(['run', 'r.yaml', '--replications', '3', '--workers', '1', '--quiet', '--out', 'r3'], dir, 'SIGTERM')).toBe(143);
    expect(await interrupted(['run', 'r.yaml', '--replications', '3', '--workers', '2', '--quiet', '--out', 'r4'], dir, 'SIGINT')).toBe(130);
    expect(temporaries(dir)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['r.yaml']);
  }, 60_000);
});

describe('compare with one replication, sweep.html tooltips', () => {
  it('compare --replications 1 says its limits have no confidence interval behind them', () => {
    const dir = tempDir({ 'r.yaml': RANDOM });
    const r = sim(['compare', 'r.yaml', '--set', 'functions.api.memorySize=2048', '--replications', '1', '--workers', '1', '--fail-if', 'api.latency.p99 increases by more than 50ms', '--out', 'c'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(' · The 1 limit holds.');
    expect(r.stdout).toContain('With 1 replication there is no confidence interval: each limit is judged on the change of this one run per side');
  });

  it('sweep.html tooltips show the digits sweep.md shows, not 10 significant figures', () => {
    const dir = tempDir({ 'r.yaml': RANDOM });
    expect(sim(['sweep', 'r.yaml', '--vary', 'functions.api.memorySize=1024,1536', '--replications', '2', '--workers', '1', '--quiet', '--out', 's'], dir).status).toBe(0);
    const tips = [...read(dir, 's', 'sweep.html').matchAll(/<title>([^<]*(?:USD per month|ms)[^<]*)<\/title>/g)].map((m) => m[1]);
    expect(tips.length).toBeGreaterThan(0);
    for (const tip of tips) expect(tip).not.toMatch(/\d\.\d{4,}/);
    expect(tips.some((t) => / ± /.test(t))).toBe(true);
  });
});
