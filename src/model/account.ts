/**
 * The account's regional concurrency: every busy environment (INIT or invoking) of every function
 * counts against `concurrencyLimit` (lambda-behavior.md section 3.2; default 1,000 per Region).
 *
 * Reserved concurrency, the unreserved pool and the scaling-rate buckets (section 4) are the next
 * layer of admission rules; they plug in here, in `admit`.
 */
import { TimeWeighted } from '../metrics/time-weighted.js';
import type { AccountInput } from './input.js';

export class Account {
  /** Busy environments across all functions. */
  busy = 0;
  readonly limit: number;
  /** Account-wide concurrency over time (for mean and max). */
  readonly concurrency = new TimeWeighted(0);

  constructor(config: AccountInput) {
    this.limit = config.concurrencyLimit;
  }

  /** True when one more request may run now (a sync caller is throttled otherwise: 429). */
  admit(): boolean {
    return this.busy < this.limit;
  }

  acquire(now: number): void {
    this.busy++;
    this.concurrency.set(now, this.busy);
  }

  release(now: number): void {
    this.busy--;
    this.concurrency.set(now, this.busy);
  }
}
