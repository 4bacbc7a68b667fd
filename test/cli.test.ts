/**
 * The `sim` command on files in a temporary folder. Most cases call `main(argv, io)` in this
 * process (simInProcess); a few run the built bin/sim.js in a new node process as a user does
 * (`sim`; npm test builds dist/ first), for what only a real process shows: the exit status, the
 * start-up, and a reader that closes the pipe early.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SIM, sim, simInProcess, tempDir } from './helpers/cli.js';

const GOOD = `name: tiny
seed: 5
duration: 2m
functions:
  api:
    memorySize: 256
    duration: { dist: lognormal, p50: 40ms, p99: 200ms }
    init: 300ms
workloads:
  - name: web
    function: api
    arrivals: { process: poisson, rate: 20/s }
expect:
  - api.throttles == 0
  - api.latency.p99 < 2s
`;

function reportFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('sim run', () => {
  it('runs a scenario, prints the summary and writes the report files (a real process)', () => {
    const dir = tempDir({ 'tiny.yaml': GOOD });
    const r = sim(['run', 'tiny.yaml'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/tiny/);
    expect(r.stdout).toMatch(/api/);
    const out = path.join(dir, 'reports', 'tiny');
    expect(reportFiles(out)).toEqual(['functions.csv', 'report.html', 'summary.json', 'summary.md', 'summary.txt', 'timeseries.csv']);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.scenario).toBe('tiny');
    expect(summary.seed).toBe(5);
    expect(summary.simulatedMs).toBe(120_000);
    const api = summary.functions.api;
    // Conservation (sync, no retries): requests = invocations + throttles + in flight.
    expect(api.requests).toBe(api.invocations + api.throttles + api.inFlightAtEnd);
    // Poisson 20/s over 120 s: 2,400 expected, sd 49; 5 sd.
    expect(Math.abs(api.requests - 2400)).toBeLessThan(5 * 49);
    expect(api.coldStarts).toBeGreaterThan(0);
    expect(summary.expectations.every((e: { ok: boolean }) => e.ok)).toBe(true);
    // The terminal text and the file agree (no colour when stdout is not a terminal).
    expect(r.stdout.startsWith(readFileSync(path.join(out, 'summary.txt'), 'utf8'))).toBe(true);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('gives byte-identical files for the same scenario and seed, different ones for another seed', async () => {
    const dir = tempDir({ 'tiny.yaml': GOOD });
    const read = (d: string) => reportFiles(d).map((f) => readFileSync(path.join(d, f), 'utf8'));
    expect((await simInProcess(['run', 'tiny.yaml', '--quiet', '--out', 'a'], dir)).status).toBe(0);
    expect((await simInProcess(['run', 'tiny.yaml', '--quiet', '--out', 'b'], dir)).status).toBe(0);
    expect((await simInProcess(['run', 'tiny.yaml', '--quiet', '--out', 'c', '--seed', '6'], dir)).status).toBe(0);
    const a = read(path.join(dir, 'a'));
    expect(a.length).toBe(6); // report.html and timeseries.csv included
    expect(read(path.join(dir, 'b'))).toEqual(a);
    expect(read(path.join(dir, 'c'))).not.toEqual(a);
  });

  it('--quiet prints nothing; --out chooses the folder', async () => {
    const dir = tempDir({ 'tiny.yaml': GOOD });
    const r = await simInProcess(['run', 'tiny.yaml', '--quiet', '--out', 'elsewhere/x'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(reportFiles(path.join(dir, 'elsewhere', 'x'))).toContain('summary.json');
    expect(existsSync(path.join(dir, 'reports'))).toBe(false);
  });

  it('exits 1 and names the broken expectation when an expect line fails', async () => {
    const dir = tempDir({ 'tiny.yaml': GOOD.replace('api.latency.p99 < 2s', 'api.latency.p99 < 1ms') });
    const r = await simInProcess(['run', 'tiny.yaml'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/api\.latency\.p99 < 1ms/);
    expect(r.stdout).toMatch(/BROKEN/);
    const summary = JSON.parse(readFileSync(path.join(dir, 'reports', 'tiny', 'summary.json'), 'utf8'));
    expect(summary.expectations.map((e: { ok: boolean }) => e.ok)).toEqual([true, false]);
  });

  it('applies --set overrides before validation', async () => {
    const dir = tempDir({ 'tiny.yaml': GOOD });
    const r = await simInProcess(
      ['run', 'tiny.yaml', '--quiet', '--set', 'functions.api.memorySize=2048', '--set', 'workloads.web.arrivals.rate=1/s'],
      dir,
    );
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, 'reports', 'tiny', 'summary.json'), 'utf8'));
    expect(summary.functions.api.requests).toBeLessThan(250); // about 120 at 1/s
    // 2,048 MB: GB-s = billed ms / 1000 x 2.
    expect(summary.functions.api.gbSeconds).toBeCloseTo((summary.functions.api.billedDurationMs / 1000) * 2, 6);
  });
});

/** A bad-input case: the file's text and what the one error line must contain. */
const BAD: [string, string, RegExp][] = [
  ['an empty file', '', /empty\.yaml.*empty|empty\.yaml:1:1/i],
  ['a YAML syntax error', 'name: x\nduration: [1m\n', /bad\.yaml:\d+:\d+/],
  ['a duplicate key', 'name: x\nname: y\nduration: 1m\nfunctions: {a: {duration: 1ms}}\n', /bad\.yaml:2:1: name: expected each key at most once/],
  ['a top level that is not a mapping', '- 1\n- 2\n', /bad\.yaml:1:1.*mapping/i],
  [
    'an unknown key, with a suggestion',
    'name: x\nduration: 1m\nfunctions:\n  a:\n    duration: 1ms\n    memorysize: 512\n',
    /bad\.yaml:6:5: functions\.a\.memorysize.*did you mean "memorySize"/,
  ],
  [
    'a value out of range',
    'name: x\nduration: 1m\nfunctions:\n  a:\n    duration: 1ms\n    memorySize: 20000\n',
    /bad\.yaml:6:17: functions\.a\.memorySize: expected .*10240.*found 20000/,
  ],
  [
    'a lognormal whose p99 is below its p50',
    'name: x\nduration: 1m\nfunctions:\n  a:\n    duration: { dist: lognormal, p50: 100ms, p99: 50ms }\n',
    /bad\.yaml:5:\d+: functions\.a\.duration.*p99/,
  ],
  [
    'a workload naming an unknown function, with a suggestion',
    'name: x\nduration: 1m\nfunctions:\n  checkout:\n    duration: 1ms\nworkloads:\n  - function: chekout\n    arrivals: { process: poisson, rate: 1/s }\n',
    /bad\.yaml:7:\d+: workloads\.0\.function.*did you mean "checkout"/,
  ],
  [
    'an expect line naming a metric summary.json does not have, with a suggestion',
    'name: x\nduration: 1m\nfunctions:\n  api:\n    duration: 1ms\nexpect:\n  - api.latency.p98 < 1s\n',
    /bad\.yaml:7:5: expect\.0: expected a metric of summary\.json.*found api\.latency\.p98 \(api\.latency keeps p50, p90, p99, p999, max\)/,
  ],
  ['a bare number for a duration', 'name: x\nduration: 60\nfunctions: {a: {duration: 1ms}}\n', /bad\.yaml:2:11: duration: expected a duration/],
];

