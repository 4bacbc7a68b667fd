/**
 * Trace replay against the trace files themselves: the per-minute replay of an Azure Functions row
 * reproduces every minute's count exactly (the truth is the CSV, read here with a plain split, not
 * with the simulator's reader), timestamps replay exactly, and bad trace data is refused with a
 * ScenarioError naming the scenario key, the data file and its line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../src/kernel/random.js';
import { createArrivalTimes } from '../src/workload/arrival-times.js';
import { tempDir } from './helpers/temp.js';
import type { ArrivalSpec } from '../src/workload/arrival-spec.js';
import { loadScenario } from '../src/scenario/load.js';
import { isScenarioError, type ScenarioError } from '../src/scenario/errors.js';
import { MIN, S } from './helpers/model-input.js';
import { simulate } from '../src/model/simulate.js';

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios');
const AZURE_2019 = join(SCENARIOS, 'traces', 'azure2019_100fn_min480-959_invocations.csv');
const AZURE_2021 = join(SCENARIOS, 'traces', 'azure2021_sample199_invocations.csv');

/** The Azure file read naively: header cells and data rows as cells. */
function azureRows(): { header: string[]; rows: string[][] } {
  const [header, ...rows] = readFileSync(AZURE_2019, 'utf8').trim().split('\n').map((l) => l.split(','));
  return { header, rows };
}

/** Arrival times of the first workload of a scenario, in [start, end). */
function arrivalsOf(file: string, overrides: string[] = []): { times: number[]; start: number; end: number; spec: ArrivalSpec } {
  const scenario = loadScenario(file, { overrides });
  const w = scenario.workloads[0];
  const gen = createArrivalTimes(w.arrivals, w.start, w.end, new RandomStreams(scenario.seed).stream(`wl:${w.name}:arrivals`));
  const times: number[] = [];
  for (let t = gen.next(); t < w.end; t = gen.next()) times.push(t);
  return { times, start: w.start, end: w.end, spec: w.arrivals };
}

/** A scenario in a temporary folder next to its data files. */
function scenarioWith(arrivals: string, files: Record<string, string> = {}, duration = '8h'): string {
  const dir = tempDir(files);
  const file = join(dir, 'scenario.yaml');
  writeFileSync(
    file,
    ['name: t', `duration: ${duration}`, 'functions:', '  f: { duration: 10ms }', 'workloads:', `  - { name: w, function: f, arrivals: ${arrivals} }`, ''].join('\n'),
  );
  return file;
}

