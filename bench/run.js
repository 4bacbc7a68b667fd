// npm run bench: one line per row of issue #19's table (see bench/cases.js for the scenarios).
//
// The machine is shared (2 cores, other jobs running), so speeds are CPU seconds of the simulation
// phase (process.cpuUsage), each case runs in a fresh process (own heap, JIT and peak RSS), the
// rounds are interleaved (every case once, then again) so load changes hit all cases alike, and each
// row quotes the best round. The bare typed-array loop of the busy case runs in the same rounds, so
// the ratio compares two measurements taken under the same load.
// Benchmarks are printed, never asserted: speed is not a test.
//
//   npm run bench [-- --rounds 5] [-- --only busy,startup] [-- --long]
// Groups for --only: busy, environments, arrivals, sources, observers, startup, long (or case names).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { busyYaml, ONE_SECOND_YAML } from './cases.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};
const ROUNDS = Number(option('rounds') ?? 3);
const ONLY = option('only')?.split(',');
const LONG = args.includes('--long');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lambda-sim-bench-'));

/** A case of the simulation phase, measured in its own process by bench/case.js. */
const inProcess = (...caseArgs) => () =>
  JSON.parse(execFileSync(process.execPath, ['--expose-gc', path.join(here, 'case.js'), ...caseArgs], { encoding: 'utf8', maxBuffer: 1 << 20 }));

