/** deployments: and updates: in a scenario (src/scenario/deployment-schema.ts): refusals on one located line, and the model input. */
import { describe, expect, it } from 'vitest';
import { errorOf, yaml } from './helpers/scenario-error.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { simulate } from '../src/model/simulate.js';
import { Simulation, checkedResults } from './helpers/simulate.js';
import { buildSummary, resolveMetric } from '../src/report/index.js';

const FN = [
  'name: demo', 'duration: 1h', 'functions:', '  checkout:', '    duration: 100ms',
  '    versions: { "1": {}, "2": {} }',
  '    aliases: { live: { version: "1", provisionedConcurrency: 10 }, split: { version: "1", weights: { "2": 0.1 } } }',
  '    deployments:',
];
const refused = (...lines: string[]) => errorOf(yaml(...FN, ...lines)).format();
const d = (rest: string) => `      - { at: 30m, ${rest} }`;

describe('alarm thresholds', () => {
  it('accepts an errorRate threshold as a fraction, as errorRate is written elsewhere', () => {
    const text = yaml(...FN, d('alias: live, to: "2", strategy: Canary10Percent5Minutes, alarms: [{ metric: errorRate, above: 0.05, window: 1m }]'));
    expect(parseScenarioText(text, 'scenario.yaml').deployments![0].alarms[0].above).toBe(0.05);
  });
});

describe('updates: refusals', () => {
  it('refuses updates of $LATEST on a function with function-level provisioned concurrency (AWS: PC only on a version or alias)', () => {
    const text = yaml('name: demo', 'duration: 1h', 'functions:', '  checkout:', '    duration: 100ms', '    provisionedConcurrency: 5', '    updates:', '      - { at: 10m, set: { duration: 50ms } }');
    expect(errorOf(text).format()).toMatch(/^scenario\.yaml:8:7: functions\.checkout\.updates: updates replace \$LATEST, and AWS configures provisioned concurrency only on a version or an alias, never on \$LATEST: /);
  });
});

