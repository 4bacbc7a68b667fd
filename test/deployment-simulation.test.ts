/** Deployments on the real model: alias routing, provisioned concurrency and alarms (deployment-controller.ts). */
import { describe, expect, it } from 'vitest';
import { Simulation, checkedResults } from './helpers/simulate.js';
import { fn, MIN, MS, scenario, sync } from './helpers/model-input.js';
import type { FunctionInput, SimulationInput } from '../src/model/input.js';
import type { DeploymentInput } from '../src/model/deployment-controller.js';
import { predefinedShift } from '../src/model/deployment-plan.js';

/** `checkout` with versions 1 and 2, alias `live` -> 1 with `pc`, and one deployment to 2 at 10 min. */
function release(deployment: Partial<DeploymentInput>, v2: Partial<FunctionInput> = {}, pc = 0, rate = 200): SimulationInput {
  return scenario({
    duration: 30 * MIN,
    functions: { checkout: fn(), 'checkout:1': fn(), 'checkout:2': fn({ init: { dist: 'constant', value: 300 * MS }, ...v2 }) },
    versions: { 'checkout:1': { function: 'checkout', version: '1' }, 'checkout:2': { function: 'checkout', version: '2' } },
    aliases: { 'checkout:live': { function: 'checkout', alias: 'live', version: '1', ...(pc > 0 ? { provisionedConcurrency: pc } : {}) } },
    workloads: [sync('checkout:live', { process: 'poisson', rate })],
    deployments: [
      {
        function: 'checkout', alias: 'live', from: '1', to: '2', atUs: 10 * MIN, strategy: 'Linear10PercentEvery1Minute',
        shift: predefinedShift('Linear10PercentEvery1Minute')!, provisionedConcurrency: pc, allocateBeforeUs: null, alarms: [],
        ...deployment,
      },
    ],
  });
}

/** Calls `probe(sim)` at each of `times` (us), before anything else due then is handled... after it: the probe is scheduled last. */
function probeAt(sim: Simulation, times: number[], probe: (t: number) => void): void {
  for (const t of times) sim.kernel.schedule(t, { handleEvent: () => probe(t) }, 0);
}

