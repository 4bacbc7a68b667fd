/**
 * Scenario fields for concurrency: reserved and provisioned concurrency on a function, client
 * retries on a workload, and the account-wide checks AWS applies to reservations
 * (lambda-behavior.md sections 3 and 5).
 */
import { z } from 'zod';
import type { ClientRetriesInput, ProvisionedStep } from '../model/input.js';
import { customIssue, durationField, enumField, intField, strictObject } from './fields.js';

const STEP_EXPECTED = 'a mapping {at: <duration>, value: <integer>}';

const provisionedStep = strictObject(
  {
    at: durationField().describe('When this level takes effect, from the start of the simulation.'),
    value: intField(0).describe('Provisioned environments from then on (0 turns provisioned concurrency off).'),
  },
  { expected: STEP_EXPECTED },
).describe('One scheduled level (an Application Auto Scaling scheduled action).');

/**
 * `provisionedConcurrency`: a number (configured before the run starts, ready at time 0) or a
 * schedule of levels. Output: the schedule, steps in time order.
 */
export function provisionedConcurrencyField() {
  return z
    .union([intField(0), z.array(provisionedStep, { error: 'a list of {at, value} steps' }).min(1, { error: 'at least one step' })], {
      error: 'an integer (environments) or a list of {at, value} steps',
    })
    .transform((value, ctx): ProvisionedStep[] => {
      if (typeof value === 'number') return [{ at: 0, value }];
      for (let i = 1; i < value.length; i++) {
        if (value[i].at <= value[i - 1].at) {
          ctx.issues.push(customIssue('steps in increasing order of `at`', value[i].at, {}, [i, 'at']));
          return z.NEVER;
        }
      }
      return value;
    })
    .describe(
      'Provisioned concurrency: a number of environments initialised before the run, or a schedule ' +
        '[{at: 9h, value: 200}, {at: 18h, value: 10}]. Raised levels become available once allocated and initialised.',
    );
}

/**
 * Defaults of `clientRetries`: the AWS SDKs' standard retry mode makes 3 attempts with exponential
 * backoff and full jitter, capped at 20 s (AWS SDKs and Tools Reference Guide, "Retry behavior",
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html); the 100 ms base is
 * DEFAULT_RETRY_DELAY_BASE of the JavaScript SDK v3 (@aws-sdk/util-retry).
 */
export const CLIENT_RETRY_DEFAULTS = {
  maxAttempts: 3,
  backoff: 'exponential',
  base: '100ms',
  cap: '20s',
  jitter: 'full',
  retryOnErrors: false,
} as const;

const d = CLIENT_RETRY_DEFAULTS;

/** `clientRetries` of a sync workload: how the caller retries throttles (and optionally errors). */
export const clientRetriesSchema = strictObject(
  {
    maxAttempts: intField(1, 100)
      .default(d.maxAttempts)
      .describe(`Attempts in all, the first included (1 = never retry). Default ${d.maxAttempts} (AWS SDK standard mode).`),
    backoff: enumField(['constant', 'exponential'])
      .default(d.backoff)
      .describe(`constant: wait base; exponential: base x 2^(n-1), at most cap. Default ${d.backoff}.`),
    base: durationField().prefault(d.base).describe(`First wait. Default ${d.base}.`),
    cap: durationField().prefault(d.cap).describe(`Longest wait before jitter. Default ${d.cap}.`),
    jitter: enumField(['none', 'full', 'equal'])
      .default(d.jitter)
      .describe(`none; full: uniform in [0, wait]; equal: wait/2 + uniform in [0, wait/2]. Default ${d.jitter}.`),
    retryOnErrors: z
      .boolean({ error: 'true or false' })
      .default(d.retryOnErrors)
      .describe('Also retry function errors and timeouts (throttles are always retried). Default false.'),
  },
  { expected: 'a mapping of retry settings such as {maxAttempts: 3, backoff: exponential}' },
)
  .transform((v): ClientRetriesInput => v)
  .describe('How the synchronous caller retries by itself, as AWS SDKs do. Latency counts from the first attempt.');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function maxLevel(steps: unknown): number {
  if (!Array.isArray(steps)) return 0;
  let max = 0;
  for (const s of steps) if (isRecord(s) && typeof s.value === 'number' && s.value > max) max = s.value;
  return max;
}

