/**
 * Asynchronous invocation (InvocationType=Event; S3, SNS, EventBridge ...): Lambda accepts the event
 * into an internal queue (HTTP 202) and a poller invokes the function as its concurrency allows
 * (lambda-behavior.md section 7, https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
 *
 * - A throttled attempt returns the event to the queue; it is retried after an exponential backoff
 *   from 1 s up to 5 minutes (the factor is not documented: a parameter, default 2), until the event
 *   is `maximumEventAge` old. Throttle retries do not use up `maximumRetryAttempts`.
 * - A function error (or timeout) is retried after about 1 minute, then about 2 minutes, up to
 *   `maximumRetryAttempts` (0..2, default 2).
 * - An event that runs out of retries (RetriesExhausted) or of age (EventAgeExceeded) goes to the
 *   on-failure destination, else to the dead-letter queue, and counts as dropped either way
 *   (AsyncEventsDropped counts events sent to a DLQ or destination too, oracle 30).
 * - With `reservedConcurrency: 0` the event goes straight to failure handling, without retries
 *   (section 3.4, oracle 33).
 * - Async events from AWS services are not subject to the request-rate quota (section 3.6).
 *
 * Destinations may invoke another function or publish to a topic (chain.ts): such a record is
 * delivered by an event at the same instant, after this invocation has ended and released its
 * concurrency, and carries the time the event's pipeline began.
 *
 * Each pending event lives in a slot of parallel arrays (reused through a free list), so memory grows
 * with the backlog, never with the number of events processed. The caller's latency is from the
 * event's arrival to the end of its successful (or final) attempt.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { Rng } from '../kernel/random.js';
import { KeyedRng, seedFrom } from '../kernel/keyed-random.js';
import { Histogram } from '../metrics/histogram.js';
import { TimeWeighted } from '../metrics/time-weighted.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { InvocationClient } from './function-model.js';
import type { InvokeTarget } from './invoke-target.js';
import type { AsyncConfigInput, DestinationInput } from './input.js';
import type { ChainTarget } from './chain.js';
import type { InvocationObserver } from './observer.js';
import type { ModelContext } from './context.js';
import type { AsyncResults } from './results.js';
import { STATE_BUDGET, StateLimitError } from './state-budget.js';

const RETRY = 1;
const EXPIRE = 2;
/** Deliver the slot's success (or failure) record to a function or topic destination, then free the slot. */
const DELIVER_SUCCESS = 3;
const DELIVER_FAILURE = 4;

/** Why an event failed for good (the `condition` of an on-failure record). */
const enum FailCondition {
  RetriesExhausted = 0,
  EventAgeExceeded = 1,
}

/** Billed requests of one async event: 1 up to 256 KB, plus 1 per 64 KB (or part) beyond (oracle 19). */
export function asyncRequestsPerEvent(payloadKb: number | undefined): number {
  if (payloadKb === undefined || payloadKb <= 256) return 1;
  return 1 + Math.ceil((payloadKb - 256) / 64);
}

export class AsyncInvoker implements InvocationClient, EventHandler {
  /** Async events are exempt from the request-rate quota (events from AWS services). */
  readonly bypassesRateQuota = true;

  received = 0;
  succeeded = 0;
  dropped = 0;
  retriesExhausted = 0;
  eventAgeExceeded = 0;
  /** Sent to the on-failure destination. */
  onFailureDeliveries = 0;
  /** Sent to the dead-letter queue (no on-failure destination configured). */
  deadLettered = 0;
  onSuccessDeliveries = 0;
  duplicates = 0;
  errorRetries = 0;
  throttleRetries = 0;
  /** AsyncEventAge: time from queueing to each invocation. */
  readonly eventAge = new Histogram();
  /** Events accepted and not yet finished (waiting or running). */
  readonly depth = new TimeWeighted(0);
  /** Events under way when the warm-up ended (undefined without one). */
  private pendingAtStart: number | undefined;
  /** The backlog and the events received when the trend's window opened (backlogWindowOpens); null before. */
  private trendStart: { windowUs: number; pending: number; received: number } | null = null;

