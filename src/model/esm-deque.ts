/**
 * A double-ended queue of fixed-width numeric rows over Float64Array columns (a growable ring
 * buffer): the pending messages of a queue (a stream lane has its own, stream-records.ts). Memory is
 * bounded by the peak number of pending items, never by the number processed.
 */
export class Deque {
  private cols: Float64Array[];
  private head = 0;
  private count = 0;
  private cap: number;

  constructor(
    readonly width: number,
    initialCapacity = 64,
  ) {
    this.cap = initialCapacity;
    this.cols = Array.from({ length: width }, () => new Float64Array(initialCapacity));
  }

  get size(): number {
    return this.count;
  }

  /** Column `c` of row `i` (0 = front). */
  get(i: number, c: number): number {
    let j = this.head + i;
    if (j >= this.cap) j -= this.cap;
    return this.cols[c][j];
  }

  pushBack(a: number, b = 0, c = 0, d = 0): void {
    if (this.count === this.cap) this.grow();
    let j = this.head + this.count;
    if (j >= this.cap) j -= this.cap;
    this.write(j, a, b, c, d);
    this.count++;
  }

  pushFront(a: number, b = 0, c = 0, d = 0): void {
    if (this.count === this.cap) this.grow();
    this.head = this.head === 0 ? this.cap - 1 : this.head - 1;
    this.write(this.head, a, b, c, d);
    this.count++;
  }

  /** Drop the front row (read it with `get(0, c)` first). */
  popFront(): void {
    if (this.count === 0) throw new Error('Deque.popFront on an empty deque');
    this.head++;
    if (this.head === this.cap) this.head = 0;
    this.count--;
  }

  private write(j: number, a: number, b: number, c: number, d: number): void {
    const cols = this.cols;
    cols[0][j] = a;
    if (this.width > 1) cols[1][j] = b;
    if (this.width > 2) cols[2][j] = c;
    if (this.width > 3) cols[3][j] = d;
  }

  private grow(): void {
    const cap = this.cap * 2;
    this.cols = this.cols.map((old) => {
      const col = new Float64Array(cap);
      for (let i = 0; i < this.count; i++) {
        let j = this.head + i;
        if (j >= this.cap) j -= this.cap;
        col[i] = old[j];
      }
      return col;
    });
    this.head = 0;
    this.cap = cap;
  }
}

export { mix32 } from '../kernel/hash.js';
