/**
 * The message store of SQS FIFO queues (sqs-store.ts). The queue rules of sqs.ts and sqs-poller.ts
 * (visibility timeout and its effective value, redrive after maxReceiveCount, poller scaling,
 * throttle pause, the batch error model) apply unchanged; FIFO adds message groups:
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
 * Memory: the visible messages live in a slab of typed-array columns with a free list, linked per
 * group (received ones live in their batch); per group a head, a tail, an in-flight count and a
 * flag. So memory is bounded by the peak of pending messages plus the number of groups.
 */
import { uniformInt, type Rng } from '../kernel/random.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { SqsQueue } from './sqs.js';
import type { MessageStore, SqsBatch } from './sqs-store.js';

const NONE = -1;

export class FifoStore implements MessageStore {
  readonly stopsAtFirstFailure = true;
  /** Visible messages (all groups). */
  size = 0;
  // Slab of visible messages; `next` links a group's visible messages or the free list.
  private cap = 64;
  private sentAtOf = new Float64Array(64);
  private idOf = new Float64Array(64);
  private receivesOf = new Int32Array(64);
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
  private nextRoundRobin = 0;
  private readonly touched: number[] = [];

  constructor(readonly groups: number) {
    this.head = new Int32Array(groups).fill(NONE);
    this.tail = new Int32Array(groups).fill(NONE);
    this.inFlightOf = new Int32Array(groups);
    this.isReady = new Uint8Array(groups);
  }

  hasReady(): boolean {
    return this.ready.length > 0;
  }

  frontSentAt(): number {
    return this.ready.length > 0 ? this.sentAtOf[this.head[this.ready[0]]] : Infinity;
  }

  /** A message without a group (a stream's on-failure record, a redrive from a standard queue) gets the next in turn; a FIFO redrive keeps its group. */
  groupFor(group: number): number {
    if (group >= 0) return group % this.groups;
    const g = this.nextRoundRobin;
    this.nextRoundRobin = g + 1 === this.groups ? 0 : g + 1;
    return g;
  }

  pushBack(sentAt: number, poison: number, group: number, id: number): void {
    const m = this.alloc(sentAt, poison, 0, id);
    this.nextOf[m] = NONE;
    if (this.tail[group] === NONE) this.head[group] = m;
    else this.nextOf[this.tail[group]] = m;
    this.tail[group] = m;
    this.size++;
    this.release(group);
  }

  /** Groups in order of their first message, as many messages of each as fit (only the first group when `oneGroup`). */
  receive(b: SqsBatch, max: number, oneGroup: boolean): void {
    let n = 0;
    while (n < max && this.ready.length > 0) {
      const g = this.popReady();
      let m = this.head[g];
      while (n < max && m !== NONE) {
        b.sentAt[n] = this.sentAtOf[m];
        b.receiveCount[n] = this.receivesOf[m] + 1;
        b.poison[n] = this.poisonOf[m];
        b.group[n] = g;
        b.id[n] = this.idOf[m];
        n++;
        this.inFlightOf[g]++;
        const next = this.nextOf[m];
        this.free(m);
        m = next;
      }
      this.head[g] = m;
      if (m === NONE) this.tail[g] = NONE;
      if (oneGroup) break;
    }
    b.size = n;
    this.size -= n;
  }

  settle(group: number): void {
    this.inFlightOf[group]--;
    this.release(group);
  }

  returnFront(b: SqsBatch): number {
    const touched = this.touched;
    touched.length = 0;
    let back = 0;
    for (let i = b.size - 1; i >= 0; i--) {
      const g = b.group[i];
      this.inFlightOf[g]--;
      if (b.receiveCount[i] < 0) continue;
      const m = this.alloc(b.sentAt[i], b.poison[i], b.receiveCount[i], b.id[i]);
      this.nextOf[m] = this.head[g];
      if (this.head[g] === NONE) this.tail[g] = m;
      this.head[g] = m;
      back++;
    }
    this.size += back;
    // Release only once every message is back: a group's heap key is its first message.
    for (let i = 0; i < b.size; i++) this.release(b.group[i]);
    return back;
  }

  oldestVisible(): number {
    let oldest = Infinity;
    for (let g = 0; g < this.groups; g++) {
      for (let m = this.head[g]; m !== NONE; m = this.nextOf[m]) oldest = Math.min(oldest, this.sentAtOf[m]);
    }
    return oldest;
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

  private alloc(sentAt: number, poison: number, receives: number, id: number): number {
    let m: number;
    if (this.freeSlot !== NONE) {
      m = this.freeSlot;
      this.freeSlot = this.nextOf[m];
    } else {
      if (this.used === this.cap) this.grow();
      m = this.used++;
    }
    this.sentAtOf[m] = sentAt;
    this.poisonOf[m] = poison;
    this.receivesOf[m] = receives;
    this.idOf[m] = id;
    return m;
  }

  private free(m: number): void {
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
    private readonly queue: SqsQueue,
    private readonly groups: number,
    private readonly rng: Rng,
  ) {}
  arrive(): void {
    this.queue.produce(uniformInt(this.rng, this.groups));
  }
}
