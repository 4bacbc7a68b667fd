/**
 * One entry of `workloads:` (scenario-format.md, Workloads): traffic sent to a function, or to an
 * event source through the keys of its kind (`queue:`, `stream:`; source-schema.ts). Fields that
 * depend on the rest of the scenario (default name, default end, the function reference) are
 * checked and filled in schema.ts, the source references in esm-checks.ts.
 */
import { z } from 'zod';
import { DEFAULTS } from './defaults.js';
import { durationField, enumField, listChoices, markNotSupported, strictObject } from './fields.js';
import { burstArrivals, constantArrivals, poissonArrivals, scheduleArrivals, traceArrivals } from './arrival-schemas.js';
import { clientRetriesSchema } from './concurrency-schema.js';
import { payloadSizeField } from './async-schema.js';
import { viaField } from './api-gateway-schema.js';
import type { QueueProducerFields } from './queue-schema.js';
import type { SourceSchema } from './source-schema.js';
import type { StreamProducerFields } from './stream-schema.js';
import type { TopicProducerFields } from './topic-schema.js';
import type { BucketProducerFields } from './bucket-schema.js';
import type { BusProducerFields } from './eventbridge-schema.js';

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

/** How requests arrive; dispatched on `process` (the processes are in arrival-schemas.ts). */
export const arrivalsSchema = markNotSupported(
  z.discriminatedUnion('process', [constantArrivals, poissonArrivals, burstArrivals, scheduleArrivals, traceArrivals], {
    error: 'an arrival process such as {process: poisson, rate: 200/s}',
  }),
  'arrivalProcesses',
).describe('Arrival process: constant, poisson (with ramp and diurnal), burst, schedule or trace.');

/**
 * The producer keys of the built-in kinds. A table of other kinds types its workloads the same way:
 * their keys are there at run time, and their own code reads them.
 */
type ProducerFields = QueueProducerFields & StreamProducerFields & TopicProducerFields & BucketProducerFields & BusProducerFields;

/** A workload as read, before the scenario-wide defaults of name and end are filled; `kinds` give the producer keys. */
export function workloadSchemaFor(kinds: readonly SourceSchema[]) {
  const producerFields = Object.assign({}, ...kinds.map((k) => k.producerFields)) as ProducerFields;
  const targets = listChoices(kinds.map((k) => k.producerKey));
  return strictObject(
    {
      name: workloadName
        .optional()
        .describe('Label used in reports and --set paths. Default: the function name, or <function>-<index> when several workloads target it.'),
      function: z
        .string({ error: 'the name of a function under functions' })
        .optional()
        .describe(`Target function: a key of functions (or give ${targets} instead).`),
      ...producerFields,
      invocation: enumField(['sync', 'async'], { notSupported: 'invocations' })
        .default(DEFAULTS.workload.invocation)
        .describe('sync (RequestResponse: the caller waits, throttles are 429s) or async (Event: queued by Lambda, retried, see asyncConfig). Default sync.'),
      payloadSize: payloadSizeField(),
      start: durationField()
        .prefault(DEFAULTS.workload.start)
        .describe('Arrivals start at this time from the beginning of the simulation. Default 0s.'),
      end: durationField()
        .optional()
        .describe('Arrivals stop at this time (exclusive). Default and maximum: the scenario duration.'),
      arrivals: arrivalsSchema,
      clientRetries: clientRetriesSchema.optional(),
      via: viaField,
    },
    { expected: `a mapping with function (or ${targets}) and arrivals`, notSupported: 'workloadKeys' },
  ).describe('Traffic sent to one function.');
}
