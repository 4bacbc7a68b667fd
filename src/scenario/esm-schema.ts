/**
 * `queues:`, `streams:` and `eventSourceMappings:` (scenario-format.md, "Queues, streams and event
 * source mappings"): their schema, their defaults (the only place they are written) and the mapping
 * input of the model, one variant per kind of source. The cross-reference checks are in
 * esm-checks.ts. Limits and defaults cite lambda-behavior.md sections 8 (SQS) and 9 (Kinesis /
 * DynamoDB streams).
 */
import { z } from 'zod';
import type { EventSourceMappingInput, MappingCommon, QueueInput, StreamInput } from '../model/input.js';
import { customIssue, durationField, enumField, intField, numberField, strictObject } from './fields.js';
import { US_PER_HOUR as H, US_PER_SECOND as S } from '../kernel/time.js';


/** A queue or stream name: letters, digits, hyphens, underscores (SQS queue names; no dots: --set paths). */
const SOURCE_NAME_EXPECTED = 'a name of 1 to 80 letters, digits, hyphens or underscores';
export const sourceNameSchema = z.string({ error: SOURCE_NAME_EXPECTED }).regex(/^[A-Za-z0-9_-]{1,80}$/, { error: SOURCE_NAME_EXPECTED });

export const ESM_DEFAULTS = {
  /** SQS default VisibilityTimeout 30 s. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html */
  visibilityTimeout: '30s',
  /** SQS: 10; streams: 100. lambda-behavior.md 8.2, 9.3 (GH22 with-sqs.md, with-kinesis.md). */
  sqsBatchSize: 10,
  streamBatchSize: 100,
  /** 0 s. lambda-behavior.md 8.3, 9.3. */
  maximumBatchingWindow: '0s',
  /** Kinesis default retention 24 h (up to 365 d); DynamoDB streams keep 24 h. lambda-behavior.md 9.6. */
  retention: '24h',
  /** Project choice (scenario-format.md example): distinct partition keys of a stream workload. */
  partitionKeys: 10_000,
  /** SQS CreateQueue: standard unless FifoQueue is set (same page as visibilityTimeout). */
  queueType: 'standard',
  /** Project choice: one group, so a FIFO queue is one total order unless the scenario spreads it. */
  messageGroups: 1,
  /** CreateStream needs a shard count; 1 is the smallest stream (a project choice). */
  streamType: 'kinesis',
  shards: 1,
  /** Off unless asked for (FunctionResponseTypes empty). lambda-behavior.md 8.6, 9.8. */
  reportBatchItemFailures: false,
  /** Project choice: no poison items unless the scenario says so. */
  itemFailureRate: 0,
  /** ScalingConfig.MaximumConcurrency unset = the SQS poller maximum, 1,000 (8.7). */
  maximumConcurrency: 1_000,
  /** Current docs (8.8, disagreement 5). */
  fifoBatching: 'mixed-groups',
  /** Since late 2023 (8.7). */
  scaleUp: '300/min',
  /** 1 (9.4), partition-key ordering (current docs, 9.4). */
  parallelizationFactor: 1,
  ordering: 'partition-key',
  /** false, -1 = retry until the records expire (9.6). */
  bisectBatchOnFunctionError: false,
  maximumRetryAttempts: -1,
  /** LATEST (9.3); the same here as streams start empty. */
  startingPosition: 'LATEST',
} as const;

/** Limits. lambda-behavior.md 8.2-8.7 and 9.3-9.6. */
export const ESM_LIMITS = {
  /** Standard queue 1-10,000, FIFO 10 (8.2); streams 1-10,000 (9.3). */
  batchSize: { min: 1, max: 10_000, fifoMax: 10, withoutWindowMax: 10 },
  /** 0-300 s (8.3, 9.3). */
  maximumBatchingWindowUs: 300 * S,
  /** ScalingConfig.MaximumConcurrency 2-1,000 (8.7). */
  maximumConcurrency: { min: 2, max: 1_000 },
  /** 1-10 (9.4). */
  parallelizationFactor: { min: 1, max: 10 },
  /** -1 (infinite) to 10,000 (9.6; disagreement 6). */
  maximumRetryAttempts: { min: -1, max: 10_000 },
  /** 60 s to 604,800 s (7 days), or unset = -1 (9.6). */
  maximumRecordAgeUs: { min: 60 * S, max: 604_800 * S },
  /** SQS visibility timeout 0 s to 12 h; maxReceiveCount 1-1,000 (SQS API reference). */
  visibilityTimeoutUs: 12 * H,
  maxReceiveCount: { min: 1, max: 1_000 },
  /** FIFO message groups per queue: SQS sets no limit; a project bound (memory is per group). */
  messageGroups: { min: 1, max: 1_000_000 },
  /** Kinesis retention 24 h to 365 days. https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html */
  retentionUs: { min: 24 * H, max: 8760 * H },
} as const;

