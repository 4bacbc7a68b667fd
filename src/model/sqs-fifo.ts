/**
 * SQS FIFO queues and their event source mapping. The standard-queue rules of sqs.ts (visibility
 * timeout and its effective value, redrive after maxReceiveCount, poller scaling, throttle pause,
 * the batch error model) apply unchanged; FIFO adds message groups:
 *
 * - Every message carries a message group (MessageGroupId). A producer workload draws it uniformly
 *   over the queue's `messageGroups` from its own stream `wl:<name>:groups`; a message sent by
 *   something else (a stream's on-failure record, an async dead-letter queue, a redrive from a
 *   standard queue) gets the next group in turn (round robin: a project choice); a redrive from a
 *   FIFO queue keeps its group (modulo the dead-letter queue's group count).
 * - Order within a group: SQS hands out a group's messages in send order, and returns none of a
 *   group while one of its messages is in flight (received, not deleted, not visible again).
 *   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
 *   A failed message therefore holds its group back until it succeeds or is redriven to the
 *   dead-letter queue; lambda-behavior.md 8.8 ("a failing group retries before more messages of
 *   that group are received").
 * - Batches: the group whose first visible message was sent earliest goes first, with as many of
 *   its messages as fit (SQS "returns as many messages with the same message group ID as
 *   possible", same page); with room left, the next group follows, and so on (current docs: a
 *   batch may mix groups, order kept in each; lambda-behavior.md 8.8, disagreement 5). With
 *   `fifoBatching: one-group` a batch holds one group only (the older doc). Either way one group is
 *   in at most one batch at a time, so concurrent batches <= groups with messages.
 * - Partial batch response (lambda-behavior.md 8.6): the handler stops at the first failed message
 *   and reports it and every later message of the batch (other groups included); the messages
 *   before it are deleted.
 * - Not modelled: message deduplication (every send is a new message), SQS's 20,000-message
 *   look-ahead for available groups, FIFO throughput quotas. Batching windows are refused by the
 *   loader (not supported for FIFO: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html).
 *
 * Memory: the pending messages (visible and in flight) live in a slab of typed-array columns
 * with a free list, linked per group; per group a head, a tail, an in-flight count and a flag.
 * So memory is bounded by the peak of pending messages plus the number of groups.
 */
import type { Kernel } from '../kernel/kernel.js';
import { uniformInt, type Rng } from '../kernel/random.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { FunctionModel } from './function-model.js';
import type { EventSourceMappingInput, QueueInput } from './input.js';
import type { QueueResults } from './results.js';
import { SqsPoller, SqsQueue, THROTTLE_BACKOFF_US } from './sqs.js';

const NONE = -1;
const F_RETURN = 11;
const F_WAKE = 12;

/** Test hooks: `id` is the message's send sequence number on its queue (from 0). */
export interface FifoTracer {
  sent(group: number, id: number): void;
  /** A batch was received (handed to the function or throttled), `size` messages in batch order. */
  received(groups: readonly number[], ids: readonly number[], size: number): void;
  deleted(group: number, id: number): void;
  /** Visible again after a failure (the group resumes from it). */
  returned(group: number, id: number): void;
  deadLettered(group: number, id: number): void;
}

/** Messages received together: slab slots in batch order. */
export class FifoBatch {
  slots: number[] = [];
  size = 0;
  poisonCount = 0;
  receivedAt = 0;
  oldest = 0;
  constructor(readonly slot: number) {}
}

export class FifoQueue extends SqsQueue {
  readonly groups: number;
  tracer: FifoTracer | null = null;
  // Slab of pending messages (visible or in flight); `next` links a group's visible messages or the free list.
  private cap = 64;
  private sentAtOf = new Float64Array(64);
  private idOf = new Float64Array(64);
  private receivesOf = new Int32Array(64);
  private groupOf = new Int32Array(64);
  private nextOf = new Int32Array(64);
  private poisonOf = new Uint8Array(64);
  private used = 0;
  private freeSlot = NONE;
  // Per group: visible list, messages in flight, membership of the ready heap.
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly inFlightOf: Int32Array;
  private readonly isReady: Uint8Array;
  /** Groups with visible messages and none in flight, by the send sequence of their first message. */
  private readonly ready: number[] = [];
  private visibleNow = 0;
  private nextId = 0;
  private nextRoundRobin = 0;
  private producedFifo = 0;
  private readonly scratch: number[] = [];
  private readonly traceGroups: number[] = [];
  private readonly traceIds: number[] = [];

