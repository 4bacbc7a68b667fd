/**
 * The library API (docs/library-api.md): parseScenario from text, objects and files; runScenario in
 * memory (writes nothing) and into a folder (the same files as `sim run`), progress, abort leaving
 * nothing behind, conservation on every example scenario, and the documented example run with node.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.js';
import {
  checkInvariants,
  InvariantError,
  parseScenario,
  parseScenarioFile,
  runScenario,
  ScenarioError,
  simulate,
} from '../src/index.js';
import { ROOT } from './helpers/cli.js';
import { thrown } from './helpers/scenario-error.js';

const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambda-sim-test-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

const YAML = `name: lib
seed: 3
duration: 2m
functions:
  api:
    memorySize: 512
    duration: { dist: lognormal, p50: 60ms, p99: 600ms }
    init: 300ms
    errorRate: 0.01
workloads:
  - { name: web, function: api, arrivals: { process: poisson, rate: 40/s } }
expect:
  - api.latency.p99 < 5s
  - api.throttles > 0
`;

describe('parseScenario', () => {
  it('parses text with overrides and a seed, as sim run --set / --seed', () => {
    const s = parseScenario(YAML, { overrides: ['functions.api.memorySize=1024'], seed: 9 });
    expect(s.functions.api.memorySize).toBe(1024);
    expect(s.seed).toBe(9);
    expect(s.duration).toBe(120_000_000);
  });

  it('reports bad text as one ScenarioError with its file name, line and column', () => {
    const e = thrown(() => parseScenario(YAML.replace('memorySize: 512', 'memorySize: 99999'), { fileName: 'lib.yaml' }));
    expect(e.format()).toBe('lib.yaml:6:17: functions.api.memorySize: expected a whole number of MB from 128 to 10240, found 99999');
  });

  it('refuses an expect metric the summary will not have, with a suggestion', () => {
    const e = thrown(() => parseScenario(YAML.replace('api.throttles > 0', 'api.throtles > 0'), { fileName: 'lib.yaml' }));
    expect(e.format()).toMatch(/^lib\.yaml:14:5: expect\.1: expected a metric of summary\.json.*found api\.throtles \(did you mean "api\.throttles"\?\)$/);
  });

  it('parses an object of the YAML shape without modifying it; its errors name the key path', () => {
    const object = { name: 'obj', duration: '1m', functions: { api: { memorySize: 256, duration: '100ms' } }, workloads: [] };
    const copy = structuredClone(object);
    const s = parseScenario(object, { overrides: ['functions.api.memorySize=2048'] });
    expect(s.functions.api.memorySize).toBe(2048);
    expect(object).toStrictEqual(copy);
    const bad = thrown(() => parseScenario({ ...object, functions: { api: { memorySize: 64, duration: '100ms' } } }));
    expect(bad.format()).toBe('<scenario>: functions.api.memorySize: expected a whole number of MB from 128 to 10240, found 64');
    expect(thrown(() => parseScenario([1, 2] as unknown as object)).format()).toMatch(/^<scenario>: expected a YAML mapping .* found a list$/);
  });

  it('resolves data files against baseDir', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'arrivals.csv'), 'timestamp\n0.5\n1.5\n');
    const text = YAML.replace("arrivals: { process: poisson, rate: 40/s }", 'arrivals: { process: trace, file: arrivals.csv, format: timestamps }');
    expect(() => parseScenario(text)).toThrow(ScenarioError);
    expect(parseScenario(text, { baseDir: dir }).workloads[0].arrivals).toMatchObject({ process: 'trace' });
  });
});

describe('runScenario', () => {
  it('in memory: results, summary and verdicts, and no file anywhere', async () => {
    const cwd = process.cwd();
    const before = existsSync(path.join(cwd, 'reports', 'lib'));
    const fractions: number[] = [];
    const run = await runScenario(parseScenario(YAML), { onProgress: (f) => fractions.push(f) });
    expect(run.files).toStrictEqual([]);
    expect(existsSync(path.join(cwd, 'reports', 'lib'))).toBe(before);
    expect(run.summary.functions.api.requests).toBe(run.results.functions[0].requests);
    expect(run.expectations.map((e) => e.ok)).toStrictEqual([true, false]);
    expect(run.ok).toBe(false);
    expect(fractions.at(-1)).toBe(1);
    // Same scenario, same seed: the same summary, run after run.
    expect((await runScenario(parseScenario(YAML))).summary).toStrictEqual(run.summary);
  });

  it('with dir: byte-identical to sim run, report.html included', async () => {
    const dir = temp();
    const file = path.join(dir, 'lib.yaml');
    writeFileSync(file, YAML + 'reports: { formats: [summary, json, csv, html, logs], timeseries: 1s }\n');
    const io: Io = { stdout: () => {}, stderr: () => {}, stdoutIsTty: false, stderrIsTty: false };
    expect(await main(['run', file, '--quiet', '--out', path.join(dir, 'cli'), '--set', 'seed=5'], io)).toBe(1);
    const run = await runScenario(parseScenarioFile(file, { overrides: ['seed=5'] }), { dir: path.join(dir, 'lib') });
    expect(run.files.map((f) => path.relative(path.join(dir, 'lib'), f))).toStrictEqual([
      'summary.txt', 'summary.md', 'summary.json', 'functions.csv', 'report.html', 'timeseries.csv', path.join('logs', 'api.log'),
    ]);
    expect(files(path.join(dir, 'lib'))).toStrictEqual(files(path.join(dir, 'cli')));
    for (const name of files(path.join(dir, 'cli')).filter((n) => n.includes('.'))) {
      expect(readFileSync(path.join(dir, 'lib', name), 'utf8'), name).toBe(readFileSync(path.join(dir, 'cli', name), 'utf8'));
    }
  });

  it('an abort between slices rejects with the reason and leaves no file', async () => {
    const dir = path.join(temp(), 'out');
    // 2,000 requests/s for 10 minutes: well over one slice of events.
    const scenario = parseScenario(YAML.replace('rate: 40/s', 'rate: 2000/s').replace('duration: 2m', 'duration: 10m') + 'reports: { formats: [json, csv] }\n');
    const controller = new AbortController();
    const reason = new Error('stop');
    const run = runScenario(scenario, { dir, signal: controller.signal, onProgress: () => controller.abort(reason) });
    await expect(run).rejects.toBe(reason);
    expect(existsSync(dir) ? files(dir).filter((n) => n.includes('.')) : []).toStrictEqual([]);
    // Aborted before it starts: nothing is created at all.
    await expect(runScenario(scenario, { dir: path.join(dir, 'never'), signal: AbortSignal.abort() })).rejects.toThrow();
    expect(existsSync(path.join(dir, 'never'))).toBe(false);
  });

  it('conserves every request, event, message and record in every example scenario', async () => {
    const examples = readdirSync(path.join(ROOT, 'scenarios')).filter((n) => n.endsWith('.yaml'));
    expect(examples.length).toBeGreaterThan(5);
    for (const name of examples) {
      // runScenario asserts conservation itself; checkInvariants says the same on the results.
      // The first two simulated minutes at most (a workload starting later simply has no arrivals).
      const scenario = parseScenarioFile(path.join(ROOT, 'scenarios', name));
      const run = await runScenario({ ...scenario, duration: Math.min(scenario.duration, 120_000_000) });
      expect(checkInvariants(run.results), name).toStrictEqual([]);
    }
  });
});

describe('checkInvariants', () => {
  it('names each broken identity with its numbers', () => {
    const results = simulate(parseScenario(YAML));
    const f = results.functions[0];
    const broken = { ...results, functions: [{ ...f, requests: f.requests + 1 }] };
    expect(checkInvariants(broken)).toStrictEqual([
      `function "api": requests (${f.requests + 1}) != successes (${f.successes}) + errors (${f.errors}) + throttles (${f.throttles}) + inFlightAtEnd (${f.inFlightAtEnd}) = ${f.requests}`,
    ]);
    expect(new InvariantError(checkInvariants(broken)).message).toMatch(/^conservation broken \(a bug\): function "api": requests/);
  });
});

describe('docs/library-api.md', () => {
  const example = readFileSync(path.join(ROOT, 'docs', 'examples', 'library-api.mjs'), 'utf8');

  it('shows the example file as it is', () => {
    expect(readFileSync(path.join(ROOT, 'docs', 'library-api.md'), 'utf8')).toContain('```js\n' + example + '```');
  });

  it('runs the example with node against dist/ and prints what the page shows', () => {
    // The example imports 'lambda-sim' as a user would; here that is this checkout's build.
    const dir = temp();
    const script = path.join(dir, 'example.mjs');
    writeFileSync(script, example.replace("from 'lambda-sim'", `from '${pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href}'`));
    const r = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const page = readFileSync(path.join(ROOT, 'docs', 'library-api.md'), 'utf8');
    const shown = /It prints[^\n]*\n\n```text\n([\s\S]*?)```/.exec(page)?.[1];
    expect(r.stdout).toBe(shown);
  });
});
