/**
 * EventBridge schedule expressions: `rate(value unit)` and `cron(...)` (see cron-expression.ts).
 *
 * rate (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html): value
 * is a positive whole number; unit is minute | minutes | hour | hours | day | days, singular when the
 * value is 1 and plural otherwise (`rate(1 hours)` and `rate(5 hour)` are invalid).
 */
import { CronSchedule, parseCronFields } from './cron-expression.js';
import { ScheduleExpressionError } from './schedule-error.js';

export { ScheduleExpressionError } from './schedule-error.js';

/** A parsed schedule expression. */
export type Schedule = { kind: 'rate'; periodMs: number } | { kind: 'cron'; cron: CronSchedule };

const RATE_UNITS_MS: Readonly<Record<string, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** What a schedule expression looks like, for error messages. */
export const SCHEDULE_EXPECTED = 'an EventBridge schedule expression such as "rate(5 minutes)" or "cron(0 2 * * ? *)"';

/**
 * Parse `rate(...)` or `cron(...)`.
 *
 * @throws ScheduleExpressionError with one clause saying what is wrong
 */
export function parseScheduleExpression(text: string): Schedule {
  const trimmed = text.trim();
  const call = /^(rate|cron)\((.*)\)$/s.exec(trimmed);
  if (!call) throw new ScheduleExpressionError(`expected rate(value unit) or cron(six fields), found "${text}"`);
  if (call[1] === 'cron') return { kind: 'cron', cron: parseCronFields(call[2]) };
  const rate = /^\s*(\S+)\s+(\S+)\s*$/.exec(call[2]);
  if (!rate) throw new ScheduleExpressionError(`rate: expected "value unit" such as rate(5 minutes), found "${call[2]}"`);
  const [, valueText, unitText] = rate;
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) {
    throw new ScheduleExpressionError(`rate: expected a positive whole number, found "${valueText}"`);
  }
  const value = Number(valueText);
  const singular = unitText.endsWith('s') ? unitText.slice(0, -1) : unitText;
  const unitMs = RATE_UNITS_MS[singular];
  if (unitMs === undefined) {
    throw new ScheduleExpressionError(`rate: expected a unit of minute(s), hour(s) or day(s), found "${unitText}"`);
  }
  const plural = unitText !== singular;
  if (plural !== value > 1) {
    const right = value > 1 ? `${singular}s` : singular;
    throw new ScheduleExpressionError(`rate: the unit is singular for 1 and plural above, write rate(${value} ${right})`);
  }
  return { kind: 'rate', periodMs: value * unitMs };
}