  /** Resolved destinations (null: none, or only counted). */
  private onFailureTarget: ChainTarget | null = null;
  private onSuccessTarget: ChainTarget | null = null;
  private deadLetterTarget: ChainTarget | null = null;
  /**
   * Pipeline latency (chain.ts) from the first event of a chain to this function's successful end:
   * kept at chain ends only (null elsewhere).
   */
  private pipeline: Histogram | null = null;

  // Per-event slots.
  private receivedAt: number[] = [];
  /** When the event's pipeline began (an earlier function's acceptance), or -1: it begins here. */
  private originAt: number[] = [];
  /** The event's request key (its draws, common to every variant: function-model.ts). */
  private requestKey: number[] = [];
  private errorAttempts: number[] = [];
  private throttleCount: number[] = [];
  private extraRequests: number[] = [];
  private freeSlots: number[] = [];
  private readonly kernel: Kernel;
  /** Report hooks; null costs nothing. */
  private readonly observer: InvocationObserver | null;
  private readonly duplicateRng: Rng;
  /** The jitter of throttle waits (null with jitter none: no draw). */
  private readonly jitterDraws: KeyedRng | null;

  constructor(
    ctx: ModelContext,
    readonly fn: InvokeTarget,
    readonly config: AsyncConfigInput,
  ) {
    this.kernel = ctx.kernel;
    this.observer = ctx.observer;
    this.duplicateRng = ctx.randoms.stream(`fn:${fn.name}:asyncDuplicates`);
    this.jitterDraws = config.throttleBackoff.jitter === 'none' ? null : new KeyedRng(seedFrom(ctx.randoms.stream(`fn:${fn.name}:asyncJitter`)));
  }

  /**
   * Throttled events retried on the same schedule (no jitter) come back together: with many of them
   * the function takes a few at each retry instant and idles in between, below its capacity.
   */
  notes(): string[] {
    if (this.throttleRetries === 0 || this.config.throttleBackoff.jitter !== 'none') return [];
    return [
      `function ${this.fn.name}: ${this.throttleRetries.toLocaleString('en-US')} retries of throttled async events, each on the same backoff schedule (AWS documents no jitter): ` +
        'events throttled together come back together, and between those instants the function may idle below its capacity; asyncConfig.throttleBackoff.jitter: full spreads them',
    ];
  }

  /**
   * Route destination records to what each destination names (chain.ts resolves it: a queue, a
   * topic, a function); a destination that names nothing of the scenario (an EventBridge bus, an S3
   * bucket) is counted only, and said so in a note.
   */
  connectDestinations(targetOf: (dest: DestinationInput) => ChainTarget | null): string[] {
    const unmatched: string[] = [];
    const find = (key: string, dest: DestinationInput | undefined): ChainTarget | null => {
      if (dest === undefined) return null;
      const target = targetOf(dest);
      if (target === null) unmatched.push(`${key} "${typeof dest === 'string' ? dest : dest.name}"`);
      return target;
    };
    this.onFailureTarget = find('onFailure', this.config.onFailure);
    this.onSuccessTarget = find('onSuccess', this.config.onSuccess);
    this.deadLetterTarget = find('deadLetterQueue', this.config.deadLetterQueue);
    return unmatched.map(
      (d) => `function ${this.fn.name}: async ${d} is not a queue of this scenario; its records are counted, not delivered`,
    );
  }

  /** True when successes go on to a function or a topic (this function is not a chain end). */
  get continuesOnSuccess(): boolean {
    return this.onSuccessTarget !== null && this.onSuccessTarget.continues;
  }

  /** This function ends a chain: record the pipeline latency of the chained events it completes. */
  trackPipeline(): void {
    this.pipeline ??= new Histogram();
  }

  /** A sink for one workload's events, carrying that workload's payload size. */
  sink(payloadKb: number | undefined): RequestSink {
    const extra = asyncRequestsPerEvent(payloadKb) - 1;
    return { arrive: () => this.receive(extra) };
  }

  /** An event is accepted now (AsyncEventsReceived), possibly delivered twice. */
  receive(extraRequests: number, originAt = -1): void {
    this.accept(extraRequests, originAt);
    if (this.config.duplicateRate > 0 && this.duplicateRng.next() < this.config.duplicateRate) {
      this.duplicates++;
      this.accept(extraRequests, originAt);
    }
  }