const queueSchema = strictObject(
  {
    type: enumField(['standard', 'fifo'], { notSupported: 'queueTypes' })
      .default(ESM_DEFAULTS.queueType)
      .describe('standard (default) or fifo (order kept per message group; batchSize at most 10, no batching window).'),
    messageGroups: intField(ESM_LIMITS.messageGroups.min, ESM_LIMITS.messageGroups.max)
      .optional()
      .describe('FIFO queues: message groups producers spread their messages over, uniformly. Default 1 (one total order).'),
    visibilityTimeout: durationField({ max: ESM_LIMITS.visibilityTimeoutUs })
      .prefault(ESM_DEFAULTS.visibilityTimeout)
      .describe('How long a received message stays invisible before it can be received again. Default 30s (SQS).'),
    maxReceiveCount: intField(ESM_LIMITS.maxReceiveCount.min, ESM_LIMITS.maxReceiveCount.max)
      .optional()
      .describe('Receives before a message moves to deadLetterQueue (AWS recommends at least 5). Requires deadLetterQueue.'),
    deadLetterQueue: sourceNameSchema.optional().describe('Name of the queue that receives messages past maxReceiveCount.'),
  },
  { expected: 'a queue such as {type: standard, visibilityTimeout: 30s}', notSupported: 'queueKeys' },
)
  .superRefine((q, ctx) => {
    if (q.type !== 'fifo' && q.messageGroups !== undefined) {
      ctx.issues.push(customIssue('messageGroups on a FIFO queue only (add type: fifo)', q.messageGroups, {}, ['messageGroups']));
    }
  })
  .transform((q): QueueInput => {
    const { messageGroups, ...rest } = q;
    return q.type === 'fifo' ? { ...rest, type: 'fifo', messageGroups: messageGroups ?? ESM_DEFAULTS.messageGroups } : { ...rest, type: 'standard' };
  })
  .describe('An SQS queue.');

const streamSchema = strictObject(
  {
    type: enumField(['kinesis', 'dynamodb']).default(ESM_DEFAULTS.streamType).describe('kinesis (default) or dynamodb.'),
    shards: intField(1, 10_000).default(ESM_DEFAULTS.shards).describe('Shards (Kinesis) or stream partitions (DynamoDB). Default 1.'),
    retention: durationField({ min: ESM_LIMITS.retentionUs.min, max: ESM_LIMITS.retentionUs.max })
      .prefault(ESM_DEFAULTS.retention)
      .describe('How long records stay readable; older ones are lost. Kinesis 24h (default) to 365d; DynamoDB streams 24h.'),
  },
  { expected: 'a stream such as {type: kinesis, shards: 4, retention: 24h}' },
)
  .transform((s): StreamInput => s)
  .describe('A Kinesis data stream or a DynamoDB stream.');

export const queuesSchema = z
  .record(sourceNameSchema, queueSchema, { error: 'a mapping of queue names to queues' })
  .optional()
  .describe('SQS queues by name.');

export const streamsSchema = z
  .record(sourceNameSchema, streamSchema, { error: 'a mapping of stream names to streams' })
  .optional()
  .describe('Kinesis / DynamoDB streams by name.');

