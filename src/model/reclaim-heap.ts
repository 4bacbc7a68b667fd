/**
 * Idle environments ordered by when they will be reclaimed (`reclaimAt`, ties by creation id).
 *
 * One heap per function and a single pending "reap" event per function replace one kernel event
 * per idle period: under steady traffic most idle environments are reused long before their
 * keep-alive expires, so scheduling (and then discarding) a kernel event for each would double the
 * event count of the run.
 */
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
