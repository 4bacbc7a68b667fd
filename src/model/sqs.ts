/**
 * SQS queues, standard and FIFO, and their event source mapping (lambda-behavior.md section 8).
 * The queue (here) and its poller (sqs-poller.ts) hold the rules once; where the visible messages
 * wait is the queue's message store: a deque for standard queues (sqs-standard-store.ts), message
 * groups for FIFO (sqs-fifo.ts, with FIFO's own rules). Received messages live in the batch that
 * holds them until they are deleted or become visible again, so memory is bounded by the pending
 * messages.
 *
 * The poller (one per mapping):
 * - forms a batch as soon as `batchSize` messages are visible, or, with fewer, once the oldest
 *   visible message has waited `maximumBatchingWindow` (at once with a window of 0). Receiving is
 *   instantaneous: long-polling latency is not modelled.
 * - runs at most `limit` batches at once: 5 at first, +300 per minute (or +60, the older rule) while
 *   every allowed batch is busy and messages wait, up to 1,000 or `maximumConcurrency`, whatever the
 *   function's reserved concurrency (batches past it are throttled); in a minute that was not saturated the limit falls back to the
 *   peak it used (at least 5). Scale-up is evaluated once per minute of simulated time, so the 5 ->
 *   1,000 climb takes ceil(995 / 300) = 4 minutes (oracle 27).
 * - invokes the function once per batch (synchronously). A successful batch is deleted; a failed
 *   one (function error or timeout) becomes visible again when the visibility timeout, counted from
 *   the receive, runs out (a throttled one is invoked again every second until then, sqs-poller.ts); a message received `maxReceiveCount` times that fails again
 *   goes to the deadLetterQueue at that moment (SQS moves it on its next receive: same count, a
 *   little earlier). Returned messages go to the front of the queue.
 * - the batch error model: an invocation fails as a whole with the function's `errorRate`
 *   (transient); a "poison" message (mapping `itemFailureRate` or `poisonItems`) fails every time.
 *   Without reportBatchItemFailures a batch holding a poison message fails as a whole (the handler
 *   throws); with it the invocation succeeds and reports the poison messages only, the others are
 *   deleted (section 8.6).
 * - after a throttle it receives nothing new for 1 s (AWS documents no back-off time; a project choice).
 *
 * Visibility (section 8.4, oracle 28): if maximumBatchingWindow + function timeout exceeds the
 * queue's visibilityTimeout, the effective visibility timeout is window + timeout + 30 s (old-doc
 * rule), so a message is never visible again while its batch still runs.
 */
import { Histogram } from '../metrics/histogram.js';
import { TimeWeighted } from '../metrics/time-weighted.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { ModelContext } from './context.js';
import type { EventSource, MessageSink, SourceDirectory } from './event-source.js';
import type { InvokeTarget } from './invoke-target.js';
import type { EventSourceMappingInput, ProducerInput, QueueInput } from './input.js';
import type { SourceProbe } from './observer.js';
import type { QueueResults } from './results.js';
import { FifoProducer, FifoStore } from './sqs-fifo.js';
import { SqsPoller } from './sqs-poller.js';
import { StandardStore } from './sqs-standard-store.js';
import type { MessageStore, SqsBatch } from './sqs-store.js';
import { STATE_BUDGET, StateLimitError } from './state-budget.js';

/** The time-series columns of a queue (src/report/queue-report.ts): levels, reported at each change. */
export const VISIBLE = 0;
export const IN_FLIGHT = 1;

/** Test hooks: `id` is the message's send sequence number on its queue (from 0). */
export interface QueueTracer {
  sent(group: number, id: number): void;
  /** A batch was received (handed to the function or throttled), `size` messages in batch order. */
  received(groups: readonly number[], ids: readonly number[], size: number): void;
  deleted(group: number, id: number): void;
  /** Visible again after a failure (a FIFO group resumes from it). */
  returned(group: number, id: number): void;
  deadLettered(group: number, id: number): void;
}