  constructor(name: string, config: QueueInput, kernel: Kernel) {
    super(name, config, kernel);
    this.groups = config.messageGroups ?? 1;
    this.head = new Int32Array(this.groups).fill(NONE);
    this.tail = new Int32Array(this.groups).fill(NONE);
    this.inFlightOf = new Int32Array(this.groups);
    this.isReady = new Uint8Array(this.groups);
  }

  /** Messages visible now (all groups). */
  get visibleSize(): number {
    return this.visibleNow;
  }

  /** True when some group can be received from now. */
  hasReady(): boolean {
    return this.ready.length > 0;
  }

  /** A producer sends a message in `group` now (poison drawn per producer message, as for standard queues). */
  produce(group: number): void {
    const poison = this.poller !== null ? this.poller.poison.pick(this.producedFifo) : 0;
    this.producedFifo++;
    this.sendInGroup(this.kernel.now, poison, group);
  }

  /** As a plain sink (async dead-letter queue): the next group in turn. */
  override arrive(): void {
    this.produce(this.roundRobin());
  }

  /** A message without a group (stream on-failure record, standard-queue redrive): the next group in turn. */
  override send(sentAt: number, poison: number): void {
    this.sendInGroup(sentAt, poison, this.roundRobin());
  }

  private roundRobin(): number {
    const g = this.nextRoundRobin;
    this.nextRoundRobin = g + 1 === this.groups ? 0 : g + 1;
    return g;
  }

  sendInGroup(sentAt: number, poison: number, group: number): void {
    const now = this.kernel.now;
    const m = this.alloc();
    this.sentAtOf[m] = sentAt;
    this.idOf[m] = this.nextId;
    this.receivesOf[m] = 0;
    this.groupOf[m] = group;
    this.poisonOf[m] = poison;
    this.nextOf[m] = NONE;
    if (this.tail[group] === NONE) this.head[group] = m;
    else this.nextOf[this.tail[group]] = m;
    this.tail[group] = m;
    this.sent++;
    this.visibleNow++;
    this.visibleCount.add(now, 1);
    if (this.tracer !== null) this.tracer.sent(group, this.nextId);
    this.nextId++;
    this.release(group);
    if (this.observer !== null) this.reportDepth(now);
    if (this.poller !== null) this.poller.pump();
  }

  /**
   * Receive up to `max` messages into `b`: groups in order of their first message, as many of each
   * as fit (only the first group when `oneGroup`). Returns the number received (0 when no group is ready).
   */
  receive(b: FifoBatch, max: number, oneGroup: boolean, now: number): number {
    let n = 0;
    let oldest = Infinity;
    let poison = 0;
    while (n < max && this.ready.length > 0) {
      const g = this.popReady();
      let m = this.head[g];
      while (n < max && m !== NONE) {
        b.slots[n++] = m;
        this.receivesOf[m]++;
        this.inFlightOf[g]++;
        poison += this.poisonOf[m];
        if (this.sentAtOf[m] < oldest) oldest = this.sentAtOf[m];
        m = this.nextOf[m];
      }
      this.head[g] = m;
      if (m === NONE) this.tail[g] = NONE;
      if (oneGroup) break;
    }
    b.size = n;
    b.poisonCount = poison;
    b.oldest = oldest;
    b.receivedAt = now;
    if (n === 0) return 0;
    if (now - oldest > this.ageOfOldestMax) this.ageOfOldestMax = now - oldest;
    this.visibleNow -= n;
    this.visibleCount.add(now, -n);
    this.inFlight += n;
    this.received += n;
    if (this.tracer !== null) {
      for (let i = 0; i < n; i++) {
        this.traceGroups[i] = this.groupOf[b.slots[i]];
        this.traceIds[i] = this.idOf[b.slots[i]];
      }
      this.tracer.received(this.traceGroups, this.traceIds, n);
    }
    if (this.observer !== null) this.reportDepth(now);
    return n;
  }

  isPoison(slot: number): boolean {
    return this.poisonOf[slot] === 1;
  }

