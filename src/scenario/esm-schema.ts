/**
 * `queues:`, `streams:` and `eventSourceMappings:` (scenario-format.md, "Queues, streams and event
 * source mappings"), and their cross-reference checks. Limits and defaults cite lambda-behavior.md
 * sections 8 (SQS) and 9 (Kinesis / DynamoDB streams).
 */
import { z } from 'zod';
import type { EventSourceMappingInput, QueueInput, StreamInput } from '../model/input.js';
import { customIssue, durationField, enumField, intField, listChoices, numberField, strictObject } from './fields.js';
import { didYouMean } from './suggest.js';

const S = 1_000_000;
const H = 3600 * S;

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
      .default('standard')
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
    return q.type === 'fifo' ? { ...rest, type: 'fifo', messageGroups: messageGroups ?? 1 } : { ...rest, type: 'standard' };
  })
  .describe('An SQS queue.');

const streamSchema = strictObject(
  {
    type: enumField(['kinesis', 'dynamodb']).default('kinesis').describe('kinesis (default) or dynamodb.'),
    shards: intField(1, 10_000).default(1).describe('Shards (Kinesis) or stream partitions (DynamoDB). Default 1.'),
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
      .default(false)
      .describe('Partial batch responses: SQS returns only the failed messages; streams checkpoint before the first failure.'),
    itemFailureRate: numberField(0, 1)
      .default(0)
      .describe('Share of messages or records the function always fails on ("poison"). Transient failures: the function errorRate. Default 0.'),
    maximumConcurrency: intField(ESM_LIMITS.maximumConcurrency.min, ESM_LIMITS.maximumConcurrency.max)
      .optional()
      .describe('SQS: most concurrent batches (ScalingConfig.MaximumConcurrency, 2-1000). Default: up to 1000.'),
    fifoBatching: enumField(['mixed-groups', 'one-group'])
      .default('mixed-groups')
      .describe(
        'FIFO queues: a batch may mix message groups, order kept in each (current docs, default), or holds one group (older docs).',
      ),
    scaleUp: enumField(['300/min', '60/min'])
      .default('300/min')
      .describe('SQS: pollers added per minute while messages wait: 300/min (since late 2023, default) or 60/min (older rule).'),
    parallelizationFactor: intField(ESM_LIMITS.parallelizationFactor.min, ESM_LIMITS.parallelizationFactor.max)
      .default(1)
      .describe('Streams: concurrent batches per shard, 1-10. Default 1.'),
    ordering: enumField(['partition-key', 'shard'])
      .default('partition-key')
      .describe(
        'Streams with parallelizationFactor > 1: keep order per partition key (current docs, default) or hand records out in shard order (2022 doc).',
      ),
    bisectBatchOnFunctionError: z.boolean({ error: 'true or false' }).default(false).describe('Streams: split a failing batch in two (not a retry).'),
    maximumRetryAttempts: intField(ESM_LIMITS.maximumRetryAttempts.min, ESM_LIMITS.maximumRetryAttempts.max)
      .default(-1)
      .describe('Streams: retries of a failing batch, -1 (default) = until the records expire.'),
    maximumRecordAge: durationField({ min: ESM_LIMITS.maximumRecordAgeUs.min, max: ESM_LIMITS.maximumRecordAgeUs.max })
      .optional()
      .describe('Streams: discard records older than this, 60s-7d. Default: no limit (-1).'),
    onFailure: sourceNameSchema.optional().describe('Streams: a queue that receives one message per discarded batch.'),
    startingPosition: enumField(['LATEST', 'TRIM_HORIZON'])
      .default('LATEST')
      .describe('Streams: LATEST (default) or TRIM_HORIZON; the same here, as streams start empty.'),
  },
  { expected: 'a mapping with source and function' },
).describe('An event source mapping: a poller that reads a queue or stream and invokes a function with batches.');

export const eventSourceMappingsSchema = z
  .array(mappingSchema, { error: 'a list of event source mappings' })
  .default([])
  .describe('Event source mappings (pollers) from queues and streams to functions.');

