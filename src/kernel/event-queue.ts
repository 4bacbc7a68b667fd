/**
 * A future-event list: events ordered by (time, seq), popped smallest first. A radix heap on the
 * integer microsecond time, which works because the kernel's clock is monotone: no event is ever
 * added before the time of the last one popped (the kernel refuses times before `now`, and `now` is
 * at least that time). It replaces a 4-ary heap whose pops, with ~100k pending events, walked eight
 * levels of cache misses each; here an event is moved a few times in its life, along sequential
 * memory.
 *
 * Buckets. `base` is the time of the last event popped (0 at first). Every pending time is >= base
 * and lives in one bucket, by the highest 8-bit digit where it differs from base:
 * - bucket EQUAL: time === base;
 * - bucket 256 * level + digit: the time agrees with base above digit `level` (0 = bits 0..7,
 *   1 = bits 8..15, ... 6 = bits 48..55) and has `digit` (> base's) there.
 * EQUAL holds the smallest times, then the others in index order ever larger ones, so the smallest
 * pending event is in EQUAL or else in the lowest non-empty bucket, found in O(1) through a
 * two-level bitmap. Popping an event from a
 * bucket B other than EQUAL moves base up to its time; only B's events change bucket then (the
 * times in higher buckets still differ from the new base at the same digit, since the new base lies
 * between the old one and them), and they all fall to lower buckets: EQUAL for those at the new
 * base. Each event thus moves at most once per level (7), in practice two or three times. A level-0
 * bucket holds one time only: it becomes EQUAL by handing over its blocks, without moving.
 * Times must be below 2^53 (the kernel refuses others), so that the 7 levels cover them.
 *
 * Two modes. Few pending events (a busy function, ~50) are cheapest in a plain 4-ary heap, small
 * enough to stay in the first-level cache; the buckets only pay off with thousands. So the queue is
 * a heap until it holds SPREAD events, then moves them all to buckets (popped in order, which keeps
 * the tie rule below), and back to a heap when it falls to GATHER; between the two, thousands of
 * events pass, so the moves cost little per event. The heap is the one this queue replaced: the
 * (time, seq) keys inline in heap order next to a payload slot, payloads in slots that stay put,
 * so a sift step moves three numbers, not a whole entry; and its pop is small enough for V8 to
 * inline into the kernel's run loop (bucket mode and growth are out of line).
 *
 * Ties. Within every bucket, the events of any one time sit in seq order. Induction: a push
 * appends the largest seq yet (the kernel numbers events in scheduling order; {@link push} requires
 * it); the move from the heap appends in (time, seq) order; B's events are redistributed, in B's
 * order, only into buckets below B, which are all empty then (B is the lowest non-empty one). So
 * EQUAL (one time) is a FIFO, and the first event with the smallest time in a bucket is its
 * smallest by (time, seq). Seq is a double: exact past 2^31.
 *
 * The head. The kernel reads the smallest event without popping it (to compare with the other list,
 * the run's end, a clock stop) and then may add events earlier than it but not earlier than `now`:
 * so base must not move on a read, only on a pop. {@link head} is kept current instead: a push
 * smaller than it replaces it, a pop finds the next one (the front of EQUAL, or a scan of the lowest
 * bucket, each event scanned about once per bucket it passes through).
 *
 * Bucket storage, typed arrays that only grow (no allocation per event once grown; memory bounded by the
 * peak of pending events plus one block per non-empty bucket): entries of ENTRY numbers (time, seq,
 * kind, a, b, handler number) in blocks of BLOCK entries; a bucket is a singly linked list of
 * blocks, appended at its tail; EQUAL is also consumed from its front (`eqFront`). The payload
 * travels with its key: the event that runs next is read where the scan or the FIFO just was, not
 * through an index into scattered storage (with 100k pending events that was a cache miss each).
 */
import type { EventHandler } from './kernel.js';

