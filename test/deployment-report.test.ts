/** The deployment's report: summary.txt line, report.html chart rows, costs beyond steady state (deployment-report.ts, deployment-html.ts). */
import { describe, expect, it } from 'vitest';
import { yaml } from './helpers/scenario-error.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { simulate } from '../src/model/simulate.js';
import { buildSummary } from '../src/report/index.js';
import { deploymentLines } from '../src/report/deployment-report.js';
import { deploymentSpec } from '../src/report/deployment-html.js';

function summaryOf(v2: string, deployment: string, alias = '{ version: "1", provisionedConcurrency: 10 }', rate = '50/s') {
  const text = yaml(
    'name: demo', 'duration: 20m', 'functions:', '  checkout:', '    duration: 100ms', '    memorySize: 1024',
    `    versions: { "1": {}, "2": ${v2} }`, `    aliases: { live: ${alias} }`,
    `    deployments: [${deployment}]`,
    `workloads:`, `  - { function: checkout:live, arrivals: { process: poisson, rate: ${rate} } }`,
  );
  return buildSummary(simulate(parseScenarioText(text, 'scenario.yaml')), { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] });
}

describe('deployment reports', () => {
  it('an empty phase has no p99 (null, "-" in text), and a deployment after the run or PC ahead before time 0 gets a note', () => {
    const late = summaryOf('{}', '{ at: 1h, alias: live, to: "2", strategy: AllAtOnce }');
    const d = late.deployments!['checkout:live'];
    expect(d.outcome).toBe('notStarted');
    expect(d.during.p99LatencyMs).toBeNull();
    expect(d.notes).toEqual(['it starts at 1h, after the simulated period ends: nothing was shifted']);
    expect(deploymentLines(late)[0]).toContain('during the shift 0 cold starts, p99 - (before ');
    const early = summaryOf('{}', '{ at: 1m, alias: live, to: "2", strategy: AllAtOnce, provisionedConcurrency: { allocateBefore: 5m } }');
    expect(early.deployments!['checkout:live'].notes).toContain("allocateBefore reaches before the start of the run: the new version's provisioned concurrency was allocated at 0, 1m ahead");
  });

  it('a rollback: its alarm, value and time in summary.json, its line, and a red rule on the chart', () => {
    const s = summaryOf('{ errorRate: 1 }', '{ at: 5m, alias: live, to: "2", strategy: Canary10Percent10Minutes, alarms: [{ metric: errorRate, above: 2%, window: 1m }] }');
    const d = s.deployments!['checkout:live'];
    expect([d.outcome, d.rolledBack, d.completed, d.endMs]).toEqual(['rolledBack', 1, 0, 360_000]);
    expect(d.rollback).toEqual({ alarm: 'errorRate > 2% over 1.00 min', metric: 'errorRate', above: 0.02, observed: 1, atMs: 360_000 });
    expect(deploymentLines(s)[0]).toMatch(/^checkout:live 1 -> 2 \(Canary10Percent10Minutes\) at 5\.00 min: rolled back at 6\.00 min \(errorRate > 2% over 1\.00 min: 100%\); during the shift /);
    const layers = deploymentSpec('checkout:live', d, s.simulatedMs).panels[0].layers;
    // Bands: the 10% step from 5 to 6 min; the share back to 0 at 6; the rollback rule at 6.
    expect(layers.flatMap((l) => (l.kind === 'rect' ? [[l.x0, l.x1, l.tip]] : []))).toEqual([[5, 6, 'step 10%']]);
    expect(layers.flatMap((l) => (l.kind === 'line' ? l.points : []))).toEqual([[0, 0], [5, 10], [6, 0], [20, 0]]);
    expect(layers.flatMap((l) => (l.kind === 'vrule' ? [[l.x, l.label, l.colour]] : []))).toEqual([[6, 'rolled back: errorRate > 2% over 1.00 min', '#d62728']]);
  });

  it("names the after phase on the line and the chart when the last step's rush lands there", () => {
    // No PC: the new version cold-starts when it takes all traffic at once, after the shift's instant.
    const s = summaryOf('{}', '{ at: 5m, alias: live, to: "2", strategy: AllAtOnce }', '{ version: "1" }', '200/s');
    const d = s.deployments!['checkout:live'];
    expect(d.after.coldStarts).toBeGreaterThan(0);
    expect(deploymentLines(s)[0]).toContain(`; after it ${d.after.coldStarts} cold starts, p99 `);
    expect(deploymentSpec('checkout:live', d, s.simulatedMs).subtitle[1]).toMatch(new RegExp(`^After it: ${d.after.coldStarts} cold starts, p99 `));
  });

  it('the steady rate leaves out the first cold starts of the run: baseline is the later half of before; never negative', () => {
    // No PC: about 20 environments cold-start in the run's first second; none after, until the release.
    const s = summaryOf('{}', '{ at: 5m, alias: live, to: "2", strategy: AllAtOnce }', '{ version: "1" }', '200/s');
    const d = s.deployments!['checkout:live'];
    expect(d.before.coldStarts).toBeGreaterThan(10);
    expect(d.beyondSteadyState.baseline).toEqual({ fromMs: 150_000, toMs: 300_000 });
    // Version 2 starts cold: its first burst is all extra (the baseline had none or nearly).
    expect(d.beyondSteadyState.extraColdStarts).toBeGreaterThan(10);
    expect(d.notes).toBeUndefined();
    // A rollback whose canary had fewer cold starts than the rate predicts is not a saving: 0, not negative.
    const back = summaryOf('{ errorRate: 1 }', '{ at: 5m, alias: live, to: "2", strategy: Canary10Percent5Minutes, alarms: [{ metric: errorRate, above: 2%, window: 1m }] }', '{ version: "1" }', '200/s');
    expect(back.deployments!['checkout:live'].beyondSteadyState.extraColdStarts).toBeGreaterThanOrEqual(0);
    expect(back.deployments!['checkout:live'].beyondSteadyState.extraInitMs).toBeGreaterThanOrEqual(0);
  });

  it('a before phase under 2 minutes gives no baseline, and a note says so', () => {
    const s = summaryOf('{}', '{ at: 1m, alias: live, to: "2", strategy: AllAtOnce }', '{ version: "1" }', '200/s');
    const d = s.deployments!['checkout:live'];
    expect(d.beyondSteadyState.baseline).toBeNull();
    expect(d.notes).toEqual(['the before phase is shorter than 2 min: no steady-state baseline, so every cold start of the shift and after counts as extra']);
    expect(deploymentLines(s)[0]).toMatch(/\(note: the before phase is shorter than 2 min: /);
  });

  it('the PC of a rollback: the split levels of the canary, each rounded up to 5 minutes, as the bill charged them', () => {
    const s = summaryOf('{ errorRate: 0.5 }', '{ at: 5m, alias: live, to: "2", strategy: Canary10Percent5Minutes, alarms: [{ metric: errorRate, above: 2%, window: 1m }] }', '{ version: "1", provisionedConcurrency: 20 }');
    const d = s.deployments!['checkout:live'];
    expect(d.outcome).toBe('rolledBack');
    const billedEnvS = Object.values(s.functions).reduce((t, f) => t + (f.provisionedConcurrency?.billedEnvironmentSeconds ?? 0), 0);
    // Without the release: 20 x 1,200 s. The rest is the release's, at 1 GB.
    expect(billedEnvS).toBeGreaterThan(24_000);
    expect(d.beyondSteadyState.extraProvisionedGbSeconds).toBeCloseTo(billedEnvS - 24_000, 6);
    expect(d.beyondSteadyState.cost).toBeGreaterThan(0);
  });

  it('two deployments of one alias: the first keeps its plain key, the later one adds -at-<start>', () => {
    const s = summaryOf('{}', '{ at: 5m, alias: live, to: "2", strategy: AllAtOnce }, { at: 10m, alias: live, to: "1", strategy: AllAtOnce }');
    expect(Object.keys(s.deployments!)).toEqual(['checkout:live', 'checkout:live-at-10m']);
  });

  it('PC allocated ahead: what the bill charged beyond the steady level, each level rounded up to 5 minutes', () => {
    const s = summaryOf('{}', '{ at: 5m, alias: live, to: "2", strategy: AllAtOnce, provisionedConcurrency: { allocateBefore: 2m } }');
    const b = s.deployments!['checkout:live'].beyondSteadyState;
    // Billed: version 1 holds 10 for 0-5 min (5 min), version 2 10 from 3 min to the end (17 -> 20 min),
    // 10 x 25 min against 10 x 20 without the release: 10 x 300 s x 1 GB, at $0.0000041667 per GB-s.
    expect(b.extraProvisionedGbSeconds).toBe(3000);
    expect(b.extraProvisionedCost).toBeCloseTo(3000 * 0.0000041667, 8);
    expect(b.extraProvisionedGbSeconds).toBe(Object.values(s.functions).reduce((t, f) => t + (f.provisionedConcurrency?.billedEnvironmentSeconds ?? 0), 0) - 10 * 20 * 60);
    expect(s.deployments!['checkout:live'].steps).toEqual([{ atMs: 300_000, percent: 100 }]);
  });
});