type ParsedMapping = z.output<typeof mappingSchema>;

/** A parsed mapping in model form, the source-type defaults filled. */
export function toMappingInput(m: ParsedMapping, isQueue: boolean): EventSourceMappingInput {
  return {
    source: m.source,
    function: m.function,
    batchSize: m.batchSize ?? (isQueue ? ESM_DEFAULTS.sqsBatchSize : ESM_DEFAULTS.streamBatchSize),
    maximumBatchingWindow: m.maximumBatchingWindow,
    reportBatchItemFailures: m.reportBatchItemFailures,
    itemFailureRate: m.itemFailureRate,
    ...(m.maximumConcurrency !== undefined ? { maximumConcurrency: m.maximumConcurrency } : {}),
    scaleUpPerMinute: m.scaleUp === '60/min' ? 60 : 300,
    ...(isQueue ? { fifoBatching: m.fifoBatching } : {}),
    parallelizationFactor: m.parallelizationFactor,
    ordering: m.ordering,
    bisectBatchOnFunctionError: m.bisectBatchOnFunctionError,
    maximumRetryAttempts: m.maximumRetryAttempts,
    ...(m.maximumRecordAge !== undefined ? { maximumRecordAge: m.maximumRecordAge } : {}),
    ...(m.onFailure !== undefined ? { onFailure: m.onFailure } : {}),
    startingPosition: m.startingPosition,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const STREAM_ONLY = ['parallelizationFactor', 'ordering', 'bisectBatchOnFunctionError', 'maximumRetryAttempts', 'maximumRecordAge', 'onFailure', 'startingPosition'];
const QUEUE_ONLY = ['maximumConcurrency', 'scaleUp', 'fifoBatching'];

/**
 * Cross references of queues, streams, mappings and producer workloads: names unique across queues
 * and streams, a deadLetterQueue / onFailure names a queue, a mapping names a source and a function,
 * one mapping per source, settings that apply to the other kind of source, SQS batch limits, and a
 * workload names exactly one of function / queue / stream. Runs on partly parsed data.
 */
export function checkEventSources(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!isRecord(value)) return;
  const queues = isRecord(value.queues) ? value.queues : {};
  const streams = isRecord(value.streams) ? value.streams : {};
  const queueNames = Object.keys(queues);
  const streamNames = Object.keys(streams);
  const functions = isRecord(value.functions) ? Object.keys(value.functions) : undefined;

  for (const name of streamNames) {
    if (queueNames.includes(name)) ctx.issues.push(customIssue('a name not used by a queue', name, { atKey: true }, ['streams', name]));
    const s = streams[name];
    if (isRecord(s) && s.type === 'dynamodb' && typeof s.retention === 'number' && s.retention !== 24 * H) {
      ctx.issues.push(customIssue('24h: DynamoDB streams keep records for 24 hours', s.retention, { found: `${s.retention / H}h` }, ['streams', name, 'retention']));
    }
  }
  for (const [name, q] of Object.entries(queues)) {
    if (!isRecord(q)) continue;
    const hasDlq = typeof q.deadLetterQueue === 'string';
    const hasMax = typeof q.maxReceiveCount === 'number';
    if (hasDlq && !queueNames.includes(q.deadLetterQueue as string)) {
      const dlq = q.deadLetterQueue as string;
      ctx.issues.push(customIssue(`the name of a queue under queues (${listChoices(queueNames)})`, dlq, { hint: didYouMean(dlq, queueNames) }, ['queues', name, 'deadLetterQueue']));
    } else if (hasDlq && q.deadLetterQueue === name) {
      ctx.issues.push(customIssue('another queue than the queue itself', name, {}, ['queues', name, 'deadLetterQueue']));
    }
    if (hasDlq !== hasMax) {
      const missing = hasDlq ? 'maxReceiveCount' : 'deadLetterQueue';
      ctx.issues.push(customIssue(`both deadLetterQueue and maxReceiveCount (a redrive policy needs both): add ${missing}`, q, { found: `no ${missing}` }, ['queues', name]));
    }
    const fifo = q.type === 'fifo';
    const dlqConfig = hasDlq ? queues[q.deadLetterQueue as string] : undefined;
    if (isRecord(dlqConfig) && q.deadLetterQueue !== name && (dlqConfig.type === 'fifo') !== fifo) {
      // "The dead-letter queue of a FIFO queue must also be a FIFO queue" (and standard for standard):
      // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
      const kind = fifo ? 'a FIFO' : 'a standard';
      ctx.issues.push(customIssue(`${kind} queue as the dead-letter queue of ${kind} queue (SQS rule)`, q.deadLetterQueue, { found: `${q.deadLetterQueue as string} (type ${fifo ? 'standard' : 'fifo'})` }, ['queues', name, 'deadLetterQueue']));
    }
  }

  // Async destinations cannot be FIFO queues (lambda-behavior.md 7.5; https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
  const fifoQueues = queueNames.filter((n) => isRecord(queues[n]) && (queues[n] as Record<string, unknown>).type === 'fifo');
  if (fifoQueues.length > 0 && isRecord(value.functions)) {
    for (const [fname, f] of Object.entries(value.functions)) {
      const async = isRecord(f) && isRecord(f.asyncConfig) ? f.asyncConfig : undefined;
      if (async === undefined) continue;
      for (const key of ['onFailure', 'onSuccess']) {
        const dest = async[key];
        if (typeof dest === 'string' && fifoQueues.includes(dest)) {
          ctx.issues.push(customIssue('a standard queue (AWS does not deliver async destinations to FIFO queues)', dest, { found: `${dest} (type fifo)` }, ['functions', fname, 'asyncConfig', key]));
        }
      }
    }
  }

  const mappings = Array.isArray(value.eventSourceMappings) ? value.eventSourceMappings : [];
  const seen = new Map<string, number>();
  const sources = [...queueNames, ...streamNames];
  mappings.forEach((m, i) => {
    if (!isRecord(m) || typeof m.source !== 'string') return;
    const path = ['eventSourceMappings', i];
    const isQueue = queueNames.includes(m.source);
    if (!isQueue && !streamNames.includes(m.source)) {
      ctx.issues.push(customIssue(`the name of a queue or stream (${listChoices(sources)})`, m.source, { hint: didYouMean(m.source, sources) }, [...path, 'source']));
      return;
    }
    const first = seen.get(m.source);
    if (first !== undefined) {
      ctx.issues.push(customIssue('one mapping per source', m.source, { reason: `a second mapping on ${m.source} is not supported yet (eventSourceMappings.${first} reads it)` }, [...path, 'source']));
    }
    seen.set(m.source, i);
    if (functions && typeof m.function === 'string' && !functions.includes(m.function)) {
      ctx.issues.push(
        customIssue(`the name of a function under functions (${listChoices(functions)})`, m.function, { hint: didYouMean(m.function, functions) }, [...path, 'function']),
      );
    }
    const wrong = isQueue ? STREAM_ONLY : QUEUE_ONLY;
    for (const key of wrong) {
      if (!Object.hasOwn(m, key)) continue;
      // Defaults are filled by the parser: only flag keys the user wrote (values differing from defaults).
      const defaults: Record<string, unknown> = { parallelizationFactor: 1, ordering: 'partition-key', bisectBatchOnFunctionError: false, maximumRetryAttempts: -1, startingPosition: 'LATEST', scaleUp: '300/min', fifoBatching: 'mixed-groups' };
      if (Object.hasOwn(defaults, key) && m[key] === defaults[key]) continue;
      ctx.issues.push(customIssue(`a setting of ${isQueue ? 'a stream' : 'an SQS'} mapping`, m[key], { reason: `${key} applies to ${isQueue ? 'stream' : 'SQS queue'} sources only, and ${m.source} is ${isQueue ? 'a queue' : 'a stream'}` }, [...path, key]));
    }
    if (typeof m.onFailure === 'string' && !isQueue && !queueNames.includes(m.onFailure)) {
      ctx.issues.push(customIssue(`the name of a queue under queues (${listChoices(queueNames)})`, m.onFailure, { hint: didYouMean(m.onFailure, queueNames) }, [...path, 'onFailure']));
    }
    const isFifo = isQueue && isRecord(queues[m.source]) && (queues[m.source] as Record<string, unknown>).type === 'fifo';
    if (isFifo) {
      // FIFO: batchSize at most 10 (lambda-behavior.md 8.2), no batching window
      // (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html: "Batching window is not supported for FIFO queues").
      if (typeof m.batchSize === 'number' && m.batchSize > ESM_LIMITS.batchSize.fifoMax) {
        ctx.issues.push(customIssue(`a batchSize of at most ${ESM_LIMITS.batchSize.fifoMax} on a FIFO queue (AWS limit)`, m.batchSize, {}, [...path, 'batchSize']));
      }
      if (typeof m.maximumBatchingWindow === 'number' && m.maximumBatchingWindow > 0) {
        ctx.issues.push(customIssue('0s: AWS does not support a batching window on FIFO queues', m.maximumBatchingWindow, { found: `${m.maximumBatchingWindow / S}s` }, [...path, 'maximumBatchingWindow']));
      }
    } else if (isQueue && m.fifoBatching !== undefined && m.fifoBatching !== 'mixed-groups') {
      ctx.issues.push(customIssue('a setting of a FIFO queue mapping', m.fifoBatching, { reason: `fifoBatching applies to FIFO queues only, and ${m.source} is a standard queue` }, [...path, 'fifoBatching']));
    }
    if (isQueue && !isFifo && typeof m.batchSize === 'number' && m.batchSize > ESM_LIMITS.batchSize.withoutWindowMax) {
      const window = typeof m.maximumBatchingWindow === 'number' ? m.maximumBatchingWindow : 0;
      if (window < S) {
        ctx.issues.push(customIssue('a batchSize of at most 10, or a maximumBatchingWindow of at least 1s (AWS requires it above 10)', m.batchSize, {}, [...path, 'batchSize']));
      }
    }
  });

  const workloads = Array.isArray(value.workloads) ? value.workloads : [];
  workloads.forEach((w, i) => {
    if (!isRecord(w)) return;
    const targets = ['function', 'queue', 'stream'].filter((k) => typeof w[k] === 'string');
    if (targets.length !== 1) {
      ctx.issues.push(customIssue('exactly one of function, queue or stream', w, { found: targets.length === 0 ? 'none' : targets.join(' and ') }, ['workloads', i]));
      return;
    }
    if (typeof w.queue === 'string' && !queueNames.includes(w.queue)) {
      ctx.issues.push(customIssue(`the name of a queue under queues (${listChoices(queueNames)})`, w.queue, { hint: didYouMean(w.queue, queueNames) }, ['workloads', i, 'queue']));
    }
    if (typeof w.stream === 'string' && !streamNames.includes(w.stream)) {
      ctx.issues.push(customIssue(`the name of a stream under streams (${listChoices(streamNames)})`, w.stream, { hint: didYouMean(w.stream, streamNames) }, ['workloads', i, 'stream']));
    }
    if (w.partitionKeys !== undefined && typeof w.stream !== 'string') {
      ctx.issues.push(customIssue('partitionKeys on a stream workload only', w.partitionKeys, {}, ['workloads', i, 'partitionKeys']));
    }
    if (typeof w.function !== 'string') {
      for (const key of ['clientRetries', 'invocation']) {
        if (key === 'invocation' && w.invocation === 'sync') continue;
        if (w[key] !== undefined) ctx.issues.push(customIssue(`no ${key} on a queue or stream workload`, w[key], {}, ['workloads', i, key]));
      }
    }
  });
}
