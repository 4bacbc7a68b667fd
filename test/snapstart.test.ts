/**
 * SnapStart (issue #14; src/model/init-phase.ts, src/billing/snapstart.ts, src/scenario/snapstart-schema.ts).
 * Every expected number is derived in a comment from the rules: a cold start restores (restore +
 * afterRestore, no 10 s limit), bills the hooks only (Billed Duration = ceil(Duration) + Billed
 * Restore Duration), and the version pays cache GB-s (at least 3 h) and GB restored, except on Java.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { fn, MS, S, scenario, sync } from './helpers/model-input.js';
import { errorOf, yaml } from './helpers/scenario-error.js';
import { parseScenarioText } from '../src/scenario/load.js';
import type { BillingInput, FunctionInput, WorkloadInput } from '../src/model/input.js';
import { computeBill } from '../src/billing/bill.js';
import { invoice } from '../src/billing/invoice.js';
import { projectMonth } from '../src/billing/month.js';
import type { FunctionUsage } from '../src/billing/types.js';
import { formatInvocationLog, parseReportLine } from '../src/report/logs.js';

const constant = (value: number) => ({ dist: 'constant', value }) as const;
const BILLING: BillingInput = { granularityMs: 1, freeTier: false, billInit: true, prices: {} };
const HOUR_MS = 3_600_000;

function every(gap: number, count: number): WorkloadInput {
  return sync('api', { process: 'constant', rate: S / gap }, { start: 0, end: count * gap });
}

function run(f: FunctionInput, workloads: WorkloadInput[], duration: number) {
  return simulate(scenario({ duration, billing: BILLING, functions: { api: f }, workloads })).functions[0];
}

/** A Python 3.12 SnapStart function (charged), 1 GB, restore 400 ms + hooks 50 ms, handler 100 ms. */
const snap = fn({
  runtime: 'python3.12',
  memorySize: 1024,
  duration: constant(100 * MS),
  init: constant(12 * S),
  snapStart: { restore: constant(400 * MS), afterRestore: 50 * MS },
});

describe('Oracle 6, SnapStart (lambda-behavior.md): telemetry case, 1 GB, 31 days, 1% restores', () => {
  // 7,440,000 requests x 2 s, 1,024 MB, no free tier: requests $1.49, compute 14,880,000 GB-s = $248.00;
  // cache 1 GB x 2,678,400 s x $0.0000015046 = $4.03; restores 74,400 x 1 GB x $0.0001397998 = $10.40;
  // total $263.92. A non-Java runtime (Java pays no SnapStart charges).
  const u: FunctionUsage = {
    name: 'telemetry',
    architecture: 'x86_64',
    memoryMb: 1024,
    ephemeralStorageMb: 512,
    requests: 7_440_000,
    billedMs: 7_440_000 * 2_000,
    snapStart: { activeMs: 31 * 86_400_000, restores: 74_400, charged: true },
  };

  it('prices every line to the cent and totals $263.92', () => {
    const inv = invoice([u], { region: 'us-east-1', freeTier: false });
    expect(Object.fromEntries(inv.lines.map((l) => [l.architecture ? `${l.item}/${l.architecture}` : l.item, l.cents]))).toEqual({
      requests: 1.49,
      'duration/x86_64': 248.0,
      snapStartCache: 4.03,
      snapStartRestore: 10.4,
    });
    expect(inv.lines.find((l) => l.item === 'snapStartCache')?.quantity).toBe(2_678_400);
    expect(inv.lines.find((l) => l.item === 'snapStartRestore')?.quantity).toBe(74_400);
    expect(inv.total).toBe(263.92);
  });

  it('puts the same charges in the bill the reports use', () => {
    const bill = computeBill([u], { region: 'us-east-1', freeTier: false });
    expect(bill.total.snapStartCache).toBeCloseTo(2_678_400 * 0.0000015046, 9);
    expect(bill.total.snapStartRestore).toBeCloseTo(74_400 * 0.0001397998, 9);
    expect(bill.functions[0].cost.total).toBeCloseTo(bill.total.total, 9);
    expect(bill.total.total).toBeCloseTo(1.488 + 248.000496 + 4.02992 + 10.40110, 3);
  });

  it('projects the month from a one-day period: restores scale, the cache covers the whole month', () => {
    // One day = 1/31 of the oracle's usage; the 30-day month repeats it 30 times for requests, duration
    // and restores, and bills the cache for 30 days (2,592,000 GB-s), not 30 x the day's.
    const day: FunctionUsage = { ...u, requests: 240_000, billedMs: 240_000 * 2_000, snapStart: { activeMs: 86_400_000, restores: 2_400, charged: true } };
    const month = projectMonth([day], { region: 'us-east-1', freeTier: false }, 86_400_000);
    const expected = 7_200_000 * 0.2 / 1e6 + 14_400_000 * 0.0000166667 + 2_592_000 * 0.0000015046 + 72_000 * 0.0001397998;
    expect(month.total).toBeCloseTo(expected, 6);
  });
});

