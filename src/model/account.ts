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
 * `Account` keeps the shared pool and the rate window; each function draws on it through its own
 * `ConcurrencyShare`.
 */
import type { Kernel } from '../kernel/kernel.js';
import { US_PER_SECOND } from '../kernel/time.js';
import type { ModelContext } from './context.js';
import type { AccountInput } from './input.js';
import { ThrottleReason } from './observer.js';

/** Invocation requests per second per Region = 10 x concurrency quota (GH22 gettingstarted-limits.md). */
export const REQUEST_RATE_PER_CONCURRENCY = 10;

export class Account {
  readonly limit: number;
  /** Capacity of the unreserved pool: the limit minus every function's reservation. */
  readonly unreservedCapacity: number;
  /** Requests allowed per one-second window. */
  readonly requestRateLimit: number;
  /** Concurrency taken from the unreserved pool (busy on-demand plus allocated provisioned). */
  private unreservedUsed = 0;
  private windowEnd = 0;
  private windowCount = 0;
  private readonly kernel: Kernel;

  constructor(ctx: ModelContext, config: AccountInput, totalReserved: number) {
    this.kernel = ctx.kernel;
    this.limit = config.concurrencyLimit;
    this.unreservedCapacity = config.concurrencyLimit - totalReserved;
    this.requestRateLimit = REQUEST_RATE_PER_CONCURRENCY * config.concurrencyLimit;
  }

  /**
   * Count one invocation request against the per-second quota; false when this second's quota is
   * spent (the request is throttled). Fixed one-second windows from time 0.
   */
  admitRate(): boolean {
    const now = this.kernel.now;
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

  /** Take (or give back, with a negative count) concurrency from the unreserved pool. */
  takeUnreserved(count: number): void {
    this.unreservedUsed += count;
  }
}

/**
 * The concurrency one function draws on: its reservation when it has one, else the account's
 * unreserved pool. On-demand environments take one while busy; provisioned ones while allocated.
 */
export class ConcurrencyShare {
  /** Why a request is throttled when there is no room. */
  readonly refusal: ThrottleReason;
  private used = 0;

  /** @param reserved  the function's reserved concurrency; undefined = the unreserved pool */
  constructor(
    private readonly account: Account,
    readonly reserved: number | undefined,
  ) {
    this.refusal = reserved === undefined ? ThrottleReason.Account : ThrottleReason.Reserved;
  }

  /** True when one more environment may be busy now. */
  hasRoom(): boolean {
    return this.reserved !== undefined ? this.used < this.reserved : this.account.unreservedHasRoom();
  }

  /** Take (or give back, with a negative count) concurrency. */
  take(count: number): void {
    this.used += count;
    if (this.reserved === undefined) this.account.takeUnreserved(count);
  }
}