export class SqsQueue implements EventSource, RequestSink, MessageSink {
  sent = 0;
  deleted = 0;
  deadLettered = 0;
  received = 0;
  /** Receives that returned messages (each a batch handed to the function, or throttled). */
  batches = 0;
  /** Received, not deleted and not visible. */
  inFlight = 0;
  ageOfOldestMax = 0;
  readonly store: MessageStore;
  readonly visibleCount = new TimeWeighted(0);
  readonly latency = new Histogram();
  dlq: SqsQueue | null = null;
  poller: SqsPoller | null = null;
  private readonly kernel: ModelContext['kernel'];
  /** Visible and in-flight messages when the warm-up ended (null without one). */
  private atStart: { visible: number; inFlight: number } | null = null;
  /** Producer messages so far (the index of poisonItems). */
  private produced = 0;

  /**
   * @param probe  its time-series rows (columns {@link VISIBLE} and {@link IN_FLIGHT}); null costs nothing
   * @param tracer  test hooks (message order checks); null costs nothing
   */
  constructor(
    readonly name: string,
    readonly config: QueueInput,
    ctx: ModelContext,
    private readonly probe: SourceProbe | null = null,
    private readonly tracer: QueueTracer | null = null,
  ) {
    this.kernel = ctx.kernel;
    this.store = config.type === 'fifo' ? new FifoStore(config.messageGroups) : new StandardStore();
  }

  link(sources: SourceDirectory): void {
    const dlq = this.config.deadLetterQueue;
    if (dlq === undefined) return;
    const q = sources.get(dlq, `queue ${this.name}: deadLetterQueue`);
    if (!(q instanceof SqsQueue)) throw new Error(`queue ${this.name}: deadLetterQueue ${dlq} is not a queue`);
    this.dlq = q;
  }

  connect(mapping: EventSourceMappingInput, fn: InvokeTarget, ctx: ModelContext): void {
    if (mapping.kind !== 'sqs') throw new Error(`queue ${this.name}: a ${mapping.kind} mapping`);
    if (this.poller !== null) throw new Error(`queue ${this.name}: more than one event source mapping`);
    this.poller = new SqsPoller(this, fn, mapping, ctx, ctx.randoms.stream(`esm:${this.name}:poison`));
  }

  producer(p: ProducerInput, ctx: ModelContext): RequestSink {
    if (this.config.type !== 'fifo') return this;
    return new FifoProducer(this, this.config.messageGroups, ctx.randoms.stream(`wl:${p.name}:groups`));
  }

  begin(): void {
    this.poller?.begin();
  }

  notes(): string[] {
    return this.poller?.notes() ?? [];
  }

  /** A producer sends a message now (as a plain sink: an async destination). */
  arrive(): void {
    this.produce(-1);
  }

  /** A producer sends a message in `group` now (-1: none); poison is drawn per producer message. */
  produce(group: number): void {
    const poison = this.poller !== null ? this.poller.poison.pick(this.produced) : 0;
    this.produced++;
    this.sendInGroup(this.kernel.now, poison, this.store.groupFor(group));
  }

  /** A message enters the queue (a redrive, an on-failure record); `sentAt` is its original send time. */
  send(sentAt: number, poison: number): void {
    this.sendInGroup(sentAt, poison, this.store.groupFor(-1));
  }

  private sendInGroup(sentAt: number, poison: number, group: number): void {
    const now = this.kernel.now;
    this.store.pushBack(sentAt, poison, group, this.sent);
    if (this.store.size > STATE_BUDGET.pendingItems) throw new StateLimitError(`queue "${this.name}"`, `${this.store.size.toLocaleString('en-US')} visible messages`, this.kernel.now, STATE_BUDGET.pendingItems);
    if (this.tracer !== null) this.tracer.sent(group, this.sent);
    this.sent++;
    this.visibleCount.add(now, 1);
    if (this.probe !== null) this.reportDepth(now);
    if (this.poller !== null) this.poller.pump();
  }

