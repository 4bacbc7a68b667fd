import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/schema.js';
import { defaultInitDistribution } from '../src/model/runtime-defaults.js';
import { asyncConfigSchema } from '../src/scenario/async-schema.js';

const yaml = (...lines: string[]) => lines.join('\n') + '\n';
const load = (text: string): Scenario => parseScenarioText(text, 'scenario.yaml');

describe('a minimal scenario gets every documented default', () => {
  it('fills account, billing, function, reports and list defaults, in microseconds', () => {
    const scenario = load(yaml('name: minimal', 'duration: 1h', 'functions:', '  api:', '    duration: 100ms'));
    // functions is a prototype-free map (schema.ts nameMap): compare it as a plain object.
    expect({ ...scenario, functions: { ...scenario.functions } }).toStrictEqual({
      name: 'minimal',
      seed: 1,
      duration: 3_600_000_000,
      region: 'us-east-1',
      // lambda-behavior.md 3.2 and 3.3: 1000 per Region, 100 kept unreserved; 4.2: per-function scaling.
      account: { concurrencyLimit: 1000, unreservedMinimum: 100, scaling: 'per-function' },
      // lambda-behavior.md 12.1 (1 ms since Dec 2020) and 12.3 (INIT billed since 2025-08-01).
      billing: { granularityMs: 1, freeTier: false, billInit: true, prices: {} },
      functions: {
        api: {
          runtime: 'nodejs20.x',
          architecture: 'x86_64',
          memorySize: 128, // lambda-behavior.md 2.3
          ephemeralStorage: 512, // lambda-behavior.md 10
          timeout: 3_000_000, // 3 s, lambda-behavior.md 10
          duration: { dist: 'constant', value: 100_000 },
          cpuBound: 0, // duration does not depend on memory unless the scenario says so
          threads: 1, // issue #15: most handlers are single-threaded
          // lambda-behavior.md 2.2: the nodejs20.x x86_64 zip mean INIT, 139.5 ms, as a lognormal of sigma 0.35.
          init: { dist: 'lognormal', median: 139_500 / Math.exp(0.35 ** 2 / 2), sigma: 0.35 },
          errorRate: 0,
          keepAlive: { dist: 'constant', value: 600_000_000 }, // 10 min, lambda-behavior.md 2.1
          maxLifetime: 7_200_000_000, // 2 h, lambda-behavior.md 2.1 (Xebia)
          environmentSelection: 'most-recent',
          // lambda-behavior.md 7: EventInvokeConfig defaults and AWS's described retry timing.
          asyncConfig: {
            maximumRetryAttempts: 2,
            maximumEventAge: 21_600_000_000,
            retryDelays: [60_000_000, 120_000_000],
            throttleBackoff: { initial: 1_000_000, max: 300_000_000, factor: 2, jitter: 'none' },
            duplicateRate: 0,
          },
        },
      },
      workloads: [],
      producers: [],
      eventSourceMappings: [],
      reports: { formats: ['summary', 'json', 'csv', 'html'], timeseries: 1_000_000 },
      expect: [],
    });
  });

  it('fills init with the runtime default for the architecture, so the model never picks one', () => {
    const scenario = load(yaml('name: m', 'duration: 1h', 'functions:', '  api:', '    duration: 100ms', '    architecture: arm64'));
    expect(scenario.functions.api.init).toStrictEqual(defaultInitDistribution('nodejs20.x', 'arm64'));
  });
});