  private accept(extraRequests: number, originAt: number): void {
    const now = this.kernel.now;
    this.received++;
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.receivedAt.length;
    this.receivedAt[slot] = now;
    this.originAt[slot] = originAt;
    this.requestKey[slot] = this.fn.newRequestKey();
    this.errorAttempts[slot] = 0;
    this.throttleCount[slot] = 0;
    this.extraRequests[slot] = extraRequests;
    this.depth.add(now, 1);
    if (this.depth.value > STATE_BUDGET.pendingItems) throw new StateLimitError(`the async backlog of function "${this.fn.name}"`, `${this.depth.value.toLocaleString('en-US')} events`, now, STATE_BUDGET.pendingItems);
    if (this.observer !== null) this.observer.asyncDepth?.(this.fn.index, now, this.depth.value);
    this.attempt(slot);
  }

  handleEvent(kind: number, slot: number): void {
    if (kind === RETRY) this.attempt(slot);
    else if (kind === EXPIRE) this.fail(slot, FailCondition.EventAgeExceeded);
    else {
      const target = kind === DELIVER_SUCCESS ? this.onSuccessTarget! : this.onFailureTarget ?? this.deadLetterTarget!;
      target.deliver(this.pipelineStart(slot));
      this.release(slot);
    }
  }

  /** When the slot's pipeline began: its origin, or its own acceptance. */
  private pipelineStart(slot: number): number {
    const origin = this.originAt[slot];
    return origin >= 0 ? origin : this.receivedAt[slot];
  }

  /**
   * Send the slot's record to `target`: a queue now (as ever), a function or topic by an event at
   * this instant (after the invocation's end has released its concurrency), which frees the slot.
   * Returns true when the slot is freed now.
   */
  private deliver(target: ChainTarget | null, slot: number, kind: number): boolean {
    if (target === null) return true;
    if (!target.continues) {
      target.deliver(this.pipelineStart(slot));
      return true;
    }
    this.kernel.schedule(this.kernel.now, this, kind, slot);
    return false;
  }

  private attempt(slot: number): void {
    const now = this.kernel.now;
    const firstAt = this.receivedAt[slot];
    if (now - firstAt >= this.config.maximumEventAge) {
      this.fail(slot, FailCondition.EventAgeExceeded);
      return;
    }
    // Attempts that ran so far are the error retries (throttled attempts never ran).
    if (this.fn.invoke(firstAt, this, slot, false, this.requestKey[slot], this.errorAttempts[slot])) {
      this.eventAge.record(now - firstAt);
      this.fn.stats.extraRequestsBilled(this.extraRequests[slot]);
      return;
    }
    if (this.fn.config.reservedConcurrency === 0) {
      // The function is disabled: no retries (section 3.4).
      this.fail(slot, FailCondition.RetriesExhausted);
      return;
    }
    const k = this.throttleCount[slot]++;
    const { initial, max, factor, jitter } = this.config.throttleBackoff;
    const backoff = Math.min(max, initial * factor ** k);
    // The jitter's uniform is the event's own (its request key and throttle count): the same in every variant.
    const u = this.jitterDraws === null ? 1 : this.jitterDraws.at(this.requestKey[slot], k, 0).next();
    const wait = jitter === 'full' ? Math.max(1, Math.round(u * backoff)) : jitter === 'equal' ? Math.round(backoff * (0.5 + 0.5 * u)) : Math.round(backoff);
    this.retryAt(slot, now + wait, true);
  }

  /** Schedule the next attempt, or the event's expiry if that comes first. */
  private retryAt(slot: number, at: number, throttled: boolean): void {
    const expiresAt = this.receivedAt[slot] + this.config.maximumEventAge;
    if (at >= expiresAt) {
      this.kernel.schedule(Math.max(expiresAt, this.kernel.now), this, EXPIRE, slot);
      return;
    }
    if (throttled) this.throttleRetries++;
    else this.errorRetries++;
    this.fn.stats.retryScheduled(false);
    this.kernel.schedule(at, this, RETRY, slot);
  }

