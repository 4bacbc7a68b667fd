/**
 * Per-invocation billed duration and provisioned-concurrency time rounding.
 *
 * Both are on the simulator's hot path (one call per invocation), so they use only number arithmetic:
 * no allocation, no string formatting. Rounding is exact by construction: `%` on doubles is exact, and
 * subtracting the remainder leaves an exact multiple of the step, so the division below is an exact
 * integer division for any integer input below 2^53 (no error analysis of a floating `ceil(a / b)` needed).
 */

import { US_PER_MS } from '../kernel/time.js';

/**
 * Provisioned concurrency is billed in 5-minute steps.
 * Source: https://aws.amazon.com/lambda/pricing/ ("rounded up to the nearest five minutes"),
 * as recorded in lambda-behavior.md §12.2 (2025/26 snapshot).
 */
export const PROVISIONED_STEP_MS = 5 * 60 * 1_000;

/**
 * Billed duration of one invocation, in whole milliseconds.
 *
 * `ceil((durationUs + initUs) / (granularityMs * 1000)) * granularityMs`, computed exactly on integer
 * microseconds. Examples (lambda-behavior.md Oracle 16 and 17): 27,550 us at 1 ms -> 28; 27,400 us at
 * 100 ms -> 100; 15,740 + 130,490 us at 1 ms -> 147.
 *
 * Pass `initUs` only when the INIT phase is billed (custom runtimes, images and PC always; every
 * on-demand function since 2025-08-01, see §12.3); the caller decides, because the rule is dated.
 *
 * A 0-us invocation bills one granule (1 ms, or 100 ms in the 100 ms era), not 0: an invocation that
 * ran always took some time, and a simulated 0 is an artifact of drawing or rounding a sub-microsecond
 * duration. AWS never prints `Billed Duration: 0 ms`; the shortest REPORT lines show 1 ms.
 *
 * @param durationUs - execution time of the invocation, integer microseconds (>= 0)
 * @param granularityMs - 1 (since the December 2020 billing cycle) or 100 (before)
 * @param initUs - billed INIT time, integer microseconds (>= 0); 0 when INIT is not billed
 * @returns billed milliseconds, a positive multiple of `granularityMs`
 * @throws RangeError when the total is negative or not a number
 */
export function billedDurationMs(durationUs: number, granularityMs: 1 | 100, initUs = 0): number {
  const totalUs = durationUs + initUs;
  // `!(x >= 0)` also catches NaN; throwing allocates, but only on a bug.
  if (!(totalUs >= 0)) {
    throw new RangeError(`billedDurationMs: duration ${durationUs} us + init ${initUs} us is not a non-negative number`);
  }
  const stepUs = granularityMs * US_PER_MS;
  const remUs = totalUs % stepUs;
  const steps = (totalUs - remUs) / stepUs + (remUs > 0 ? 1 : 0);
  return (steps === 0 ? 1 : steps) * granularityMs;
}

/**
 * Provisioned concurrency enabled time, rounded up to the next 5 minutes (Oracle 20: 61 min -> 65 min).
 * Apply it to each enable-to-disable period of one configuration, then multiply by the concurrency.
 * A period of 0 ms (never enabled) bills 0.
 *
 * @param ms - enabled time in milliseconds (>= 0)
 * @returns billed milliseconds, a multiple of {@link PROVISIONED_STEP_MS}
 * @throws RangeError when `ms` is negative or not a number
 */
export function roundProvisionedMs(ms: number): number {
  if (!(ms >= 0)) {
    throw new RangeError(`roundProvisionedMs: enabled time ${ms} ms is not a non-negative number`);
  }
  const rem = ms % PROVISIONED_STEP_MS;
  return rem > 0 ? ms - rem + PROVISIONED_STEP_MS : ms;
}
