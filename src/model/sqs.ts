/**
 * SQS standard queues and their event source mapping (lambda-behavior.md section 8). FIFO queues
 * (message groups) extend these classes in sqs-fifo.ts.
 *
 * The queue holds its visible messages in a ring buffer (sent time, receive count, poison flag);
 * received messages live in the batch that holds them until they are deleted or become visible
 * again, so memory is bounded by the pending messages.
 *
 * The poller (one per mapping):
 * - forms a batch as soon as `batchSize` messages are visible, or, with fewer, once the oldest
 *   visible message has waited `maximumBatchingWindow` (at once with a window of 0). Receiving is
 *   instantaneous: long-polling latency is not modelled.
 * - runs at most `limit` batches at once: 5 at first, +300 per minute (or +60, the older rule) while
 *   every allowed batch is busy and messages wait, up to 1,000 or `maximumConcurrency`, never past the
 *   function's reserved concurrency; in a minute that was not saturated the limit falls back to the
 *   peak it used (at least 5). Scale-up is evaluated once per minute of simulated time, so the 5 ->
 *   1,000 climb takes ceil(995 / 300) = 4 minutes (oracle 27).
 * - invokes the function once per batch (synchronously). A successful batch is deleted; a failed
 *   one (function error, timeout, or a throttle) becomes visible again when the visibility timeout,
 *   counted from the receive, runs out; a message received `maxReceiveCount` times that fails again
 *   goes to the deadLetterQueue at that moment (SQS moves it on its next receive: same count, a
 *   little earlier). Returned messages go to the front of the queue.
 * - the batch error model: an invocation fails as a whole with the function's `errorRate`
 *   (transient); a "poison" message (mapping `itemFailureRate` or `poisonItems`) fails every time.
 *   Without reportBatchItemFailures a batch holding a poison message fails as a whole (the handler
 *   throws); with it the invocation succeeds and reports the poison messages only, the others are
 *   deleted (section 8.6).
 * - after a throttle it receives nothing for 1 s (AWS documents no back-off; a project choice).
 *
 * Visibility (section 8.4, oracle 28): if maximumBatchingWindow + function timeout exceeds the
 * queue's visibilityTimeout, the effective visibility timeout is window + timeout + 30 s (old-doc
 * rule), so a message is never visible again while its batch still runs.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { Rng } from '../kernel/random.js';
import { Histogram } from '../metrics/histogram.js';
import { TimeWeighted } from '../metrics/time-weighted.js';
import type { RequestSink } from '../workload/arrivals.js';
import { Deque } from './esm-deque.js';
import type { FunctionModel, InvocationClient } from './function-model.js';
import type { EventSourceMappingInput, QueueInput } from './input.js';
import type { InvocationObserver } from './observer.js';
import type { QueueResults } from './results.js';

/** Initial concurrent batches. lambda-behavior.md 8.7; https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html */
export const SQS_INITIAL_BATCHES = 5;
/** Maximum concurrent batches per mapping. lambda-behavior.md 8.7 (same page; MaximumConcurrency 2-1,000). */
export const SQS_MAX_BATCHES = 1_000;
/** Seconds added by the effective-visibility rule. lambda-behavior.md 8.4 (GH22 with-sqs.md). */
export const VISIBILITY_GRACE_US = 30_000_000;
/** Pause after a throttled batch: AWS documents none; a project choice. */
export const THROTTLE_BACKOFF_US = 1_000_000;
const MINUTE_US = 60_000_000;

const RETURN = 1;
const WINDOW = 2;
const TICK = 3;
const WAKE = 4;

/**
 * Visibility timeout in force for a mapping (oracle 28): the queue's, unless window + timeout is
 * longer, then window + timeout + 30 s.
 */
export function effectiveVisibilityTimeout(visibilityTimeout: number, window: number, timeout: number): number {
  return window + timeout > visibilityTimeout ? window + timeout + VISIBILITY_GRACE_US : visibilityTimeout;
}