/** A whole `sim` command: wall seconds seen from here, CPU seconds and peak RSS from the process itself. */
const simCommand = (...simArgs) => () => {
  const cpuFile = path.join(tmp, 'cpu.json');
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, ['--require', path.join(here, 'cpu-at-exit.cjs'), path.join(root, 'bin', 'sim.js'), ...simArgs], {
    env: { ...process.env, BENCH_CPU_FILE: cpuFile },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  return { wall, ...JSON.parse(readFileSync(cpuFile, 'utf8')) };
};

const scenarioFile = (name, text) => {
  const file = path.join(tmp, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
};
const oneSecond = scenarioFile('one-second', ONE_SECOND_YAML);
const busyDefault = scenarioFile('busy-default', busyYaml({ formats: null }));
const longJson = scenarioFile('long', busyYaml({ duration: '10000s', rate: '10000/s' }));

/** Every measurement, by name; a row reads the ones it needs. */
const CASES = {
  bare: inProcess('bare'),
  busy: inProcess('sim', 'busy'),
  busyWhole: simCommand('run', busyDefault, '--out', path.join(tmp, 'busy-out')),
  env11: inProcess('sim', 'env-11'),
  env11k: inProcess('sim', 'env-11k'),
  env113k: inProcess('sim', 'env-113k'),
  arrivalsPlain: inProcess('sim', 'arrivals-plain'),
  arrivalsModulated: inProcess('sim', 'arrivals-modulated'),
  sqs: inProcess('sim', 'sqs'),
  kinesis: inProcess('sim', 'kinesis'),
  plain30m: inProcess('sim', 'busy-30m'),
  logs30m: inProcess('sim', 'busy-30m', 'logs'),
  timeseries30m: inProcess('sim', 'busy-30m', 'timeseries'),
  timeseries2h: inProcess('sim', 'busy', 'timeseries'),
  version: simCommand('--version'),
  oneSecond: simCommand('run', oneSecond, '--out', path.join(tmp, 'one-second-out')),
  ...(LONG ? { long: simCommand('run', longJson, '--out', path.join(tmp, 'long-out')) } : {}),
};
const GROUPS = {
  busy: ['bare', 'busy', 'busyWhole'],
  environments: ['env11', 'env11k', 'env113k'],
  arrivals: ['arrivalsPlain', 'arrivalsModulated'],
  sources: ['sqs', 'kinesis'],
  observers: ['plain30m', 'logs30m', 'timeseries30m', 'busy', 'timeseries2h'],
  startup: ['version', 'oneSecond'],
  long: ['long'],
};
const selected = Object.keys(CASES).filter((name) => !ONLY || ONLY.some((g) => (GROUPS[g] ?? [g]).includes(name)));

const runs = Object.fromEntries(selected.map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const name of selected) runs[name].push(CASES[name]());
  process.stderr.write(`bench: round ${round + 1}/${ROUNDS} done\n`);
}
rmSync(tmp, { recursive: true, force: true });

const best = (name, key = 'cpu') => runs[name]?.reduce((a, b) => (a[key] <= b[key] ? a : b));
const has = (...names) => names.every((n) => runs[n]);
const M = (x) => `${(x / 1e6).toFixed(2)}M`;
const MB = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const perCpu = (r, count = r.invocations) => count / r.cpu;
const lines = [`lambda-sim bench, ${ROUNDS} interleaved rounds, best round quoted (CPU seconds unless said), node ${process.version}`];
const row = (label, text) => lines.push(`${label.padEnd(36)} ${text}`);

if (has('bare', 'busy')) {
  const sim = best('busy');
  const bare = best('bare');
  row('busy: simulation phase', `${M(perCpu(sim))} invocations/CPU-s (${M(sim.invocations)} invocations), bare loop ${M(perCpu(bare))}/CPU-s: ratio ${(perCpu(sim) / perCpu(bare)).toFixed(2)} (goal >= 0.8)`);
  row('busy: speed and RSS across runs', runs.busy.map((r) => `${M(perCpu(r))}/${MB(r.peakRss)}`).join(', ') + ' (goal: one mode, RSS < 120 MB)');
}
if (has('busyWhole', 'busy')) {
  const whole = best('busyWhole', 'wall');
  row('busy: whole `sim run`, default fmts', `${M(best('busy').invocations / whole.wall)} invocations/wall-s (${whole.wall.toFixed(2)} s wall, ${whole.cpu.toFixed(2)} s CPU, peak RSS ${MB(whole.peakRss)})`);
}
if (has('env11', 'env11k', 'env113k')) {
  const [a, b, c] = ['env11', 'env11k', 'env113k'].map((n) => perCpu(best(n)));
  row('live environments 11 / 11k / 113k', `${M(a)} -> ${M(b)} -> ${M(c)} invocations/CPU-s: 113k at ${((100 * c) / a).toFixed(0)}% of 11 (goal >= 75%)`);
}
if (has('arrivalsPlain', 'arrivalsModulated')) {
  const [plain, modulated] = ['arrivalsPlain', 'arrivalsModulated'].map((n) => perCpu(best(n)));
  row('arrivals (issue #6, 2000/s, 30 min)', `plain Poisson ${M(plain)} invocations/CPU-s, modulated ${((100 * modulated) / plain).toFixed(0)}% of it (goal >= 80%)`);
}
if (has('sqs', 'kinesis')) {
  const sqs = best('sqs');
  const kinesis = best('kinesis');
  row('SQS / Kinesis records', `${M(perCpu(sqs, sqs.records))} messages/CPU-s (${M(sqs.records)}, ${M(sqs.invocations)} invocations: the poller idles, ~1 message a batch), ${M(perCpu(kinesis, kinesis.records))} records/CPU-s (${M(kinesis.records)}, ${Math.round(kinesis.invocations / 1000)}k invocations) (goal >= 15M)`);
}
if (has('plain30m', 'logs30m', 'timeseries30m')) {
  const plain = best('plain30m');
  const logs = best('logs30m');
  const ts = best('timeseries30m');
  row('logs on (busy, 30 min)', `${plain.cpu.toFixed(2)} s -> ${logs.cpu.toFixed(2)} s: +${(((logs.cpu - plain.cpu) / plain.invocations) * 1e6).toFixed(2)} us CPU per invocation (goal < 1 us)`);
  const share = (from, to) => `${from.cpu.toFixed(2)} s -> ${to.cpu.toFixed(2)} s: +${((100 * (to.cpu - from.cpu)) / from.cpu).toFixed(1)}%`;
  // Part of the cost is fixed (V8 compiling the time series' code: ~70 ms of TurboFan work, seen
  // with --single-threaded --trace-opt), so the 2 h run, four times the buckets, is quoted too.
  const long = has('busy', 'timeseries2h') ? `; 2 h: ${share(best('busy'), best('timeseries2h'))}` : '';
  row('timeseries observer (busy, 30 min)', `${share(plain, ts)} simulation CPU${long} (goal < 5%)`);
}
if (has('version', 'oneSecond')) {
  const v = best('version', 'wall');
  const one = best('oneSecond', 'wall');
  row('sim --version / 1-second scenario', `${v.wall.toFixed(2)} s / ${one.wall.toFixed(2)} s wall, ${v.cpu.toFixed(2)} s / ${one.cpu.toFixed(2)} s CPU, with node (goal 0.15 s / 0.4 s)`);
}
if (has('long')) {
  const l = best('long', 'wall');
  row('1e8 invocations, JSON only', `${l.wall.toFixed(1)} s wall, ${l.cpu.toFixed(1)} s CPU, peak RSS ${MB(l.peakRss)} (goal 60 s, flat memory)`);
}
console.log(lines.join('\n'));