describe('deployments: refusals', () => {
  it.each([
    [d('alias: liv, to: "2", strategy: AllAtOnce'), 'scenario.yaml:9:27: functions.checkout.deployments.0.alias: expected an alias of this function (live or split), found liv (did you mean "live"?)'],
    [d('alias: live, to: "3", strategy: AllAtOnce'), 'scenario.yaml:9:37: functions.checkout.deployments.0.to: expected a published version of this function (1 or 2), found "3" (did you mean "1"?)'],
    [d('alias: live, to: "1", strategy: AllAtOnce'), 'scenario.yaml:9:37: functions.checkout.deployments.0.to: expected a version other than the one alias live points to then (1), found "1"'],
    [d('alias: split, to: "2", strategy: AllAtOnce'), 'scenario.yaml:9:27: functions.checkout.deployments.0.alias: alias split already splits traffic between two versions; CodeDeploy refuses to deploy such an alias (remove its weights)'],
    [d('alias: live, to: "2", strategy: { canary: { percent: 120, interval: 10m } }'), 'scenario.yaml:9:73: functions.checkout.deployments.0.strategy.canary.percent: expected an integer from 1 to 99, found 120'],
    [d('alias: live, to: "2", strategy: { linear: { percent: 20, interval: 90s } }'), 'scenario.yaml:9:87: functions.checkout.deployments.0.strategy.linear.interval: expected a whole number of minutes (CodeDeploy counts intervals in minutes), found 90s'],
    // Both custom kinds at once: each branch of the union rejects the other's key, so name both as exclusive.
    [d('alias: live, to: "2", strategy: { canary: { percent: 10, interval: 5m }, linear: { percent: 10, interval: 1m } }'), 'scenario.yaml:9:52: functions.checkout.deployments.0.strategy: expected only one of the keys canary or linear (they exclude each other), found a mapping'],
    // One of them with an unknown key still names that key.
    [d('alias: live, to: "2", strategy: { canary: { percent: 10, interval: 5m }, foo: 1 }'), 'scenario.yaml:9:93: functions.checkout.deployments.0.strategy.foo: expected one of the keys canary, found foo'],
    [d('alias: live, to: "2", strategy: AllAtOnce, alarms: [{ metric: errorRate, above: 2, window: 1m }]'), 'scenario.yaml:9:100: functions.checkout.deployments.0.alarms.0.above: expected a percentage below 100% such as 2%, or a fraction below 1 such as 0.02, found 2'],
    [d('alias: live, to: "2", strategy: AllAtOnce, alarms: [{ metric: p99, above: 2%, window: 1m }]'), 'scenario.yaml:9:94: functions.checkout.deployments.0.alarms.0.above: expected a duration such as 800ms, found 2%'],
    [d('alias: live, to: "2", strategy: AllAtOnce, alarms: [{ metric: latency, above: 2%, window: 1m }]'), 'scenario.yaml:9:82: functions.checkout.deployments.0.alarms.0.metric: expected one of errorRate, errors, throttles or p99, found latency'],
    // Alarms that could never be judged: a window that is not a CloudWatch period, or that ends after the shift does.
    [d('alias: live, to: "2", strategy: Canary10Percent5Minutes, alarms: [{ metric: errors, above: 1, window: 45s }]'), 'scenario.yaml:9:122: functions.checkout.deployments.0.alarms.0.window: expected a CloudWatch period: 10s, 30s or a multiple of 60s (1m, 2m, ...), found 45s'],
    [d('alias: live, to: "2", strategy: Canary10Percent5Minutes, alarms: [{ metric: errors, above: 1, window: 10m }]'), 'scenario.yaml:9:122: functions.checkout.deployments.0.alarms.0.window: expected a window (x evaluationPeriods) that ends by the last step of the shift (5m), found 10m'],
    [d('alias: live, to: "2", strategy: AllAtOnce, alarms: [{ metric: errors, above: 1, window: 1m }]'), 'scenario.yaml:9:108: functions.checkout.deployments.0.alarms.0.window: AllAtOnce shifts all traffic at once and the deployment ends then, so the alarm is never judged (CodeDeploy watches alarms only while a deployment runs): use a canary or linear strategy, or remove the alarm'],
  ])('%s', (line, expected) => {
    expect(refused(line)).toBe(expected);
  });

  it('an unknown strategy gets the list and a did-you-mean, with or without the Lambda prefix', () => {
    expect(refused(d('alias: live, to: "2", strategy: LambdaCanary10Percents5Minutes'))).toMatch(
      /^scenario\.yaml:9:52: functions\.checkout\.deployments\.0\.strategy: expected one of AllAtOnce, Canary10Percent5Minutes, .* found LambdaCanary10Percents5Minutes \(did you mean "Canary10Percent5Minutes"\?\)$/,
    );
  });

  it('two deployments of one alias may not overlap', () => {
    expect(refused(d('alias: live, to: "2", strategy: Linear10PercentEvery1Minute'), d('alias: live, to: "1", strategy: AllAtOnce').replace('30m', '35m'))).toBe(
      'scenario.yaml:10:15: functions.checkout.deployments.1.at: expected a time at or after 39m, when the previous deployment of live has shifted all traffic, found 35m',
    );
  });

  it('an update: oldShare strictly between 0 and 1, and only the settings new code may change', () => {
    const head = ['name: demo', 'duration: 1h', 'functions:', '  checkout:', '    duration: 100ms', '    updates:'];
    expect(errorOf(yaml(...head, '      - { at: 30m, set: { duration: 200ms }, oldShare: 1 }')).format()).toBe(
      'scenario.yaml:7:56: functions.checkout.updates.0.oldShare: expected a number greater than 0 and below 1, found 1',
    );
    expect(errorOf(yaml(...head, '      - { at: 30m, set: { timeout: 2s } }')).format()).toBe(
      'scenario.yaml:7:27: functions.checkout.updates.0.set.timeout: expected one of the keys duration, init, errorRate, memorySize, memoryUsed, cpuBound, found timeout',
    );
  });
});