/** Where a function's provisioned concurrency is configured (key path under it) and the highest level there. */
function provisionedSources(fn: Record<string, unknown>): [string[], number][] {
  const out: [string[], number][] = [[['provisionedConcurrency'], maxLevel(fn.provisionedConcurrency)]];
  if (isRecord(fn.versions)) {
    for (const [v, c] of Object.entries(fn.versions)) if (isRecord(c)) out.push([['versions', v, 'provisionedConcurrency'], maxLevel(c.provisionedConcurrency)]);
  }
  if (isRecord(fn.aliases)) {
    for (const [a, c] of Object.entries(fn.aliases)) if (isRecord(c) && typeof c.provisionedConcurrency === 'number') out.push([['aliases', a, 'provisionedConcurrency'], c.provisionedConcurrency]);
  }
  return out;
}

/**
 * AWS's account rules for reservations (lambda-behavior.md 3.3-3.5, oracle 24): the reservations
 * together may leave no less than `unreservedMinimum` unreserved (limit 1,000: at most 900 in all);
 * provisioned concurrency cannot exceed the function's reservation; without a reservation it comes
 * out of the unreserved pool, which must keep `unreservedMinimum` free. Runs on partly parsed data.
 */
export function checkConcurrency(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!isRecord(value) || !isRecord(value.functions) || !isRecord(value.account)) return;
  const { concurrencyLimit: limit, unreservedMinimum: minimum } = value.account;
  if (typeof limit !== 'number' || typeof minimum !== 'number') return;
  let reservedSoFar = 0;
  let totalReserved = 0;
  for (const fn of Object.values(value.functions)) {
    if (isRecord(fn) && typeof fn.reservedConcurrency === 'number') totalReserved += fn.reservedConcurrency;
  }
  let unreservedProvisioned = 0;
  for (const [name, fn] of Object.entries(value.functions)) {
    if (!isRecord(fn)) continue;
    const reserved = typeof fn.reservedConcurrency === 'number' ? fn.reservedConcurrency : undefined;
    if (reserved !== undefined) {
      const allowed = limit - minimum - reservedSoFar;
      if (reserved > allowed) {
        ctx.issues.push(
          customIssue(
            `at most ${Math.max(0, allowed)}: the account limit ${limit} less the unreserved minimum ${minimum}` +
              (reservedSoFar > 0 ? ` and ${reservedSoFar} reserved by the functions above` : ''),
            reserved,
            { hint: 'AWS refuses it: "decreases account\'s UnreservedConcurrentExecution below its minimum value"' },
            ['functions', name, 'reservedConcurrency'],
          ),
        );
        return;
      }
      reservedSoFar += reserved;
    }
    // The function's own PC, then its versions' and aliases' (they share its reservation, version-schema.ts).
    let ownPc = 0;
    for (const [path, level] of provisionedSources(fn)) {
      if (level === 0) continue;
      ownPc += level;
      const pc = level;
      if (reserved !== undefined && ownPc > reserved) {
        ctx.issues.push(
          customIssue(`at most the function's reservedConcurrency (${reserved})${path.length > 1 ? ' for all its versions and aliases together' : ''}`, pc, { found: `a level of ${pc}` }, [
            'functions',
            name,
            ...path,
          ]),
        );
        return;
      }
      if (reserved === undefined) {
        unreservedProvisioned += pc;
        const allowed = limit - totalReserved - minimum;
        if (unreservedProvisioned > allowed) {
          ctx.issues.push(
            customIssue(
              `provisioned concurrency of functions without a reservation of at most ${Math.max(0, allowed)} in all ` +
                `(the unreserved pool ${limit - totalReserved} less the unreserved minimum ${minimum})`,
              pc,
              { found: `a level of ${pc}` },
              ['functions', name, ...path],
            ),
          );
          return;
        }
      }
    }
  }
}