const mappingSchema = strictObject(
  {
    source: sourceNameSchema.describe('A queue or stream name.'),
    function: z.string({ error: 'the name of a function under functions' }).describe('The function invoked with each batch.'),
    batchSize: intField(ESM_LIMITS.batchSize.min, ESM_LIMITS.batchSize.max)
      .optional()
      .describe('Records per batch, 1-10000 (FIFO at most 10). Default 10 for SQS, 100 for streams.'),
    maximumBatchingWindow: durationField({ max: ESM_LIMITS.maximumBatchingWindowUs })
      .prefault(ESM_DEFAULTS.maximumBatchingWindow)
      .describe('Longest wait to fill a batch, 0s-300s. Default 0s.'),
    reportBatchItemFailures: z
      .boolean({ error: 'true or false' })
      .default(ESM_DEFAULTS.reportBatchItemFailures)
      .describe('Partial batch responses: SQS returns only the failed messages; streams checkpoint before the first failure.'),
    itemFailureRate: numberField(0, 1)
      .default(ESM_DEFAULTS.itemFailureRate)
      .describe('Share of messages or records the function always fails on ("poison"). Transient failures: the function errorRate. Default 0.'),
    maximumConcurrency: intField(ESM_LIMITS.maximumConcurrency.min, ESM_LIMITS.maximumConcurrency.max)
      .optional()
      .describe('SQS: most concurrent batches (ScalingConfig.MaximumConcurrency, 2-1000). Default: up to 1000.'),
    fifoBatching: enumField(['mixed-groups', 'one-group'])
      .default(ESM_DEFAULTS.fifoBatching)
      .describe(
        'FIFO queues: a batch may mix message groups, order kept in each (current docs, default), or holds one group (older docs).',
      ),
    scaleUp: enumField(['300/min', '60/min'])
      .default(ESM_DEFAULTS.scaleUp)
      .describe('SQS: pollers added per minute while messages wait: 300/min (since late 2023, default) or 60/min (older rule).'),
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
    maximumRecordAge: durationField({ min: ESM_LIMITS.maximumRecordAgeUs.min, max: ESM_LIMITS.maximumRecordAgeUs.max })
      .optional()
      .describe('Streams: discard records older than this, 60s-7d. Default: no limit (-1).'),
    onFailure: sourceNameSchema.optional().describe('Streams: a queue that receives one message per discarded batch.'),
    startingPosition: enumField(['LATEST', 'TRIM_HORIZON'])
      .default(ESM_DEFAULTS.startingPosition)
      .describe('Streams: LATEST (default) or TRIM_HORIZON; the same here, as streams start empty.'),
  },
  { expected: 'a mapping with source and function' },
).describe('An event source mapping: a poller that reads a queue or stream and invokes a function with batches.');

export const eventSourceMappingsSchema = z
  .array(mappingSchema, { error: 'a list of event source mappings' })
  .default([])
  .describe('Event source mappings (pollers) from queues and streams to functions.');

type ParsedMapping = z.output<typeof mappingSchema>;

/** The value the parser fills for a mapping key left out, read from the schema (undefined: it fills none). */
export function mappingDefault(key: string): unknown {
  const field = (mappingSchema.shape as Record<string, z.ZodType>)[key];
  const parsed = field?.safeParse(undefined);
  return parsed?.success ? parsed.data : undefined;
}

/** The model's mapping input for a mapping that reads a `kind` source, every default filled. */
export function toMappingInput(m: ParsedMapping, kind: EventSourceMappingInput['kind']): EventSourceMappingInput {
  const common: MappingCommon = {
    source: m.source,
    function: m.function,
    batchSize: m.batchSize ?? (kind === 'sqs' ? ESM_DEFAULTS.sqsBatchSize : ESM_DEFAULTS.streamBatchSize),
    maximumBatchingWindow: m.maximumBatchingWindow,
    reportBatchItemFailures: m.reportBatchItemFailures,
    itemFailureRate: m.itemFailureRate,
  };
  if (kind === 'sqs') {
    return {
      kind,
      ...common,
      maximumConcurrency: m.maximumConcurrency ?? ESM_DEFAULTS.maximumConcurrency,
      scaleUpPerMinute: m.scaleUp === '60/min' ? 60 : 300,
      fifoBatching: m.fifoBatching,
    };
  }
  return {
    kind,
    ...common,
    parallelizationFactor: m.parallelizationFactor,
    ordering: m.ordering,
    bisectBatchOnFunctionError: m.bisectBatchOnFunctionError,
    maximumRetryAttempts: m.maximumRetryAttempts,
    ...(m.maximumRecordAge !== undefined ? { maximumRecordAge: m.maximumRecordAge } : {}),
    ...(m.onFailure !== undefined ? { onFailure: m.onFailure } : {}),
    startingPosition: m.startingPosition,
  };
}
