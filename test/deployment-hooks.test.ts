/**
 * CodeDeploy lifecycle hooks on the real model (deployment-hook.ts, deployment-controller.ts): the
 * preTraffic hook runs at `at` and the shift starts when it succeeds; the postTraffic hook runs when
 * all traffic has moved and the deployment completes when it succeeds; a failed, timed-out or
 * throttled hook rolls back. Constant INIT and durations make every time exact.
 */
import { describe, expect, it } from 'vitest';
import { Simulation, checkedResults } from './helpers/simulate.js';
import { fn, MIN, MS, S, scenario, sync } from './helpers/model-input.js';
import type { FunctionInput, SimulationInput } from '../src/model/input.js';
import type { DeploymentInput } from '../src/model/deployment-controller.js';
import { predefinedShift } from '../src/model/deployment-plan.js';
import { parseScenario } from '../src/index.js';
import { summarizeDeployments, deploymentLines } from '../src/report/deployment-report.js';
import type { Summary } from '../src/report/summary-types.js';

const INIT = 200 * MS;

/** `checkout` 1 -> 2 on alias `live` at 10 min (Linear10PercentEvery1Minute), hook functions `validate` and `smoke`. */
function release(deployment: Partial<DeploymentInput>, hooks: { validate?: Partial<FunctionInput>; smoke?: Partial<FunctionInput> } = {}): SimulationInput {
  const hook = (o: Partial<FunctionInput> = {}) => fn({ init: { dist: 'constant', value: INIT }, duration: { dist: 'constant', value: 30 * S }, ...o });
  return scenario({
    duration: 40 * MIN,
    functions: { checkout: fn(), 'checkout:1': fn(), 'checkout:2': fn(), validate: hook(hooks.validate), smoke: hook(hooks.smoke) },
    versions: { 'checkout:1': { function: 'checkout', version: '1' }, 'checkout:2': { function: 'checkout', version: '2' } },
    aliases: { 'checkout:live': { function: 'checkout', alias: 'live', version: '1' } },
    workloads: [sync('checkout:live', { process: 'poisson', rate: 100 })],
    deployments: [
      {
        function: 'checkout', alias: 'live', from: '1', to: '2', atUs: 10 * MIN, strategy: 'Linear10PercentEvery1Minute',
        shift: predefinedShift('Linear10PercentEvery1Minute')!, provisionedConcurrency: 0, allocateBeforeUs: null, alarms: [],
        ...deployment,
      },
    ],
  });
}

