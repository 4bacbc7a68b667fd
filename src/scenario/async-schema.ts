/**
 * `asyncConfig` of a function (EventInvokeConfig, lambda-behavior.md section 7) and the async
 * workload's `payloadSize`.
 */
import { z } from 'zod';
import type { AsyncConfigInput, DestinationInput } from '../model/input.js';
import { US_PER_HOUR, US_PER_MINUTE } from '../kernel/time.js';
import { customIssue, durationField, enumField, intField, numberField, strictObject } from './fields.js';
import { checkChains } from './chain-checks.js';

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
  // AWS documents no jitter: none by default, so the waits are the documented 1 s .. 5 min exactly.
  throttleBackoff: { initial: '1s', max: '5m', factor: 2, jitter: 'none' },
  duplicateRate: 0,
} as const;

const d = ASYNC_CONFIG_DEFAULTS;
const DESTINATION_EXPECTED = 'a destination: a name, or {function: <name>}, {topic: <name>}, {queue: <name>} or {bus: <name>}';
const targetName = z.string({ error: 'a name' }).min(1, { error: 'a name' });
/** `{function: B}` (or topic, queue): a destination that says what it names (chain.ts). */
const typedDestination = strictObject(
  { function: targetName.optional(), topic: targetName.optional(), queue: targetName.optional(), bus: targetName.optional() },
  { expected: DESTINATION_EXPECTED },
)
  .refine((t) => Object.keys(t).length === 1, { error: `exactly one key: ${DESTINATION_EXPECTED} (S3 buckets are not modelled; a bare name of one is counted only)` })
  .transform((t): DestinationInput => {
    const [kind, name] = Object.entries(t)[0] as ['function' | 'topic' | 'queue' | 'bus', string];
    return { kind, name };
  });
const destination = (what: string) =>
  z
    .union([z.string({ error: DESTINATION_EXPECTED }).min(1, { error: 'a destination name' }), typedDestination], { error: DESTINATION_EXPECTED })
    .optional()
    .describe(what);

const throttleBackoff = strictObject(
  {
    initial: durationField({ min: 0, exclusiveMin: true }).prefault(d.throttleBackoff.initial).describe('First wait after a throttle. Default 1s.'),
    max: durationField({ min: 0, exclusiveMin: true }).prefault(d.throttleBackoff.max).describe('Longest wait. Default 5m.'),
    factor: numberField(1).default(d.throttleBackoff.factor).describe('Growth per throttle (AWS does not document it). Default 2.'),
    jitter: enumField(['none', 'full', 'equal'])
      .default(d.throttleBackoff.jitter)
      .describe('Spread of each wait (AWS does not document one): none (exactly the wait), full (uniform up to it) or equal (uniform from half of it). Default none.'),
  },
  { expected: 'a mapping {initial, max, factor, jitter}' },
).describe('Backoff of throttled async events: from 1 s up to 5 minutes (AWS).');

/** EventInvokeConfig plus AWS's described retry timing; every field optional. */
export const asyncConfigSchema = strictObject(
  {
    maximumRetryAttempts: intField(0, 2)
      .default(d.maximumRetryAttempts)
      .describe('Retries after function errors, 0..2. Default 2.'),
    // MaximumEventAgeInSeconds: an integer, 60-21,600 (https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html).
    maximumEventAge: durationField({ min: US_PER_MINUTE, max: 6 * US_PER_HOUR, whole: 's' })
      .prefault(d.maximumEventAge)
      .describe('Events older than this are dropped, 60s..6h. Default 6h.'),
    onFailure: destination(
      'On-failure destination: a queue, topic, function or EventBridge bus of the scenario (by name, or {function: <name>} ...), which receives events that fail for good; any other name (an S3 bucket) is counted only.',
    ),
    onSuccess: destination('On-success destination (as onFailure): {function: <name>} invokes that function asynchronously with each successful event\'s result, a chain.'),
    deadLetterQueue: z
      .string({ error: 'the name of a queue or topic' })
      .min(1, { error: 'the name of a queue or topic' })
      .optional()
      .describe('Dead-letter queue (a standard SQS queue or SNS topic, not FIFO) for failed events, used when no onFailure destination is set.'),
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
  checkChains(value, ctx);
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