/** Numbers per entry: time, seq, kind, a, b, handler number. */
const ENTRY = 6;
/** Entries per block: 32 entries = 1536 bytes, 24 cache lines read in a row. */
const BLOCK = 32;
const BLOCK_SIZE = ENTRY * BLOCK;
const LEVELS = 7;
/** Buckets of differing digits; EQUAL is the one after them. */
const DIGIT_BUCKETS = LEVELS * 256;
const EQUAL = DIGIT_BUCKETS;
const BUCKETS = DIGIT_BUCKETS + 1;
const TWO_32 = 4294967296;
const INITIAL_BLOCKS = 64;
/** Heap mode up to this many pending events, buckets from there (see "Two modes"). */
const SPREAD = 4096;
/** Back to heap mode at this many. */
const GATHER = 1024;
const INITIAL_HEAP = 256;

/** A copy of `src` in a new array of `length` elements (zero beyond the old ones). */
function grown<T extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(src: T, length: number): T {
  const dst = new (src.constructor as new (n: number) => T)(length);
  dst.set(src);
  return dst;
}

/** Copies the entry at src[from] to dst[to] (bucket mode). */
function copyEntry(dst: Float64Array, to: number, src: Float64Array, from: number): void {
  dst[to] = src[from];
  dst[to + 1] = src[from + 1];
  dst[to + 2] = src[from + 2];
  dst[to + 3] = src[from + 3];
  dst[to + 4] = src[from + 4];
  dst[to + 5] = src[from + 5];
}

/** Index of the lowest set bit of a non-zero 32-bit word. */
function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}

export class EventQueue {
  /** Number of events waiting. */
  size = 0;
  /**
   * The smallest pending event's (time, seq) at head[0], head[1]; (Infinity, Infinity) when none
   * is pending. In heap mode this is {@link keys} itself (the root's key), so a pop or push keeps
   * it current without copying; in bucket mode {@link spreadHead}.
   */
  head: Float64Array;
  /** The array holding the smallest pending event's payload, at headAt: + 2 = kind, + 3 = a, + 4 = b, + 5 = handler number. */
  headEnt: Float64Array;
  headAt = 0;
  /** Bucket mode (else heap mode). */
  private spread = false;
  /** In bucket mode, the bucket holding the smallest pending event. */
  private headBucket = EQUAL;
  private readonly spreadHead = new Float64Array([Infinity, Infinity]);

  /** Heap mode: keys[2i] = time, keys[2i + 1] = seq of the entry at heap position i (Infinity at 0 when empty). */
  private keys = new Float64Array(2 * INITIAL_HEAP).fill(Infinity, 0, 2);
  /** Heap mode: the payload slot of the entry at heap position i. */
  private heap = new Int32Array(INITIAL_HEAP);
  /**
   * Heap mode payloads, by slot: args[4s] = kind, args[4s + 1] = a, args[4s + 2] = b,
   * args[4s + 3] = handler number; the key stays in heap order while the payload stays put. The
   * head's is at headAt = 4s - 2, so that it is at the same offsets (+ 2 to + 5) as in an entry.
   */
  private args = new Float64Array(4 * INITIAL_HEAP);
  /** Heap mode: stack of free slots. */
  private freeSlots = new Int32Array(INITIAL_HEAP);
  private freeCount = INITIAL_HEAP;
  private heapCapacity = INITIAL_HEAP;

  /** Every handler that ever had an event here, numbered in order of first use (few: one per model part). */
  readonly handlerList: EventHandler[] = [];
  private readonly handlerNumbers = new Map<EventHandler, number>();
  /** The handler of the last push and its number: most pushes repeat it, and skip the Map. */
  private lastHandler: EventHandler | null = null;
  private lastNumber = 0;
  /** Bucket mode: entry e of block k starts at ENTRY (k BLOCK + e): time, seq, kind, a, b, handler number. */
  private ent = new Float64Array(BLOCK_SIZE * INITIAL_BLOCKS);
  /** The block after block k in its bucket, -1 for the last. */
  private nextBlock = new Int32Array(INITIAL_BLOCKS);
  private freeBlocks = new Int32Array(INITIAL_BLOCKS);
  private freeBlockCount = 0;
  private blockCapacity = INITIAL_BLOCKS;

