/**
 * What one function counts while it runs (definitions in FunctionResults). The function writes its
 * own counters; its callers (client retries, the async invoker) report through the methods below,
 * never by writing a field.
 */
import { ClientCallCounts } from './client-calls.js';
import { EndsByStart } from '../metrics/ends-by-start.js';
import { Histogram } from '../metrics/histogram.js';
import { TimeWeighted } from '../metrics/time-weighted.js';
import { MemoryUse } from './memory-use.js';
import { StageStats } from './stages.js';
import { ThrottleReason } from './observer.js';
import type { EarlyThrottles, ThrottleCounts } from './results.js';

/**
 * Throttles in the first seconds of the measured period are counted in this many equal buckets,
 * enough to say "in the first 3 s" without keeping a time per throttle.
 */
export const EARLY_BUCKETS = 10;
/** The early window: the first 10 s of the measured period, or its first 5% when that is shorter. */
export const EARLY_WINDOW_MAX_US = 10_000_000;
export const EARLY_WINDOW_SHARE = 0.05;

export class FunctionStats {
  requests = 0;
  invocations = 0;
  successes = 0;
  errors = 0;
  timeouts = 0;
  /** Invocations that ran out of memory (also counted in errors). */
  outOfMemory = 0;
  coldStarts = 0;
  /** Invocations whose INIT failed (init-phase.ts); also in errors. */
  initErrors = 0;
  /** Invocations whose INIT passed its 10 s limit and ran again inside the invocation. */
  initTimeouts = 0;
  /** Billed ms of on-demand invocations. */
  billedMs = 0;
  readonly throttleReasons: ThrottleCounts = { account: 0, reserved: 0, scaling: 0, rate: 0 };
  readonly duration = new Histogram();
  readonly initDuration = new Histogram();
  /** End-to-end: the event's arrival to the final answer (us). */
  readonly latency = new Histogram();
  /** The event's arrival to the start of the invocation that gave the final answer (us). */
  readonly wait = new Histogram();
  /** Max Memory Used of invocations (MB). */
  readonly memoryUsed: MemoryUse;
  /** Final answers' latency by stage. */
  readonly stages = new StageStats();
  /** Requests running when the warm-up ended (0 without one): the stock the measured period starts with. */
  inFlightAtStart = 0;
  /** Busy environments (INIT or invoking) of this function. */
  readonly busy = new TimeWeighted(0);
  /**
   * Ended invocations by the bucket they started in, for a time series ({@link countEndsByStart});
   * null without one. Never restarts: the time series counts the warm-up's buckets too.
   */
  endsByStart: EndsByStart | null = null;
  private retryCount = 0;
  /** Calls of retrying callers that name this function (client-calls.ts). */
  readonly clientCalls = new ClientCallCounts();
  private retriesWaiting = 0;
  private extraRequests = 0;
  /** Throttles per early bucket (see EARLY_BUCKETS) from `earlyFrom`. */
  private readonly early = new Array<number>(EARLY_BUCKETS).fill(0);
  private earlyFrom = 0;
  private readonly earlyBucketUs: number;

  /**
   * @param measuredUs  length of the measured period (duration - warm-up), for the early window
   * @param memorySize  the function's memory (MB): the largest Max Memory Used
   */
  constructor(measuredUs: number, memorySize = 10240) {
    this.earlyBucketUs = FunctionStats.bucketUs(measuredUs);
    this.memoryUsed = new MemoryUse(memorySize);
  }

  private static bucketUs(measuredUs: number): number {
    return Math.max(1, Math.floor(Math.min(EARLY_WINDOW_MAX_US, measuredUs * EARLY_WINDOW_SHARE) / EARLY_BUCKETS));
  }

  throttled(reason: ThrottleReason, now: number): void {
    const k = Math.floor((now - this.earlyFrom) / this.earlyBucketUs);
    if (k < EARLY_BUCKETS) this.early[k]++;
    const t = this.throttleReasons;
    if (reason === ThrottleReason.Account) t.account++;
    else if (reason === ThrottleReason.Reserved) t.reserved++;
    else if (reason === ThrottleReason.Scaling) t.scaling++;
    else t.rate++;
  }

  /**
   * From now on, also count ended invocations by the `bucketUs`-wide bucket they started in (the
   * time series reads them); `overheadUs` is the function's service overhead (see EndsByStart).
   */
  countEndsByStart(bucketUs: number, overheadUs = 0): EndsByStart {
    this.endsByStart = new EndsByStart(bucketUs, overheadUs);
    return this.endsByStart;
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

  /** Throttles of the early window and when the last of them happened (bucket resolution). */
  earlyThrottles(): EarlyThrottles {
    let count = 0;
    let last = -1;
    this.early.forEach((c, k) => {
      count += c;
      if (c > 0) last = k;
    });
    return { count, withinUs: (last + 1) * this.earlyBucketUs, windowUs: EARLY_BUCKETS * this.earlyBucketUs };
  }

  /**
   * The warm-up ends now: every counter and distribution starts again from zero, time averages
   * restart, and the requests still running are kept as `inFlightAtStart` (so requests +
   * inFlightAtStart = successes + errors + throttles + inFlightAtEnd). Waiting client retries are a
   * stock and carry on.
   */
  warmupEnded(now: number): void {
    this.requests = this.invocations = this.successes = this.errors = this.timeouts = this.coldStarts = this.outOfMemory = 0;
    this.initErrors = this.initTimeouts = 0;
    this.billedMs = 0;
    const t = this.throttleReasons;
    t.account = t.reserved = t.scaling = t.rate = 0;
    this.duration.reset();
    this.initDuration.reset();
    this.latency.reset();
    this.wait.reset();
    this.memoryUsed.reset();
    this.stages.reset();
    this.busy.restart(now);
    this.inFlightAtStart = this.busy.value;
    this.retryCount = 0;
    this.clientCalls.restart(now);
    this.extraRequests = 0;
    this.early.fill(0);
    this.earlyFrom = now;
  }

  get throttles(): number {
    const t = this.throttleReasons;
    return t.account + t.reserved + t.scaling + t.rate;
  }
}
