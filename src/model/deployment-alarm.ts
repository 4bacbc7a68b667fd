/**
 * The CloudWatch alarms of a deployment, evaluated on the new version's own metrics (CloudWatch's
 * `ExecutedVersion` dimension, lambda-behavior.md section 11).
 *
 * CodeDeploy stops a deployment and rolls it back when one of its alarms is in ALARM ("Monitoring
 * deployments with CloudWatch alarms in CodeDeploy",
 * https://docs.aws.amazon.com/codedeploy/latest/userguide/monitoring-create-alarms.html) and, with
 * automatic rollback, redeploys the last good revision ("Redeploy and roll back a deployment",
 * https://docs.aws.amazon.com/codedeploy/latest/userguide/deployments-rollback-and-redeploy.html): for
 * Lambda, the alias points to the original version again, all traffic at once.
 * Like a CloudWatch alarm, each is evaluated at the end of each period (`window`), counted from
 * the start of the shift, and goes into ALARM when its statistic is above the threshold for
 * `evaluationPeriods` periods in a row. A period without data is "missing", which CloudWatch treats
 * as not breaching by default (TreatMissingData = missing): an error rate or p99 of a window with
 * no invocations does not breach.
 */
import { WindowCounts } from './deployment-window.js';

/** What an alarm watches on the new version. */
export type AlarmMetric = 'errorRate' | 'errors' | 'throttles' | 'p99';

export interface AlarmSpec {
  readonly metric: AlarmMetric;
  /** Threshold: a fraction for errorRate, a count for errors and throttles, us for p99. */
  readonly above: number;
  /** The period (us). */
  readonly windowUs: number;
  /** Periods in a row above the threshold that put the alarm in ALARM (CloudWatch's EvaluationPeriods). */
  readonly evaluationPeriods: number;
}

/**
 * The statistic of one period: errors / invocations, Errors and Throttles sums, or the p99 of
 * Duration (execution time without INIT, as CloudWatch's Duration metric). Null when the period has
 * no data for it.
 */
export function alarmValue(metric: AlarmMetric, w: WindowCounts): number | null {
  switch (metric) {
    case 'errorRate':
      return w.invocations === 0 ? null : w.errors / w.invocations;
    case 'errors':
      return w.errors;
    case 'throttles':
      return w.throttles;
    case 'p99':
      return w.duration.count === 0 ? null : w.duration.quantile(0.99);
  }
}

/** One alarm's state across periods. */
export class AlarmState {
  private breaching = 0;

  constructor(readonly spec: AlarmSpec) {}

  /** Judge one period; true when the alarm is now in ALARM. */
  judge(value: number | null): boolean {
    if (value !== null && value > this.spec.above) this.breaching++;
    else this.breaching = 0;
    return this.breaching >= this.spec.evaluationPeriods;
  }
}