describe('a fully written scenario is read as written', () => {
  const text = yaml(
    'name: full-1.0',
    'description: every field',
    'seed: 42',
    'duration: 2h',
    'region: eu-south-2',
    'account: { concurrencyLimit: 3000, unreservedMinimum: 50, scaling: regional-burst }',
    'billing:',
    '  granularity: 100ms',
    '  freeTier: true',
    '  billInit: false',
    '  prices:',
    '    requestsPerMillion: 0.25',
    '    arm64: { gbSecond: 0.00001 }',
    '    x86_64:',
    '      durationTiers:',
    '        - { upToGbSeconds: 6000000000, gbSecond: 0.0000166667 }',
    '        - { upToGbSeconds: null, gbSecond: 0.000015 }',
    'functions:',
    '  checkout:',
    '    runtime: python3.12',
    '    architecture: arm64',
    '    memorySize: 1024',
    '    ephemeralStorage: 2048',
    '    timeout: 29s',
    '    duration: { dist: gamma, mean: 200ms, cv: 0.5 }',
    '    init: { dist: uniform, min: 100ms, max: 300ms }',
    '    errorRate: 0.002',
    '    keepAlive: { dist: uniform, min: 5m, max: 15m }',
    '    maxLifetime: 4h',
    '    environmentSelection: oldest',
    '  worker:',
    '    duration: 1s',
    'workloads:',
    '  - { function: checkout, arrivals: { process: poisson, rate: 12000/min } }',
    '  - { function: checkout, start: 10m, end: 3h, arrivals: { process: constant, rate: 5/s } }',
    '  - { name: batch, function: worker, arrivals: { process: constant, rate: 1/s } }',
    '  - { function: worker, arrivals: { process: constant, rate: 1/s } }',
    'reports: { dir: out/full, formats: [json], timeseries: 10s }',
    'expect:',
    '  - checkout.latency.p99 < 800ms',
  );
  const scenario = load(text);

  it('reads the top level, account and billing', () => {
    expect(scenario.name).toBe('full-1.0');
    expect(scenario.description).toBe('every field');
    expect(scenario.seed).toBe(42);
    expect(scenario.duration).toBe(7_200_000_000);
    expect(scenario.region).toBe('eu-south-2');
    expect(scenario.account).toStrictEqual({ concurrencyLimit: 3000, unreservedMinimum: 50, scaling: 'regional-burst' });
    expect(scenario.billing).toStrictEqual({
      granularityMs: 100,
      freeTier: true,
      billInit: false,
      prices: {
        requestsPerMillion: 0.25,
        arm64: { gbSecond: 0.00001 },
        x86_64: {
          durationTiers: [
            { upToGbSeconds: 6_000_000_000, gbSecond: 0.0000166667 },
            { upToGbSeconds: null, gbSecond: 0.000015 },
          ],
        },
      },
    });
  });

  it('reads a function in model units', () => {
    expect(scenario.functions.checkout).toStrictEqual({
      runtime: 'python3.12',
      architecture: 'arm64',
      memorySize: 1024,
      ephemeralStorage: 2048,
      timeout: 29_000_000,
      duration: { dist: 'gamma', mean: 200_000, cv: 0.5 },
      cpuBound: 0,
      threads: 1,
      init: { dist: 'uniform', min: 100_000, max: 300_000 },
      errorRate: 0.002,
      keepAlive: { dist: 'uniform', min: 300_000_000, max: 900_000_000 },
      maxLifetime: 14_400_000_000,
      environmentSelection: 'oldest',
      asyncConfig: asyncConfigSchema.parse({}),
    });
  });

  it('keeps the functions in file order (the report order)', () => {
    expect(Object.keys(scenario.functions)).toStrictEqual(['checkout', 'worker']);
  });

  it('names workloads <function> when unique, <function>-<index> otherwise, and clamps end to the duration', () => {
    expect(scenario.workloads).toStrictEqual([
      { name: 'checkout-0', function: 'checkout', invocation: 'sync', start: 0, end: 7_200_000_000, arrivals: { process: 'poisson', rate: 200 } },
      // end: 3h is clamped to the 2h scenario.
      { name: 'checkout-1', function: 'checkout', invocation: 'sync', start: 600_000_000, end: 7_200_000_000, arrivals: { process: 'constant', rate: 5 } },
      { name: 'batch', function: 'worker', invocation: 'sync', start: 0, end: 7_200_000_000, arrivals: { process: 'constant', rate: 1 } },
      // Two workloads target worker, so the unnamed one is worker-<its index>.
      { name: 'worker-3', function: 'worker', invocation: 'sync', start: 0, end: 7_200_000_000, arrivals: { process: 'constant', rate: 1 } },
    ]);
  });

  it('reads reports and expectations (with their file position)', () => {
    expect(scenario.reports).toStrictEqual({ dir: 'out/full', formats: ['json'], timeseries: 10_000_000 });
    // The expect line is the 40th line of the text above; its item starts after "  - " (column 5).
    expect(scenario.expect).toStrictEqual([
      { text: 'checkout.latency.p99 < 800ms', metric: 'checkout.latency.p99', op: '<', value: 800, unit: 'ms', line: 40, column: 5 },
    ]);
  });
});

describe('distributions become the kernel DistSpec in microseconds', () => {
  const fn = (dist: string) => load(yaml('name: d', 'duration: 1h', 'functions:', '  f:', `    duration: ${dist}`)).functions.f.duration;

  it('a bare duration is a constant', () => {
    expect(fn('120ms')).toStrictEqual({ dist: 'constant', value: 120_000 });
  });

  it.each([
    ['{dist: constant, value: 2s}', { dist: 'constant', value: 2_000_000 }],
    ['{dist: uniform, min: 5m, max: 15m}', { dist: 'uniform', min: 300_000_000, max: 900_000_000 }],
    ['{dist: uniform, min: 1s, max: 1s}', { dist: 'uniform', min: 1_000_000, max: 1_000_000 }],
    ['{dist: exponential, mean: 100ms}', { dist: 'exponential', mean: 100_000 }],
    ['{dist: normal, mean: 200ms, sd: 20ms}', { dist: 'normal', mean: 200_000, sd: 20_000 }],
    ['{dist: lognormal, median: 80ms, sigma: 0.5}', { dist: 'lognormal', median: 80_000, sigma: 0.5 }],
    ['{dist: gamma, mean: 1s, cv: 2}', { dist: 'gamma', mean: 1_000_000, cv: 2 }],
  ])('%s', (dist, spec) => {
    expect(fn(dist)).toStrictEqual(spec);
  });

  it('lognormal {p50, p99} becomes {median: p50, sigma: ln(p99/p50) / z0.99}', () => {
    // z0.99 = 2.3263478740408408; ln(600/80) = ln 7.5 = 2.0149030205422647; 2.0149.../2.3263... = 0.866122837...
    const spec = fn('{dist: lognormal, p50: 80ms, p99: 600ms}');
    expect(spec.dist).toBe('lognormal');
    if (spec.dist !== 'lognormal') return;
    expect(spec.median).toBe(80_000);
    expect(spec.sigma).toBe(Math.log(7.5) / 2.3263478740408408);
    expect(spec.sigma).toBeCloseTo(0.866122837, 9);
  });

  it('a lognormal whose p99 is e^z0.99 times p50 has sigma 1', () => {
    // e^2.3263478740408408 = 10.240473... so p50 1s and p99 10.240473s give sigma 1 (to rounding of us).
    const spec = fn('{dist: lognormal, p50: 1s, p99: 10.240473s}');
    if (spec.dist !== 'lognormal') throw new Error('not lognormal');
    expect(spec.sigma).toBeCloseTo(1, 6);
  });
});