/** The visibility timeout AWS recommends: 6 x function timeout + batching window (section 8.4). */
export function recommendedVisibilityTimeout(window: number, timeout: number): number {
  return 6 * timeout + window;
}

/** Decides, per item in send order, whether the function always fails on it. */
export class PoisonPicker {
  private readonly listed: Set<number> | null;
  constructor(
    private readonly rate: number,
    listed: readonly number[] | undefined,
    private readonly rng: Rng,
  ) {
    this.listed = listed && listed.length > 0 ? new Set(listed) : null;
  }
  pick(index: number): number {
    if (this.listed !== null && this.listed.has(index)) return 1;
    return this.rate > 0 && this.rng.next() < this.rate ? 1 : 0;
  }
}

export class SqsQueue implements RequestSink {
  sent = 0;
  deleted = 0;
  deadLettered = 0;
  received = 0;
  /** Received, not deleted and not visible. */
  inFlight = 0;
  ageOfOldestMax = 0;
  /** Visible messages: sent time, receive count, poison flag. */
  readonly visible = new Deque(3);
  readonly visibleCount = new TimeWeighted(0);
  readonly latency = new Histogram();
  dlq: SqsQueue | null = null;
  poller: SqsPoller | null = null;
  /** Report hooks and this queue's index for them (set by EventSources); null costs nothing. */
  observer: InvocationObserver | null = null;
  private index = 0;
  /** Producer messages so far (the index of poisonItems). */
  private produced = 0;

  constructor(
    readonly name: string,
    readonly config: QueueInput,
    protected readonly kernel: Kernel,
  ) {}

  /** A producer sends a message now. */
  arrive(): void {
    const poison = this.poller !== null ? this.poller.poison.pick(this.produced) : 0;
    this.produced++;
    this.send(this.kernel.now, poison);
  }

  /** A message enters the queue (a producer, a redrive, an on-failure record); `sentAt` is its original send time. */
  send(sentAt: number, poison: number): void {
    this.sent++;
    this.visible.pushBack(sentAt, 0, poison);
    this.visibleCount.add(this.kernel.now, 1);
    if (this.observer !== null) this.reportDepth(this.kernel.now);
    if (this.poller !== null) this.poller.pump();
  }

  observe(observer: InvocationObserver, index: number): void {
    this.observer = observer;
    this.index = index;
  }

  /** Hands the visible and in-flight counts to the observer (call only when one is attached). */
  reportDepth(now: number): void {
    this.observer!.queueDepth?.(this.index, now, this.visibleCount.value, this.inFlight);
  }

  results(endUs: number, pollerLimitMax: number): QueueResults {
    let ageMax = this.ageOfOldestMax;
    for (let i = 0; i < this.visible.size; i++) ageMax = Math.max(ageMax, endUs - this.visible.get(i, 0));
    return {
      name: this.name,
      sent: this.sent,
      deleted: this.deleted,
      deadLettered: this.deadLettered,
      visibleAtEnd: this.visible.size,
      inFlightAtEnd: this.inFlight,
      ageOfOldestMax: ageMax,
      visibleMax: this.visibleCount.max,
      visibleMean: this.visibleCount.mean(endUs),
      received: this.received,
      latency: this.latency,
      pollerLimitMax,
    };
  }
}

/** Received messages handed to one invocation. */
class SqsBatch {
  sentAt: number[] = [];
  receiveCount: number[] = [];
  poison: number[] = [];
  size = 0;
  poisonCount = 0;
  receivedAt = 0;
  constructor(readonly slot: number) {}
}

export class SqsPoller implements InvocationClient, EventHandler {
  /** Concurrent batches allowed now (scaled once a minute). */
  limit: number;
  limitMax: number;
  /** Batches running now. */
  active = 0;
  readonly poison: PoisonPicker;
  readonly effectiveVisibility: number;
  private readonly maxLimit: number;
  protected readonly hardCap: number;
  private readonly step: number;
  protected peakActive = 0;
  protected saturated = false;
  private windowAt = Infinity;
  protected blockedUntil = 0;
  private readonly batches: SqsBatch[] = [];
  private readonly freeBatches: SqsBatch[] = [];

