/**
 * The account's concurrency in one Region (lambda-behavior.md section 3):
 *
 * - `concurrencyLimit` (default 1,000) caps all busy environments.
 * - Reserved concurrency takes its amount out of the pool for one function (a floor) and caps that
 *   function (a ceiling); the functions without a reservation share what is left, the unreserved
 *   pool. Provisioned concurrency is allocated from the function's reservation, or from the
 *   unreserved pool, for as long as it is configured, busy or not (section 3.5).
 * - The request-rate quota: 10 x the concurrency limit invocation requests per second (section 3.6).
 *
 * This class keeps the shared pool and the rate window; each function keeps its own reservation
 * count (FunctionModel).
 */
import { US_PER_SECOND } from '../kernel/time.js';
import { TimeWeighted } from '../metrics/time-weighted.js';
import type { AccountInput } from './input.js';

/** Invocation requests per second per Region = 10 x concurrency quota (GH22 gettingstarted-limits.md). */
export const REQUEST_RATE_PER_CONCURRENCY = 10;

export class Account {
  /** Busy environments across all functions (CloudWatch ConcurrentExecutions). */
  busy = 0;
  readonly limit: number;
  /** Capacity of the unreserved pool: the limit minus every function's reservation. */
  readonly unreservedCapacity: number;
  /** Concurrency taken from the unreserved pool (busy on-demand plus allocated provisioned). */
  unreservedUsed = 0;
  /** Account-wide busy environments over time (mean and max). */
  readonly concurrency = new TimeWeighted(0);
  /** Requests allowed per one-second window. */
  readonly requestRateLimit: number;
  private windowEnd = 0;
  private windowCount = 0;

  constructor(config: AccountInput, totalReserved: number) {
    this.limit = config.concurrencyLimit;
    this.unreservedCapacity = config.concurrencyLimit - totalReserved;
    this.requestRateLimit = REQUEST_RATE_PER_CONCURRENCY * config.concurrencyLimit;
  }

  /**
   * Count one invocation request against the per-second quota; false when this second's quota is
   * spent (the request is throttled). Fixed one-second windows from time 0.
   */
  admitRate(now: number): boolean {
    if (now >= this.windowEnd) {
      this.windowEnd = now - (now % US_PER_SECOND) + US_PER_SECOND;
      this.windowCount = 0;
    }
    if (this.windowCount >= this.requestRateLimit) return false;
    this.windowCount++;
    return true;
  }

  /** True when the unreserved pool has room for one more. */
  unreservedHasRoom(): boolean {
    return this.unreservedUsed < this.unreservedCapacity;
  }

  /** An environment became busy. */
  acquire(now: number): void {
    this.busy++;
    this.concurrency.set(now, this.busy);
  }

  /** An environment stopped being busy. */
  release(now: number): void {
    this.busy--;
    this.concurrency.set(now, this.busy);
  }
}
