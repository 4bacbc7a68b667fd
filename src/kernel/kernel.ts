/**
 * The discrete-event kernel: a virtual clock and a future-event list.
 *
 * Time is integer microseconds. Events are ordered by (time, sequence): two events at the same
 * instant run in the order they were scheduled, so a run is a pure function of its inputs.
 *
 * The future-event list is a binary heap of slot indices over struct-of-arrays storage
 * (typed arrays), so scheduling and popping allocate nothing once the arrays have grown to the
 * peak number of pending events. An event is a handler object plus a small integer `kind` and two
 * numeric arguments: handlers switch on `kind` instead of the kernel creating a closure per event.
 *
 * The kernel knows nothing of Lambda.
 */

/** Something that reacts to events. `kind`, `a` and `b` are whatever the scheduler passed. */
export interface EventHandler {
  handleEvent(kind: number, a: number, b: number): void;
}

const INITIAL_CAPACITY = 1024;

export class Kernel {
  /** Current virtual time (us). Only moves forward. */
  now = 0;
  /** Number of events handled so far. */
  eventsProcessed = 0;

  private times = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private kinds = new Int32Array(INITIAL_CAPACITY);
  private argA = new Float64Array(INITIAL_CAPACITY);
  private argB = new Float64Array(INITIAL_CAPACITY);
  private handlers: (EventHandler | null)[] = new Array<EventHandler | null>(INITIAL_CAPACITY).fill(null);
  /** heap[i] = slot index; heap order by (time, seq). */
  private heap = new Int32Array(INITIAL_CAPACITY);
  private size = 0;
  /** Stack of free slot indices. */
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private capacity = INITIAL_CAPACITY;
  private nextSeq = 0;

  constructor() {
    for (let i = 0; i < INITIAL_CAPACITY; i++) this.freeSlots[i] = INITIAL_CAPACITY - 1 - i;
    this.freeCount = INITIAL_CAPACITY;
  }

  /** Number of events waiting. */
  get pending(): number {
    return this.size;
  }

  /** Time of the next event, or Infinity when none is pending. */
  peekTime(): number {
    return this.size === 0 ? Infinity : this.times[this.heap[0]];
  }

  /**
   * Schedule `handler.handleEvent(kind, a, b)` at absolute time `at` (us, integer, >= now).
   * Fails fast on a time in the past or a non-integer time: both are bugs in the caller.
   */
  schedule(at: number, handler: EventHandler, kind: number, a = 0, b = 0): void {
    if (!(at >= this.now) || !Number.isInteger(at)) {
      throw new Error(`Kernel.schedule: time ${at} is not an integer >= now (${this.now})`);
    }
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount];
    this.times[slot] = at;
    this.seqs[slot] = this.nextSeq++;
    this.kinds[slot] = kind;
    this.argA[slot] = a;
    this.argB[slot] = b;
    this.handlers[slot] = handler;
    this.siftUp(this.size++, slot);
  }

  /**
   * Handle events in order while their time is strictly before `until`, then leave the clock
   * at `until`. Stops early (returning false, clock at the last event) once `maxEvents` events
   * have been handled, so a caller can report progress and resume with another call.
   */
  run(until: number, maxEvents = Infinity): boolean {
    let handled = 0;
    while (this.size > 0) {
      const slot = this.heap[0];
      const t = this.times[slot];
      if (t >= until) break;
      if (handled >= maxEvents) return false;
      this.popTop();
      this.now = t;
      const handler = this.handlers[slot]!;
      const kind = this.kinds[slot];
      const a = this.argA[slot];
      const b = this.argB[slot];
      this.handlers[slot] = null;
      this.freeSlots[this.freeCount++] = slot;
      handled++;
      this.eventsProcessed++;
      handler.handleEvent(kind, a, b);
    }
    if (until > this.now && until !== Infinity) this.now = until;
    return true;
  }

  private less(x: number, y: number): boolean {
    const tx = this.times[x];
    const ty = this.times[y];
    return tx < ty || (tx === ty && this.seqs[x] < this.seqs[y]);
  }

  private siftUp(pos: number, slot: number): void {
    const heap = this.heap;
    while (pos > 0) {
      const parentPos = (pos - 1) >> 1;
      const parent = heap[parentPos];
      if (!this.less(slot, parent)) break;
      heap[pos] = parent;
      pos = parentPos;
    }
    heap[pos] = slot;
  }

  private popTop(): void {
    const heap = this.heap;
    const last = heap[--this.size];
    if (this.size === 0) return;
    let pos = 0;
    const n = this.size;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.less(heap[right], heap[child])) child = right;
      if (!this.less(heap[child], last)) break;
      heap[pos] = heap[child];
      pos = child;
    }
    heap[pos] = last;
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    const f64 = (src: Float64Array): Float64Array<ArrayBuffer> => {
      const dst = new Float64Array(cap);
      dst.set(src);
      return dst;
    };
    this.times = f64(this.times);
    this.seqs = f64(this.seqs);
    this.argA = f64(this.argA);
    this.argB = f64(this.argB);
    const kinds = new Int32Array(cap);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const heap = new Int32Array(cap);
    heap.set(this.heap);
    this.heap = heap;
    for (let i = old; i < cap; i++) this.handlers.push(null);
    const free = new Int32Array(cap);
    // All old slots are in use (we only grow when the free stack is empty).
    for (let i = 0; i < cap - old; i++) free[i] = cap - 1 - i;
    this.freeSlots = free;
    this.freeCount = cap - old;
    this.capacity = cap;
  }
}
