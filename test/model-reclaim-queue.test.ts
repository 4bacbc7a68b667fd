// The reclaim queue is lazy (reclaim-heap.ts): reuse leaves the heap entry behind. These tests drive
// it with random idle/reuse/free traffic through a real kernel and check it against the eager rule
// it replaces: at each reaper firing, exactly the watched environments whose reclaimAt has come are
// handed out, ordered by (reclaimAt, creation id), and none is ever handed out late.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Kernel, type EventHandler } from '../src/kernel/kernel.js';
import { Field, ROW } from '../src/model/environment.js';
import { Environments } from '../src/model/environments.js';
import { ReclaimQueue } from '../src/model/reclaim-heap.js';

const REAP = 1;
const TRAFFIC = 2;

interface Handout {
  at: number;
  slot: number;
  id: number;
}

/** Random traffic over `steps` events; returns what the queue handed out and what the eager rule expects. */
function drive(seed: string, steps: number, keepAliveSpread: number) {
  const rng = seedrandom.alea(seed);
  const kernel = new Kernel();
  const envs = new Environments(Number.MAX_SAFE_INTEGER);
  // The eager reference: reclaimAt of every watched slot.
  const watched = new Map<number, number>();
  const busy: number[] = [];
  const got: Handout[] = [];
  const expected: Handout[] = [];
  let late = 0;
  let left = steps;
  const owner: EventHandler = {
    handleEvent(kind) {
      const now = kernel.now;
      if (kind === REAP) {
        queue.reaperFired(now);
        const due = [...watched].filter(([, at]) => at <= now).map(([slot, at]) => ({ slot, at, id: envs.rows[slot * ROW + Field.Id] }));
        due.sort((a, b) => a.at - b.at || a.id - b.id);
        for (const d of due) {
          if (d.at < now) late++;
          expected.push({ at: now, slot: d.slot, id: d.id });
        }
        for (let slot = queue.takeDue(now); slot >= 0; slot = queue.takeDue(now)) {
          got.push({ at: now, slot, id: envs.rows[slot * ROW + Field.Id] });
          watched.delete(slot);
          envs.reclaim(slot, now);
        }
        queue.rearm();
        return;
      }
      // Traffic: reuse an idle environment, free or idle a busy one, or create one.
      const r = rng();
      if (r < 0.35 && watched.size > 0) {
        const slots = [...watched.keys()];
        const slot = slots[Math.floor(rng() * slots.length)];
        watched.delete(slot);
        queue.remove(slot);
        busy.push(slot);
      } else if (r < 0.75 && busy.length > 0) {
        const slot = busy.splice(Math.floor(rng() * busy.length), 1)[0];
        if (rng() < 0.05) {
          envs.discard(slot, now);
        } else if (rng() < 0.05) {
          envs.recycle(slot, now);
          busy.push(slot);
        } else {
          // Ties on purpose: keep-alives on a coarse grid.
          const at = now + 1 + Math.floor(rng() * keepAliveSpread) * 10;
          envs.rows[slot * ROW + Field.ReclaimAt] = at;
          watched.set(slot, at);
          queue.add(slot);
        }
      } else {
        busy.push(envs.create(now, false));
      }
      if (--left > 0) kernel.schedule(now + Math.floor(rng() * 20), owner, TRAFFIC);
    },
  };
  const queue = new ReclaimQueue(envs, kernel, owner, REAP);
  kernel.schedule(0, owner, TRAFFIC);
  kernel.run(Infinity);
  return { got, expected, late, watchedLeft: watched.size };
}

describe('the lazy reclaim queue', () => {
  it.each([
    ['a', 4],
    ['b', 40],
    ['c', 400],
    ['d', 1],
  ])('hands out what the eager rule would, in its order, never late (seed %s, keep-alive spread %i)', (seed, spread) => {
    const { got, expected, late, watchedLeft } = drive(seed, 30_000, spread);
    expect(late).toBe(0);
    expect(got.length).toBeGreaterThan(500);
    expect(got).toEqual(expected);
    // The run goes on until every watched environment was reclaimed.
    expect(watchedLeft).toBe(0);
  });
});