describe('deployments: model input', () => {
  const text = yaml(
    'name: demo', 'duration: 1h', 'functions:', '  checkout:', '    duration: 100ms', '    memorySize: 512',
    '    versions: { "1": {}, "2": {}, "3": {} }',
    '    aliases: { live: { version: "1", provisionedConcurrency: 5 } }',
    '    deployments:',
    '      - { at: 40m, alias: live, to: "3", strategy: LambdaLinear10PercentEvery2Minutes }',
    '      - { at: 10m, alias: live, to: "2", strategy: { canary: { percent: 20, interval: 10m } }, provisionedConcurrency: { allocateBefore: 5m },',
    '          alarms: [{ metric: errorRate, above: 2.5%, window: 1m, evaluationPeriods: 2 }, { metric: p99, above: 800ms, window: 30s }] }',
    '    updates:',
    '      - { at: 20m, set: { memorySize: 1024, errorRate: 0.5 }, window: 30s }',
    'workloads:', '  - { function: checkout:live, arrivals: { process: poisson, rate: 10/s } }',
    'expect:', '  - deployments.checkout:live-at-40m.completed == 1', '  - deployments.checkout:$LATEST.completed == 1',
  );

  it('chains the alias through its deployments, in time order, with the alias PC and alarms in model units', () => {
    const s = parseScenarioText(text, 'scenario.yaml');
    const ds = s.deployments!;
    expect(ds.map((x) => [x.alias, x.from, x.to, x.atUs / 60e6])).toEqual([
      ['live', '1', '2', 10],
      ['$LATEST', 'checkout', 'checkout (updated at 20m)', 20],
      ['live', '2', '3', 40],
    ]);
    expect(ds[0]).toMatchObject({
      strategy: 'canary 20% then the rest after 10m',
      shift: { kind: 'canary', percent: 20, intervalUs: 600e6 },
      provisionedConcurrency: 5,
      allocateBeforeUs: 300e6,
      alarms: [{ metric: 'errorRate', above: 0.025, windowUs: 60e6, evaluationPeriods: 2 }, { metric: 'p99', above: 800_000, windowUs: 30e6, evaluationPeriods: 1 }],
    });
    expect(ds[1].shift).toEqual({ kind: 'canary', percent: 50, intervalUs: 30e6 });
    expect(ds[2].shift).toEqual({ kind: 'linear', percent: 10, intervalUs: 120e6 });
    // The new code's instance: the function's settings with the update's, no PC, cold.
    const updated = s.functions['checkout (updated at 20m)'];
    expect([updated.memorySize, updated.errorRate, updated.durationMemorySize, updated.provisionedConcurrency]).toEqual([1024, 0.5, 512, undefined]);
    expect(s.updates).toEqual({ 'checkout (updated at 20m)': { function: 'checkout', instance: 'checkout (updated at 20m)' } });
  });

  it('reports every deployment under its key, for expect lines', () => {
    const r = simulate(parseScenarioText(text, 'scenario.yaml'));
    expect(r.deployments!.map((x) => [x.input.alias, x.outcome, x.endUs === null ? null : x.endUs / 60e6])).toEqual([
      ['live', 'completed', 20],
      ['$LATEST', 'completed', 20.5],
      ['live', 'completed', 58],
    ]);
    const summary = buildSummary(r, { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] });
    expect(Object.keys(summary.deployments!)).toEqual(['checkout:live', 'checkout:$LATEST', 'checkout:live-at-40m']);
    expect(resolveMetric(summary, 'deployments.checkout:live-at-40m.completed')).toEqual({ ok: true, value: 1 });
    expect(resolveMetric(summary, 'deployments.checkout:$LATEST.during.coldStarts').ok).toBe(true);
  });
});

describe('an update of a function that receives async events', () => {
  it('routes the async queue over the old and new code, reported as the alias fn:$LATEST, every event conserved', () => {
    const s = parseScenarioText(
      yaml('name: demo', 'duration: 10m', 'functions:', '  f:', '    duration: 100ms', '    updates: [{ at: 5m, set: { duration: 150ms } }]',
        'workloads:', '  - { function: f, invocation: async, arrivals: { process: poisson, rate: 50/s } }'),
      'scenario.yaml',
    );
    const r = checkedResults(new Simulation(s));
    const a = r.aliases!.find((x) => x.name === 'f:$LATEST')!;
    expect(a.routing.primary).toBe('f (updated at 5m)');
    expect(a.routed.f + a.routed['f (updated at 5m)']).toBe(r.functions[0].requests + r.functions[1].requests);
    expect(a.async!.received).toBeGreaterThan(25_000);
  });
});

describe('allocateBefore and the reservation', () => {
  it('refuses PC allocated ahead when the two versions together would exceed the function reservation', () => {
    const text = yaml('name: demo', 'duration: 1h', 'functions:', '  checkout:', '    duration: 100ms', '    reservedConcurrency: 150',
      '    versions: { "1": {}, "2": {} }', '    aliases: { live: { version: "1", provisionedConcurrency: 100 } }', '    deployments:',
      '      - { at: 30m, alias: live, to: "2", strategy: AllAtOnce, provisionedConcurrency: { allocateBefore: 5m } }');
    expect(errorOf(text).format()).toBe(
      'scenario.yaml:10:105: functions.checkout.deployments.0.provisionedConcurrency.allocateBefore: allocateBefore holds 100 on both versions until the shift completes, 200 in all, above the function\'s reservedConcurrency of 150 (AWS refuses PC beyond the reservation)',
    );
  });
});

describe('determinism', () => {
  it('the same scenario with deployments gives the same summary, byte for byte', () => {
    const text = yaml(
      'name: demo', 'duration: 20m', 'functions:', '  checkout:', '    duration: { dist: lognormal, p50: 60ms, p99: 250ms }', '    errorRate: 0.01',
      '    versions: { "1": {}, "2": { init: 900ms } }', '    aliases: { live: { version: "1", provisionedConcurrency: 5 } }',
      '    deployments: [{ at: 5m, alias: live, to: "2", strategy: Linear10PercentEvery1Minute, alarms: [{ metric: errorRate, above: 5%, window: 1m }] }]',
      '    updates: [{ at: 3m, set: { duration: 80ms } }]',
      'workloads:', '  - { function: checkout:live, arrivals: { process: poisson, rate: 50/s } }', '  - { function: checkout, arrivals: { process: poisson, rate: 5/s } }',
    );
    const once = () => JSON.stringify(buildSummary(simulate(parseScenarioText(text, 'scenario.yaml')), { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] }));
    const a = once();
    expect(once()).toBe(a);
    expect(a).toContain('"checkout:live"');
  });
});
