import { describe, expect, it } from 'vitest';
import { Kernel, type EventHandler } from '../src/kernel/kernel.js';
import { FunctionStats } from '../src/model/function-stats.js';
import { DeploymentController, type DeploymentInput, type TrafficSplit } from '../src/model/deployment-controller.js';
import { predefinedShift } from '../src/model/deployment-plan.js';

const MIN = 60_000_000;

/** A split that logs (time, routing); a version whose PC level changes are logged too. */
function fakes(kernel: Kernel) {
  const log: [number, string][] = [];
  const split: TrafficSplit = {
    setRouting: (p, s, w) => log.push([kernel.now / MIN, s === null ? p : `${p}:${Math.round((1 - w) * 100)} ${s}:${Math.round(w * 100)}`]),
    holdProvisioned: (hold) => log.push([kernel.now / MIN, hold ? 'hold' : 'release']),
  };
  const version = (name: string) => {
    const stats = new FunctionStats(Infinity);
    return { stats, setProvisionedLevel: (level: number) => log.push([kernel.now / MIN, `PC ${name}=${level}`]), provisionedChanges: 0, provisionedMsBeyond: () => 0 };
  };
  return { log, split, v1: version('1'), v2: version('2') };
}

function input(over: Partial<DeploymentInput>): DeploymentInput {
  return {
    function: 'checkout', alias: 'live', from: '1', to: '2', atUs: 30 * MIN, strategy: 'Canary10Percent5Minutes',
    shift: predefinedShift('Canary10Percent5Minutes')!, provisionedConcurrency: 0, allocateBeforeUs: null, alarms: [],
    ...over,
  };
}

/** Every `everyUs`, the new version ends `n` invocations, `failing` of them errors. */
function traffic(kernel: Kernel, stats: FunctionStats, everyUs: number, n: number, failing: number): void {
  const h: EventHandler = {
    handleEvent() {
      stats.invocations += n;
      stats.errors += failing;
      for (let i = 0; i < n; i++) stats.duration.record(100_000);
      kernel.schedule(kernel.now + everyUs, h, 0);
    },
  };
  kernel.schedule(0, h, 0);
}

