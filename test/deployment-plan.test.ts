import { describe, expect, it } from 'vitest';
import { PREDEFINED_SHIFTS, deploymentPlan, planLengthUs, predefinedShift } from '../src/model/deployment-plan.js';

const MIN = 60_000_000;
/** [minutes after the start, percent] of each step. */
const steps = (name: string) => deploymentPlan(predefinedShift(name)!).map((s) => [s.offsetUs / MIN, s.percent]);
const linear = (every: number) => Array.from({ length: 10 }, (_, k) => [k * every, (k + 1) * 10]);

describe('CodeDeploy traffic-shifting plans', () => {
  it('AllAtOnce shifts everything at the start', () => {
    expect(steps('AllAtOnce')).toEqual([[0, 100]]);
  });

  it.each([5, 10, 15, 30])('Canary10Percent%dMinutes: 10%% at 0, the rest that many minutes later', (m) => {
    expect(steps(`Canary10Percent${m}Minutes`)).toEqual([[0, 10], [m, 100]]);
  });

  it.each([
    ['Linear10PercentEvery1Minute', 1],
    ['Linear10PercentEvery2Minutes', 2],
    ['Linear10PercentEvery3Minutes', 3],
    ['Linear10PercentEvery10Minutes', 10],
  ])('%s: 10%% at the start of each of ten increments, 100%% at the start of the tenth', (name, every) => {
    expect(steps(name)).toEqual(linear(every));
    expect(planLengthUs(predefinedShift(name)!)).toBe(9 * every * MIN);
  });

  it('knows exactly the nine predefined Lambda configurations', () => {
    expect([...PREDEFINED_SHIFTS.keys()]).toHaveLength(9);
  });

  it('accepts the CodeDeploy names and full ids as well as the SAM names', () => {
    expect(predefinedShift('LambdaCanary10Percent5Minutes')).toEqual(predefinedShift('Canary10Percent5Minutes'));
    expect(predefinedShift('CodeDeployDefault.LambdaLinear10PercentEvery3Minutes')).toEqual(predefinedShift('Linear10PercentEvery3Minutes'));
    expect(predefinedShift('LambdaAllAtOnce')).toEqual({ kind: 'allAtOnce' });
    expect(predefinedShift('Canary10Percent6Minutes')).toBeUndefined();
    expect(predefinedShift('ECSCanary10percent5Minutes')).toBeUndefined();
  });

  it('custom canary: the percentage at 0, the rest after the interval', () => {
    expect(deploymentPlan({ kind: 'canary', percent: 20, intervalUs: 10 * MIN })).toEqual([
      { offsetUs: 0, percent: 20 },
      { offsetUs: 10 * MIN, percent: 100 },
    ]);
  });

  it('custom linear: equal increments; a percentage that does not divide 100 ends with a smaller step', () => {
    expect(deploymentPlan({ kind: 'linear', percent: 25, intervalUs: 2 * MIN }).map((s) => [s.offsetUs / MIN, s.percent])).toEqual([
      [0, 25], [2, 50], [4, 75], [6, 100],
    ]);
    expect(deploymentPlan({ kind: 'linear', percent: 30, intervalUs: MIN }).map((s) => [s.offsetUs / MIN, s.percent])).toEqual([
      [0, 30], [1, 60], [2, 90], [3, 100],
    ]);
    expect(deploymentPlan({ kind: 'linear', percent: 99, intervalUs: MIN }).map((s) => s.percent)).toEqual([99, 100]);
  });
});
