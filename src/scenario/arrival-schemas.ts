/**
 * The arrival processes of a workload's `arrivals:` (scenario-format.md, Workloads), read into the
 * model's {@link ArrivalSpec}: constant, poisson (with optional ramp and diurnal), burst, schedule
 * and trace. Trace files are read here, relative to the scenario file (data-files.ts).
 */
import { z } from 'zod';
import type { ArrivalSpec } from '../workload/arrival-spec.js';
import { SCHEDULE_EXPECTED, ScheduleExpressionError, parseScheduleExpression } from '../workload/schedule-expression.js';
import { dataFileIssue, readDataFile } from './data-files.js';
import { DEFAULTS } from './defaults.js';
import { columnMatchField, customIssue, durationField, enumField, intField, numberField, rateField, strictObject } from './fields.js';
import { readPerMinuteCounts, readTimestamps } from './trace-data.js';

const rate = () => rateField().describe('Mean arrival rate, e.g. 200/s, 12000/min, 1e6/h, 100000/d.');

/** The default `startTime` of a schedule, as epoch ms. */
const DEFAULT_START_TIME = DEFAULTS.schedule.startTime;

/** ISO-8601 date or date-time with a zone (an instant, not a local time). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const START_TIME_EXPECTED = 'a UTC date or date-time such as 2024-01-01 or 2024-01-01T00:00:00Z';

export const constantArrivals = strictObject(
  {
    process: z.literal('constant').describe('Evenly spaced arrivals, 1/rate apart, the first at the workload start.'),
    rate: rate(),
  },
  { expected: 'a mapping {process: constant, rate}' },
)
  .describe('constant {rate}')
  .transform((v): ArrivalSpec => ({ process: 'constant', rate: v.rate }));

const rampSchema = strictObject({
  to: rateField().describe('Rate reached at the end of the ramp and kept afterwards, e.g. 2000/s.'),
  over: durationField({ min: 0, exclusiveMin: true }).describe('Length of the ramp from the workload start, e.g. 10m.'),
}).describe('Linear change of the rate from `rate` at the workload start to `to` after `over`.');

const diurnalSchema = strictObject({
  amplitude: numberField(0, 1).describe('0..1: the rate swings between (1 - amplitude) and (1 + amplitude) times its mean.'),
  period: durationField({ min: 0, exclusiveMin: true })
    .prefault(DEFAULTS.diurnal.period)
    .describe(`Length of one cycle. Default ${DEFAULTS.diurnal.period} (a day).`),
  peakAt: durationField().describe('When the rate peaks, from the scenario start (time 0 is 00:00), e.g. 14h.'),
}).describe('Sinusoidal modulation: rate x (1 + amplitude x cos(2 pi (t - peakAt) / period)); `rate` stays the mean.');

export const poissonArrivals = strictObject(
  {
    process: z.literal('poisson').describe('Poisson arrivals: exponential gaps with mean 1/rate (non-homogeneous with ramp or diurnal).'),
    rate: rate(),
    ramp: rampSchema.optional(),
    diurnal: diurnalSchema.optional(),
  },
  { expected: 'a mapping {process: poisson, rate}' },
)
  .describe('poisson {rate, ramp?, diurnal?}')
  .transform((v): ArrivalSpec => ({
    process: 'poisson',
    rate: v.rate,
    ...(v.ramp ? { ramp: { to: v.ramp.to, over: v.ramp.over } } : {}),
    ...(v.diurnal ? { diurnal: { amplitude: v.diurnal.amplitude, period: v.diurnal.period, peakAt: v.diurnal.peakAt } } : {}),
  }));

export const burstArrivals = strictObject(
  {
    process: z.literal('burst').describe('Exactly count arrivals at uniformly random times in [at, at + over).'),
    at: durationField().describe('When the burst starts, from the scenario start, e.g. 60m (inside the workload window).'),
    count: intField(1).describe('Number of requests in the burst, e.g. 20000.'),
    over: durationField().describe('Length of the burst window, e.g. 2s; 0s sends them all at once.'),
  },
  { expected: 'a mapping {process: burst, at, count, over}' },
)
  .describe('burst {at, count, over}')
  .transform((v): ArrivalSpec => ({ process: 'burst', at: v.at, count: v.count, over: v.over }));

export const scheduleArrivals = strictObject(
  {
    process: z.literal('schedule').describe('One request per firing of an EventBridge schedule (UTC).'),
    expression: z
      .string({ error: SCHEDULE_EXPECTED })
      .describe('EventBridge schedule expression: "rate(5 minutes)" or "cron(0 2 * * ? *)" (minutes hours day-of-month month day-of-week year, UTC).'),
    startTime: z
      .string({ error: START_TIME_EXPECTED })
      .regex(ISO_INSTANT, { error: START_TIME_EXPECTED })
      .default(DEFAULTS.schedule.startTimeText)
      .describe(`UTC date and time of the scenario start (simulated time 0), for cron calendars. Default ${DEFAULTS.schedule.startTimeText}.`),
  },
  { expected: 'a mapping {process: schedule, expression}' },
)
  .describe('schedule {expression, startTime?}')
  .transform((v, ctx): ArrivalSpec => {
    try {
      parseScheduleExpression(v.expression);
    } catch (error) {
      if (!(error instanceof ScheduleExpressionError)) throw error;
      ctx.issues.push(customIssue(SCHEDULE_EXPECTED, v.expression, { reason: `invalid schedule expression "${v.expression}": ${error.message}` }, ['expression']));
      return z.NEVER;
    }
    const startTime = v.startTime === DEFAULTS.schedule.startTimeText ? DEFAULT_START_TIME : Date.parse(v.startTime);
    return { process: 'schedule', expression: v.expression, startTime };
  });

export const traceArrivals = strictObject(
  {
    process: z.literal('trace').describe('Replay of a recorded trace file.'),
    file: z.string({ error: 'a CSV file path' }).min(1, { error: 'a CSV file path' }).describe('Trace CSV, relative to the scenario file.'),
    format: enumField(['per-minute-counts', 'timestamps']).describe(
      'per-minute-counts (Azure Functions layout: numbered minute columns, one row per function) or timestamps (one arrival per row).',
    ),
    row: intField(1).optional().describe('per-minute-counts: the data row to replay (1-based).'),
    match: columnMatchField('Rows whose columns hold these values, e.g. {HashFunction: "..."}: the one row to replay, or the timestamp rows to keep.'),
    column: z
      .union([z.string().min(1), intField(1)], { error: 'a column name or a 1-based column number' })
      .optional()
      .describe('timestamps: the column of the times (header name or 1-based number). Default the first column.'),
    scale: numberField(0, undefined, true).default(1).describe('Multiplies the counts (cumulative rounding). Default 1.'),
    offset: durationField().prefault('0s').describe('Trace time played at the workload start (skips the trace before it). Default 0s.'),
  },
  { expected: 'a mapping {process: trace, file, format}' },
)
  .describe('trace {file, format, row?, match?, column?, scale?, offset?}')
  .transform((v, ctx): ArrivalSpec => {
    if (v.row !== undefined && v.match !== undefined) {
      ctx.issues.push(customIssue('row or match, not both', v.match, { reason: 'give row or match, not both' }, ['match']));
      return z.NEVER;
    }
    const selector = { row: v.row, match: v.match, column: v.column };
    try {
      const text = readDataFile(v.file);
      if (v.format === 'per-minute-counts') {
        return { process: 'trace', format: v.format, counts: readPerMinuteCounts(text, selector), scale: v.scale, offset: v.offset };
      }
      return { process: 'trace', format: v.format, times: readTimestamps(text, selector), scale: v.scale, offset: v.offset };
    } catch (error) {
      ctx.issues.push(dataFileIssue(v.file, error, ['file']));
      return z.NEVER;
    }
  });
