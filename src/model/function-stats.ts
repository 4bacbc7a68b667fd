/**
 * What one function counts while it runs (definitions in FunctionResults). The function writes its
 * own counters; its callers (client retries, the async invoker) report through the methods below,
 * never by writing a field.
 */
import { Histogram } from '../metrics/histogram.js';
import { TimeWeighted } from '../metrics/time-weighted.js';
import { ThrottleReason } from './observer.js';
import type { ThrottleCounts } from './results.js';

export class FunctionStats {
  requests = 0;
  invocations = 0;
  successes = 0;
  errors = 0;
  timeouts = 0;
  coldStarts = 0;
  /** Billed ms of on-demand invocations. */
  billedMs = 0;
  readonly throttleReasons: ThrottleCounts = { account: 0, reserved: 0, scaling: 0, rate: 0 };
  readonly duration = new Histogram();
  readonly initDuration = new Histogram();
  readonly latency = new Histogram();
  /** Busy environments (INIT or invoking) of this function. */
  readonly busy = new TimeWeighted(0);
  private retryCount = 0;
  private retriesWaiting = 0;
  private extraRequests = 0;

  throttled(reason: ThrottleReason): void {
    const t = this.throttleReasons;
    if (reason === ThrottleReason.Account) t.account++;
    else if (reason === ThrottleReason.Reserved) t.reserved++;
    else if (reason === ThrottleReason.Scaling) t.scaling++;
    else t.rate++;
  }

  /** A caller will try again later (an async retry, or a client retry when `waiting`). */
  retryScheduled(waiting: boolean): void {
    this.retryCount++;
    if (waiting) this.retriesWaiting++;
  }

  /** A client retry counted as waiting by `retryScheduled(true)` is being attempted now. */
  retryStarted(): void {
    this.retriesWaiting--;
  }

  /** An invocation is billed `count` requests beyond its own (async payloads above 256 KB). */
  extraRequestsBilled(count: number): void {
    this.extraRequests += count;
  }

  /** Attempts that were followed by a retry. */
  get retries(): number {
    return this.retryCount;
  }

  /** Client retries scheduled and not yet attempted. */
  get retriesPending(): number {
    return this.retriesWaiting;
  }

  /** Requests billed beyond one per invocation. */
  get extraBilledRequests(): number {
    return this.extraRequests;
  }

  get throttles(): number {
    const t = this.throttleReasons;
    return t.account + t.reserved + t.scaling + t.rate;
  }
}
