/**
 * `asyncConfig` of a function (EventInvokeConfig, lambda-behavior.md section 7) and the async
 * workload's `payloadSize`.
 */
import { z } from 'zod';
import type { AsyncConfigInput } from '../model/input.js';
import { US_PER_HOUR, US_PER_MINUTE } from '../kernel/time.js';
import { customIssue, durationField, intField, numberField, strictObject } from './fields.js';
import { didYouMean, editDistance } from './suggest.js';

/**
 * Defaults, as a user writes them (the only copy: the model receives them filled in): MaximumRetryAttempts 2 and MaximumEventAge 6 h (AWS defaults,
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html); retries after
 * function errors "about 1 minute, then about 2 minutes"; throttles retried with a backoff "from 1 second
 * up to 5 minutes" whose factor AWS does not document (2 assumed)
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
 */
export const ASYNC_CONFIG_DEFAULTS = {
  maximumRetryAttempts: 2,
  maximumEventAge: '6h',
  retryDelays: ['1m', '2m'],
  throttleBackoff: { initial: '1s', max: '5m', factor: 2 },
  duplicateRate: 0,
} as const;

const d = ASYNC_CONFIG_DEFAULTS;
const destination = (what: string) => z.string({ error: 'a destination name' }).min(1, { error: 'a destination name' }).optional().describe(what);

const throttleBackoff = strictObject(
  {
    initial: durationField({ min: 0, exclusiveMin: true }).prefault(d.throttleBackoff.initial).describe('First wait after a throttle. Default 1s.'),
    max: durationField({ min: 0, exclusiveMin: true }).prefault(d.throttleBackoff.max).describe('Longest wait. Default 5m.'),
    factor: numberField(1).default(d.throttleBackoff.factor).describe('Growth per throttle (AWS does not document it). Default 2.'),
  },
  { expected: 'a mapping {initial, max, factor}' },
).describe('Backoff of throttled async events: from 1 s up to 5 minutes (AWS).');

/** EventInvokeConfig plus AWS's described retry timing; every field optional. */
export const asyncConfigSchema = strictObject(
  {
    maximumRetryAttempts: intField(0, 2)
      .default(d.maximumRetryAttempts)
      .describe('Retries after function errors, 0..2. Default 2.'),
    maximumEventAge: durationField({ min: US_PER_MINUTE, max: 6 * US_PER_HOUR })
      .prefault(d.maximumEventAge)
      .describe('Events older than this are dropped, 60s..6h. Default 6h.'),
    onFailure: destination('On-failure destination (an SQS queue, SNS topic, function or bus name): receives events that fail for good.'),
    onSuccess: destination('On-success destination: receives a record of each successful event.'),
    deadLetterQueue: destination('Dead-letter queue for failed events, used when no onFailure destination is set.'),
    retryDelays: z
      .array(durationField({ min: 0 }), { error: 'a list of durations' })
      .min(1, { error: 'at least one delay' })
      .prefault([...d.retryDelays])
      .describe('Waits before the retries after a function error (the last repeats). Default [1m, 2m] ("about 1 and 2 minutes").'),
    throttleBackoff: throttleBackoff.prefault({}),
    duplicateRate: numberField(0, 1)
      .default(d.duplicateRate)
      .describe('Probability that the internal queue delivers an event twice (AWS: duplicates are possible). Default 0.'),
  },
  { expected: 'a mapping of async settings such as {maximumRetryAttempts: 2, maximumEventAge: 6h}' },
)
  .transform((v): AsyncConfigInput => v)
  .describe('Asynchronous invocation: retries, maximum event age, destinations and dead-letter queue.');

/** Async payloads: up to 1 MB since late 2025 (lambda-behavior.md 3.7), in KB. */
export const payloadSizeField = () =>
  intField(1, 1024).optional().describe('Event payload in KB (async). Each 64 KB beyond 256 KB is billed as another request.');

/**
 * Options that belong to one invocation type: `clientRetries` to sync callers (Lambda retries async
 * events itself), `payloadSize` to async events (it changes what an event is billed). Runs on partly
 * parsed data.
 */
export function checkInvocationOptions(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  checkDestinationNames(value, ctx);
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { workloads?: unknown }).workloads)) return;
  (value as { workloads: unknown[] }).workloads.forEach((w, i) => {
    if (typeof w !== 'object' || w === null) return;
    const { invocation, clientRetries, payloadSize } = w as { invocation?: unknown; clientRetries?: unknown; payloadSize?: unknown };
    if (invocation === 'async' && clientRetries !== undefined) {
      const reason = 'clientRetries applies to sync workloads only: Lambda retries async events itself (see asyncConfig)';
      ctx.issues.push(customIssue('no clientRetries on an async workload', clientRetries, { reason }, ['workloads', i, 'clientRetries']));
    }
    if (invocation !== 'async' && payloadSize !== undefined) {
      const reason = 'payloadSize applies to async workloads only (it sets how many requests an event is billed)';
      ctx.issues.push(customIssue('no payloadSize on a sync workload', payloadSize, { reason }, ['workloads', i, 'payloadSize']));
    }
  });
}

/**
 * A destination that names no queue of the scenario is taken as another kind of target (an SNS topic,
 * a bus, a function) and only counted; but one within two edits of a queue's name is almost surely a
 * typo of it, so it is refused with a did-you-mean rather than silently counted.
 */
function checkDestinationNames(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (typeof value !== 'object' || value === null) return;
  const { functions, queues } = value as { functions?: unknown; queues?: unknown };
  if (typeof functions !== 'object' || functions === null) return;
  const queueNames = typeof queues === 'object' && queues !== null ? Object.keys(queues) : [];
  if (queueNames.length === 0) return;
  for (const [name, fn] of Object.entries(functions)) {
    const config = (fn as { asyncConfig?: Record<string, unknown> } | null)?.asyncConfig;
    if (typeof config !== 'object' || config === null) continue;
    for (const key of ['onFailure', 'onSuccess', 'deadLetterQueue'] as const) {
      const target = config[key];
      if (typeof target !== 'string' || queueNames.includes(target)) continue;
      const near = queueNames.find((q) => editDistance(q, target) <= 2);
      if (near !== undefined) {
        ctx.issues.push(
          customIssue(`a queue under queues (${queueNames.join(', ')}) or another destination name`, target, { hint: didYouMean(target, queueNames) }, [
            'functions',
            name,
            'asyncConfig',
            key,
          ]),
        );
      }
    }
  }
}
