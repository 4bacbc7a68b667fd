/** The visible messages of a standard queue: one ring buffer, handed out front first (sqs-store.ts). */
import { Deque } from './esm-deque.js';
import type { MessageStore, SqsBatch } from './sqs-store.js';

/** Columns of a visible message. */
const SENT_AT = 0;
const RECEIVES = 1;
const POISON = 2;
const ID = 3;

export class StandardStore implements MessageStore {
  readonly stopsAtFirstFailure = false;
  private readonly visible = new Deque(4);

  get size(): number {
    return this.visible.size;
  }

  hasReady(): boolean {
    return this.visible.size > 0;
  }

  frontSentAt(): number {
    return this.visible.get(0, SENT_AT);
  }

  groupFor(): number {
    return 0;
  }

  pushBack(sentAt: number, poison: number, _group: number, id: number): void {
    this.visible.pushBack(sentAt, 0, poison, id);
  }

  receive(b: SqsBatch, max: number): void {
    const q = this.visible;
    const n = Math.min(q.size, max);
    for (let i = 0; i < n; i++) {
      b.sentAt[i] = q.get(0, SENT_AT);
      b.receiveCount[i] = q.get(0, RECEIVES) + 1;
      b.poison[i] = q.get(0, POISON);
      b.group[i] = 0;
      b.id[i] = q.get(0, ID);
      q.popFront();
    }
    b.size = n;
  }

  settle(): void {}

  returnFront(b: SqsBatch): number {
    let back = 0;
    for (let i = b.size - 1; i >= 0; i--) {
      if (b.receiveCount[i] < 0) continue;
      this.visible.pushFront(b.sentAt[i], b.receiveCount[i], b.poison[i], b.id[i]);
      back++;
    }
    return back;
  }

  oldestVisible(): number {
    let oldest = Infinity;
    for (let i = 0; i < this.visible.size; i++) oldest = Math.min(oldest, this.visible.get(i, SENT_AT));
    return oldest;
  }
}