  invocationEnded(_firstAt: number, slot: number, isError: boolean): boolean {
    if (!isError) {
      this.succeeded++;
      const pipeline = this.pipeline;
      if (pipeline !== null && this.originAt[slot] >= 0) pipeline.record(this.kernel.now - this.originAt[slot]);
      let free = true;
      if (this.config.onSuccess !== undefined) {
        this.onSuccessDeliveries++;
        free = this.deliver(this.onSuccessTarget, slot, DELIVER_SUCCESS);
      }
      if (free) this.release(slot);
      return true;
    }
    const n = this.errorAttempts[slot]++;
    if (n < this.config.maximumRetryAttempts) {
      const delays = this.config.retryDelays;
      const wait = delays[Math.min(n, delays.length - 1)];
      const at = this.kernel.now + wait;
      if (at < this.receivedAt[slot] + this.config.maximumEventAge) {
        this.retryAt(slot, at, false);
        return false;
      }
      // The retry would come too late: the event expires at its maximum age.
      this.retryAt(slot, at, false);
      return true;
    }
    this.fail(slot, FailCondition.RetriesExhausted);
    return true;
  }

  /** Failure handling: on-failure destination, else DLQ; dropped either way. */
  private fail(slot: number, condition: FailCondition): void {
    this.dropped++;
    if (condition === FailCondition.RetriesExhausted) this.retriesExhausted++;
    else this.eventAgeExceeded++;
    let free = true;
    if (this.config.onFailure !== undefined) {
      this.onFailureDeliveries++;
      free = this.deliver(this.onFailureTarget, slot, DELIVER_FAILURE);
    } else if (this.config.deadLetterQueue !== undefined) {
      this.deadLettered++;
      free = this.deliver(this.deadLetterTarget, slot, DELIVER_FAILURE);
    }
    if (free) this.release(slot);
  }

  private release(slot: number): void {
    this.freeSlots.push(slot);
    this.depth.add(this.kernel.now, -1);
    if (this.observer !== null) this.observer.asyncDepth?.(this.fn.index, this.kernel.now, this.depth.value);
  }

  /**
   * The warm-up ends now: counts and event ages start again from zero, the depth's time average
   * restarts, and the events under way are kept as `pendingAtStart`.
   */
  warmupEnded(now: number): void {
    this.pendingAtStart = this.pending;
    this.received = this.succeeded = this.dropped = this.retriesExhausted = this.eventAgeExceeded = 0;
    this.onFailureDeliveries = this.deadLettered = this.onSuccessDeliveries = this.duplicates = 0;
    this.errorRetries = this.throttleRetries = 0;
    this.eventAge.reset();
    this.pipeline?.reset();
    this.depth.restart(now);
  }

  /** Events still waiting or running when simulated time ends. */
  get pending(): number {
    return this.depth.value;
  }

  /** The measured period's last tenth begins (it lasts `windowUs`): the backlog trend's first reading. */
  backlogWindowOpens(windowUs: number): void {
    this.trendStart = { windowUs, pending: this.pending, received: this.received };
  }

  results(endUs: number): AsyncResults {
    return {
      received: this.received,
      succeeded: this.succeeded,
      dropped: this.dropped,
      retriesExhausted: this.retriesExhausted,
      eventAgeExceeded: this.eventAgeExceeded,
      onFailureDeliveries: this.onFailureDeliveries,
      deadLettered: this.deadLettered,
      onSuccessDeliveries: this.onSuccessDeliveries,
      duplicates: this.duplicates,
      errorRetries: this.errorRetries,
      throttleRetries: this.throttleRetries,
      pendingAtEnd: this.pending,
      ...(this.pendingAtStart !== undefined ? { pendingAtStart: this.pendingAtStart } : {}),
      queueDepthMax: this.depth.max,
      queueDepthMean: this.depth.mean(endUs),
      ...(this.trendStart === null
        ? {}
        : { backlogTrend: { windowUs: this.trendStart.windowUs, start: this.trendStart.pending, end: this.pending, arrivals: this.received - this.trendStart.received } }),
      eventAge: this.eventAge,
      ...(this.pipeline !== null ? { pipeline: this.pipeline } : {}),
    };
  }
}
