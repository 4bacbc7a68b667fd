/**
 * EventBridge schedule expressions against known calendars (2024-01-01 was a Monday; 2024 is a leap
 * year) and against the rules of the EventBridge documentation for invalid expressions.
 */
import { describe, expect, it } from 'vitest';
import { ScheduleTimes } from '../src/workload/schedule-times.js';
import { ScheduleExpressionError, parseScheduleExpression } from '../src/workload/schedule-expression.js';
import { H, MIN } from './helpers/model-input.js';

const JAN_1_2024 = Date.UTC(2024, 0, 1);
const DAY = 24 * H;

/** ISO instants of every firing of `expression` in [0, end) with simulated time 0 at `startMs`. */
function firings(expression: string, end: number, startMs = JAN_1_2024, start = 0): string[] {
  const gen = new ScheduleTimes(parseScheduleExpression(expression), startMs, start, end);
  const out: string[] = [];
  for (let t = gen.next(); t < end; t = gen.next()) out.push(new Date(startMs + t / 1000).toISOString().replace(':00.000Z', 'Z'));
  return out;
}

describe('rate expressions', () => {
  it('fire every period from the workload start', () => {
    expect(firings('rate(5 minutes)', H)).toHaveLength(12);
    expect(firings('rate(5 minutes)', H).slice(0, 3)).toStrictEqual(['2024-01-01T00:00Z', '2024-01-01T00:05Z', '2024-01-01T00:10Z']);
    expect(firings('rate(1 hour)', DAY)).toHaveLength(24);
    expect(firings('rate(1 day)', 7 * DAY)).toHaveLength(7);
    expect(firings('rate(1 minute)', 10 * MIN, JAN_1_2024, 3 * MIN)).toHaveLength(7);
  });
});

describe('cron expressions (UTC)', () => {
  it('every day at 10:00 and at 12:15', () => {
    expect(firings('cron(0 10 * * ? *)', 3 * DAY)).toStrictEqual(['2024-01-01T10:00Z', '2024-01-02T10:00Z', '2024-01-03T10:00Z']);
    expect(firings('cron(15 12 * * ? *)', 2 * DAY)).toStrictEqual(['2024-01-01T12:15Z', '2024-01-02T12:15Z']);
  });

  it('every 15 minutes (0/15), and minutes 1/10 = 1, 11, 21 ...', () => {
    expect(firings('cron(0/15 * * * ? *)', DAY)).toHaveLength(96);
    expect(firings('cron(1/10 * * * ? *)', H)).toStrictEqual(
      ['01', '11', '21', '31', '41', '51'].map((m) => `2024-01-01T00:${m}Z`),
    );
  });

  it('weekdays at 18:00: 23 in January 2024', () => {
    const jan = firings('cron(0 18 ? * MON-FRI *)', 31 * DAY);
    expect(jan).toHaveLength(23);
    expect(jan.slice(4, 6)).toStrictEqual(['2024-01-05T18:00Z', '2024-01-08T18:00Z']); // Friday, then Monday
    expect(firings('cron(0 18 ? * 2-6 *)', 31 * DAY)).toStrictEqual(jan); // 1 = SUN, so 2-6 = MON-FRI
  });

  it('the first of every month at 08:00: 12 in 2024', () => {
    const year = firings('cron(0 8 1 * ? *)', 366 * DAY);
    expect(year).toHaveLength(12);
    expect(year[11]).toBe('2024-12-01T08:00Z');
  });

  it('L: the last day of the month (29 February in 2024)', () => {
    expect(firings('cron(0 0 L * ? *)', 91 * DAY)).toStrictEqual(['2024-01-31T00:00Z', '2024-02-29T00:00Z', '2024-03-31T00:00Z']);
  });

  it('6L: the last Friday; 3#2: the second Tuesday', () => {
    expect(firings('cron(0 0 ? * 6L *)', 60 * DAY)).toStrictEqual(['2024-01-26T00:00Z', '2024-02-23T00:00Z']);
    expect(firings('cron(0 0 ? * 3#2 *)', 60 * DAY)).toStrictEqual(['2024-01-09T00:00Z', '2024-02-13T00:00Z']);
    expect(firings('cron(0 0 ? * TUE#2 *)', 60 * DAY)).toStrictEqual(['2024-01-09T00:00Z', '2024-02-13T00:00Z']);
  });

  it('W: the weekday nearest a date, within the month; LW: the last weekday', () => {
    const june1 = Date.UTC(2024, 5, 1); // a Saturday
    expect(firings('cron(0 0 15W * ? *)', 30 * DAY, june1)).toStrictEqual(['2024-06-14T00:00Z']); // 15th is a Saturday
    expect(firings('cron(0 0 1W * ? *)', 30 * DAY, june1)).toStrictEqual(['2024-06-03T00:00Z']); // not back into May
    const sep1 = Date.UTC(2024, 8, 1);
    expect(firings('cron(0 0 15W * ? *)', 30 * DAY, sep1)).toStrictEqual(['2024-09-16T00:00Z']); // 15th is a Sunday
    const mar1 = Date.UTC(2024, 2, 1);
    expect(firings('cron(0 0 LW * ? *)', 31 * DAY, mar1)).toStrictEqual(['2024-03-29T00:00Z']); // 31st is a Sunday
  });

  it('the year field and month names', () => {
    expect(firings('cron(0 0 1 1 ? 2025)', 2 * 366 * DAY)).toStrictEqual(['2025-01-01T00:00Z']);
    expect(firings('cron(30 6 1 JAN,JUL ? *)', 366 * DAY)).toStrictEqual(['2024-01-01T06:30Z', '2024-07-01T06:30Z']);
  });

  it('starts from the scenario calendar: a start time mid-morning skips the 02:00 firing of day one', () => {
    expect(firings('cron(0 2 * * ? *)', DAY, Date.UTC(2024, 0, 1, 9, 30))).toStrictEqual(['2024-01-02T02:00Z']);
  });
});

