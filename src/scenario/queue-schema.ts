/**
 * `queues:` (SQS, standard and FIFO) as a kind of event source in a scenario: the queue schema,
 * the `queue:` key of producer workloads, the SQS settings of a mapping, the mapping input it
 * becomes, and the SQS rules (redrive policies, FIFO limits). Defaults and limits: esm-schema.ts.
 */
import { z } from 'zod';
import type { QueueInput } from '../model/input.js';
import { ESM_DEFAULTS, ESM_LIMITS, fieldDefault, mappingCommon, sourceNameSchema } from './esm-schema.js';
import { customIssue, durationField, enumField, intField, listChoices, strictObject } from './fields.js';
import { isRecord, type Ctx, type Data, type MappingView, type SourceSchema, type SourceScope } from './source-schema.js';
import { didYouMean } from './suggest.js';
import { US_PER_SECOND as S } from '../kernel/time.js';

const queueSchema = strictObject(
  {
    type: enumField(['standard', 'fifo'], { notSupported: 'queueTypes' })
      .default(ESM_DEFAULTS.queueType)
      .describe('standard (default) or fifo (order kept per message group; batchSize at most 10, no batching window).'),
    messageGroups: intField(ESM_LIMITS.messageGroups.min, ESM_LIMITS.messageGroups.max)
      .optional()
      .describe('FIFO queues: message groups producers spread their messages over, uniformly. Default 1 (one total order).'),
    // VisibilityTimeout is an integer of seconds, 0-43,200 (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html).
    visibilityTimeout: durationField({ max: ESM_LIMITS.visibilityTimeoutUs, whole: 's' })
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

export const queuesSchema = z
  .record(sourceNameSchema, queueSchema, { error: 'a mapping of queue names to queues' })
  .optional()
  .describe('SQS queues by name.');

const queueProducerFields = {
  queue: z.string({ error: 'the name of a queue under queues' }).optional().describe('Send messages to this SQS queue instead of invoking a function.'),
};

const queueMappingFields = {
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
};

/** The parsed SQS settings of a mapping. */
type QueueMappingSettings = z.output<z.ZodObject<typeof queueMappingFields>>;

/** The workload types of the built-in kinds, for schema.ts. */
export type QueueProducerFields = typeof queueProducerFields;

export const QUEUE_SCHEMA: SourceSchema = {
  section: 'queues',
  sources: queuesSchema,
  producerKey: 'queue',
  producerFields: queueProducerFields,
  mappingFields: queueMappingFields,
  words: { one: 'queue', a: 'a queue', mapping: 'an SQS mapping', sources: 'SQS queue sources' },
  toMappingInput: (m) => {
    const q = m as typeof m & QueueMappingSettings;
    return {
      kind: 'sqs',
      ...mappingCommon(m, ESM_DEFAULTS.sqsBatchSize),
      maximumConcurrency: q.maximumConcurrency ?? ESM_DEFAULTS.maximumConcurrency,
      scaleUpPerMinute: q.scaleUp === '60/min' ? 60 : 300,
      fifoBatching: q.fifoBatching,
    };
  },
  check: (s, ctx) => {
    for (const [name, q] of Object.entries(s.sources('queues'))) {
      if (!isRecord(q)) continue;
      deadLetterQueueExists(s, name, q, ctx);
      redriveHasBoth(name, q, ctx);
      deadLetterQueueSameType(s, name, q, ctx);
    }
    if (isRecord(s.value.functions)) asyncDestinationsNotFifo(s, s.value.functions, ctx);
  },
  checkMapping: (s, mapping, ctx) => {
    visibilityCoversTimeout(s, mapping, ctx);
    fifoLimits(mapping, ctx);
    largeBatchNeedsWindow(mapping, ctx);
  },
};

/** "the name of a queue under queues (...)": what a reference to a queue expects. */
export const queueChoices = (s: SourceScope) => `the name of a queue under queues (${listChoices(s.names('queues'))})`;

const isFifoQueue = (s: SourceScope, name: unknown) => {
  const queues = s.sources('queues');
  return typeof name === 'string' && isRecord(queues[name]) && queues[name].type === 'fifo';
};

function deadLetterQueueExists(s: SourceScope, name: string, q: Data, ctx: Ctx): void {
  const dlq = q.deadLetterQueue;
  if (typeof dlq !== 'string') return;
  const names = s.names('queues');
  if (!names.includes(dlq)) {
    ctx.issues.push(customIssue(queueChoices(s), dlq, { hint: didYouMean(dlq, names) }, ['queues', name, 'deadLetterQueue']));
  } else if (dlq === name) {
    ctx.issues.push(customIssue('another queue than the queue itself', name, {}, ['queues', name, 'deadLetterQueue']));
  }
}

function redriveHasBoth(name: string, q: Data, ctx: Ctx): void {
  const hasDlq = typeof q.deadLetterQueue === 'string';
  if (hasDlq === (typeof q.maxReceiveCount === 'number')) return;
  const missing = hasDlq ? 'maxReceiveCount' : 'deadLetterQueue';
  ctx.issues.push(customIssue(`both deadLetterQueue and maxReceiveCount (a redrive policy needs both): add ${missing}`, q, { found: `no ${missing}` }, ['queues', name]));
}

/**
 * "The dead-letter queue of a FIFO queue must also be a FIFO queue" (and standard for standard):
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 */
function deadLetterQueueSameType(s: SourceScope, name: string, q: Data, ctx: Ctx): void {
  const dlq = q.deadLetterQueue;
  if (typeof dlq !== 'string' || dlq === name || !isRecord(s.sources('queues')[dlq])) return;
  const fifo = q.type === 'fifo';
  if (isFifoQueue(s, dlq) === fifo) return;
  const kind = fifo ? 'a FIFO' : 'a standard';
  ctx.issues.push(customIssue(`${kind} queue as the dead-letter queue of ${kind} queue (SQS rule)`, dlq, { found: `${dlq} (type ${fifo ? 'standard' : 'fifo'})` }, ['queues', name, 'deadLetterQueue']));
}

/** Async destinations cannot be FIFO queues (lambda-behavior.md 7.5; https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). */
function asyncDestinationsNotFifo(s: SourceScope, functions: Data, ctx: Ctx): void {
  for (const [fname, f] of Object.entries(functions)) {
    const async = isRecord(f) && isRecord(f.asyncConfig) ? f.asyncConfig : undefined;
    if (async === undefined) continue;
    for (const key of ['onFailure', 'onSuccess']) {
      const dest = async[key];
      if (typeof dest === 'string' && isFifoQueue(s, dest)) {
        ctx.issues.push(customIssue('a standard queue (AWS does not deliver async destinations to FIFO queues)', dest, { found: `${dest} (type fifo)` }, ['functions', fname, 'asyncConfig', key]));
      }
    }
  }
}

/**
 * "Your function's timeout must be less than or equal to the queue's visibility timeout. Lambda
 * validates this requirement when you create or update an event source mapping"
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html): refused, naming both.
 * A visibility of at least the timeout but below window + timeout is accepted (the poller then uses
 * the effective visibility window + timeout + 30 s, src/model/sqs.ts).
 */
function visibilityCoversTimeout(s: SourceScope, { m, path, config }: MappingView, ctx: Ctx): void {
  const visibility = config.visibilityTimeout;
  const timeout = typeof m.function === 'string' ? invokedTimeout(s.value.functions, m.function) : undefined;
  if (typeof visibility !== 'number' || timeout === undefined || visibility >= timeout) return;
  const found = `${m.source} visibilityTimeout ${visibility / S}s below ${m.function} timeout ${timeout / S}s`;
  ctx.issues.push(customIssue('a queue visibilityTimeout of at least the function timeout (AWS refuses the mapping otherwise)', m, { found }, path));
}

/**
 * The timeout (µs, as parsed) of what a mapping invokes: the function, a version (its own timeout or
 * the function's), an alias (the version it points to); undefined when not parsed yet.
 */
function invokedTimeout(functions: unknown, target: string): number | undefined {
  const colon = target.indexOf(':');
  const name = colon < 0 ? target : target.slice(0, colon);
  const f = isRecord(functions) ? functions[name] : undefined;
  if (!isRecord(f)) return undefined;
  const own = typeof f.timeout === 'number' ? f.timeout : undefined;
  const qualifier = colon < 0 ? '$LATEST' : target.slice(colon + 1);
  const version = isRecord(f.versions) ? f.versions[qualifier] : undefined;
  if (isRecord(version)) return typeof version.timeout === 'number' ? version.timeout : own;
  const alias = isRecord(f.aliases) ? f.aliases[qualifier] : undefined;
  if (isRecord(alias) && (typeof alias.version === 'string' || typeof alias.version === 'number')) {
    return String(alias.version) === '$LATEST' ? own : invokedTimeout(functions, `${name}:${String(alias.version)}`);
  }
  return own;
}

/**
 * FIFO: batchSize at most 10 (lambda-behavior.md 8.2), no batching window
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html: "Batching window is not
 * supported for FIFO queues"); fifoBatching only there.
 */
function fifoLimits({ m, path, config }: MappingView, ctx: Ctx): void {
  if (config.type !== 'fifo') {
    if (m.fifoBatching !== undefined && m.fifoBatching !== fieldDefault(queueMappingFields.fifoBatching)) {
      ctx.issues.push(customIssue('a setting of a FIFO queue mapping', m.fifoBatching, { reason: `fifoBatching applies to FIFO queues only, and ${m.source} is a standard queue` }, [...path, 'fifoBatching']));
    }
    return;
  }
  if (typeof m.batchSize === 'number' && m.batchSize > ESM_LIMITS.batchSize.fifoMax) {
    ctx.issues.push(customIssue(`a batchSize of at most ${ESM_LIMITS.batchSize.fifoMax} on a FIFO queue (AWS limit)`, m.batchSize, {}, [...path, 'batchSize']));
  }
  if (typeof m.maximumBatchingWindow === 'number' && m.maximumBatchingWindow > 0) {
    ctx.issues.push(customIssue('0s: AWS does not support a batching window on FIFO queues', m.maximumBatchingWindow, { found: `${m.maximumBatchingWindow / S}s` }, [...path, 'maximumBatchingWindow']));
  }
}

/** A standard queue's batchSize above 10 needs a batching window of at least 1 s (lambda-behavior.md 8.2). */
function largeBatchNeedsWindow({ m, path, config }: MappingView, ctx: Ctx): void {
  if (config.type === 'fifo' || typeof m.batchSize !== 'number' || m.batchSize <= ESM_LIMITS.batchSize.withoutWindowMax) return;
  const window = typeof m.maximumBatchingWindow === 'number' ? m.maximumBatchingWindow : 0;
  if (window < S) {
    ctx.issues.push(customIssue('a batchSize of at most 10, or a maximumBatchingWindow of at least 1s (AWS requires it above 10)', m.batchSize, {}, [...path, 'batchSize']));
  }
}