  constructor(
    readonly queue: SqsQueue,
    readonly fn: FunctionModel,
    readonly config: EventSourceMappingInput,
    protected readonly kernel: Kernel,
    poisonRng: Rng,
  ) {
    this.poison = new PoisonPicker(config.itemFailureRate, config.poisonItems, poisonRng);
    this.maxLimit = Math.min(SQS_MAX_BATCHES, config.maximumConcurrency ?? SQS_MAX_BATCHES);
    this.limit = Math.min(SQS_INITIAL_BATCHES, this.maxLimit);
    this.limitMax = this.limit;
    this.hardCap = fn.config.reservedConcurrency ?? Infinity;
    this.step = config.scaleUpPerMinute;
    this.effectiveVisibility = effectiveVisibilityTimeout(queue.config.visibilityTimeout, config.maximumBatchingWindow, fn.config.timeout);
    queue.poller = this;
  }

  begin(): void {
    this.kernel.schedule(MINUTE_US, this, TICK);
  }

  /** Notes for the report (visibility below AWS's recommendation). */
  notes(): string[] {
    const { visibilityTimeout } = this.queue.config;
    const window = this.config.maximumBatchingWindow;
    const timeout = this.fn.config.timeout;
    const out: string[] = [];
    const recommended = recommendedVisibilityTimeout(window, timeout);
    if (visibilityTimeout < recommended) {
      out.push(
        `queue ${this.queue.name}: visibilityTimeout ${visibilityTimeout / 1e6}s is below AWS's recommended 6 x timeout + maximumBatchingWindow = ${recommended / 1e6}s`,
      );
    }
    if (this.effectiveVisibility !== visibilityTimeout) {
      out.push(`queue ${this.queue.name}: effective visibility timeout ${this.effectiveVisibility / 1e6}s (window + timeout + 30s)`);
    }
    return out;
  }

  /** Start batches while the limit allows and messages are ready. */
  pump(): void {
    const now = this.kernel.now;
    if (now < this.blockedUntil) return;
    const q = this.queue.visible;
    const cap = Math.min(this.limit, this.hardCap);
    const { batchSize, maximumBatchingWindow: window } = this.config;
    while (q.size > 0) {
      if (this.active >= cap) {
        // Scale up only when the pollers' own limit binds: a reservation that binds first would
        // otherwise let the limit climb to 1,000 while the function can run only `hardCap` batches.
        if (this.active >= this.limit) this.saturated = true;
        return;
      }
      if (q.size < batchSize && window > 0) {
        const readyAt = q.get(0, 0) + window;
        if (now < readyAt) {
          if (readyAt < this.windowAt) {
            this.windowAt = readyAt;
            this.kernel.schedule(readyAt, this, WINDOW);
          }
          return;
        }
      }
      if (!this.startBatch(now)) return;
    }
  }

  private startBatch(now: number): boolean {
    const q = this.queue.visible;
    let b = this.freeBatches.pop();
    if (b === undefined) {
      b = new SqsBatch(this.batches.length);
      this.batches.push(b);
    }
    const n = Math.min(q.size, this.config.batchSize);
    b.size = n;
    b.poisonCount = 0;
    b.receivedAt = now;
    let oldest = Infinity;
    for (let i = 0; i < n; i++) {
      const sentAt = q.get(0, 0);
      b.sentAt[i] = sentAt;
      b.receiveCount[i] = q.get(0, 1) + 1;
      b.poison[i] = q.get(0, 2);
      b.poisonCount += b.poison[i];
      q.popFront();
      if (sentAt < oldest) oldest = sentAt;
    }
    if (now - oldest > this.queue.ageOfOldestMax) this.queue.ageOfOldestMax = now - oldest;
    this.queue.visibleCount.add(now, -n);
    this.queue.inFlight += n;
    if (this.queue.observer !== null) this.queue.reportDepth(now);
    this.queue.received += n;
    this.active++;
    if (this.active > this.peakActive) this.peakActive = this.active;
    const forceError = b.poisonCount > 0 && !this.config.reportBatchItemFailures;
    if (this.fn.invoke(oldest, this, b.slot, forceError)) return true;
    // Throttled: the messages come back after the visibility timeout; pause receiving.
    this.active--;
    this.returnLater(b, now);
    this.blockedUntil = now + THROTTLE_BACKOFF_US;
    this.kernel.schedule(this.blockedUntil, this, WAKE);
    return false;
  }