  /** A received message was processed: delete it; its group may resume. */
  deleteInFlight(m: number, now: number): void {
    const g = this.groupOf[m];
    this.deleted++;
    this.inFlight--;
    this.latency.record(now - this.sentAtOf[m]);
    if (this.tracer !== null) this.tracer.deleted(g, this.idOf[m]);
    this.inFlightOf[g]--;
    this.freeMessage(m);
    this.release(g);
    if (this.observer !== null) this.reportDepth(now);
  }

  /**
   * The visibility timeout of failed messages ran out: each goes to the dead-letter queue when it
   * was received `maxReceiveCount` times, else back to the front of its group, in order.
   */
  returnInFlight(b: FifoBatch, now: number): void {
    const max = this.config.maxReceiveCount;
    const dlq = this.dlq;
    const touched = this.scratch;
    touched.length = 0;
    for (let i = 0; i < b.size; i++) {
      const m = b.slots[i];
      const g = this.groupOf[m];
      touched.push(g);
      if (dlq !== null && max !== undefined && this.receivesOf[m] >= max) {
        this.deadLettered++;
        this.inFlight--;
        this.inFlightOf[g]--;
        if (this.tracer !== null) this.tracer.deadLettered(g, this.idOf[m]);
        if (dlq instanceof FifoQueue) dlq.sendInGroup(this.sentAtOf[m], this.poisonOf[m], g % dlq.groups);
        else dlq.send(this.sentAtOf[m], this.poisonOf[m]);
        this.freeMessage(m);
        b.slots[i] = NONE;
      }
    }
    let back = 0;
    for (let i = b.size - 1; i >= 0; i--) {
      const m = b.slots[i];
      if (m === NONE) continue;
      const g = this.groupOf[m];
      this.nextOf[m] = this.head[g];
      if (this.head[g] === NONE) this.tail[g] = m;
      this.head[g] = m;
      this.inFlightOf[g]--;
      back++;
    }
    this.inFlight -= back;
    this.visibleNow += back;
    if (back > 0) this.visibleCount.add(now, back);
    if (this.tracer !== null) {
      for (let i = 0; i < b.size; i++) if (b.slots[i] !== NONE) this.tracer.returned(this.groupOf[b.slots[i]], this.idOf[b.slots[i]]);
    }
    for (const g of touched) this.release(g);
    b.size = 0;
    if (this.observer !== null) this.reportDepth(now);
  }

  override results(endUs: number, pollerLimitMax: number): QueueResults {
    const r = super.results(endUs, pollerLimitMax);
    let ageMax = r.ageOfOldestMax;
    for (let g = 0; g < this.groups; g++) {
      for (let m = this.head[g]; m !== NONE; m = this.nextOf[m]) ageMax = Math.max(ageMax, endUs - this.sentAtOf[m]);
    }
    return { ...r, visibleAtEnd: this.visibleNow, ageOfOldestMax: ageMax };
  }

  /** Group `g` joins the ready heap if it has visible messages and none in flight. */
  private release(g: number): void {
    if (this.isReady[g] === 1 || this.inFlightOf[g] !== 0 || this.head[g] === NONE) return;
    this.isReady[g] = 1;
    // A group's first message does not change while it is in the heap (new messages join its tail).
    const h = this.ready;
    let i = h.length;
    h.push(g);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keyOf(h[p]) <= this.keyOf(g)) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = g;
  }

  private popReady(): number {
    const h = this.ready;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      const key = this.keyOf(last);
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= h.length) break;
        if (c + 1 < h.length && this.keyOf(h[c + 1]) < this.keyOf(h[c])) c++;
        if (this.keyOf(h[c]) >= key) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    this.isReady[top] = 0;
    return top;
  }

  /** The send sequence of the group's first visible message (unique, so the heap order is total). */
  private keyOf(g: number): number {
    return this.idOf[this.head[g]];
  }

  private alloc(): number {
    if (this.freeSlot !== NONE) {
      const m = this.freeSlot;
      this.freeSlot = this.nextOf[m];
      return m;
    }
    if (this.used === this.cap) this.grow();
    return this.used++;
  }

  private freeMessage(m: number): void {
    this.nextOf[m] = this.freeSlot;
    this.freeSlot = m;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.sentAtOf = f64(this.sentAtOf);
    this.idOf = f64(this.idOf);
    this.receivesOf = i32(this.receivesOf);
    this.groupOf = i32(this.groupOf);
    this.nextOf = i32(this.nextOf);
    const p = new Uint8Array(cap);
    p.set(this.poisonOf);
    this.poisonOf = p;
    this.cap = cap;
  }
}