  /** Per bucket: first and last block (-1 when empty), entries in the last block. */
  private readonly headBlock = new Int32Array(BUCKETS).fill(-1);
  private readonly tailBlock = new Int32Array(BUCKETS).fill(-1);
  private readonly tailFill = new Int32Array(BUCKETS);
  /** Entries of EQUAL's first block already popped. */
  private eqFront = 0;
  /** Bit b of word w: bucket 32w + b (below EQUAL) is not empty; bit w of summary[w >> 5]: word w is not zero. */
  private readonly bits = new Int32Array(DIGIT_BUCKETS / 32);
  private readonly summary = new Int32Array(2);
  /** base = baseHi * 2^32 + baseLo: the high and low 32 bits, as digits are read from them. */
  private baseHi = 0;
  private baseLo = 0;

  /**
   * The (time, seq) key of the entry the next {@link push} adds: the caller writes it here just
   * before the call. Not arguments, because past 2^30 us (17.9 simulated minutes) a time is no
   * longer one of V8's small integers: passed to a call V8 does not inline, it became a new heap
   * number per event (bench/alloc.js); a typed array holds it unboxed. The time must be an integer
   * >= the time of the last event popped, below 2^53, and the seq larger than every earlier push's.
   */
  readonly incoming = new Float64Array(2);

  constructor() {
    for (let i = 0; i < INITIAL_BLOCKS; i++) this.freeBlocks[i] = INITIAL_BLOCKS - 1 - i;
    this.freeBlockCount = INITIAL_BLOCKS;
    for (let i = 0; i < INITIAL_HEAP; i++) this.freeSlots[i] = INITIAL_HEAP - 1 - i;
    this.head = this.keys;
    this.headEnt = this.args;
  }

  /** Adds an event with the key in {@link incoming}. */
  push(handler: EventHandler, kind: number, a: number, b: number): void {
    const number = handler === this.lastHandler ? this.lastNumber : this.numberOf(handler);
    if (this.spread) {
      this.pushSpread(kind, a, b, number);
      return;
    }
    if (this.freeCount === 0) this.growHeap();
    const slot = this.freeSlots[--this.freeCount];
    const args = this.args;
    args[4 * slot] = kind;
    args[4 * slot + 1] = a;
    args[4 * slot + 2] = b;
    args[4 * slot + 3] = number;
    this.siftUp(this.size++, slot, this.incoming, 0);
    this.headAt = 4 * this.heap[0] - 2;
    if (this.size >= SPREAD) this.toBuckets();
  }

  /**
   * Remove the head event (read its payload at `headAt` before the call). Kept small, the rare
   * paths out of line: V8 inlines it into the kernel's run loop only below its bytecode budget.
   */
  popTop(): void {
    if (this.spread) {
      this.popSpread();
      return;
    }
    this.freeSlots[this.freeCount++] = this.heap[0];
    const n = this.size--;
    if (n === 1) {
      this.keys[0] = Infinity;
      this.keys[1] = Infinity;
      return;
    }
    this.removeRoot(n);
    this.headAt = 4 * this.heap[0] - 2;
  }

  /** {@link push} in bucket mode. */
  private pushSpread(kind: number, a: number, b: number, number: number): void {
    const time = this.incoming[0];
    const bucket = this.bucketOf(this.incoming, 0);
    const at = this.append(bucket);
    const ent = this.ent;
    ent[at] = time;
    ent[at + 1] = this.incoming[1];
    ent[at + 2] = kind;
    ent[at + 3] = a;
    ent[at + 4] = b;
    ent[at + 5] = number;
    this.size++;
    // Equal times: the newcomer's larger seq puts it after the head.
    if (time < this.spreadHead[0]) {
      this.spreadHead[0] = time;
      this.spreadHead[1] = ent[at + 1];
      this.headAt = at;
      this.headBucket = bucket;
    }
  }