function thrown(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (error) {
    if (isScenarioError(error)) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

const perMinute = (times: readonly number[], start: number, minutes: number) => {
  const counts = new Array<number>(minutes).fill(0);
  for (const t of times) counts[Math.floor((t - start) / MIN)]++;
  return counts;
};

describe('per-minute-counts replay of the Azure Functions 2019 excerpt', () => {
  const { header, rows } = azureRows();

  it.each([
    ['the busiest function (queue, 273,379 invocations), by match', 61],
    ['the bursty HTTP function, by row', 20],
    ['a timer function', 1],
  ])('reproduces every minute of %s exactly', (_what, row) => {
    const cells = rows[row - 1];
    const selector = row === 61 ? `match: { HashFunction: ${cells[2]} }` : `row: ${row}`;
    const file = scenarioWith(`{ process: trace, file: ${AZURE_2019}, format: per-minute-counts, ${selector} }`);
    const { times, start } = arrivalsOf(file);
    const truth = cells.slice(4).map(Number);
    expect(header[4]).toBe('480');
    expect(truth).toHaveLength(480);
    expect(perMinute(times, start, 480)).toStrictEqual(truth);
    expect(times.length).toBe(truth.reduce((a, b) => a + b, 0));
  });

  it('plays trace time 0 at the workload start and skips the trace before offset', () => {
    const cells = rows[19].slice(4).map(Number);
    const file = scenarioWith(`{ process: trace, file: ${AZURE_2019}, format: per-minute-counts, row: 20, offset: 100m }`);
    const scenario = loadScenario(file, { overrides: ['workloads.w.start=5m', 'workloads.w.end=2h'] });
    const w = scenario.workloads[0];
    const gen = createArrivalTimes(w.arrivals, w.start, w.end, new RandomStreams(1).stream('x'));
    const got: number[] = [];
    for (let t = gen.next(); t < w.end; t = gen.next()) got.push(t);
    // Minutes 100..214 of the trace play at 5m..2h.
    expect(perMinute(got, 5 * MIN, 115)).toStrictEqual(cells.slice(100, 215));
  });

  it('scale multiplies the counts: every prefix within half an arrival of scale x the trace', () => {
    const cells = rows[19].slice(4).map(Number);
    const file = scenarioWith(`{ process: trace, file: ${AZURE_2019}, format: per-minute-counts, row: 20, scale: 2.5 }`);
    const counts = perMinute(arrivalsOf(file).times, 0, 480);
    let raw = 0;
    let played = 0;
    counts.forEach((c, i) => {
      raw += cells[i];
      played += c;
      expect(Math.abs(played - 2.5 * raw)).toBeLessThanOrEqual(0.5);
    });
  });
});

describe('timestamps replay', () => {
  it('replays seconds from time 0 exactly, sorted, with match as a row filter (Azure 2021 layout)', () => {
    const text = readFileSync(AZURE_2021, 'utf8').trim().split('\n');
    const app = text[1].split(',')[0];
    const truth = text
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[0] === app)
      .map((c) => Math.round(Number(c[2]) * S))
      .sort((a, b) => a - b);
    const file = scenarioWith(`{ process: trace, file: ${AZURE_2021}, format: timestamps, column: end_timestamp, match: { app: ${app} } }`, {}, '1h');
    expect(arrivalsOf(file).times).toStrictEqual(truth);
  });

  it('reads ISO-8601 instants relative to the earliest, and a headerless first column', () => {
    const csv = 'at\n2024-05-01T12:00:10Z\n2024-05-01T12:00:00Z\n2024-05-01T12:01:00.5Z\n';
    expect(arrivalsOf(scenarioWith('{ process: trace, file: t.csv, format: timestamps }', { 't.csv': csv }, '1h')).times).toStrictEqual([0, 10 * S, 60.5 * S]);
    expect(arrivalsOf(scenarioWith('{ process: trace, file: t.csv, format: timestamps }', { 't.csv': '0.5\n1\n1\n' }, '1h')).times).toStrictEqual([0.5 * S, S, S]);
  });
});

describe('bad trace data is one clear error naming the key, the data file and its line', () => {
  it('a missing file', () => {
    const file = scenarioWith('{ process: trace, file: nope.csv, format: per-minute-counts }');
    expect(thrown(() => loadScenario(file)).format()).toMatch(
      /scenario\.yaml:6:\d+: workloads\.0\.arrivals\.file: expected a readable data file \(paths are relative to the scenario file\), found no file at nope\.csv \(looked for .*nope\.csv\)$/,
    );
  });

  it('a malformed count names the data line', () => {
    const file = scenarioWith('{ process: trace, file: t.csv, format: per-minute-counts }', { 't.csv': 'HashFunction,1,2,3\nabc,1,2,3\n' });
    expect(loadScenario(file).workloads[0].arrivals).toMatchObject({ counts: [1, 2, 3] });
    const bad = scenarioWith('{ process: trace, file: t.csv, format: per-minute-counts, row: 2 }', { 't.csv': 'HashFunction,1,2,3\nabc,1,2,3\ndef,4,x,6\n' });
    expect(thrown(() => loadScenario(bad)).format()).toMatch(
      /scenario\.yaml:6:\d+: workloads\.0\.arrivals\.file: t\.csv:3: expected a whole number of invocations in minute column "2" \(the first, 1, is time 0\), found "x"$/,
    );
  });

  it('a row out of range, a match that finds nothing, and no selector on a many-row file', () => {
    const base = `{ process: trace, file: ${AZURE_2019}, format: per-minute-counts`;
    expect(thrown(() => loadScenario(scenarioWith(`${base}, row: 101 }`))).format()).toMatch(/workloads\.0\.arrivals\.row: .*invocations\.csv: expected a data row from 1 to 100, found 101$/);
    expect(thrown(() => loadScenario(scenarioWith(`${base}, match: { Trigger: nope } }`))).format()).toMatch(/workloads\.0\.arrivals\.match: .*: expected exactly one matching row, found no row$/);
    expect(thrown(() => loadScenario(scenarioWith(`${base}, match: { Trigger: http } }`))).format()).toMatch(/expected exactly one matching row, found 36 rows \(lines/);
    expect(thrown(() => loadScenario(scenarioWith(`${base} }`))).format()).toMatch(/workloads\.0\.arrivals\.file: .*expected one data row, or row: N or match: \{column: value\} to choose one, found 100 data rows$/);
  });

  it('non-consecutive minute columns and a bad timestamp', () => {
    const gap = scenarioWith('{ process: trace, file: t.csv, format: per-minute-counts }', { 't.csv': 'id,1,2,4\na,1,1,1\n' });
    expect(thrown(() => loadScenario(gap)).format()).toMatch(/t\.csv:1: expected consecutive minute columns \(3 after 2\), found "4"$/);
    const ts = scenarioWith('{ process: trace, file: t.csv, format: timestamps }', { 't.csv': '1\n2\nsoon\n' }, '1h');
    expect(thrown(() => loadScenario(ts)).format()).toMatch(/t\.csv:3: expected seconds from the start \(a number >= 0\), like the first data row \(line 1\) in column 1, found "soon"$/);
    // The first data row sets seconds or ISO-8601: a bad one there is not compared with itself.
    const first = scenarioWith('{ process: trace, file: t.csv, format: timestamps }', { 't.csv': 'time\nsoon\n1\n' }, '1h');
    expect(thrown(() => loadScenario(first)).format()).toMatch(
      /t\.csv:2: expected seconds from the start \(a number >= 0\) or an ISO-8601 time with a zone \(2024-05-01T12:00:00Z\) in column "time", found "soon"$/,
    );
  });
});

describe('the example scenario', () => {
  it('azure-trace-replay.yaml loads out of the box and replays the whole excerpt rows', () => {
    const s = loadScenario(join(SCENARIOS, 'azure-trace-replay.yaml'));
    const { rows } = azureRows();
    const total = (row: string[]) => row.slice(4).reduce((a, c) => a + Number(c), 0);
    const counts = s.workloads.map((w) => (w.arrivals.process === 'trace' && w.arrivals.format === 'per-minute-counts' ? Array.from(w.arrivals.counts).reduce((a, b) => a + b, 0) : undefined));
    expect(counts.slice(0, 2)).toStrictEqual([total(rows[60]), total(rows[19])]);
  });
});

describe('notes on traces that leave the run without traffic', () => {
  const azure = (over: string[], duration = '8h') => {
    const file = scenarioWith(`{ process: trace, file: trace.csv, format: per-minute-counts, row: 20 }`, { 'trace.csv': readFileSync(AZURE_2019, 'utf8') }, duration);
    return loadScenario(file, { overrides: over });
  };

  it('says when a trace workload yields no request in the run (offset past the trace)', () => {
    const s = azure(['workloads.0.arrivals.offset=8h']);
    expect(s.notes).toStrictEqual(['workload w: its trace yields no request in the run (it plays trace time 8h to 16h; the trace is 8h long)']);
    expect(simulate(s).notes).toContain(s.notes![0]);
  });

  it('says when the trace ends before the run does, and when', () => {
    expect(azure([], '24h').notes).toStrictEqual(['workload w: its trace ends at 8h of the run (the trace is 8h long), 16h before the run ends: no requests after that']);
    expect(azure(['workloads.0.arrivals.offset=2h'], '8h').notes).toStrictEqual([
      'workload w: its trace ends at 6h of the run (the trace is 8h long, played from 2h), 2h before the run ends: no requests after that',
    ]);
  });

  it('says nothing when the trace covers the run (the example scenario)', () => {
    expect(azure([]).notes ?? []).toStrictEqual([]);
    // The example's one note is about its duration table (distributions-percentiles.test.ts), not its traces.
    expect(loadScenario(join(SCENARIOS, 'azure-trace-replay.yaml')).notes?.filter((n) => n.startsWith('workload')) ?? []).toStrictEqual([]);
  });

  it('notes a timestamps trace whose last request comes a minute or more before the end', () => {
    const file = scenarioWith('{ process: trace, file: t.csv, format: timestamps }', { 't.csv': 'time\n0\n30\n90\n' }, '10m');
    expect(loadScenario(file).notes).toStrictEqual(['workload w: its trace ends at 1.5m of the run (its last timestamp), 8.5m before the run ends: no requests after that']);
    const short = scenarioWith('{ process: trace, file: t.csv, format: timestamps }', { 't.csv': 'time\n0\n30\n90\n' }, '2m');
    expect(loadScenario(short).notes ?? []).toStrictEqual([]);
  });
});
