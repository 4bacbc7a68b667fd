import { describe, expect, it } from 'vitest';
import type { EventHandler } from '../src/kernel/kernel.js';
import { EventQueue } from '../src/kernel/event-queue.js';

/** mulberry32: a small seeded generator, so a failure replays. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const handlers: EventHandler[] = [0, 1, 2].map(() => ({ handleEvent() {} }));

interface Ref {
  time: number;
  seq: number;
  kind: number;
  handler: number;
}

/** Index where (time, seq) goes in the sorted reference. */
function insertAt(ref: Ref[], time: number, seq: number): number {
  let lo = 0;
  let hi = ref.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = ref[mid];
    if (r.time < time || (r.time === time && r.seq < seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Random pushes and pops against a sorted array, the way the kernel drives the queue: the clock is
 * the last popped time (or later, as arrivals move it), pushes are at or after it and may land
 * before the current head; seq grows with every push. `offset` picks the spread of times.
 */
function compare(seed: number, ops: number, start: number, seqStart: number, offset: (r: () => number) => number, maxPending: number): void {
  const r = rng(seed);
  const q = new EventQueue();
  const ref: Ref[] = [];
  let now = start;
  let seq = seqStart;
  let wasSpread = false;
  let switches = 0;
  for (let i = 0; i < ops; i++) {
    // Phases of growth and shrinking, so the queue moves between its heap and bucket modes.
    const pushing = ref.length === 0 || (ref.length < maxPending && r() < (Math.floor(i / 15_000) % 2 === 0 ? 0.7 : 0.3));
    if (pushing) {
      // Sometimes the clock moves on without a pop, as an arrival on the other list moves it.
      if (r() < 0.1 && ref.length > 0) now += Math.floor(r() * (ref[0].time - now + 1));
      const time = Math.min(now + offset(r), Number.MAX_SAFE_INTEGER);
      const kind = i % 1000;
      q.incoming[0] = time;
      q.incoming[1] = seq;
      q.push(handlers[i % 3], kind, time / 7, -seq);
      ref.splice(insertAt(ref, time, seq), 0, { time, seq, kind, handler: i % 3 });
      seq++;
    } else {
      const want = ref.shift()!;
      if (q.head[0] !== want.time || q.head[1] !== want.seq) {
        throw new Error(`op ${i}: head (${q.head[0]}, ${q.head[1]}), expected (${want.time}, ${want.seq})`);
      }
      // Checked by hand: expect() per operation would take minutes.
      const at = q.headAt;
      const ent = q.headEnt;
      if (ent[at + 2] !== want.kind || ent[at + 3] !== want.time / 7 || ent[at + 4] !== -want.seq || q.handlerList[ent[at + 5]] !== handlers[want.handler]) {
        throw new Error(`op ${i}: wrong payload for (${want.time}, ${want.seq})`);
      }
      q.popTop();
      now = want.time;
    }
    if (q.size !== ref.length) throw new Error(`op ${i}: size ${q.size}, expected ${ref.length}`);
    const spread = (q as unknown as { spread: boolean }).spread;
    if (spread !== wasSpread) switches++;
    wasSpread = spread;
  }
  // Both modes and the moves between them were exercised when the queue grew big enough.
  if (maxPending > 5000) expect(switches).toBeGreaterThanOrEqual(4);
  while (ref.length > 0) {
    const want = ref.shift()!;
    expect([q.head[0], q.head[1]]).toEqual([want.time, want.seq]);
    q.popTop();
  }
  expect(q.size).toBe(0);
  expect(q.head[0]).toBe(Infinity);
}

describe('event queue (radix heap) against a sorted array', () => {
  const manyTies = (r: () => number) => Math.floor(r() * 4);
  const spread = (r: () => number) => Math.floor(r() * 300_000);
  const mixed = (r: () => number) => {
    const u = r();
    if (u < 0.3) return 0;
    if (u < 0.6) return Math.floor(r() * 1000);
    if (u < 0.9) return Math.floor(r() * 2 ** 26);
    return Math.floor(r() * 2 ** 45);
  };
  const cases: [string, number, number, (r: () => number) => number, number][] = [
    ['many equal times', 0, 0, manyTies, 500],
    ['many equal times, thousands pending', 0, 0, manyTies, 6000],
    ['spread times', 0, 0, spread, 6000],
    ['times across 2^31 and 2^32', 2 ** 31 - 50_000, 2 ** 31 - 200_000, spread, 6000],
    ['times past 2^40, mixed spreads', 2 ** 40 - 3, 0, mixed, 6000],
    ['times near 2^52', 2 ** 52 - 2 ** 30, 2 ** 40, mixed, 6000],
    ['a few pending', 12_345, 0, mixed, 3],
  ];
  for (const [name, start, seqStart, offset, maxPending] of cases) {
    it(name, () => {
      for (let seed = 1; seed <= 4; seed++) compare(seed, 100_000, start, seqStart, offset, maxPending);
    });
  }

  it('keeps seq order among equal times through every bucket move', () => {
    const q = new EventQueue();
    // 5000 events at each of a few far times, interleaved by seq, then popped.
    const times = [2 ** 33 + 5, 2 ** 20, 2 ** 33 + 4, 77, 2 ** 33 + 256];
    for (let i = 0; i < 25_000; i++) {
      q.incoming[0] = times[i % 5];
      q.incoming[1] = i;
      q.push(handlers[0], 0, i, 0);
    }
    const sorted = [...times].sort((x, y) => x - y);
    for (const t of sorted) {
      const k = times.indexOf(t);
      for (let j = k; j < 25_000; j += 5) {
        expect([q.head[0], q.head[1], q.headEnt[q.headAt + 3]]).toEqual([t, j, j]);
        q.popTop();
      }
    }
    expect(q.size).toBe(0);
  });

  it('allocates no more storage for the same number of pending events', () => {
    const q = new EventQueue();
    const capacity = (): number => (q as unknown as { blockCapacity: number }).blockCapacity;
    const r = rng(9);
    let now = 0;
    let seq = 0;
    const round = () => {
      for (let i = 0; i < 20_000; i++) {
        q.incoming[0] = now + Math.floor(r() * 2 ** 24);
        q.incoming[1] = seq++;
        q.push(handlers[0], 0, 0, 0);
      }
      for (let i = 0; i < 200_000; i++) {
        now = q.head[0];
        q.popTop();
        q.incoming[0] = now + Math.floor(r() * 2 ** 24);
        q.incoming[1] = seq++;
        q.push(handlers[0], 0, 0, 0);
      }
      while (q.size > 0) {
        now = q.head[0];
        q.popTop();
      }
    };
    round();
    const blocks = capacity();
    round();
    round();
    expect(capacity()).toBe(blocks);
    // Bounded by the pending events: 20,000 entries fill 625 blocks, plus some part-filled ones.
    expect(blocks).toBeLessThanOrEqual(4096);
  });
});