describe('deployment lifecycle hooks', () => {
  it('starts the shift when the preTraffic hook succeeds and completes when the postTraffic hook does', () => {
    const r = checkedResults(new Simulation(release({ hooks: { preTraffic: 'validate', postTraffic: 'smoke' } })));
    const d = r.deployments![0];
    // The hook's cold start (INIT) and its 30 s: the first step at 10 min + 30.2 s, then one a minute.
    const shiftAt = 10 * MIN + INIT + 30 * S;
    expect(d.steps.map((s) => s.atUs)).toEqual(Array.from({ length: 10 }, (_, k) => shiftAt + k * MIN));
    expect(d.hooks).toEqual([
      { hook: 'preTraffic', function: 'validate', startUs: 10 * MIN, endUs: shiftAt, status: 'succeeded' },
      { hook: 'postTraffic', function: 'smoke', startUs: shiftAt + 9 * MIN, endUs: shiftAt + 9 * MIN + INIT + 30 * S, status: 'succeeded' },
    ]);
    expect([d.outcome, d.endUs, d.failedHook]).toEqual(['completed', shiftAt + 9 * MIN + INIT + 30 * S, null]);
    // Each hook is one invocation of its function, billed like any other.
    const byName = (n: string) => r.functions.find((f) => f.name === n)!;
    expect([byName('validate').invocations, byName('smoke').invocations]).toEqual([1, 1]);
    expect(byName('validate').coldStarts).toBe(1);
  });

  it('never moves traffic when the preTraffic hook fails, and rolls back when it reports', () => {
    const sim = new Simulation(release({ hooks: { preTraffic: 'validate' } }, { validate: { errorRate: 1 } }));
    const r = checkedResults(sim);
    const d = r.deployments![0];
    expect([d.outcome, d.endUs, d.failedHook, d.steps]).toEqual(['rolledBack', 10 * MIN + INIT + 30 * S, 'preTraffic', []]);
    expect(r.functions.find((f) => f.name === 'checkout:2')!.requests).toBe(0);
  });

  it('bills no extra provisioned concurrency when a failed preTraffic hook moved nothing', () => {
    const input = release({ hooks: { preTraffic: 'validate' }, provisionedConcurrency: 20 }, { validate: { errorRate: 1 } });
    input.aliases!['checkout:live'] = { ...input.aliases!['checkout:live'], provisionedConcurrency: 20 };
    const d = checkedResults(new Simulation(input)).deployments![0];
    expect([d.outcome, d.steps, d.provisionedExtraMs]).toEqual(['rolledBack', [], 0]);
  });

  it('fails a hook that times out at its timeout', () => {
    const r = checkedResults(new Simulation(release({ hooks: { preTraffic: 'validate' } }, { validate: { timeout: 10 * S } })));
    const d = r.deployments![0];
    expect([d.outcome, d.endUs, d.hooks[0].status]).toEqual(['rolledBack', 10 * MIN + INIT + 10 * S, 'timedOut']);
  });

  it('fails a throttled hook at once', () => {
    // A reservation of 0 throttles every invocation of the hook function.
    const r = checkedResults(new Simulation(release({ hooks: { preTraffic: 'validate' } }, { validate: { reservedConcurrency: 0 } })));
    const d = r.deployments![0];
    expect([d.outcome, d.endUs, d.hooks[0]]).toEqual(['rolledBack', 10 * MIN, { hook: 'preTraffic', function: 'validate', startUs: 10 * MIN, endUs: 10 * MIN, status: 'throttled' }]);
  });

  it('moves all traffic back when the postTraffic hook fails', () => {
    const sim = new Simulation(release({ hooks: { postTraffic: 'smoke' } }, { smoke: { errorRate: 1 } }));
    const v2 = sim.versionOf('checkout', '2')!;
    let onNewAfter = -1;
    const end = 19 * MIN + INIT + 30 * S;
    sim.kernel.schedule(end + MIN, { handleEvent: () => (onNewAfter = v2.stats.requests) }, 0);
    const r = checkedResults(sim);
    const d = r.deployments![0];
    expect(d.steps.map((s) => s.atUs / MIN)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect([d.outcome, d.endUs, d.failedHook]).toEqual(['rolledBack', end, 'postTraffic']);
    expect(r.aliases![0].routing).toEqual({ primary: '1', secondary: null, weight: 0 });
    // Nothing reaches version 2 after the rollback.
    expect(v2.stats.requests).toBe(onNewAfter);
  });

  it('keeps judging alarms while the postTraffic hook runs', () => {
    const alarms = [{ metric: 'errorRate' as const, above: 0.02, windowUs: MIN, evaluationPeriods: 1 }];
    // All traffic moves at once to a version 2 that always fails; the smoke test takes 5 minutes, and
    // the alarm breaches at the end of its first minute.
    const input = release({ hooks: { postTraffic: 'smoke' }, alarms, strategy: 'AllAtOnce', shift: predefinedShift('AllAtOnce')! }, { smoke: { duration: { dist: 'constant', value: 5 * MIN } } });
    input.functions['checkout:2'] = fn({ errorRate: 1 });
    const r = checkedResults(new Simulation(input));
    const d = r.deployments![0];
    expect([d.outcome, d.endUs, d.failedHook, d.alarm?.index]).toEqual(['rolledBack', 11 * MIN, null, 0]);
    // The hook still runs to its end; its report comes after the deployment ended and changes nothing.
    expect([d.hooks[0].status, d.hooks[0].endUs]).toEqual(['succeeded', 10 * MIN + INIT + 5 * MIN]);
  });

  it('reports hooks in summary.json and summary.txt, and a failed one as the rollback cause', () => {
    const r = checkedResults(new Simulation(release({ hooks: { preTraffic: 'validate' } }, { validate: { errorRate: 1 } })));
    const summary = summarizeDeployments(r) as Pick<Summary, 'deployments'>;
    const d = summary.deployments!['checkout:live'];
    expect(d.rollback).toEqual({ hook: 'preTraffic', function: 'validate', status: 'failed', atMs: 630_200 });
    expect(d.hooks).toEqual([{ hook: 'preTraffic', function: 'validate', startMs: 600_000, endMs: 630_200, status: 'failed' }]);
    const [line] = deploymentLines(summary as Summary);
    expect(line).toContain('rolled back at 10.5 min (preTraffic hook validate failed)');
    expect(line).toContain('preTraffic hook validate failed after 30.2 s');
  });
});

describe('a later deployment of the same alias', () => {
  it('waits for one that its hooks keep running, then starts', () => {
    // 1 -> 2 all at once at 10 min with a 5-minute smoke test; 2 -> 3 due at 12 min waits until it ends.
    const input = release({ strategy: 'AllAtOnce', shift: predefinedShift('AllAtOnce')!, hooks: { postTraffic: 'smoke' } }, { smoke: { duration: { dist: 'constant', value: 5 * MIN } } });
    input.functions['checkout:3'] = fn();
    input.versions!['checkout:3'] = { function: 'checkout', version: '3' };
    input.deployments!.push({ ...input.deployments![0], from: '2', to: '3', atUs: 12 * MIN, hooks: undefined });
    // A third, due while the second still waits, waits too: it must not overtake it.
    input.functions['checkout:4'] = fn();
    input.versions!['checkout:4'] = { function: 'checkout', version: '4' };
    input.deployments!.push({ ...input.deployments![0], from: '3', to: '4', atUs: 13 * MIN, hooks: undefined });
    const r = checkedResults(new Simulation(input));
    const [first, second, third] = r.deployments!;
    const firstEnd = 10 * MIN + INIT + 5 * MIN;
    expect([first.outcome, first.endUs]).toEqual(['completed', firstEnd]);
    expect([second.outcome, second.before.toUs, second.steps.map((s) => s.atUs)]).toEqual(['completed', firstEnd, [firstEnd]]);
    expect([third.outcome, third.before.toUs]).toEqual(['completed', firstEnd]);
    expect(third.steps[0].atUs).toBeGreaterThanOrEqual(second.endUs!);
    expect(r.aliases![0].routing.primary).toBe('4');
    const summary = summarizeDeployments(r) as Pick<Summary, 'deployments'>;
    expect(summary.deployments!['checkout:live-at-12m'].notes).toContain('it waited for the previous deployment of live to end, and started at 15.0 min');
  });
});

describe('hooks in a scenario', () => {
  const yaml = (hooks: string) => `
name: hooks
duration: 30m
functions:
  api:
    duration: 50ms
    versions: { "1": {}, "2": {} }
    aliases: { live: { version: "1" } }
    deployments:
      - { at: 5m, alias: live, to: "2", strategy: AllAtOnce, hooks: ${hooks} }
  validate: { timeout: 60s, duration: 20s }
workloads:
  - { function: api:live, arrivals: { process: poisson, rate: 10/s } }
`;

  it('reads preTraffic and postTraffic as function names', () => {
    const s = parseScenario(yaml('{ preTraffic: validate, postTraffic: validate }'));
    expect(s.deployments![0].hooks).toEqual({ preTraffic: 'validate', postTraffic: 'validate' });
  });

  it('refuses an unknown hook function with a did-you-mean, and an unknown hook', () => {
    expect(() => parseScenario(yaml('{ preTraffic: validat }'))).toThrow(/functions\.api\.deployments\.0\.hooks\.preTraffic.*did you mean "validate"/s);
    expect(() => parseScenario(yaml('{ beforeAllowTraffic: validate }'))).toThrow(/hooks/);
  });
});
