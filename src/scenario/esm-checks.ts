/**
 * Cross references of queues, streams, mappings and producer workloads (scenario-format.md,
 * "Queues, streams and event source mappings"), one small function per rule. They run on partly
 * parsed data (so the first error in the file is found even when other parts failed), hence the
 * defensive reading. Defaults come from ESM_DEFAULTS (esm-schema.ts), never a copy.
 */
import type { z } from 'zod';
import { customIssue, listChoices } from './fields.js';
import { ESM_LIMITS, mappingDefault } from './esm-schema.js';
import { didYouMean } from './suggest.js';
import { US_PER_HOUR as H, US_PER_SECOND as S } from '../kernel/time.js';

type Ctx = z.core.$RefinementCtx<unknown>;
type Data = Record<string, unknown>;


const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the rules read of the scenario. */
interface Sources {
  queues: Data;
  streams: Data;
  queueNames: string[];
  streamNames: string[];
  functions: string[] | undefined;
}

/** One mapping as the mapping rules see it. */
interface Mapping {
  m: Data & { source: string };
  path: (string | number)[];
  isQueue: boolean;
  isFifo: boolean;
}

const STREAM_ONLY = ['parallelizationFactor', 'ordering', 'bisectBatchOnFunctionError', 'maximumRetryAttempts', 'maximumRecordAge', 'onFailure', 'startingPosition'];
const QUEUE_ONLY = ['maximumConcurrency', 'scaleUp', 'fifoBatching'];

const queueChoices = (s: Sources) => `the name of a queue under queues (${listChoices(s.queueNames)})`;
const isFifoQueue = (s: Sources, name: unknown) => typeof name === 'string' && isRecord(s.queues[name]) && s.queues[name].type === 'fifo';

/**
 * Names unique across queues and streams, redrive policies, async destinations, mappings (a source,
 * a function, one per source, settings of their kind of source, SQS batch limits), and a workload
 * that names exactly one of function / queue / stream.
 */
export function checkEventSources(value: unknown, ctx: Ctx): void {
  if (!isRecord(value)) return;
  const queues = isRecord(value.queues) ? value.queues : {};
  const streams = isRecord(value.streams) ? value.streams : {};
  const s: Sources = {
    queues,
    streams,
    queueNames: Object.keys(queues),
    streamNames: Object.keys(streams),
    functions: isRecord(value.functions) ? Object.keys(value.functions) : undefined,
  };
  for (const name of s.streamNames) {
    streamNameFree(s, name, ctx);
    dynamoRetention(s, name, ctx);
  }
  for (const [name, q] of Object.entries(queues)) {
    if (!isRecord(q)) continue;
    deadLetterQueueExists(s, name, q, ctx);
    redriveHasBoth(name, q, ctx);
    deadLetterQueueSameType(s, name, q, ctx);
  }
  if (isRecord(value.functions)) asyncDestinationsNotFifo(s, value.functions, ctx);
  const seen = new Map<string, number>();
  const mappings = Array.isArray(value.eventSourceMappings) ? value.eventSourceMappings : [];
  mappings.forEach((m, i) => {
    if (!isRecord(m) || typeof m.source !== 'string') return;
    const mapping: Mapping = { m: m as Mapping['m'], path: ['eventSourceMappings', i], isQueue: s.queueNames.includes(m.source), isFifo: isFifoQueue(s, m.source) };
    if (!sourceExists(s, mapping, ctx)) return;
    onePerSource(mapping, seen, i, ctx);
    functionExists(s, mapping, ctx);
    settingsOfItsKind(mapping, ctx);
    onFailureIsQueue(s, mapping, ctx);
    fifoLimits(mapping, ctx);
    largeBatchNeedsWindow(mapping, ctx);
  });
  const workloads = Array.isArray(value.workloads) ? value.workloads : [];
  workloads.forEach((w, i) => {
    if (isRecord(w)) producerWorkload(s, w, i, ctx);
  });
}

function streamNameFree(s: Sources, name: string, ctx: Ctx): void {
  if (s.queueNames.includes(name)) ctx.issues.push(customIssue('a name not used by a queue', name, { atKey: true }, ['streams', name]));
}

function dynamoRetention(s: Sources, name: string, ctx: Ctx): void {
  const st = s.streams[name];
  if (isRecord(st) && st.type === 'dynamodb' && typeof st.retention === 'number' && st.retention !== 24 * H) {
    ctx.issues.push(customIssue('24h: DynamoDB streams keep records for 24 hours', st.retention, { found: `${st.retention / H}h` }, ['streams', name, 'retention']));
  }
}

