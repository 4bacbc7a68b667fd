import { describe, expect, it } from 'vitest';
import { Kernel, type EventHandler } from '../src/kernel/kernel.js';

/**
 * The kernel's two lists (arrivals and the rest) against one sorted reference list, with enough
 * pending events for the big list to work in bucket mode (event-queue.ts) and handlers that
 * schedule events before its head, at `now`, and far ahead, past 2^32 us.
 */
describe('kernel order with thousands of pending events', () => {
  it('handles events in exactly (time, scheduling order) through both lists', () => {
    let s = 12345;
    const rand = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    const k = new Kernel();
    // Reference: [time, seq, id], kept sorted by (time, seq).
    const ref: [number, number, number][] = [];
    let seq = 0;
    let nextId = 0;
    const add = (time: number, arrival: boolean): void => {
      const id = nextId++;
      const entry: [number, number, number] = [time, seq++, id];
      // The newest seq: after every entry at or before its time.
      let lo = 0;
      let hi = ref.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ref[mid][0] <= time) lo = mid + 1;
        else hi = mid;
      }
      ref.splice(lo, 0, entry);
      if (arrival) k.scheduleArrival(time, handler, id);
      else k.schedule(time, handler, 0, id);
    };
    let handled = 0;
    let most = 0;
    let leastAfterMost = Infinity;
    const handler: EventHandler = {
      handleEvent(kind: number, a: number): void {
        const id = kind === 0 ? a : kind;
        const want = ref.shift()!;
        if (k.now !== want[0] || id !== want[2]) throw new Error(`event ${handled}: (${k.now}, #${id}), expected (${want[0]}, #${want[2]})`);
        handled++;
        if (kind !== 0) add(k.now + Math.floor(rand() * 2000), true);
        // Phases grow the list past the bucket threshold and shrink it back.
        const growing = Math.floor(handled / 20_000) % 2 === 0;
        const n = growing ? (rand() < 0.6 ? 2 : rand() < 0.5 ? 1 : 0) : rand() < 0.05 ? 1 : 0;
        if (k.pending > most) most = k.pending;
        if (most > 6000 && k.pending < leastAfterMost) leastAfterMost = k.pending;
        for (let i = 0; i < n; i++) {
          const u = rand();
          const offset = u < 0.2 ? 0 : u < 0.5 ? Math.floor(rand() * 50) : u < 0.996 ? Math.floor(rand() * 1e6) : Math.floor(rand() * 2 ** 34);
          add(k.now + offset, false);
        }
      },
    };
    for (let i = 0; i < 3000; i++) add(Math.floor(rand() * 1e6), false);
    add(5, true);
    k.run(Infinity, 150_000);
    expect(handled).toBe(150_000);
    expect(k.pending).toBe(ref.length);
    // It went well past the bucket mode's threshold (4096) and back below the heap's (1024).
    expect([most > 8000, leastAfterMost < 1000]).toEqual([true, true]);
  });
});