describe('deployments on the model', () => {
  it('sends each step its share of requests (binomial, 4 sd) and ends with all on the new version', () => {
    const sim = new Simulation(release({}));
    const v1 = sim.versionOf('checkout', '1')!;
    const v2 = sim.versionOf('checkout', '2')!;
    const at: [number, number][] = [];
    probeAt(sim, Array.from({ length: 12 }, (_, k) => (10 + k) * MIN), () => at.push([v1.stats.requests, v2.stats.requests]));
    const r = checkedResults(sim);
    for (let k = 0; k < 10; k++) {
      const n1 = at[k + 1][0] - at[k][0];
      const n2 = at[k + 1][1] - at[k][1];
      const n = n1 + n2;
      const w = Math.min(1, (k + 1) / 10);
      if (w === 1) expect(n1).toBe(0);
      else expect(Math.abs(n2 - n * w)).toBeLessThan(4 * Math.sqrt(n * w * (1 - w)));
    }
    const d = r.deployments![0];
    expect(d.outcome).toBe('completed');
    expect(d.endUs).toBe(19 * MIN);
    expect(d.steps.map((s) => s.atUs / MIN)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    // Per-version conservation: each version's requests all ended (checkedResults checked), and
    // the alias handed each version exactly what that version received.
    const byName = (n: string) => r.functions.find((f) => f.name === n)!;
    expect(r.aliases![0].routed).toEqual({ '1': byName('checkout:1').requests, '2': byName('checkout:2').requests });
    expect(r.aliases![0].routing).toEqual({ primary: '2', secondary: null, weight: 0 });
    // The new version starts with no environments: it cold-starts during the shift.
    expect(d.during.coldStarts).toBeGreaterThan(0);
    expect(d.before.coldStarts + d.during.coldStarts + d.after.coldStarts).toBe(byName('checkout:1').coldStarts + byName('checkout:2').coldStarts);
  });

  it('moves the alias PC to the new version at completion and back on rollback', () => {
    const levels = (input: SimulationInput, times: number[]) => {
      const sim = new Simulation(input);
      const v1 = sim.versionOf('checkout', '1')!;
      const v2 = sim.versionOf('checkout', '2')!;
      const seen: [number, number, number][] = [];
      probeAt(sim, times, (t) => seen.push([t / MIN, v1.provisionedLevel, v2.provisionedLevel]));
      return { r: checkedResults(sim), seen };
    };
    const canary = { shift: predefinedShift('Canary10Percent5Minutes')!, strategy: 'Canary10Percent5Minutes' };
    // Without allocateBefore the PC follows the routing: 10% of 20 (rounded up) on the canary, all of it at the end.
    expect(levels(release(canary, {}, 20), [9 * MIN, 12 * MIN, 16 * MIN]).seen).toEqual([[9, 20, 0], [12, 18, 2], [16, 0, 20]]);
    // With it: the new version holds all 20 from 5 minutes before, the old keeps its 20 until completion.
    const ahead = levels(release({ ...canary, allocateBeforeUs: 5 * MIN }, {}, 20), [4 * MIN, 6 * MIN, 12 * MIN, 16 * MIN]);
    expect(ahead.seen).toEqual([[4, 20, 0], [6, 20, 20], [12, 20, 20], [16, 0, 20]]);
    expect(ahead.r.deployments![0].provisionedAheadUs).toBe(20 * 10 * MIN);
    // Rolled back: the old version keeps (or gets back) its level, the new one releases what it had ahead.
    const alarms = [{ metric: 'errorRate' as const, above: 0.02, windowUs: MIN, evaluationPeriods: 1 }];
    const back = levels(release({ ...canary, allocateBeforeUs: 5 * MIN, alarms }, { errorRate: 1 }, 20), [12 * MIN]);
    expect(back.seen).toEqual([[12, 20, 0]]);
    expect(back.r.deployments![0].provisionedAheadUs).toBe(20 * 6 * MIN);
  });

  it('rolls an always-failing version back at the end of the first alarm period, exactly', () => {
    const alarms = [{ metric: 'errorRate' as const, above: 0.02, windowUs: MIN, evaluationPeriods: 1 }];
    const sim = new Simulation(release({ alarms }, { errorRate: 1 }));
    const v2 = sim.versionOf('checkout', '2')!;
    let atRollback = -1;
    probeAt(sim, [11 * MIN + 1], () => (atRollback = v2.stats.requests));
    const r = checkedResults(sim);
    const d = r.deployments![0];
    expect([d.outcome, d.endUs, d.alarm]).toEqual(['rolledBack', 11 * MIN, { index: 0, observed: 1 }]);
    expect(d.steps).toEqual([{ atUs: 10 * MIN, percent: 10 }]);
    expect(r.functions.find((f) => f.name === 'checkout:2')!.requests).toBe(atRollback);
    expect(r.aliases![0].routing.primary).toBe('1');
    // Only invocations still running at the rollback (at most INIT + duration = 400 ms of 10% of 200/s) fail after it.
    expect(d.after.errors).toBeLessThanOrEqual(20);
  });
});

describe('an update of $LATEST', () => {
  it('splits requests between the old and new code for the window, then sends all to the new code, which starts cold', () => {
    const instance = 'checkout (updated at 5m)';
    const input = scenario({
      duration: 10 * MIN,
      functions: { checkout: fn(), [instance]: fn({ init: { dist: 'constant', value: 300 * MS }, duration: { dist: 'constant', value: 150 * MS } }) },
      updates: { [instance]: { function: 'checkout', instance } },
      workloads: [sync('checkout', { process: 'poisson', rate: 200 })],
      deployments: [
        {
          function: 'checkout', alias: '$LATEST', from: 'checkout', to: instance, atUs: 5 * MIN, strategy: 'update',
          shift: { kind: 'canary', percent: 50, intervalUs: MIN }, provisionedConcurrency: 0, allocateBeforeUs: null, alarms: [],
        },
      ],
    });
    const sim = new Simulation(input);
    const oldCode = sim.functionNamed('checkout')!;
    const newCode = sim.functionNamed(instance)!;
    const at: [number, number][] = [];
    probeAt(sim, [5 * MIN, 6 * MIN], () => at.push([oldCode.stats.requests, newCode.stats.requests]));
    const r = checkedResults(sim);
    const nOld = at[1][0] - at[0][0];
    const nNew = at[1][1] - at[0][1];
    expect(at[0][1]).toBe(0);
    expect(Math.abs(nNew - (nOld + nNew) / 2)).toBeLessThan(4 * Math.sqrt((nOld + nNew) / 4));
    const byName = (n: string) => r.functions.find((f) => f.name === n)!;
    expect(byName('checkout').requests).toBe(at[1][0]);
    expect(byName(instance).coldStarts).toBeGreaterThan(0);
    const d = r.deployments![0];
    expect([d.outcome, d.endUs]).toEqual(['completed', 6 * MIN]);
    expect(d.steps.map((s) => [s.atUs / MIN, s.percent])).toEqual([[5, 50], [6, 100]]);
  });
});