  invocationEnded(_firstAt: number, slot: number, isError: boolean): boolean {
    const now = this.kernel.now;
    const b = this.batches[slot];
    this.active--;
    if (isError) {
      this.returnLater(b, now);
    } else if (b.poisonCount > 0) {
      // Partial batch response: delete the others, keep the reported (poison) ones.
      let kept = 0;
      for (let i = 0; i < b.size; i++) {
        if (b.poison[i] === 1) {
          b.sentAt[kept] = b.sentAt[i];
          b.receiveCount[kept] = b.receiveCount[i];
          b.poison[kept] = 1;
          kept++;
        } else {
          this.deleteMessage(b.sentAt[i], now);
        }
      }
      b.size = kept;
      this.returnLater(b, now);
    } else {
      for (let i = 0; i < b.size; i++) this.deleteMessage(b.sentAt[i], now);
      this.freeBatches.push(b);
    }
    // Not from inside this callback: the function's environment is not free yet.
    this.kernel.schedule(now, this, WAKE);
    return !isError;
  }

  private deleteMessage(sentAt: number, now: number): void {
    this.queue.deleted++;
    this.queue.inFlight--;
    if (this.queue.observer !== null) this.queue.reportDepth(now);
    this.queue.latency.record(now - sentAt);
  }

  private returnLater(b: SqsBatch, now: number): void {
    const at = Math.max(now, b.receivedAt + this.effectiveVisibility);
    this.kernel.schedule(at, this, RETURN, b.slot);
  }

  /** The visibility timeout of a failed batch ran out: back to the queue, or to the DLQ. */
  private returnBatch(b: SqsBatch): void {
    const now = this.kernel.now;
    const queue = this.queue;
    const max = queue.config.maxReceiveCount;
    const dlq = queue.dlq;
    queue.inFlight -= b.size;
    let back = 0;
    for (let i = 0; i < b.size; i++) {
      if (dlq !== null && max !== undefined && b.receiveCount[i] >= max) {
        queue.deadLettered++;
        dlq.send(b.sentAt[i], b.poison[i]);
        b.receiveCount[i] = -1;
      } else {
        back++;
      }
    }
    for (let i = b.size - 1; i >= 0; i--) {
      if (b.receiveCount[i] >= 0) queue.visible.pushFront(b.sentAt[i], b.receiveCount[i], b.poison[i]);
    }
    if (back > 0) queue.visibleCount.add(now, back);
    if (queue.observer !== null) queue.reportDepth(now);
    this.freeBatches.push(b);
    this.pump();
  }

  handleEvent(kind: number, a: number): void {
    switch (kind) {
      case RETURN:
        this.returnBatch(this.batches[a]);
        break;
      case WINDOW:
        if (this.kernel.now >= this.windowAt) this.windowAt = Infinity;
        this.pump();
        break;
      case WAKE:
        this.pump();
        break;
      case TICK:
        this.tick();
        break;
    }
  }

  /** Once a minute: scale up while saturated, else fall back towards the batches actually used. */
  private tick(): void {
    if (this.saturated) this.limit = Math.min(this.maxLimit, this.limit + this.step);
    else this.limit = Math.min(this.limit, Math.max(Math.min(SQS_INITIAL_BATCHES, this.maxLimit), this.peakActive));
    if (this.limit > this.limitMax) this.limitMax = this.limit;
    this.saturated = false;
    this.peakActive = this.active;
    this.kernel.schedule(this.kernel.now + MINUTE_US, this, TICK);
    this.pump();
  }
}