describe('invalid expressions are refused with a clear reason', () => {
  it.each([
    ['rate(1 hours)', /singular for 1 and plural above, write rate\(1 hour\)/],
    ['rate(5 hour)', /write rate\(5 hours\)/],
    ['rate(0 minutes)', /positive whole number, found "0"/],
    ['rate(1.5 minutes)', /positive whole number/],
    ['rate(5 seconds)', /unit of minute\(s\), hour\(s\) or day\(s\), found "seconds"/],
    ['every 5 minutes', /expected rate\(value unit\) or cron\(six fields\)/],
    ['cron(0 10 * * ?)', /six fields .* found 5/],
    ['cron(0 10 * * * *)', /exactly one of day-of-month and day-of-week must be \?/],
    ['cron(0 10 ? * ? *)', /exactly one of day-of-month and day-of-week must be \?/],
    ['cron(60 10 * * ? *)', /minutes: expected 0-59, found "60"/],
    ['cron(0 24 * * ? *)', /hours: expected 0-23/],
    ['cron(0 0 32 * ? *)', /day-of-month: expected 1-31/],
    ['cron(0 0 ? * 8 *)', /day-of-week: expected 1-7 or SUN-SAT, found "8"/],
    ['cron(0 0 ? FOO * *)', /month: expected 1-12 or JAN-DEC, found "FOO"/],
    ['cron(0 0 1 * ? 1969)', /year: expected 1970-2199/],
    ['cron(0 0 ? * FRI-MON *)', /must not wrap around/],
    ['cron(0 0 ? * 3#1,6#3 *)', /# takes one expression/],
    ['cron(0 0 ? * 3#6 *)', /#1 to #5/],
    ['cron(? 0 1 * ? *)', /\? is only allowed in day-of-month or day-of-week/],
    ['cron(0 0 1 * ? */0)', /step of at least 1/],
  ])('%s', (expression, reason) => {
    expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression(expression)).toThrow(reason);
  });
});
