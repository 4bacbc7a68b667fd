/**
 * Idle environments ordered by when they will be reclaimed (`reclaimAt`, ties by creation id).
 *
 * One heap per function and a single pending "reap" event per function replace one kernel event
 * per idle period: under steady traffic most idle environments are reused long before their
 * keep-alive expires, so scheduling (and then discarding) a kernel event for each would double the
 * event count of the run.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { Environment } from './environment.js';
import { IntrusiveHeap } from './intrusive-heap.js';

export function createReclaimHeap(): IntrusiveHeap<Environment> {
  return new IntrusiveHeap<Environment>(
    (a, b) => a.reclaimAt < b.reclaimAt || (a.reclaimAt === b.reclaimAt && a.id < b.id),
    (e) => e.reapPos,
    (e, p) => {
      e.reapPos = p;
    },
  );
}

/**
 * The reclaim heap and its one pending reaper event. The owner handles the event (`kind`) by
 * calling `reaperFired`, then `takeDue` until null, then `rearm`.
 */
export class ReclaimQueue {
  private readonly heap = createReclaimHeap();
  /** Time of the earliest pending reaper event (Infinity when none). */
  private reaperAt = Infinity;

  constructor(
    private readonly kernel: Kernel,
    private readonly owner: EventHandler,
    private readonly kind: number,
  ) {}

  /** Watch `env` until its `reclaimAt`. */
  add(env: Environment): void {
    this.heap.add(env);
    if (env.reclaimAt < this.reaperAt) this.schedule(env.reclaimAt);
  }

  /** Stop watching `env` (it was reused or removed). */
  remove(env: Environment): void {
    this.heap.remove(env);
  }

  /** The reaper event fired at `now`. */
  reaperFired(now: number): void {
    if (this.reaperAt <= now) this.reaperAt = Infinity;
  }

  /** The next environment due at `now`, no longer watched; null when none is due. */
  takeDue(now: number): Environment | null {
    const env = this.heap.peek();
    if (env === null || env.reclaimAt > now) return null;
    this.heap.remove(env);
    return env;
  }

  /** After reaping: wake the owner for the next environment due, unless an earlier wake-up is pending. */
  rearm(): void {
    const next = this.heap.peek();
    if (next !== null && next.reclaimAt < this.reaperAt) this.schedule(next.reclaimAt);
  }

  private schedule(at: number): void {
    this.reaperAt = at;
    this.kernel.schedule(at, this.owner, this.kind);
  }
}