describe('bad input: one clear line, exit 2, no stack trace, nothing written', () => {
  for (const [what, text, message] of BAD) {
    it(`reports ${what}`, async () => {
      const file = what === 'an empty file' ? 'empty.yaml' : 'bad.yaml';
      const dir = tempDir({ [file]: text });
      for (const command of [['run', file], ['validate', file]]) {
        const r = await simInProcess(command, dir);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(existsSync(path.join(dir, 'reports'))).toBe(false);
      }
    });
  }

  it('exits 2 with one line and no stack trace in a real process too', () => {
    const dir = tempDir({ 'bad.yaml': BAD[4][1] });
    const r = sim(['run', 'bad.yaml'], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(BAD[4][2]);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports a missing file', async () => {
    const dir = tempDir();
    const r = await simInProcess(['run', 'nope.yaml'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports a bad --set override and a value out of range that came from one', async () => {
    const dir = tempDir({ 'tiny.yaml': GOOD });
    const noEquals = await simInProcess(['run', 'tiny.yaml', '--set', 'functions.api.memorySize'], dir);
    expect(noEquals.status).toBe(2);
    expect(noEquals.stderr).toMatch(/--set functions\.api\.memorySize/);
    const typo = await simInProcess(['run', 'tiny.yaml', '--set', 'functions.api.memorysize=512'], dir);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/--set functions\.api\.memorysize=512: functions\.api\.memorysize: .*did you mean "memorySize"/);
    const outOfRange = await simInProcess(['run', 'tiny.yaml', '--set', 'functions.api.memorySize=99999'], dir);
    expect(outOfRange.status).toBe(2);
    expect(outOfRange.stderr).toMatch(/--set functions\.api\.memorySize=99999.*found 99999/);
    expect(existsSync(path.join(dir, 'reports'))).toBe(false);
  });

  it('reports an unknown command or option as a usage error', async () => {
    const dir = tempDir({ 'tiny.yaml': GOOD });
    expect((await simInProcess(['frobnicate'], dir)).status).toBe(2);
    const r = await simInProcess(['run', 'tiny.yaml', '--sede', '3'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/sede/);
    const seed = await simInProcess(['run', 'tiny.yaml', '--seed', 'abc'], dir);
    expect(seed.status).toBe(2);
    expect(seed.stderr.trim()).toBe('sim: --seed: expected a whole number >= 0, found "abc" (see sim --help)');
  });
});

describe('sim validate, schema, --help, --version', () => {
  it('validate says ok and exits 0 for a good file, writing nothing', async () => {
    const dir = tempDir({ 'tiny.yaml': GOOD });
    const r = await simInProcess(['validate', 'tiny.yaml'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ok/);
    expect(existsSync(path.join(dir, 'reports'))).toBe(false);
  });

  it('schema prints the JSON Schema of the scenario format', async () => {
    const r = await simInProcess(['schema'], tempDir());
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.properties.functions).toBeDefined();
    expect(schema.properties.workloads).toBeDefined();
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'duration', 'functions']));
  });

  it('prints help and the version (a real process)', () => {
    const help = sim(['--help'], tempDir());
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/run <file>/);
    expect(help.stdout).toMatch(/validate <file>/);
    const version = sim(['--version'], tempDir());
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('wraps --help at word boundaries, never inside a word (a tester saw "a\\nnd" and "JO\\nB_COMPLETION_INDEX")', async () => {
    const r = await simInProcess(['run', '--help'], tempDir());
    expect(r.stdout).toContain('JOB_COMPLETION_INDEX');
    // Every wrapped line of a description starts with a whole word: the one before it ended on a space.
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('run only part I of N of the runs (1-based, e.g. 2/3) and write a partial folder for sim merge');
  });

  it('suggests the command or option meant by a typo', async () => {
    const command = await simInProcess(['runn', 'x.yaml'], tempDir());
    expect([command.status, command.stderr.trim()]).toEqual([2, 'sim: Unknown arguments: runn, x.yaml (did you mean "run"?) (see sim --help)']);
    const option = await simInProcess(['run', '--replicatons', '3', 'x.yaml'], tempDir());
    expect([option.status, option.stderr.trim()]).toEqual([2, 'sim: Unknown argument: replicatons (did you mean "--replications"?) (see sim --help)']);
  });

  it('the committed editor schema matches what `sim schema` prints', async () => {
    const r = await simInProcess(['schema'], tempDir());
    const committed = readFileSync(path.join(ROOT, 'scenarios', 'scenario.schema.json'), 'utf8');
    expect(committed).toBe(r.stdout);
  });
});

/**
 * Runs the built `sim` in a new process whose stdout is a pipe that this test closes after the
 * first chunk, as `| head -1` does. Resolves to the exit status and everything written to stderr.
 */
function simIntoClosedPipe(args: string[], cwd: string): Promise<{ status: number | null; stderr: string; firstChunk: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SIM, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let firstChunk = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', (d: Buffer) => {
      firstChunk = d.toString();
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr, firstChunk }));
  });
}