function deadLetterQueueExists(s: Sources, name: string, q: Data, ctx: Ctx): void {
  const dlq = q.deadLetterQueue;
  if (typeof dlq !== 'string') return;
  if (!s.queueNames.includes(dlq)) {
    ctx.issues.push(customIssue(queueChoices(s), dlq, { hint: didYouMean(dlq, s.queueNames) }, ['queues', name, 'deadLetterQueue']));
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
function deadLetterQueueSameType(s: Sources, name: string, q: Data, ctx: Ctx): void {
  const dlq = q.deadLetterQueue;
  if (typeof dlq !== 'string' || dlq === name || !isRecord(s.queues[dlq])) return;
  const fifo = q.type === 'fifo';
  if (isFifoQueue(s, dlq) === fifo) return;
  const kind = fifo ? 'a FIFO' : 'a standard';
  ctx.issues.push(customIssue(`${kind} queue as the dead-letter queue of ${kind} queue (SQS rule)`, dlq, { found: `${dlq} (type ${fifo ? 'standard' : 'fifo'})` }, ['queues', name, 'deadLetterQueue']));
}

/** Async destinations cannot be FIFO queues (lambda-behavior.md 7.5; https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). */
function asyncDestinationsNotFifo(s: Sources, functions: Data, ctx: Ctx): void {
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

/** The mapping's source is a queue or a stream; false stops the other mapping rules. */
function sourceExists(s: Sources, { m, path, isQueue }: Mapping, ctx: Ctx): boolean {
  if (isQueue || s.streamNames.includes(m.source)) return true;
  const sources = [...s.queueNames, ...s.streamNames];
  ctx.issues.push(customIssue(`the name of a queue or stream (${listChoices(sources)})`, m.source, { hint: didYouMean(m.source, sources) }, [...path, 'source']));
  return false;
}

function onePerSource({ m, path }: Mapping, seen: Map<string, number>, index: number, ctx: Ctx): void {
  const first = seen.get(m.source);
  if (first !== undefined) {
    ctx.issues.push(customIssue('one mapping per source', m.source, { reason: `a second mapping on ${m.source} is not supported yet (eventSourceMappings.${first} reads it)` }, [...path, 'source']));
  }
  seen.set(m.source, index);
}

function functionExists(s: Sources, { m, path }: Mapping, ctx: Ctx): void {
  if (!s.functions || typeof m.function !== 'string' || s.functions.includes(m.function)) return;
  ctx.issues.push(customIssue(`the name of a function under functions (${listChoices(s.functions)})`, m.function, { hint: didYouMean(m.function, s.functions) }, [...path, 'function']));
}

/** Settings of the other kind of source. The parser fills defaults: only values other than the default were written. */
function settingsOfItsKind({ m, path, isQueue }: Mapping, ctx: Ctx): void {
  for (const key of isQueue ? STREAM_ONLY : QUEUE_ONLY) {
    if (!Object.hasOwn(m, key) || m[key] === mappingDefault(key)) continue;
    ctx.issues.push(customIssue(`a setting of ${isQueue ? 'a stream' : 'an SQS'} mapping`, m[key], { reason: `${key} applies to ${isQueue ? 'stream' : 'SQS queue'} sources only, and ${m.source} is ${isQueue ? 'a queue' : 'a stream'}` }, [...path, key]));
  }
}

function onFailureIsQueue(s: Sources, { m, path, isQueue }: Mapping, ctx: Ctx): void {
  if (typeof m.onFailure !== 'string' || isQueue || s.queueNames.includes(m.onFailure)) return;
  ctx.issues.push(customIssue(queueChoices(s), m.onFailure, { hint: didYouMean(m.onFailure, s.queueNames) }, [...path, 'onFailure']));
}

/**
 * FIFO: batchSize at most 10 (lambda-behavior.md 8.2), no batching window
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html: "Batching window is not
 * supported for FIFO queues"); fifoBatching only there.
 */
function fifoLimits({ m, path, isQueue, isFifo }: Mapping, ctx: Ctx): void {
  if (!isFifo) {
    if (isQueue && m.fifoBatching !== undefined && m.fifoBatching !== mappingDefault('fifoBatching')) {
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
function largeBatchNeedsWindow({ m, path, isQueue, isFifo }: Mapping, ctx: Ctx): void {
  if (!isQueue || isFifo || typeof m.batchSize !== 'number' || m.batchSize <= ESM_LIMITS.batchSize.withoutWindowMax) return;
  const window = typeof m.maximumBatchingWindow === 'number' ? m.maximumBatchingWindow : 0;
  if (window < S) {
    ctx.issues.push(customIssue('a batchSize of at most 10, or a maximumBatchingWindow of at least 1s (AWS requires it above 10)', m.batchSize, {}, [...path, 'batchSize']));
  }
}

/** A workload names exactly one target; queue and stream workloads name one that exists and take no invocation settings. */
function producerWorkload(s: Sources, w: Data, i: number, ctx: Ctx): void {
  const targets = ['function', 'queue', 'stream'].filter((k) => typeof w[k] === 'string');
  if (targets.length !== 1) {
    ctx.issues.push(customIssue('exactly one of function, queue or stream', w, { found: targets.length === 0 ? 'none' : targets.join(' and ') }, ['workloads', i]));
    return;
  }
  if (typeof w.queue === 'string' && !s.queueNames.includes(w.queue)) {
    ctx.issues.push(customIssue(queueChoices(s), w.queue, { hint: didYouMean(w.queue, s.queueNames) }, ['workloads', i, 'queue']));
  }
  if (typeof w.stream === 'string' && !s.streamNames.includes(w.stream)) {
    ctx.issues.push(customIssue(`the name of a stream under streams (${listChoices(s.streamNames)})`, w.stream, { hint: didYouMean(w.stream, s.streamNames) }, ['workloads', i, 'stream']));
  }
  if (w.partitionKeys !== undefined && typeof w.stream !== 'string') {
    ctx.issues.push(customIssue('partitionKeys on a stream workload only', w.partitionKeys, {}, ['workloads', i, 'partitionKeys']));
  }
  if (typeof w.function === 'string') return;
  for (const key of ['clientRetries', 'invocation']) {
    if (key === 'invocation' && w.invocation === 'sync') continue;
    if (w[key] !== undefined) ctx.issues.push(customIssue(`no ${key} on a queue or stream workload`, w[key], {}, ['workloads', i, key]));
  }
}
