/**
 * A binary min-heap of environment slots that stores each slot's position in the slot's own row
 * (int field `posField`, environment.ts), so any environment can be removed in O(log n) without a Map.
 * Used for idle pools ordered by creation and for the reclaim schedule. The slots sit in a typed
 * array that only grows, so adding and removing allocate nothing.
 */
import type { Environments } from './environments.js';
import { INT_ROW, ROW, type IntField } from './environment.js';

export class IntrusiveHeap {
  size = 0;
  private items = new Int32Array(64);

  /**
   * @param envs  the table the slots belong to
   * @param posField  the row field holding the slot's position (-1 when it leaves the heap)
   * @param before  strict order: true when the environment at row offset `a` of `rows` must come out before the one at `b`
   */
  constructor(
    private readonly envs: Environments,
    private readonly posField: IntField,
    private readonly before: (rows: Float64Array, a: number, b: number) => boolean,
  ) {}

  /** The first slot, or -1 when empty. */
  peek(): number {
    return this.size === 0 ? -1 : this.items[0];
  }

  add(slot: number): void {
    if (this.size === this.items.length) {
      const items = new Int32Array(2 * this.size);
      items.set(this.items);
      this.items = items;
    }
    this.up(this.size++, slot);
  }

  /** Remove and return the first slot, or -1. */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.items[0];
    this.remove(top);
    return top;
  }

  remove(slot: number): void {
    const ints = this.envs.ints;
    const pos = ints[slot * INT_ROW + this.posField];
    ints[slot * INT_ROW + this.posField] = -1;
    const last = this.items[--this.size];
    if (last === slot) return;
    // The last slot fills the gap, then moves up or down to its place.
    this.up(pos, last);
    this.down(ints[last * INT_ROW + this.posField]);
  }

  /** `slot`'s key became smaller: move it up to its place. */
  moveUp(slot: number): void {
    this.up(this.envs.ints[slot * INT_ROW + this.posField], slot);
  }

  /** Place `slot` at `pos` or above, moving later parents down. */
  private up(pos: number, slot: number): void {
    const rows = this.envs.rows;
    const ints = this.envs.ints;
    const items = this.items;
    const f = this.posField;
    while (pos > 0) {
      const parentPos = (pos - 1) >> 1;
      const parent = items[parentPos];
      if (!this.before(rows, slot * ROW, parent * ROW)) break;
      items[pos] = parent;
      ints[parent * INT_ROW + f] = pos;
      pos = parentPos;
    }
    items[pos] = slot;
    ints[slot * INT_ROW + f] = pos;
  }

  /** Move the slot at `pos` down below every earlier child. */
  private down(pos: number): void {
    const rows = this.envs.rows;
    const ints = this.envs.ints;
    const items = this.items;
    const f = this.posField;
    const n = this.size;
    const slot = items[pos];
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(rows, items[child + 1] * ROW, items[child] * ROW)) child++;
      const c = items[child];
      if (!this.before(rows, c * ROW, slot * ROW)) break;
      items[pos] = c;
      ints[c * INT_ROW + f] = pos;
      pos = child;
    }
    items[pos] = slot;
    ints[slot * INT_ROW + f] = pos;
  }
}
