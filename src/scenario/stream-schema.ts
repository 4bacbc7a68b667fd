/**
 * `streams:` (Kinesis data streams and DynamoDB streams) as a kind of event source in a scenario:
 * the stream schema, the `stream:` and `partitionKeys` keys of producer workloads, the stream
 * settings of a mapping, the mapping input it becomes, and the stream rules. Defaults and limits:
 * esm-schema.ts.
 */
import { z } from 'zod';
import type { StreamInput } from '../model/input.js';
import { ESM_DEFAULTS, ESM_LIMITS, mappingCommon, sourceNameSchema } from './esm-schema.js';
import { customIssue, durationField, enumField, intField, strictObject } from './fields.js';
import { queueChoices } from './queue-schema.js';
import { isRecord, type Ctx, type MappingView, type SourceSchema, type SourceScope } from './source-schema.js';
import { didYouMean } from './suggest.js';
import { US_PER_HOUR as H } from '../kernel/time.js';

const streamSchema = strictObject(
  {
    type: enumField(['kinesis', 'dynamodb']).default(ESM_DEFAULTS.streamType).describe('kinesis (default) or dynamodb.'),
    shards: intField(1, 10_000).default(ESM_DEFAULTS.shards).describe('Shards (Kinesis) or stream partitions (DynamoDB). Default 1.'),
    // RetentionPeriodHours: an integer of hours (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html).
    retention: durationField({ min: ESM_LIMITS.retentionUs.min, max: ESM_LIMITS.retentionUs.max, whole: 'h' })
      .prefault(ESM_DEFAULTS.retention)
      .describe('How long records stay readable; older ones are lost. Kinesis 24h (default) to 365d; DynamoDB streams 24h.'),
  },
  { expected: 'a stream such as {type: kinesis, shards: 4, retention: 24h}' },
)
  .transform((s): StreamInput => s)
  .describe('A Kinesis data stream or a DynamoDB stream.');

export const streamsSchema = z
  .record(sourceNameSchema, streamSchema, { error: 'a mapping of stream names to streams' })
  .optional()
  .describe('Kinesis / DynamoDB streams by name.');

const streamProducerFields = {
  stream: z.string({ error: 'the name of a stream under streams' }).optional().describe('Put records on this stream instead of invoking a function.'),
  partitionKeys: intField(1, 2 ** 31)
    .optional()
    .describe('Stream workloads: distinct partition keys, each record picks one uniformly; keys are hashed to shards. Default 10000.'),
};

const streamMappingFields = {
  parallelizationFactor: intField(ESM_LIMITS.parallelizationFactor.min, ESM_LIMITS.parallelizationFactor.max)
    .default(ESM_DEFAULTS.parallelizationFactor)
    .describe('Streams: concurrent batches per shard, 1-10. Default 1.'),
  ordering: enumField(['partition-key', 'shard'])
    .default(ESM_DEFAULTS.ordering)
    .describe(
      'Streams with parallelizationFactor > 1: keep order per partition key (current docs, default) or hand records out in shard order (2022 doc).',
    ),
  bisectBatchOnFunctionError: z.boolean({ error: 'true or false' }).default(ESM_DEFAULTS.bisectBatchOnFunctionError).describe('Streams: split a failing batch in two (not a retry).'),
  maximumRetryAttempts: intField(ESM_LIMITS.maximumRetryAttempts.min, ESM_LIMITS.maximumRetryAttempts.max)
    .default(ESM_DEFAULTS.maximumRetryAttempts)
    .describe('Streams: retries of a failing batch, -1 (default) = until the records expire.'),
  // MaximumRecordAgeInSeconds: an integer (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html).
  maximumRecordAge: durationField({ min: ESM_LIMITS.maximumRecordAgeUs.min, max: ESM_LIMITS.maximumRecordAgeUs.max, whole: 's' })
    .optional()
    .describe('Streams: discard records older than this, 60s-7d. Default: no limit (-1).'),
  onFailure: sourceNameSchema.optional().describe('Streams: a queue that receives one message per discarded batch.'),
  startingPosition: enumField(['LATEST', 'TRIM_HORIZON'])
    .default(ESM_DEFAULTS.startingPosition)
    .describe('Streams: LATEST (default) or TRIM_HORIZON; the same here, as streams start empty.'),
};

/** The parsed stream settings of a mapping. */
type StreamMappingSettings = z.output<z.ZodObject<typeof streamMappingFields>>;

/** The workload types of the built-in kinds, for schema.ts. */
export type StreamProducerFields = typeof streamProducerFields;

export const STREAM_SCHEMA: SourceSchema = {
  section: 'streams',
  sources: streamsSchema,
  producerKey: 'stream',
  producerFields: streamProducerFields,
  mappingFields: streamMappingFields,
  words: { one: 'stream', a: 'a stream', mapping: 'a stream mapping', sources: 'stream sources' },
  toMappingInput: (m) => {
    const st = m as typeof m & StreamMappingSettings;
    return {
      kind: 'stream',
      ...mappingCommon(m, ESM_DEFAULTS.streamBatchSize),
      parallelizationFactor: st.parallelizationFactor,
      ordering: st.ordering,
      bisectBatchOnFunctionError: st.bisectBatchOnFunctionError,
      maximumRetryAttempts: st.maximumRetryAttempts,
      ...(st.maximumRecordAge !== undefined ? { maximumRecordAge: st.maximumRecordAge } : {}),
      ...(st.onFailure !== undefined ? { onFailure: st.onFailure } : {}),
      startingPosition: st.startingPosition,
    };
  },
  producerInput: (w) => (w.partitionKeys !== undefined ? { partitionKeys: w.partitionKeys as number } : {}),
  check: (s, ctx) => {
    for (const name of s.names('streams')) dynamoRetention(s, name, ctx);
  },
  checkMapping: (s, mapping, ctx) => onFailureIsQueue(s, mapping, ctx),
};

/** DynamoDB streams keep records 24 h, no more, no less (lambda-behavior.md 9.6). */
function dynamoRetention(s: SourceScope, name: string, ctx: Ctx): void {
  const st = s.sources('streams')[name];
  if (isRecord(st) && st.type === 'dynamodb' && typeof st.retention === 'number' && st.retention !== 24 * H) {
    ctx.issues.push(customIssue('24h: DynamoDB streams keep records for 24 hours', st.retention, { found: `${st.retention / H}h` }, ['streams', name, 'retention']));
  }
}

/** A stream mapping's on-failure destination is a queue (lambda-behavior.md 9.6). */
function onFailureIsQueue(s: SourceScope, { m, path }: MappingView, ctx: Ctx): void {
  const queues = s.names('queues');
  if (typeof m.onFailure !== 'string' || queues.includes(m.onFailure)) return;
  ctx.issues.push(customIssue(queueChoices(s), m.onFailure, { hint: didYouMean(m.onFailure, queues) }, [...path, 'onFailure']));
}