/** One producer workload of a FIFO queue: a uniform message group per message from its own stream. */
export class FifoProducer implements RequestSink {
  constructor(
    private readonly queue: FifoQueue,
    private readonly rng: Rng,
  ) {}
  arrive(): void {
    this.queue.produce(uniformInt(this.rng, this.queue.groups));
  }
}

/** The event source mapping of a FIFO queue: the standard poller's scaling with group-aware batches. */
export class FifoPoller extends SqsPoller {
  private readonly fifo: FifoQueue;
  private readonly oneGroup: boolean;
  private readonly fifoBatches: FifoBatch[] = [];
  private readonly freeFifoBatches: FifoBatch[] = [];

  constructor(queue: FifoQueue, fn: FunctionModel, config: EventSourceMappingInput, kernel: Kernel, poisonRng: Rng) {
    super(queue, fn, config, kernel, poisonRng);
    this.fifo = queue;
    this.oneGroup = config.fifoBatching === 'one-group';
  }

  /** Start batches while the limit allows and some group is ready (no batching window on FIFO). */
  override pump(): void {
    const now = this.kernel.now;
    if (now < this.blockedUntil) return;
    const cap = Math.min(this.limit, this.hardCap);
    while (this.fifo.hasReady()) {
      if (this.active >= cap) {
        // Scale up only when the pollers' own limit binds: a reservation that binds first would
        // otherwise let the limit climb to 1,000 while the function can run only `hardCap` batches.
        if (this.active >= this.limit) this.saturated = true;
        return;
      }
      if (!this.startFifoBatch(now)) return;
    }
  }

  private startFifoBatch(now: number): boolean {
    let b = this.freeFifoBatches.pop();
    if (b === undefined) {
      b = new FifoBatch(this.fifoBatches.length);
      this.fifoBatches.push(b);
    }
    this.fifo.receive(b, this.config.batchSize, this.oneGroup, now);
    this.active++;
    if (this.active > this.peakActive) this.peakActive = this.active;
    const forceError = b.poisonCount > 0 && !this.config.reportBatchItemFailures;
    if (this.fn.invoke(b.oldest, this, b.slot, forceError)) return true;
    // Throttled: the messages come back after the visibility timeout (their groups wait); pause receiving.
    this.active--;
    this.returnFifoLater(b, now);
    this.blockedUntil = now + THROTTLE_BACKOFF_US;
    this.kernel.schedule(this.blockedUntil, this, F_WAKE);
    return false;
  }

  override invocationEnded(_firstAt: number, slot: number, isError: boolean): boolean {
    const now = this.kernel.now;
    const b = this.fifoBatches[slot];
    this.active--;
    if (isError) {
      this.returnFifoLater(b, now);
    } else if (b.poisonCount > 0) {
      // Partial batch response on FIFO (lambda-behavior.md 8.6): stop at the first failure and
      // report it and all the remaining messages; the ones before it are deleted.
      let k = 0;
      while (!this.fifo.isPoison(b.slots[k])) k++;
      for (let i = 0; i < k; i++) this.fifo.deleteInFlight(b.slots[i], now);
      for (let i = k; i < b.size; i++) b.slots[i - k] = b.slots[i];
      b.size -= k;
      this.returnFifoLater(b, now);
    } else {
      for (let i = 0; i < b.size; i++) this.fifo.deleteInFlight(b.slots[i], now);
      b.size = 0;
      this.freeFifoBatches.push(b);
    }
    // Not from inside this callback: the function's environment is not free yet.
    this.kernel.schedule(now, this, F_WAKE);
    return !isError;
  }

  private returnFifoLater(b: FifoBatch, now: number): void {
    const at = Math.max(now, b.receivedAt + this.effectiveVisibility);
    this.kernel.schedule(at, this, F_RETURN, b.slot);
  }

  override handleEvent(kind: number, a: number): void {
    if (kind === F_RETURN) {
      const b = this.fifoBatches[a];
      this.fifo.returnInFlight(b, this.kernel.now);
      this.freeFifoBatches.push(b);
      this.pump();
    } else if (kind === F_WAKE) {
      this.pump();
    } else {
      super.handleEvent(kind, a); // the once-a-minute scaling tick
    }
  }
}