describe('deployment controller', () => {
  it('applies a canary at its exact times (the router moves the alias PC with the routing)', () => {
    const kernel = new Kernel();
    const { log, split, v1, v2 } = fakes(kernel);
    const c = new DeploymentController(kernel, input({ provisionedConcurrency: 100 }), split, v1, v2);
    c.begin();
    kernel.run(60 * MIN);
    expect(log).toEqual([[30, '1:90 2:10'], [35, '2']]);
    const r = c.results(60 * MIN);
    expect(r.outcome).toBe('completed');
    expect(r.endUs).toBe(35 * MIN);
    expect(r.steps).toEqual([{ atUs: 30 * MIN, percent: 10 }, { atUs: 35 * MIN, percent: 100 }]);
    expect([r.before.fromUs, r.before.toUs, r.during.toUs, r.after.toUs]).toEqual([0, 30 * MIN, 35 * MIN, 60 * MIN]);
    expect(r.provisionedAheadUs).toBe(0);
  });

  it('allocates PC on the new version ahead, billed until completion', () => {
    const kernel = new Kernel();
    const { log, split, v1, v2 } = fakes(kernel);
    const c = new DeploymentController(kernel, input({ provisionedConcurrency: 100, allocateBeforeUs: 5 * MIN }), split, v1, v2);
    c.begin();
    kernel.run(60 * MIN);
    expect(log).toEqual([[25, 'hold'], [25, 'PC 2=100'], [30, '1:90 2:10'], [35, '2'], [35, 'PC 1=0'], [35, 'release']]);
    const r = c.results(60 * MIN);
    expect(r.provisionedAheadFromUs).toBe(25 * MIN);
    expect(r.provisionedAheadUs).toBe(100 * 10 * MIN);
  });

  it('linear: ten steps a minute apart', () => {
    const kernel = new Kernel();
    const { log, split, v1, v2 } = fakes(kernel);
    const c = new DeploymentController(kernel, input({ shift: predefinedShift('Linear10PercentEvery1Minute')!, atUs: 0 }), split, v1, v2);
    c.begin();
    kernel.run(20 * MIN);
    expect(log.map(([t]) => t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(log[8][1]).toBe('1:10 2:90');
    expect(log[9][1]).toBe('2');
  });

  it('rolls back at the end of the first alarm period after the shift starts, exactly, PC ahead released', () => {
    const kernel = new Kernel();
    const { log, split, v1, v2 } = fakes(kernel);
    traffic(kernel, v2.stats, 1_000_000, 10, 10);
    const alarms = [
      { metric: 'p99' as const, above: 200_000, windowUs: MIN, evaluationPeriods: 1 },
      { metric: 'errorRate' as const, above: 0.02, windowUs: MIN, evaluationPeriods: 1 },
    ];
    const c = new DeploymentController(kernel, input({ alarms, provisionedConcurrency: 50, allocateBeforeUs: 2 * MIN }), split, v1, v2);
    c.begin();
    kernel.run(60 * MIN);
    expect(log).toEqual([[28, 'hold'], [28, 'PC 2=50'], [30, '1:90 2:10'], [31, '1'], [31, 'PC 2=0'], [31, 'release']]);
    const r = c.results(60 * MIN);
    expect(r.outcome).toBe('rolledBack');
    expect(r.endUs).toBe(31 * MIN);
    expect(r.alarm).toEqual({ index: 1, observed: 1 });
    expect(r.provisionedAheadUs).toBe(50 * 3 * MIN);
  });

  it('needs evaluationPeriods breaching periods in a row; a healthy version completes', () => {
    const kernel = new Kernel();
    const { log, split, v1, v2 } = fakes(kernel);
    traffic(kernel, v2.stats, 1_000_000, 100, 1);
    const alarms = [{ metric: 'errors' as const, above: 50, windowUs: 2 * MIN, evaluationPeriods: 2 }];
    const c = new DeploymentController(kernel, input({ alarms }), split, v1, v2);
    c.begin();
    kernel.run(60 * MIN);
    // 120 errors per 2-minute period: breaching at 32 and 34 min; the canary's last step is at 35.
    expect(log).toEqual([[30, '1:90 2:10'], [34, '1']]);
    expect(c.results(60 * MIN).alarm).toEqual({ index: 0, observed: 120 });
  });

  it('an alarm due at the instant of the last step is judged first', () => {
    const kernel = new Kernel();
    const { log, split, v1, v2 } = fakes(kernel);
    traffic(kernel, v2.stats, 1_000_000, 1, 1);
    const alarms = [{ metric: 'errorRate' as const, above: 0.5, windowUs: 5 * MIN, evaluationPeriods: 1 }];
    const c = new DeploymentController(kernel, input({ alarms }), split, v1, v2);
    c.begin();
    kernel.run(60 * MIN);
    expect(log).toEqual([[30, '1:90 2:10'], [35, '1']]);
  });

  it('counts the alias traffic per phase from both versions', () => {
    const kernel = new Kernel();
    const { split, v1, v2 } = fakes(kernel);
    traffic(kernel, v1.stats, MIN, 3, 0);
    traffic(kernel, v2.stats, MIN, 1, 1);
    const c = new DeploymentController(kernel, input({ atUs: 10 * MIN }), split, v1, v2);
    c.begin();
    kernel.run(20 * MIN);
    const r = c.results(20 * MIN);
    // Ticks at 0..9 before the shift (the shift's own tick at 10 comes after the traffic's at 10: scheduled later).
    expect([r.before.invocations, r.before.errors]).toEqual([40, 10]);
    expect([r.during.invocations, r.after.invocations]).toEqual([20, 20]);
    expect(r.during.p99LatencyUs).toBeNull();
  });
});
