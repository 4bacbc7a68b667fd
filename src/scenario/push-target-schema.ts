/**
 * A destination an AWS service pushes events to (an S3 notification, an EventBridge rule's target),
 * written `{function: f}`, `{topic: t}` or `{queue: q}` with settings of its own beside it, and the
 * checks that it names exactly one thing of the scenario. The model is src/model/push-target.ts.
 */
import { z } from 'zod';
import type { PushTargetInput } from '../model/input.js';
import { customIssue, listChoices } from './fields.js';
import { isRecord, type Ctx, type SourceScope } from './source-schema.js';
import { didYouMean } from './suggest.js';

const KINDS = ['function', 'topic', 'queue'] as const;

/** The keys naming the target, for a strictObject beside the entry's own settings. */
export const pushTargetFields = {
  function: z.string({ error: 'the name of a function under functions' }).optional().describe('Invoke this function asynchronously (with its asyncConfig retries).'),
  topic: z.string({ error: 'the name of a topic under topics' }).optional().describe('Publish to this SNS topic.'),
  queue: z.string({ error: 'the name of a queue under queues' }).optional().describe('Send a message to this SQS queue.'),
};

type Written = { function?: string; topic?: string; queue?: string };

/** An entry names exactly one target (a refinement of the entry's schema, before it becomes a model target). */
export function oneTarget(t: Written, ctx: Ctx): void {
  const given = KINDS.filter((k) => t[k] !== undefined);
  if (given.length !== 1) ctx.issues.push(customIssue('exactly one of function, topic or queue', t, { found: given.length === 0 ? 'none' : given.join(' and ') }));
}

/** The model's target of a parsed entry ({@link oneTarget} made sure exactly one key is there). */
export function toPushTarget(t: Written): PushTargetInput {
  const kind = KINDS.find((k) => t[k] !== undefined) ?? 'function';
  return { kind, name: t[kind] ?? '' };
}

/**
 * Checks one entry (partly parsed) at `path`: exactly one of function, topic, queue, naming one of
 * the scenario's; `fifoRefused` names the service when it cannot deliver to a FIFO queue.
 */
export function checkPushTarget(s: SourceScope, entry: unknown, path: (string | number)[], ctx: Ctx, fifoRefused?: string): void {
  if (!isRecord(entry)) return;
  // As written ({function: f}) or as parsed ({kind: 'function', name: 'f'}): the checks see either.
  const parsed = typeof entry.kind === 'string' && KINDS.includes(entry.kind as (typeof KINDS)[number]);
  const given = parsed ? [entry.kind as (typeof KINDS)[number]] : KINDS.filter((k) => entry[k] !== undefined);
  if (given.length !== 1) {
    ctx.issues.push(customIssue('exactly one of function, topic or queue', entry, { found: given.length === 0 ? 'none' : given.join(' and ') }, path));
    return;
  }
  const kind = given[0];
  const name = parsed ? entry.name : entry[kind];
  const at = parsed ? path : [...path, kind];
  if (typeof name !== 'string') return;
  const known = kind === 'function' ? (s.functions ?? [name]) : s.names(kind === 'topic' ? 'topics' : 'queues');
  if (!known.includes(name)) {
    // `found` names the name: parsed, the path is the whole target (a mapping).
    ctx.issues.push(customIssue(`a ${kind} under ${kind}s (${listChoices(known)})`, name, { found: `"${name}"`, hint: didYouMean(name, known) }, at));
    return;
  }
  const queue = kind === 'queue' ? s.sources('queues')[name] : undefined;
  if (fifoRefused !== undefined && isRecord(queue) && queue.type === 'fifo') {
    ctx.issues.push(customIssue(`a standard queue (${fifoRefused} does not deliver to FIFO queues)`, name, { found: `${name} (type fifo)` }, at));
  }
}
