/**
 * One entry of `workloads:` (scenario-format.md, Workloads): traffic sent to a function. Fields
 * that depend on the rest of the scenario (default name, default end, the function reference)
 * are checked and filled in schema.ts.
 */
import { z } from 'zod';
import { DEFAULTS } from './defaults.js';
import { durationField, enumField, markNotSupported, rateField, strictObject } from './fields.js';

/** The "expected" phrase of a workload name. */
export const WORKLOAD_NAME_EXPECTED =
  'a workload name of 1 to 100 letters, digits, hyphens or underscores, not only digits';

/**
 * A workload name. No dots (a name is a segment of a `--set workloads.<name>.x` path) and not only
 * digits (it would read as a list index there).
 */
const workloadName = z
  .string({ error: WORKLOAD_NAME_EXPECTED })
  .regex(/^(?!\d+$)[A-Za-z0-9_-]{1,100}$/, { error: WORKLOAD_NAME_EXPECTED });

const rate = () => rateField().describe('Mean arrival rate, e.g. 200/s, 12000/min, 1e6/h, 100000/d.');

const constantArrivals = strictObject(
  {
    process: z.literal('constant').describe('Evenly spaced arrivals, 1/rate apart.'),
    rate: rate(),
  },
  { expected: 'a mapping {process: constant, rate}', notSupported: 'arrivalKeys' },
).describe('constant {rate}');

const poissonArrivals = strictObject(
  {
    process: z.literal('poisson').describe('Poisson arrivals: exponential gaps with mean 1/rate.'),
    rate: rate(),
  },
  { expected: 'a mapping {process: poisson, rate}', notSupported: 'arrivalKeys' },
).describe('poisson {rate}');

/** How requests arrive; dispatched on `process`. */
export const arrivalsSchema = markNotSupported(
  z.discriminatedUnion('process', [constantArrivals, poissonArrivals], {
    error: 'an arrival process such as {process: poisson, rate: 200/s}',
  }),
  'arrivalProcesses',
).describe('Arrival process: {process: constant, rate} or {process: poisson, rate}.');

/** A workload as read, before the scenario-wide defaults of name and end are filled. */
export const workloadSchema = strictObject(
  {
    name: workloadName
      .optional()
      .describe('Label used in reports and --set paths. Default: the function name, or <function>-<index> when several workloads target it.'),
    function: z
      .string({ error: 'the name of a function under functions' })
      .describe('Target function: a key of functions.'),
    invocation: enumField(['sync'], { notSupported: 'invocations' })
      .default(DEFAULTS.workload.invocation)
      .describe('sync (RequestResponse). Default sync.'),
    start: durationField()
      .prefault(DEFAULTS.workload.start)
      .describe('Arrivals start at this time from the beginning of the simulation. Default 0s.'),
    end: durationField()
      .optional()
      .describe('Arrivals stop at this time (exclusive). Default and maximum: the scenario duration.'),
    arrivals: arrivalsSchema,
  },
  { expected: 'a mapping with function and arrivals', notSupported: 'workloadKeys' },
).describe('Traffic sent to one function.');