describe('the cache is billed for at least 3 hours per version', () => {
  it('a 1 h run bills 3 h of cache: 1 GB x 10,800 s', () => {
    const f = run(snap, [every(10 * S, 1)], HOUR_MS * MS);
    const bill = computeBill([{ name: 'api', architecture: 'x86_64', memoryMb: 1024, ephemeralStorageMb: 512, requests: 1, billedMs: 0, snapStart: { activeMs: HOUR_MS, restores: 1, charged: true } }], { region: 'us-east-1', freeTier: false });
    expect(bill.total.snapStartCache).toBeCloseTo(10_800 * 0.0000015046, 12);
    // Through the simulation: the same 3 h of cache, one restore of 1 GB.
    expect(f.cost.snapStartCache).toBeCloseTo(10_800 * 0.0000015046, 12);
    expect(f.cost.snapStartRestore).toBeCloseTo(0.0001397998, 12);
  });

  it('a 5 h run bills 5 h', () => {
    const f = run(snap, [every(10 * S, 1)], 5 * HOUR_MS * MS);
    expect(f.cost.snapStartCache).toBeCloseTo(18_000 * 0.0000015046, 12);
  });
});

describe('a cold start restores instead of running INIT', () => {
  it('never hits the 10 s INIT limit, even with a restore above 10 s', () => {
    // Restore 12 s + hooks 50 ms = 12.05 s, handler 100 ms: no INIT timeout, one success,
    // latency 12.15 s; billed = ceil(100 ms) + ceil(50 ms) = 150 ms (the restore itself is free).
    const f = run({ ...snap, snapStart: { restore: constant(12 * S), afterRestore: 50 * MS } }, [every(S, 1)], 60 * S);
    expect(f.successes).toBe(1);
    expect(f.initTimeouts).toBeUndefined();
    expect(f.coldStarts).toBe(1);
    expect(f.restores).toBe(1);
    expect(f.restoreDuration?.max).toBe(12_050 * MS);
    expect(f.initDuration.count).toBe(0);
    expect(f.latency.max).toBe(12_150 * MS);
    expect(f.billedDurationMs).toBe(150);
  });

  it('bills ceil(Duration) + Billed Restore Duration on a restore, ceil(Duration) when warm', () => {
    // Two requests 10 s apart: restore (100 + 50) then warm (100): 250 ms.
    const f = run(snap, [every(10 * S, 2)], 60 * S);
    expect(f.restores).toBe(1);
    expect(f.billedDurationMs).toBe(150 + 100);
  });

  it('charges no cache or restore on Java (supported Java managed runtimes are free)', () => {
    const f = run({ ...snap, runtime: 'java21' }, [every(10 * S, 1)], HOUR_MS * MS);
    expect(f.restores).toBe(1);
    expect(f.cost.snapStartCache).toBe(0);
    expect(f.cost.snapStartRestore).toBe(0);
    expect(f.billedDurationMs).toBe(150);
  });

  it('leaves functions without SnapStart without the SnapStart fields', () => {
    const f = run(fn({ duration: constant(100 * MS) }), [every(10 * S, 1)], 60 * S);
    expect(f.restores).toBeUndefined();
    expect(f.cost.snapStartCache).toBeUndefined();
  });
});

describe('REPORT line of a restore', () => {
  it('prints Restore Duration and Billed Restore Duration in place of Init Duration, as AWS does', () => {
    const line = formatInvocationLog({
      requestId: '0e5c8424-0000-4000-8000-000000000000', startUs: 0, endUs: 159_870, durationUs: 159_870,
      initUs: 562_430, billedMs: 278, memorySize: 1024, maxMemoryUsed: 88, billedRestoreMs: 118,
    }).split('\n').find((l) => l.includes('REPORT'))!;
    expect(line).toBe(
      '1970-01-01T00:00:00.159Z REPORT RequestId: 0e5c8424-0000-4000-8000-000000000000\tDuration: 159.87 ms\tBilled Duration: 278 ms' +
        '\tMemory Size: 1024 MB\tMax Memory Used: 88 MB\tRestore Duration: 562.43 ms\tBilled Restore Duration: 118 ms',
    );
    expect(parseReportLine(line)?.initDurationMs).toBeUndefined();
  });

  it('prints no restore fields on a warm invocation', () => {
    const text = formatInvocationLog({
      requestId: 'x', startUs: 0, endUs: 1_000, durationUs: 1_000, initUs: 0, billedMs: 1, memorySize: 128, maxMemoryUsed: 50, billedRestoreMs: 118,
    });
    expect(text).not.toContain('Restore');
  });
});

