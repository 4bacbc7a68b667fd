/**
 * What every kind of event source shares in a scenario (scenario-format.md, "Queues, streams and
 * event source mappings"): source names, the defaults and limits of queues, streams and mappings
 * (the only place they are written), and `eventSourceMappings:`, whose settings are the common ones
 * here plus each kind's own (source-schema.ts; the kinds are queue-schema.ts and stream-schema.ts).
 * The cross-reference checks are in esm-checks.ts. Limits and defaults cite lambda-behavior.md
 * sections 8 (SQS) and 9 (Kinesis / DynamoDB streams).
 */
import { z } from 'zod';
import type { MappingCommon } from '../model/input.js';
import { durationField, intField, listChoices, numberField, strictObject } from './fields.js';
import type { ParsedMapping, SourceSchema } from './source-schema.js';
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
  /** Project choice: 0, a batch takes the function's duration whatever its size (the behaviour before the setting). */
  durationPerItem: '0s',
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
  /** Per item: a project bound, the longest function timeout (900 s). */
  durationPerItemUs: 900 * S,
  /** Kinesis retention 24 h to 365 days. https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html */
  retentionUs: { min: 24 * H, max: 8760 * H },
} as const;

/** The settings every mapping has, whatever kind of source it reads. */
function commonMappingFields(kinds: readonly SourceSchema[]) {
  return {
    source: sourceNameSchema.describe(`A ${listChoices(kinds.map((k) => k.words.one))} name.`),
    function: z.string({ error: 'the name of a function under functions' }).describe('The function invoked with each batch.'),
    batchSize: intField(ESM_LIMITS.batchSize.min, ESM_LIMITS.batchSize.max)
      .optional()
      .describe('Records per batch, 1-10000 (FIFO at most 10). Default 10 for SQS, 100 for streams.'),
    // MaximumBatchingWindowInSeconds: "in increments of seconds" (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html).
    maximumBatchingWindow: durationField({ max: ESM_LIMITS.maximumBatchingWindowUs, whole: 's' })
      .prefault(ESM_DEFAULTS.maximumBatchingWindow)
      .describe('Longest wait to fill a batch, 0s-300s. Default 0s.'),
    reportBatchItemFailures: z
      .boolean({ error: 'true or false' })
      .default(ESM_DEFAULTS.reportBatchItemFailures)
      .describe('Partial batch responses: SQS returns only the failed messages; streams checkpoint before the first failure.'),
    itemFailureRate: numberField(0, 1)
      .default(ESM_DEFAULTS.itemFailureRate)
      .describe('Share of messages or records the function always fails on ("poison"). Transient failures: the function errorRate. Default 0.'),
    durationPerItem: durationField({ max: ESM_LIMITS.durationPerItemUs })
      .prefault(ESM_DEFAULTS.durationPerItem)
      .describe(
        "Handler time per message or record of a batch, added to the function's duration (which is then the per-invocation part) and scaled with memory as it is. Default 0s: a batch takes the same time whatever its size.",
      ),
  };
}

/** `eventSourceMappings:` of a scenario whose kinds of source are `kinds`: common settings, then each kind's, in table order. */
export function mappingsSchemaFor(kinds: readonly SourceSchema[]) {
  const fields = Object.assign({}, ...kinds.map((k) => k.mappingFields)) as Record<string, z.ZodType>;
  const ones = listChoices(kinds.map((k) => k.words.one));
  const mapping = strictObject({ ...commonMappingFields(kinds), ...fields }, { expected: 'a mapping with source and function' }).describe(
    `An event source mapping: a poller that reads a ${ones} and invokes a function with batches.`,
  );
  return z
    .array(mapping, { error: 'a list of event source mappings' })
    .default([])
    .describe(`Event source mappings (pollers) from ${listChoices(kinds.map((k) => k.section), 'and')} to functions.`);
}

/** The value the parser fills for a field left out (undefined: it fills none). */
export function fieldDefault(field: z.ZodType | undefined): unknown {
  const parsed = field?.safeParse(undefined);
  return parsed?.success ? parsed.data : undefined;
}

/** The common part of a kind's mapping input; `batchSize` is the kind's default when left out. */
export function mappingCommon(m: ParsedMapping, batchSize: number): MappingCommon {
  return {
    source: m.source,
    function: m.function,
    batchSize: m.batchSize ?? batchSize,
    maximumBatchingWindow: m.maximumBatchingWindow,
    reportBatchItemFailures: m.reportBatchItemFailures,
    itemFailureRate: m.itemFailureRate,
    durationPerItem: m.durationPerItem,
  };
}
