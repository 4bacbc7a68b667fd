/**
 * Optional per-invocation hooks for reports that need more than totals (time series, CloudWatch-style
 * logs). The model calls them only when an observer is attached, so runs that do not ask for such
 * reports pay nothing. Observers must not keep the `InvocationEnd` object: the model reuses it.
 *
 * Counts that the model keeps anyway (requests, throttles, cold starts, concurrency, latency) are
 * cheaper to read at bucket boundaries than to hear one by one: an observer that wants them per
 * bucket sets `readEveryUs` and gets `readCounters` calls (the simulation stops its clock there),
 * and the model then also counts ended invocations by the bucket they started in (EndsByStart).
 */
import type { WindowLevel } from '../metrics/time-weighted.js';
import type { FunctionStats } from './function-stats.js';

/** Why a request was throttled: the index into `ThrottleCounts` order. */
export const enum ThrottleReason {
  Account = 0,
  Reserved = 1,
  Scaling = 2,
  Rate = 3,
}

/** Facts about one finished invocation (reused between calls: copy what you keep). */
export interface InvocationEnd {
  /** Index of the function in the scenario's `functions` order (= Results.functions order). */
  fn: number;
  /** Sequence number of this invocation within its function, from 0 (for deterministic request ids). */
  seq: number;
  /** When the request arrived (us). */
  requestAt: number;
  /** When the invocation ended (us). */
  endAt: number;
  /** INIT time (us); 0 for a warm start. */
  initUs: number;
  /** Execution time (us), capped at the timeout. */
  durationUs: number;
  /** Billed duration (ms) of this invocation. */
  billedMs: number;
  /** Configured memory (MB). */
  memoryMb: number;
  isError: boolean;
  isTimeout: boolean;
  /** The invocation ran out of memory (Runtime.OutOfMemory; isError is true too). */
  isOutOfMemory: boolean;
  /** Max Memory Used (MB, an integer, at most memoryMb). */
  memoryUsedMb: number;
  /** Lambda service overhead before the invocation started (us). */
  overheadUs: number;
  /**
   * Whether this invocation gave its caller the final answer, so `endAt - requestAt` is in the
   * function's latency; false when the caller retries it (clientRetries with retryOnErrors).
   */
  answered: boolean;
  /** Creation id of the environment that ran it (per function). */
  envId: number;
  /**
   * How its INIT went (init-phase.ts InitStatus): 0 warm or a normal INIT, 1 the INIT passed 10 s and
   * ran again inside the invocation (`durationUs` includes that second INIT), 2 the INIT failed
   * (`durationUs` is the second, failing attempt).
   */
  initStatus?: number;
}

/** What `readCounters` reads of one function (FunctionModel). */
export interface FunctionCounters {
  /**
   * Its counters, which restart from zero at the end of the warm-up; with a reader, also its ended
   * invocations by the `readEveryUs` bucket they started in (`stats.endsByStart`, which never restarts).
   */
  readonly stats: FunctionStats;
  /** Invocations started so far (never restarts). */
  readonly invocationsStarted: number;
}

export interface InvocationObserver {
  /**
   * A request reached function `fn` (every attempt, throttled or not). `request`, `throttle` and
   * `start` are optional together: without them the model's request path makes no call.
   */
  request?(fn: number, now: number): void;
  /** The request was throttled. */
  throttle?(fn: number, now: number, reason: ThrottleReason): void;
  /** An invocation started; `cold` when it runs INIT first; `concurrency` = busy environments of the function now. */
  start?(fn: number, now: number, cold: boolean, concurrency: number): void;
  /** An invocation ended (optional: filling the record costs a busy run a few per cent, so only logs ask for it). */
  end?(record: InvocationEnd): void;
  /** Called once when simulated time ends (flush buffered data). */
  finish(endUs: number): void;
  /** Async events of function `fn` accepted and not yet finished (waiting or running) is now `depth`; called at each change. */
  asyncDepth?(fn: number, now: number, depth: number): void;
  /**
   * The time-series probe of event source `index` (its place in its kind's list, scenario order)
   * of the kind whose results go under `section` (`queues`, `streams`). Asked once per source, when
   * it is built; null or absent when this observer does not follow it (the source then pays nothing).
   */
  source?(section: string, index: number): SourceProbe | null;
  /** With `readCounters`: the simulation calls it at every multiple of this (us) below the duration, and at the end. */
  readonly readEveryUs?: number;
  /**
   * The clock is at `now`: every event before `now` has run, none at `now` yet. `functions` in
   * scenario order; `busyTotal` is the busy environments of all of them (its window peak and theirs,
   * `stats.busy.windowPeak`, are the reader's to reopen). `restart`: the warm-up ends at `now`, so
   * the functions' counters (and latency histograms) start again from zero after this call.
   * Also called at the end of the warm-up and at the end of the run (before `finish`).
   */
  readCounters?(now: number, functions: readonly FunctionCounters[], busyTotal: WindowLevel, restart: boolean): void;
}

/**
 * What an event source tells the time series. Its kind's report (src/report/source-report.ts)
 * names the columns and says whether each is a level (reported with its value after every change,
 * e.g. visible messages) or a sample (one reading per occurrence, e.g. a batch's IteratorAge).
 */
export interface SourceProbe {
  /** Column `column` of the source's time-series rows reads `value` now. */
  record(now: number, column: number, value: number): void;
}
