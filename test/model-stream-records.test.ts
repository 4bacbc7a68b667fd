/**
 * A lane's record ring keeps records in order across wrap-around and growth, with and without its
 * optional columns, and records handed out stay readable by position until released.
 */
import { describe, expect, it } from 'vitest';
import { StreamRecords } from '../src/model/stream-records.js';

describe('StreamRecords', () => {
  for (const full of [false, true]) {
    it(`hands records out oldest first across wraps and growth (key and poison columns ${full ? 'on' : 'off'})`, () => {
      const r = new StreamRecords(full, full, 4);
      let next = 0;
      let expected = 0;
      /** Runs handed out and not released yet: [first position, count, first record number]. */
      const held: [number, number, number][] = [];
      const check = (p: number, record: number): void => {
        expect([r.putOf(p), r.seqOf(p)]).toEqual([record * 10, record]);
        if (full) expect([r.keyOf(p), r.poisonOf(p)]).toEqual([record + 1000, record % 2]);
      };
      // Interleave pushes, takes and releases so positions walk around the ring while it grows
      // from 4 to 64 with up to three runs held (as ordering: shard's batches are).
      for (let round = 0; round < 60; round++) {
        for (let i = 0; i < (round % 7) + 1; i++, next++) r.push(next * 10, next, next + 1000, next % 2);
        expect(r.putAt(0)).toBe(expected * 10);
        const n = Math.min(r.size, round % 5);
        if (n > 0) {
          held.push([r.take(n), n, expected]);
          expected += n;
        }
        // Every held record still reads back, whatever grew since.
        for (const [from, count, record] of held) for (let i = 0; i < count; i++) check(from + i, record + i);
        if (held.length > 2 || (held.length > 0 && round % 4 === 0)) {
          held.shift();
          r.release(held.length > 0 ? held[0][0] : r.head);
        }
        if (r.size > 0 && round % 3 === 0) {
          r.shift();
          expected++;
        }
      }
      expect(r.size).toBe(next - expected);
      for (let i = 0; i < r.size; i++) expect(r.putAt(i)).toBe((expected + i) * 10);
    });
  }
});
