/**
 * Provisioned concurrency arithmetic that does not need the event loop: how long an allocation
 * takes, and how many environment-milliseconds a schedule bills.
 */
import { roundProvisionedMs } from '../billing/rounding.js';
import { US_PER_MINUTE, US_PER_MS } from '../kernel/time.js';
import type { ProvisionedStep, ScalingRule } from './input.js';
import { regionalBurst } from './scaling.js';

/**
 * Per-function rule: up to 6,000 environments per minute per function, in any Region
 * (lambda-behavior.md section 4.2, an [EMP] summary of the current AWS provisioned-concurrency page).
 */
export const PROVISIONED_ALLOCATION_PER_MINUTE = 6000;
/**
 * Regional-burst rule: allocation "starts after a minute or two" and uses the Regional burst, then
 * 500 per minute (section 4.1, GH22 provisioned-concurrency.md). We take one minute.
 */
export const LEGACY_ALLOCATION_DELAY_US = US_PER_MINUTE;
export const LEGACY_ALLOCATION_PER_MINUTE = 500;

/**
 * Time (us) to allocate `count` new provisioned environments, before their INIT. AWS makes the new
 * level available only once the whole amount is allocated, so the model readies them together.
 */
export function allocationTimeUs(count: number, rule: ScalingRule, region: string): number {
  if (count <= 0) return 0;
  if (rule === 'per-function') return Math.round((count / PROVISIONED_ALLOCATION_PER_MINUTE) * US_PER_MINUTE);
  const beyondBurst = Math.max(0, count - regionalBurst(region));
  return LEGACY_ALLOCATION_DELAY_US + Math.round((beyondBurst / LEGACY_ALLOCATION_PER_MINUTE) * US_PER_MINUTE);
}

/**
 * Billed provisioned capacity in environment-milliseconds: each configured level is charged from the
 * time it takes effect until the next change (or the end of simulated time), rounded up to 5 minutes
 * (pricing page, lambda-behavior.md section 12.2). A level of 0 costs nothing. With `fromUs` (the end of
 * a warm-up) only the part of each level from then on is charged, rounded the same way.
 *
 * `openLevel: 'unrounded'` leaves the level still in effect at `endUs` unrounded: the monthly
 * projection repeats the period, and that level is never disabled at the period's end but runs on
 * into the next one, so rounding it once per period would bill a constant level for more than the
 * month (a 6-minute run rounded to 10 minutes, x 7,200 periods: 50 days of PC in 30).
 */
export function provisionedConcurrencyMs(steps: readonly ProvisionedStep[], endUs: number, fromUs = 0, openLevel: 'rounded' | 'unrounded' = 'rounded'): number {
  let total = 0;
  for (let i = 0; i < steps.length; i++) {
    const from = Math.max(steps[i].at, fromUs);
    // Open: still in effect at the end. A level switched off exactly at the end ends in every repeat.
    const open = i + 1 >= steps.length || steps[i + 1].at > endUs;
    const to = open ? endUs : steps[i + 1].at;
    if (to <= from || steps[i].value === 0) continue;
    const enabledMs = Math.ceil((to - from) / US_PER_MS);
    total += steps[i].value * (open && openLevel === 'unrounded' ? enabledMs : roundProvisionedMs(enabledMs));
  }
  return total;
}