  /** Receive up to `max` messages into `b` now (b.size 0 when none is ready). */
  receive(b: SqsBatch, max: number, oneGroup: boolean, now: number): void {
    this.store.receive(b, max, oneGroup);
    const n = b.size;
    let oldest = Infinity;
    let poison = 0;
    for (let i = 0; i < n; i++) {
      poison += b.poison[i];
      if (b.sentAt[i] < oldest) oldest = b.sentAt[i];
    }
    b.poisonCount = poison;
    b.oldest = oldest;
    b.receivedAt = now;
    if (n === 0) return;
    if (now - oldest > this.ageOfOldestMax) this.ageOfOldestMax = now - oldest;
    this.visibleCount.add(now, -n);
    this.inFlight += n;
    this.received += n;
    this.batches++;
    if (this.tracer !== null) this.tracer.received(b.group, b.id, n);
    if (this.probe !== null) this.reportDepth(now);
  }

  /** Message `i` of a received batch was processed: delete it. */
  deleteMessage(b: SqsBatch, i: number, now: number): void {
    this.deleted++;
    this.inFlight--;
    this.latency.record(now - b.sentAt[i]);
    if (this.tracer !== null) this.tracer.deleted(b.group[i], b.id[i]);
    this.store.settle(b.group[i]);
    if (this.probe !== null) this.reportDepth(now);
  }

  /**
   * The visibility timeout of a failed batch ran out: each message goes to the dead-letter queue
   * when it was received `maxReceiveCount` times, else back to the front (of its group), in order.
   */
  returnBatch(b: SqsBatch, now: number): void {
    const max = this.config.maxReceiveCount;
    const dlq = this.dlq;
    const fifo = this.config.type === 'fifo';
    for (let i = 0; i < b.size; i++) {
      if (dlq === null || max === undefined || b.receiveCount[i] < max) continue;
      this.deadLettered++;
      this.inFlight--;
      if (this.tracer !== null) this.tracer.deadLettered(b.group[i], b.id[i]);
      dlq.sendInGroup(b.sentAt[i], b.poison[i], dlq.store.groupFor(fifo ? b.group[i] : -1));
      b.receiveCount[i] = -1;
    }
    const back = this.store.returnFront(b);
    this.inFlight -= back;
    if (back > 0) this.visibleCount.add(now, back);
    if (this.tracer !== null) {
      for (let i = 0; i < b.size; i++) if (b.receiveCount[i] >= 0) this.tracer.returned(b.group[i], b.id[i]);
    }
    b.size = 0;
    if (this.probe !== null) this.reportDepth(now);
  }

  /** Hands the visible and in-flight counts to the time series (call only when it follows this queue). */
  private reportDepth(now: number): void {
    this.probe!.record(now, VISIBLE, this.visibleCount.value);
    this.probe!.record(now, IN_FLIGHT, this.inFlight);
  }

  warmupEnded(now: number): void {
    this.atStart = { visible: this.store.size, inFlight: this.inFlight };
    this.sent = this.deleted = this.deadLettered = this.received = this.batches = 0;
    this.ageOfOldestMax = 0;
    this.visibleCount.restart(now);
    this.latency.reset();
    if (this.poller !== null) this.poller.limitMax = this.poller.limit;
  }

  backlog(): { pending: number; arrived: number } {
    return { pending: this.store.size + this.inFlight, arrived: this.sent };
  }

  results(endUs: number): QueueResults {
    const oldest = this.store.oldestVisible();
    return {
      name: this.name,
      sent: this.sent,
      deleted: this.deleted,
      deadLettered: this.deadLettered,
      visibleAtEnd: this.store.size,
      inFlightAtEnd: this.inFlight,
      ...(this.atStart !== null ? { visibleAtStart: this.atStart.visible, inFlightAtStart: this.atStart.inFlight } : {}),
      ageOfOldestMax: Math.max(this.ageOfOldestMax, oldest === Infinity ? 0 : endUs - oldest),
      visibleMax: this.visibleCount.max,
      visibleMean: this.visibleCount.mean(endUs),
      received: this.received,
      batches: this.batches,
      latency: this.latency,
      pollerLimitMax: this.poller?.limitMax ?? 0,
    };
  }
}
