/**
 * Counts of a version over a stretch of time, read from its cumulative counters (FunctionStats) by
 * difference with a copy taken when the stretch began. Nothing is recorded per invocation: a
 * function under deployment pays no more on its hot path than any other.
 */
import { Histogram } from '../metrics/histogram.js';

/** What a window reads from a version: FunctionStats has all of these. */
export interface VersionCounters {
  readonly invocations: number;
  readonly errors: number;
  readonly throttles: number;
  readonly coldStarts: number;
  /** Execution duration of each invocation (what CloudWatch's `Duration` metric reports). */
  readonly duration: Histogram;
  /** End-to-end latency of each final answer. */
  readonly latency: Histogram;
  /** INIT duration of each cold start. */
  readonly initDuration: Histogram;
}

/** The counts of one stretch of time (one version, or several added). */
export class WindowCounts {
  invocations = 0;
  errors = 0;
  throttles = 0;
  coldStarts = 0;
  /** Sum of INIT durations of the cold starts (us). */
  initUs = 0;
  readonly duration = new Histogram();
  readonly latency = new Histogram();

  clear(): void {
    this.invocations = this.errors = this.throttles = this.coldStarts = this.initUs = 0;
    this.duration.reset();
    this.latency.reset();
  }
}

/** A copy of a version's counters at one instant. */
export class CounterMark {
  private invocations = 0;
  private errors = 0;
  private throttles = 0;
  private coldStarts = 0;
  private initUs = 0;
  private readonly duration = new Histogram();
  private readonly latency = new Histogram();

  /** Copy the counters now. */
  take(c: VersionCounters): void {
    this.invocations = c.invocations;
    this.errors = c.errors;
    this.throttles = c.throttles;
    this.coldStarts = c.coldStarts;
    this.initUs = c.initDuration.sum;
    this.duration.reset();
    this.duration.merge(c.duration);
    this.latency.reset();
    this.latency.merge(c.latency);
  }

  /** Forget the copy: the counters restarted from zero (the warm-up ended). */
  zero(): void {
    this.invocations = this.errors = this.throttles = this.coldStarts = this.initUs = 0;
    this.duration.reset();
    this.latency.reset();
  }

  /** Add what `c` counted since this mark to `into`. */
  addSince(c: VersionCounters, into: WindowCounts): void {
    into.invocations += c.invocations - this.invocations;
    into.errors += c.errors - this.errors;
    into.throttles += c.throttles - this.throttles;
    into.coldStarts += c.coldStarts - this.coldStarts;
    into.initUs += c.initDuration.sum - this.initUs;
    into.duration.mergeDifference(c.duration, this.duration);
    into.latency.mergeDifference(c.latency, this.latency);
  }
}
