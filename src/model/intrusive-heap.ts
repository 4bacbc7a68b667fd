/**
 * A binary min-heap that stores each item's position in the item itself, so any item can be
 * removed in O(log n) without a Map. Used for idle pools ordered by creation and for the
 * reclaim schedule.
 */
export class IntrusiveHeap<T> {
  private items: T[] = [];

  /**
   * @param before  strict order: true when `a` must come out before `b`
   * @param getPos  reads the item's stored position
   * @param setPos  stores the item's position (-1 when it leaves the heap)
   */
  constructor(
    private readonly before: (a: T, b: T) => boolean,
    private readonly getPos: (item: T) => number,
    private readonly setPos: (item: T, pos: number) => void,
  ) {}

  get size(): number {
    return this.items.length;
  }

  /** The first item, or null when empty. */
  peek(): T | null {
    return this.items.length === 0 ? null : this.items[0];
  }

  add(item: T): void {
    this.items.push(item);
    this.up(this.items.length - 1);
  }

  /** Remove and return the first item, or null. */
  pop(): T | null {
    if (this.items.length === 0) return null;
    const top = this.items[0];
    this.remove(top);
    return top;
  }

  remove(item: T): void {
    const items = this.items;
    const pos = this.getPos(item);
    const last = items.pop()!;
    this.setPos(item, -1);
    if (last === item) return;
    items[pos] = last;
    this.setPos(last, pos);
    this.up(pos);
    this.down(this.getPos(last));
  }

  private up(pos: number): void {
    const items = this.items;
    const item = items[pos];
    while (pos > 0) {
      const parentPos = (pos - 1) >> 1;
      const parent = items[parentPos];
      if (!this.before(item, parent)) break;
      items[pos] = parent;
      this.setPos(parent, pos);
      pos = parentPos;
    }
    items[pos] = item;
    this.setPos(item, pos);
  }

  private down(pos: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[pos];
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(items[child + 1], items[child])) child++;
      if (!this.before(items[child], item)) break;
      items[pos] = items[child];
      this.setPos(items[pos], pos);
      pos = child;
    }
    items[pos] = item;
    this.setPos(item, pos);
  }
}
