/**
 * The records of one stream lane, oldest first: a growable ring buffer of typed arrays (put time and
 * sequence number always, side by side so a record is one cache line; partition key and poison
 * mark only when someone reads them, see {@link StreamRecords.constructor}).
 *
 * A record has a position: 0 for the lane's first record, counting up, never reused. The ring
 * holds the records from {@link first} on: those of the lane's batches still running (positions
 * first .. head - 1) and those waiting to be handed out (head .. head + size - 1). A batch is a run
 * of positions and reads its records where they are ({@link putOf} and co.), so starting one copies
 * nothing; its slots are reused once {@link release} passes them. Growth keeps every position
 * valid (a position's slot is its low bits, whatever the capacity). Appending a record writes two
 * or four array cells and allocates nothing; memory is bounded by the peak number of records held.
 */
export class StreamRecords {
  /** Put time of the record in slot j at 2j, its sequence number at 2j + 1. */
  putSeq: Float64Array;
  /** Partition keys (null when nobody reads them: no tracer). */
  key: Float64Array | null;
  /** 1 for a poison record (null when the mapping has no poison records). */
  poison: Uint8Array | null;
  /** Position of the oldest record still held (by a running batch, or waiting). */
  first = 0;
  /** Position of the oldest waiting record. */
  head = 0;
  /** Records waiting. */
  size = 0;
  /**
   * Capacity - 1 (the capacity is a power of two, so a position's slot is `position & mask`: exact
   * for every position below 2^53, since `&` keeps the low 32 bits and the capacity divides 2^32).
   */
  private mask: number;

  constructor(keys: boolean, poison: boolean, capacity = 64) {
    this.mask = capacity - 1;
    this.putSeq = new Float64Array(2 * capacity);
    this.key = keys ? new Float64Array(capacity) : null;
    this.poison = poison ? new Uint8Array(capacity) : null;
  }

  /** Put time of the i-th oldest waiting record. */
  putAt(i: number): number {
    return this.putSeq[2 * ((this.head + i) & this.mask)];
  }

  /** Put time of the held record at position `p` (first <= p < head + size). */
  putOf(p: number): number {
    return this.putSeq[2 * (p & this.mask)];
  }

  /** Sequence number of the held record at position `p`. */
  seqOf(p: number): number {
    return this.putSeq[2 * (p & this.mask) + 1];
  }

  /** Partition key of the held record at position `p` (the key column must be on). */
  keyOf(p: number): number {
    return this.key![p & this.mask];
  }

  /** Poison mark of the held record at position `p` (the poison column must be on). */
  poisonOf(p: number): number {
    return this.poison![p & this.mask];
  }

  /** Append a record (`key` and `poison` are dropped when their columns are off). */
  push(put: number, seq: number, key: number, poison: number): void {
    const j = this.pushPlain(put, seq);
    if (this.key !== null) this.key[j] = key;
    if (this.poison !== null) this.poison[j] = poison;
  }

  /**
   * Append a record to a ring without key and poison columns (the caller knows: a busy stream's
   * put then tests neither); returns its slot.
   */
  pushPlain(put: number, seq: number): number {
    const at = this.head + this.size;
    if (at - this.first > this.mask) this.grow();
    const j = at & this.mask;
    this.putSeq[2 * j] = put;
    this.putSeq[2 * j + 1] = seq;
    this.size++;
    return j;
  }

  /**
   * Hand out the `n` oldest waiting records: they stay held, at positions head .. head + n - 1
   * (returns the first of them), until {@link release}.
   */
  take(n: number): number {
    const from = this.head;
    this.head = from + n;
    this.size -= n;
    return from;
  }

  /** Drop the oldest waiting record (it is not held: nobody reads it again). */
  shift(): void {
    if (this.first === this.head) this.first++;
    this.head++;
    this.size--;
  }

  /** Records before position `p` are no longer read: their slots may be reused (`p` <= head). */
  release(p: number): void {
    this.first = p;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const mask = cap - 1;
    const end = this.head + this.size;
    const putSeq = new Float64Array(2 * cap);
    for (let p = this.first; p < end; p++) {
      const from = 2 * (p & this.mask);
      const to = 2 * (p & mask);
      putSeq[to] = this.putSeq[from];
      putSeq[to + 1] = this.putSeq[from + 1];
    }
    this.putSeq = putSeq;
    if (this.key !== null) this.key = this.copy(this.key, new Float64Array(cap), mask, end);
    if (this.poison !== null) this.poison = this.copy(this.poison, new Uint8Array(cap), mask, end);
    this.mask = mask;
  }

  /** The held records of `from` in the slots of `to` (whose mask is `mask`); `end` is one past the last. */
  private copy<T extends Float64Array | Uint8Array>(from: T, to: T, mask: number, end: number): T {
    for (let p = this.first; p < end; p++) to[p & mask] = from[p & this.mask];
    return to;
  }
}
