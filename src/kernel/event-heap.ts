/**
 * A future-event list: a 4-ary min-heap of events ordered by (time, seq), over struct-of-arrays
 * storage (typed arrays), so pushing and popping allocate nothing once the arrays have grown to the
 * peak number of pending events.
 *
 * Each heap entry holds its (time, seq) key inline, in heap order, next to the slot of its payload:
 * comparisons read neighbouring memory instead of chasing slot indices into scattered storage (with
 * ~100k pending events those chases were cache misses, and the heap took a third of a run). Four
 * children per node halve the depth, and the four keys compared at each level share a cache line or
 * two. The payload (handler, kind, two numbers) stays in its slot while the entry moves; it sits in
 * one array (`args`, four numbers per slot, the handler as its number in `handlerList`), so reading
 * the event that runs next costs one cache line, not one per field.
 */
import type { EventHandler } from './kernel.js';

const INITIAL_CAPACITY = 1024;

/** A copy of `src` in a new array of `length` elements (zero beyond the old ones). */
function grown<T extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(src: T, length: number): T {
  const dst = new (src.constructor as new (n: number) => T)(length);
  dst.set(src);
  return dst;
}

export class EventHeap {
  /** Number of events waiting. */
  size = 0;
  /** Heap order: keys[2i] = time, keys[2i + 1] = seq of the entry at heap position i. */
  keys = new Float64Array(2 * INITIAL_CAPACITY);
  /** Heap order: the payload slot of the entry at heap position i. */
  heap = new Int32Array(INITIAL_CAPACITY);
  /** Payloads, by slot: args[4s] = kind, args[4s + 1] = a, args[4s + 2] = b, args[4s + 3] = handler number. */
  args = new Float64Array(4 * INITIAL_CAPACITY);
  /** Every handler that ever had an event here, numbered in order of first use (few: one per model part). */
  readonly handlerList: EventHandler[] = [];
  private readonly handlerNumbers = new Map<EventHandler, number>();
  /** The handler of the last push and its number: most pushes repeat it, and skip the Map. */
  private lastHandler: EventHandler | null = null;
  private lastNumber = 0;
  /** Stack of free slot indices. */
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private capacity = INITIAL_CAPACITY;

  constructor() {
    for (let i = 0; i < INITIAL_CAPACITY; i++) this.freeSlots[i] = INITIAL_CAPACITY - 1 - i;
    this.freeCount = INITIAL_CAPACITY;
  }

  /**
   * The (time, seq) key of the entry the next {@link push} adds: the caller writes it here just
   * before the call. Not arguments, because past 2^30 us (17.9 simulated minutes) a time is no
   * longer one of V8's small integers: passed to a call V8 does not inline, it became a new heap
   * number per event (bench/alloc.js); a typed array holds it unboxed.
   */
  readonly incoming = new Float64Array(2);

  /** Adds an event with the key in {@link incoming}. */
  push(handler: EventHandler, kind: number, a: number, b: number): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount];
    const args = this.args;
    args[4 * slot] = kind;
    args[4 * slot + 1] = a;
    args[4 * slot + 2] = b;
    args[4 * slot + 3] = handler === this.lastHandler ? this.lastNumber : this.numberOf(handler);
    this.siftUp(this.size++, slot);
  }

  /** Remove the top entry; its payload slot (`heap[0]` before the call) is free again. */
  popTop(): void {
    const top = this.heap[0];
    this.freeSlots[this.freeCount++] = top;
    const n = --this.size;
    if (n === 0) return;
    // The last entry sifts down from the root into the gap.
    const keys = this.keys;
    const heap = this.heap;
    const time = keys[2 * n];
    const seq = keys[2 * n + 1];
    const slot = heap[n];
    let pos = 0;
    for (;;) {
      const first = 4 * pos + 1;
      if (first >= n) break;
      // The smallest of up to four children, by (time, seq).
      let best = first;
      let bt = keys[2 * first];
      let bs = keys[2 * first + 1];
      const last = first + 3 < n ? first + 3 : n - 1;
      for (let c = first + 1; c <= last; c++) {
        const ct = keys[2 * c];
        if (ct < bt || (ct === bt && keys[2 * c + 1] < bs)) {
          best = c;
          bt = ct;
          bs = keys[2 * c + 1];
        }
      }
      if (time < bt || (time === bt && seq < bs)) break;
      keys[2 * pos] = bt;
      keys[2 * pos + 1] = bs;
      heap[pos] = heap[best];
      pos = best;
    }
    keys[2 * pos] = time;
    keys[2 * pos + 1] = seq;
    heap[pos] = slot;
  }

  /** Place the entry (the key in `incoming`, slot) at `pos` or above, moving larger parents down. */
  private siftUp(pos: number, slot: number): void {
    const keys = this.keys;
    const heap = this.heap;
    const time = this.incoming[0];
    const seq = this.incoming[1];
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pt = keys[2 * parent];
      if (pt < time || (pt === time && keys[2 * parent + 1] < seq)) break;
      keys[2 * pos] = pt;
      keys[2 * pos + 1] = keys[2 * parent + 1];
      heap[pos] = heap[parent];
      pos = parent;
    }
    keys[2 * pos] = time;
    keys[2 * pos + 1] = seq;
    heap[pos] = slot;
  }

  /** The number of `handler` in `handlerList` (a new one when first seen); remembered as the last. */
  private numberOf(handler: EventHandler): number {
    let n = this.handlerNumbers.get(handler);
    if (n === undefined) {
      n = this.handlerList.length;
      this.handlerList.push(handler);
      this.handlerNumbers.set(handler, n);
    }
    this.lastHandler = handler;
    this.lastNumber = n;
    return n;
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    this.keys = grown(this.keys, 2 * cap);
    this.heap = grown(this.heap, cap);
    this.args = grown(this.args, 4 * cap);
    const free = new Int32Array(cap);
    // All old slots are in use (we only grow when the free stack is empty).
    for (let i = 0; i < cap - old; i++) free[i] = cap - 1 - i;
    this.freeSlots = free;
    this.freeCount = cap - old;
    this.capacity = cap;
  }
}
