/**
 * A CodeDeploy traffic-shifting configuration as a list of steps: at `offsetUs` after the shift
 * starts, the alias sends `percent` of its requests to the new version. Pure: no kernel, no model.
 *
 * Sources (CodeDeploy User Guide, "Working with deployment configurations", Lambda compute platform,
 * https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html):
 * - Canary: "traffic is shifted in two increments": the canary percentage first, the remaining
 *   traffic `interval` minutes later. LambdaCanary10Percent5Minutes = 10% at 0, 100% at 5 min.
 * - Linear: "shifted in equal increments with an equal number of minutes between each increment";
 *   the API's TimeBasedLinear.linearPercentage is "the percentage of traffic that is shifted at the
 *   start of each increment" (https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_TimeBasedLinear.html),
 *   so the first increment is shifted at 0: LambdaLinear10PercentEvery1Minute = 10% at 0, 20% at
 *   1 min, ..., 100% at 9 min. The User Guide's table says only "Shifts 10 percent of traffic every
 *   minute until all traffic is shifted"; third-party notes that say "10 minutes" count the minute
 *   the last increment serves (AWS documents no wait after it), so we keep 9. A percentage that does not divide 100 ends with a smaller last step
 *   (25%: 0, i, 2i, 3i; 30%: 30, 60, 90, 100).
 * - All at once: all traffic at 0.
 * SAM's DeploymentPreference.Type uses the same names without the `Lambda` prefix
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/automating-updates-to-serverless-apps.html).
 */
import { US_PER_MINUTE } from '../kernel/time.js';

/** How traffic moves to the new version. Percentages are whole numbers (CodeDeploy's API takes integers). */
export type TrafficShift =
  | { readonly kind: 'allAtOnce' }
  | { readonly kind: 'canary'; readonly percent: number; readonly intervalUs: number }
  | { readonly kind: 'linear'; readonly percent: number; readonly intervalUs: number };

/** One step of a plan: from `offsetUs` after the shift starts, `percent` of requests go to the new version. */
export interface PlanStep {
  readonly offsetUs: number;
  /** 1..100; 100 is the last step (the deployment completes then). */
  readonly percent: number;
}

const canary = (minutes: number): TrafficShift => ({ kind: 'canary', percent: 10, intervalUs: minutes * US_PER_MINUTE });
const linear = (minutes: number): TrafficShift => ({ kind: 'linear', percent: 10, intervalUs: minutes * US_PER_MINUTE });

/** The predefined configurations, by their SAM name (CodeDeploy's name is `Lambda` + this). */
export const PREDEFINED_SHIFTS: ReadonlyMap<string, TrafficShift> = new Map([
  ['AllAtOnce', { kind: 'allAtOnce' } as TrafficShift],
  ['Canary10Percent5Minutes', canary(5)],
  ['Canary10Percent10Minutes', canary(10)],
  ['Canary10Percent15Minutes', canary(15)],
  ['Canary10Percent30Minutes', canary(30)],
  ['Linear10PercentEvery1Minute', linear(1)],
  ['Linear10PercentEvery2Minutes', linear(2)],
  ['Linear10PercentEvery3Minutes', linear(3)],
  ['Linear10PercentEvery10Minutes', linear(10)],
]);

/**
 * The predefined configuration a name stands for: the SAM name (`Canary10Percent5Minutes`), the
 * CodeDeploy name (`LambdaCanary10Percent5Minutes`) or its full id (`CodeDeployDefault.Lambda...`).
 */
export function predefinedShift(name: string): TrafficShift | undefined {
  const bare = name.replace(/^CodeDeployDefault\./, '').replace(/^Lambda(?=AllAtOnce|Canary|Linear)/, '');
  return PREDEFINED_SHIFTS.get(bare);
}

/** The steps of a shift, in time order; the last has percent 100. */
export function deploymentPlan(shift: TrafficShift): PlanStep[] {
  switch (shift.kind) {
    case 'allAtOnce':
      return [{ offsetUs: 0, percent: 100 }];
    case 'canary':
      return [
        { offsetUs: 0, percent: shift.percent },
        { offsetUs: shift.intervalUs, percent: 100 },
      ];
    case 'linear': {
      const steps: PlanStep[] = [];
      for (let k = 1; ; k++) {
        const percent = Math.min(100, k * shift.percent);
        steps.push({ offsetUs: (k - 1) * shift.intervalUs, percent });
        if (percent === 100) return steps;
      }
    }
  }
}

/** How long the shift lasts: from its start to the last step. */
export function planLengthUs(shift: TrafficShift): number {
  const steps = deploymentPlan(shift);
  return steps[steps.length - 1].offsetUs;
}