  /** {@link popTop} in bucket mode. */
  private popSpread(): void {
    const bucket = this.headBucket;
    // The head is the first event at its time in its bucket: moving base there puts it first in EQUAL.
    if (bucket !== EQUAL) this.rebase(bucket);
    this.dropEqualFront();
    this.size--;
    if (this.size <= GATHER) this.toHeap();
    else this.findHead();
  }

  /**
   * Heap mode: place the entry with payload `slot` and key src[k], src[k + 1] at heap position
   * `pos` or above, moving larger parents down.
   */
  private siftUp(pos: number, slot: number, src: Float64Array, k: number): void {
    const keys = this.keys;
    const heap = this.heap;
    const time = src[k];
    const seq = src[k + 1];
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

  /** Heap mode: remove the root of a heap of `n` > 1 entries; the last one sifts down from the root. */
  private removeRoot(n: number): void {
    const keys = this.keys;
    const heap = this.heap;
    const m = n - 1;
    const time = keys[2 * m];
    const seq = keys[2 * m + 1];
    const slot = heap[m];
    let pos = 0;
    for (;;) {
      const first = 4 * pos + 1;
      if (first >= m) break;
      // The smallest of up to four children, by (time, seq).
      let best = first;
      let bt = keys[2 * first];
      let bs = keys[2 * first + 1];
      const last = first + 3 < m ? first + 3 : m - 1;
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

  /**
   * Heap mode to bucket mode: every entry popped in order to the tail of its bucket. Base 0: at
   * most the time of the last event popped, as it must be (later pushes may come before every
   * pending event); the first pops from buckets move base up.
   */
  private toBuckets(): void {
    this.baseHi = 0;
    this.baseLo = 0;
    const keys = this.keys;
    const heap = this.heap;
    const args = this.args;
    for (let n = this.size; n > 0; n--) {
      const to = this.append(this.bucketOf(keys, 0));
      const ent = this.ent;
      const from = 4 * heap[0];
      ent[to] = keys[0];
      ent[to + 1] = keys[1];
      ent[to + 2] = args[from];
      ent[to + 3] = args[from + 1];
      ent[to + 4] = args[from + 2];
      ent[to + 5] = args[from + 3];
      if (n > 1) this.removeRoot(n);
    }
    keys[0] = Infinity;
    keys[1] = Infinity;
    this.resetSlots(0);
    this.spread = true;
    this.head = this.spreadHead;
    this.headEnt = this.ent;
    this.findHead();
  }

  /** Bucket mode to heap mode: every entry pushed to the heap (slots 0, 1, ...), the blocks freed. */
  private toHeap(): void {
    let n = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      let block = this.headBlock[bucket];
      if (block < 0) continue;
      const last = this.tailBlock[bucket];
      let e = bucket === EQUAL ? this.eqFront : 0;
      for (;;) {
        const end = block === last ? this.tailFill[bucket] : BLOCK;
        for (; e < end; e++) {
          const from = BLOCK_SIZE * block + ENTRY * e;
          const ent = this.ent;
          const args = this.args;
          args[4 * n] = ent[from + 2];
          args[4 * n + 1] = ent[from + 3];
          args[4 * n + 2] = ent[from + 4];
          args[4 * n + 3] = ent[from + 5];
          this.siftUp(n, n, ent, from);
          n++;
        }
        this.freeBlocks[this.freeBlockCount++] = block;
        if (block === last) break;
        block = this.nextBlock[block];
        e = 0;
      }
      this.headBlock[bucket] = -1;
      this.tailBlock[bucket] = -1;
    }
    this.bits.fill(0);
    this.summary.fill(0);
    this.resetSlots(n);
    this.spread = false;
    this.spreadHead[0] = Infinity;
    this.spreadHead[1] = Infinity;
    this.head = this.keys;
    this.headEnt = this.args;
    if (n === 0) {
      this.keys[0] = Infinity;
      this.keys[1] = Infinity;
    } else {
      this.headAt = 4 * this.heap[0] - 2;
    }
  }

  /** Heap mode: slots 0 .. used - 1 taken, the others free (popped in increasing order). */
  private resetSlots(used: number): void {
    const cap = this.heapCapacity;
    for (let i = 0; i < cap - used; i++) this.freeSlots[i] = cap - 1 - i;
    this.freeCount = cap - used;
  }

  /** Heap mode: double the slots (all in use) and the heap. */
  private growHeap(): void {
    const old = this.heapCapacity;
    const cap = old * 2;
    this.keys = grown(this.keys, 2 * cap);
    this.heap = grown(this.heap, cap);
    this.args = grown(this.args, 4 * cap);
    this.freeSlots = new Int32Array(cap);
    this.heapCapacity = cap;
    this.resetSlots(old);
    this.head = this.keys;
    this.headEnt = this.args;
  }

  /**
   * The bucket of the time `times[at]` relative to base (see the file comment). Times are read
   * from typed arrays, here and below, never passed as arguments: see {@link incoming}.
   */
  private bucketOf(times: Float64Array, at: number): number {
    const time = times[at];
    const lo = time >>> 0;
    const hi = (time - lo) / TWO_32;
    if (hi !== this.baseHi) {
      const level = (31 - Math.clz32(hi ^ this.baseHi)) >> 3;
      return 256 * (4 + level) + ((hi >>> (8 * level)) & 255);
    }
    const diff = lo ^ this.baseLo;
    if (diff === 0) return EQUAL;
    const level = (31 - Math.clz32(diff)) >> 3;
    return 256 * level + ((lo >>> (8 * level)) & 255);
  }

  /** A new entry at the tail of `bucket`: its place in {@link ent} (which this may grow), for the caller to fill. */
  private append(bucket: number): number {
    let block = this.tailBlock[bucket];
    let fill = this.tailFill[bucket];
    if (block < 0) {
      block = this.takeBlock();
      this.headBlock[bucket] = block;
      this.tailBlock[bucket] = block;
      fill = 0;
      if (bucket === EQUAL) this.eqFront = 0;
      else this.mark(bucket);
    } else if (fill === BLOCK) {
      const next = this.takeBlock();
      this.nextBlock[block] = next;
      this.tailBlock[bucket] = next;
      block = next;
      fill = 0;
    }
    this.tailFill[bucket] = fill + 1;
    return BLOCK_SIZE * block + ENTRY * fill;
  }

  /** Base := the head's time. */
  private setBase(): void {
    const time = this.spreadHead[0];
    const lo = time >>> 0;
    this.baseLo = lo;
    this.baseHi = (time - lo) / TWO_32;
  }

  /** Move base up to the head's time (the smallest pending, in `bucket`) and spread that bucket's entries below it. */
  private rebase(bucket: number): void {
    let block = this.headBlock[bucket];
    const last = this.tailBlock[bucket];
    const lastFill = this.tailFill[bucket];
    this.headBlock[bucket] = -1;
    this.tailBlock[bucket] = -1;
    this.unmark(bucket);
    this.setBase();
    if (bucket < 256) {
      // Level 0: all its entries are at the head's time; EQUAL (empty) takes over its blocks as they are.
      this.headBlock[EQUAL] = block;
      this.tailBlock[EQUAL] = last;
      this.tailFill[EQUAL] = lastFill;
      this.eqFront = 0;
      return;
    }
    for (;;) {
      const end = BLOCK_SIZE * block + ENTRY * (block === last ? lastFill : BLOCK);
      for (let from = BLOCK_SIZE * block; from < end; from += ENTRY) {
        const to = this.append(this.bucketOf(this.ent, from));
        // Read after the append, which may grow the array.
        copyEntry(this.ent, to, this.ent, from);
      }
      const next = this.nextBlock[block];
      // Freed once read: an append may reuse it at once, harmlessly.
      this.freeBlocks[this.freeBlockCount++] = block;
      if (block === last) break;
      block = next;
    }
  }

  /** Remove EQUAL's first entry. */
  private dropEqualFront(): void {
    const block = this.headBlock[EQUAL];
    const front = this.eqFront + 1;
    if (block === this.tailBlock[EQUAL]) {
      if (front < this.tailFill[EQUAL]) {
        this.eqFront = front;
        return;
      }
      this.headBlock[EQUAL] = -1;
      this.tailBlock[EQUAL] = -1;
    } else if (front < BLOCK) {
      this.eqFront = front;
      return;
    } else {
      this.headBlock[EQUAL] = this.nextBlock[block];
    }
    this.eqFront = 0;
    this.freeBlocks[this.freeBlockCount++] = block;
  }

  /** Set the head to the smallest pending event (there is one). */
  private findHead(): void {
    const ent = this.ent;
    let block = this.headBlock[EQUAL];
    if (block >= 0) {
      const at = BLOCK_SIZE * block + ENTRY * this.eqFront;
      this.spreadHead[0] = ent[at];
      this.spreadHead[1] = ent[at + 1];
      this.headAt = at;
      this.headBucket = EQUAL;
      return;
    }
    const s = this.summary[0] !== 0 ? lowestBit(this.summary[0]) : 32 + lowestBit(this.summary[1]);
    const bucket = 32 * s + lowestBit(this.bits[s]);
    // The first entry with the smallest time: the smallest seq among those (the bucket is in seq
    // order). In level 0 all times are equal: the first entry.
    block = this.headBlock[bucket];
    const last = this.tailBlock[bucket];
    const lastFill = this.tailFill[bucket];
    let best = BLOCK_SIZE * block;
    let bestTime = ent[best];
    while (bucket >= 256) {
      const end = BLOCK_SIZE * block + ENTRY * (block === last ? lastFill : BLOCK);
      for (let at = BLOCK_SIZE * block; at < end; at += ENTRY) {
        if (ent[at] < bestTime) {
          bestTime = ent[at];
          best = at;
        }
      }
      if (block === last) break;
      block = this.nextBlock[block];
    }
    this.spreadHead[0] = bestTime;
    this.spreadHead[1] = ent[best + 1];
    this.headAt = best;
    this.headBucket = bucket;
  }

  private mark(bucket: number): void {
    const w = bucket >> 5;
    this.bits[w] |= 1 << (bucket & 31);
    this.summary[w >> 5] |= 1 << (w & 31);
  }

  private unmark(bucket: number): void {
    const w = bucket >> 5;
    const word = (this.bits[w] &= ~(1 << (bucket & 31)));
    if (word === 0) this.summary[w >> 5] &= ~(1 << (w & 31));
  }

  private takeBlock(): number {
    if (this.freeBlockCount === 0) this.growBlocks();
    const block = this.freeBlocks[--this.freeBlockCount];
    this.nextBlock[block] = -1;
    return block;
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

  private growBlocks(): void {
    const old = this.blockCapacity;
    const cap = old * 2;
    this.ent = grown(this.ent, BLOCK_SIZE * cap);
    if (this.spread) this.headEnt = this.ent;
    this.nextBlock = grown(this.nextBlock, cap);
    const free = new Int32Array(cap);
    for (let i = 0; i < cap - old; i++) free[i] = cap - 1 - i;
    this.freeBlocks = free;
    this.freeBlockCount = cap - old;
    this.blockCapacity = cap;
  }
}
