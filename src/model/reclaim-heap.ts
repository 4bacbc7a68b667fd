/**
 * Idle environments ordered by when they will be reclaimed (`reclaimAt`, ties by creation id).
 *
 * One heap per function and a single pending "reap" event per function replace one kernel event
 * per idle period: under steady traffic most idle environments are reused long before their
 * keep-alive expires, so scheduling (and then discarding) a kernel event for each would double the
 * event count of the run.
 *
 * The heap is lazy. Reusing an idle environment only clears its Flag.Watched bit; its entry stays
 * in the heap under the key it had (`Field.ReapKey`). When it goes idle again its new reclaimAt is
 * later than that key in the usual case, and nothing moves; only a reclaimAt earlier than the key
 * moves the entry up. So a key is never later than the environment's reclaimAt while it is watched,
 * and the reaper, due at the smallest key, is never late: when it fires it drops entries that are
 * no longer watched, files again those whose reclaimAt moved on, and hands out the rest. Under
 * steady traffic an environment's entry moves about once per keep-alive instead of twice per
 * invocation (a removal at reuse and an insertion at the end, each touching other environments'
 * rows: cache misses with 100k environments).
 *
 * The order in which environments are handed out is the old eager heap's: every entry whose key is
 * below the firing time was handled at an earlier firing, so at a firing at t the due environments
 * all have reclaimAt = key = t and come out by creation id.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import { Field, Flag, INT_ROW, IntField, ROW } from './environment.js';
import type { Environments } from './environments.js';
import { IntrusiveHeap } from './intrusive-heap.js';

/** By key, ties by creation id (rows at offsets `a` and `b`). */
function reclaimedFirst(rows: Float64Array, a: number, b: number): boolean {
  const ta = rows[a + Field.ReapKey];
  const tb = rows[b + Field.ReapKey];
  return ta < tb || (ta === tb && rows[a + Field.Id] < rows[b + Field.Id]);
}

/**
 * The reclaim heap and its one pending reaper event. The owner handles the event (`kind`) by
 * calling `reaperFired`, then `takeDue` until -1, then `rearm`.
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
    // A slot that is freed or renewed must leave the heap first: its entry would name another environment.
    envs.onRelease = this;
  }

  /** Watch environment `slot` (idle now) until its reclaimAt (`Field.ReclaimAt`, set by the caller). */
  add(slot: number): void {
    const envs = this.envs;
    const rows = envs.rows;
    const o = slot * ROW;
    const i = slot * INT_ROW;
    envs.ints[i + IntField.Flags] |= Flag.Watched;
    const at = rows[o + Field.ReclaimAt];
    if (envs.ints[i + IntField.ReapPos] < 0) {
      rows[o + Field.ReapKey] = at;
      this.heap.add(slot);
    } else if (at < rows[o + Field.ReapKey]) {
      rows[o + Field.ReapKey] = at;
      this.heap.moveUp(slot);
    } else {
      return;
    }
    if (at < this.reaperAt) this.schedule(at);
  }

  /** Stop watching environment `slot` (it was reused); its entry is dropped when the reaper meets it. */
  remove(slot: number): void {
    this.envs.ints[slot * INT_ROW + IntField.Flags] &= ~Flag.Watched;
  }

  /** Slot `slot` is being freed or renewed: take its entry out of the heap now. */
  release(slot: number): void {
    const ints = this.envs.ints;
    ints[slot * INT_ROW + IntField.Flags] &= ~Flag.Watched;
    if (ints[slot * INT_ROW + IntField.ReapPos] >= 0) this.heap.remove(slot);
  }

  /** The reaper event fired at `now`. */
  reaperFired(now: number): void {
    if (this.reaperAt <= now) this.reaperAt = Infinity;
  }

  /** The slot of the next environment due at `now`, no longer watched; -1 when none is due. */
  takeDue(now: number): number {
    const heap = this.heap;
    const rows = this.envs.rows;
    const ints = this.envs.ints;
    for (;;) {
      const slot = heap.peek();
      if (slot < 0 || rows[slot * ROW + Field.ReapKey] > now) return -1;
      heap.remove(slot);
      const i = slot * INT_ROW;
      // Reused since it was filed: forget it until it goes idle again.
      if ((ints[i + IntField.Flags] & Flag.Watched) === 0) continue;
      const at = rows[slot * ROW + Field.ReclaimAt];
      if (at > now) {
        // Reused and idle again since: file it under its current reclaimAt.
        rows[slot * ROW + Field.ReapKey] = at;
        heap.add(slot);
        continue;
      }
      ints[i + IntField.Flags] &= ~Flag.Watched;
      return slot;
    }
  }

  /** After reaping: wake the owner for the next key due, unless an earlier wake-up is pending. */
  rearm(): void {
    const next = this.heap.peek();
    if (next < 0) return;
    const at = this.envs.rows[next * ROW + Field.ReapKey];
    if (at < this.reaperAt) this.schedule(at);
  }

  private schedule(at: number): void {
    this.reaperAt = at;
    this.kernel.schedule(at, this.owner, this.kind);
  }
}
