/**
 * The records of one stream lane waiting to be handed out, oldest first: a growable ring buffer of
 * typed arrays (put time and sequence number always, side by side so a record is one cache line;
 * partition key and poison mark only when someone reads them, see {@link StreamRecords.constructor}).
 * Appending a record writes two or four array cells and allocates nothing; memory is bounded by the
 * peak number of waiting records.
 */
export class StreamRecords {
  /** Put time of the record in slot j at 2j, its sequence number at 2j + 1. */
  putSeq: Float64Array;
  /** Partition keys (null when nobody reads them: no tracer). */
  key: Float64Array | null;
  /** 1 for a poison record (null when the mapping has no poison records). */
  poison: Uint8Array | null;
  /** Index of the oldest record. */
  head = 0;
  size = 0;
  /** Capacity - 1 (the capacity is a power of two, so an index wraps with a mask). */
  private mask: number;

  constructor(keys: boolean, poison: boolean, capacity = 64) {
    this.mask = capacity - 1;
    this.putSeq = new Float64Array(2 * capacity);
    this.key = keys ? new Float64Array(capacity) : null;
    this.poison = poison ? new Uint8Array(capacity) : null;
  }

  /** Put time of the i-th oldest record. */
  putAt(i: number): number {
    return this.putSeq[2 * ((this.head + i) & this.mask)];
  }

  /** Append a record (`key` and `poison` are dropped when their columns are off). */
  push(put: number, seq: number, key: number, poison: number): void {
    if (this.size > this.mask) this.grow();
    const j = (this.head + this.size) & this.mask;
    this.putSeq[2 * j] = put;
    this.putSeq[2 * j + 1] = seq;
    if (this.key !== null) this.key[j] = key;
    if (this.poison !== null) this.poison[j] = poison;
    this.size++;
  }

  /**
   * Move the `n` oldest records to the start of the given arrays (`key` and `poison` are left
   * alone when their columns are off).
   */
  moveOut(n: number, put: number[], seq: number[], key: number[], poison: number[]): void {
    const mask = this.mask;
    let j = this.head;
    for (let i = 0; i < n; i++) {
      put[i] = this.putSeq[2 * j];
      seq[i] = this.putSeq[2 * j + 1];
      j = (j + 1) & mask;
    }
    if (this.key !== null) for (let i = 0, k = this.head; i < n; i++, k = (k + 1) & mask) key[i] = this.key[k];
    if (this.poison !== null) for (let i = 0, k = this.head; i < n; i++, k = (k + 1) & mask) poison[i] = this.poison[k];
    this.head = j;
    this.size -= n;
  }

  /** Drop the oldest record. */
  shift(): void {
    this.head = (this.head + 1) & this.mask;
    this.size--;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const putSeq = new Float64Array(2 * cap);
    for (let i = 0; i < this.size; i++) {
      const j = (this.head + i) & this.mask;
      putSeq[2 * i] = this.putSeq[2 * j];
      putSeq[2 * i + 1] = this.putSeq[2 * j + 1];
    }
    this.putSeq = putSeq;
    if (this.key !== null) this.key = this.copy(this.key, new Float64Array(cap));
    if (this.poison !== null) this.poison = this.copy(this.poison, new Uint8Array(cap));
    this.head = 0;
    this.mask = cap - 1;
  }

  /** The records of `from` in order at the start of `to`. */
  private copy<T extends Float64Array | Uint8Array>(from: T, to: T): T {
    for (let i = 0; i < this.size; i++) to[i] = from[(this.head + i) & this.mask];
    return to;
  }
}