describe('a reader that closes the pipe early (sim ... | head)', () => {
  it('schema, whose output is larger than a pipe holds, exits 0 quietly (a real process)', async () => {
    const r = await simIntoClosedPipe(['schema'], tempDir());
    expect(r.firstChunk.startsWith('{')).toBe(true);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('run ends with its own exit status and nothing on stderr (a real process)', async () => {
    // Without report.html (the slowest file to build): the summary on stdout is what matters here.
    const dir = tempDir({ 'tiny.yaml': `${GOOD}reports: { formats: [summary, json] }\n` });
    const r = await simIntoClosedPipe(['run', 'tiny.yaml'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'reports', 'tiny', 'summary.json'), 'utf8')).scenario).toBe('tiny');
  });
});

describe('the example scenarios', () => {
  for (const name of ['quickstart', 'checkout-peak-hour', 'nightly-report-cold-starts', 'flash-sale-concurrency', 'order-queue-and-clickstream', 'payments-fifo', 'async-thumbnails', 'azure-trace-replay']) {
    it(`${name}.yaml validates`, async () => {
      const file = path.join(ROOT, 'scenarios', `${name}.yaml`);
      const r = await simInProcess(['validate', file], tempDir());
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }

  it('quickstart runs with every expectation met', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'q.yaml'), readFileSync(path.join(ROOT, 'scenarios', 'quickstart.yaml'), 'utf8'));
    const r = await simInProcess(['run', 'q.yaml', '--quiet'], dir);
    expect(r.status).toBe(0);
  });
});