describe('scenario refusals (what AWS refuses)', () => {
  const HEAD = ['name: demo', 'duration: 1h', 'functions:'];
  const SNAP = ['    snapStart:', '      restore: 300ms'];

  it('accepts a supported runtime and reads restore and afterRestore', () => {
    const s = parseScenarioText(yaml(...HEAD, '  f:', '    runtime: java21', '    duration: 1s', ...SNAP, '      afterRestore: 20ms'), 'scenario.yaml');
    expect(s.functions.f.snapStart).toEqual({ restore: { dist: 'constant', value: 300_000 }, afterRestore: 20_000 });
  });

  it.each([
    ['an unsupported runtime', ['    runtime: nodejs20.x'], 'functions.f.runtime', 'a runtime SnapStart supports'],
    ['python before 3.12', ['    runtime: python3.11'], 'functions.f.runtime', 'a runtime SnapStart supports'],
    ['provisioned concurrency', ['    runtime: java21', '    provisionedConcurrency: 2'], 'functions.f.provisionedConcurrency', 'no provisionedConcurrency with snapStart'],
    ['ephemeral storage above 512 MB', ['    runtime: java21', '    ephemeralStorage: 1024'], 'functions.f.ephemeralStorage', 'ephemeralStorage of at most 512 MB'],
    ['INIT failures', ['    runtime: java21', '    initErrorRate: 0.1'], 'functions.f.initErrorRate', 'no initErrorRate or initFails'],
  ])('refuses %s with one located line', (_label, lines, path, expected) => {
    const e = errorOf(yaml(...HEAD, '  f:', ...lines, '    duration: 1s', ...SNAP));
    expect(e.path).toBe(path);
    expect(e.expected).toContain(expected);
    expect(e.format()).toMatch(/^scenario\.yaml:\d+:\d+: /);
    expect(e.format()).not.toContain('\n');
  });

  it('prints the runtime refusal as one line: file:line:column, key path, expected, found, AWS\'s rule', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    runtime: nodejs20.x', '    duration: 1s', ...SNAP));
    expect(e.format()).toBe(
      'scenario.yaml:5:14: functions.f.runtime: expected a runtime SnapStart supports (java11, java17, java21, python3.12, python3.13, dotnet8), ' +
        'found nodejs20.x: AWS offers SnapStart on these managed runtimes only (docs.aws.amazon.com/lambda/latest/dg/snapstart.html)',
    );
  });

  it('checks each version as AWS would check the published version', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    runtime: java21', '    duration: 1s', ...SNAP, '    versions:', '      "1": {}', '      "2": {provisionedConcurrency: 2}'));
    expect(e.path).toBe('functions.f.versions.2.provisionedConcurrency');
    expect(e.expected).toContain('no provisionedConcurrency with snapStart');
  });

  it('refuses provisioned concurrency on an alias whose version has SnapStart', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    runtime: java21', '    duration: 1s', ...SNAP, '    versions: {"1": {}}', '    aliases: {live: {version: "1", provisionedConcurrency: 3}}'));
    expect(e.path).toBe('functions.f.aliases.live.provisionedConcurrency');
    expect(e.format()).toContain('expected no provisionedConcurrency on a SnapStart version, found 3: version 1 has snapStart');
  });

  it('requires restore', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    runtime: java21', '    duration: 1s', '    snapStart: {afterRestore: 20ms}'));
    expect(e.path).toBe('functions.f.snapStart.restore');
  });
});

describe('SnapStart with versions', () => {
  it('restores the published versions and runs $LATEST with a normal INIT and no cache', () => {
    const s = parseScenarioText(
      yaml('name: demo', 'duration: 1h', 'functions:', '  f:', '    runtime: python3.12', '    duration: 1s', '    snapStart:', '      restore: 300ms', '    versions: {"1": {}}'),
      'scenario.yaml',
    );
    expect(s.functions.f.snapStart).toBeUndefined();
    expect(s.functions['f:1'].snapStart).toMatchObject({ restore: { dist: 'constant', value: 300_000 } });
  });
});
