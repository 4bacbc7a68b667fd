/**
 * Idle environments ordered by when they will be reclaimed (`reclaimAt`, ties by creation id).
 *
 * One heap per function and a single pending "reap" event per function replace one kernel event
 * per idle period: under steady traffic most idle environments are reused long before their
 * keep-alive expires, so scheduling (and then discarding) a kernel event for each would double the
 * event count of the run.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import { Field, IntField, ROW } from './environment.js';
import type { Environments } from './environments.js';
import { IntrusiveHeap } from './intrusive-heap.js';

/** By reclaimAt, ties by creation id (rows at offsets `a` and `b`). */
function reclaimedFirst(rows: Float64Array, a: number, b: number): boolean {
  const ta = rows[a + Field.ReclaimAt];
  const tb = rows[b + Field.ReclaimAt];
  return ta < tb || (ta === tb && rows[a + Field.Id] < rows[b + Field.Id]);
}

/**
 * The reclaim heap and its one pending reaper event. The owner handles the event (`kind`) by
 * calling `reaperFired`, then `takeDue` until null, then `rearm`.
 */
export class ReclaimQueue {
  private readonly heap: IntrusiveHeap;
  /** Time of the earliest pending reaper event (Infinity when none). */
  private reaperAt = Infinity;

  constructor(
    private readonly envs: Environments,
    private readonly kernel: Kernel,
    private readonly owner: EventHandler,
    private readonly kind: number,
  ) {
    this.heap = new IntrusiveHeap(envs, IntField.ReapPos, reclaimedFirst);
  }

  private reclaimAt(slot: number): number {
    return this.envs.rows[slot * ROW + Field.ReclaimAt];
  }

  /** Watch environment `slot` until its reclaimAt. */
  add(slot: number): void {
    this.heap.add(slot);
    const at = this.reclaimAt(slot);
    if (at < this.reaperAt) this.schedule(at);
  }

  /** Stop watching environment `slot` (it was reused or removed). */
  remove(slot: number): void {
    this.heap.remove(slot);
  }

  /** The reaper event fired at `now`. */
  reaperFired(now: number): void {
    if (this.reaperAt <= now) this.reaperAt = Infinity;
  }

  /** The slot of the next environment due at `now`, no longer watched; -1 when none is due. */
  takeDue(now: number): number {
    const slot = this.heap.peek();
    if (slot < 0 || this.reclaimAt(slot) > now) return -1;
    this.heap.remove(slot);
    return slot;
  }

  /** After reaping: wake the owner for the next environment due, unless an earlier wake-up is pending. */
  rearm(): void {
    const next = this.heap.peek();
    if (next >= 0 && this.reclaimAt(next) < this.reaperAt) this.schedule(this.reclaimAt(next));
  }

  private schedule(at: number): void {
    this.reaperAt = at;
    this.kernel.schedule(at, this.owner, this.kind);
  }
}
