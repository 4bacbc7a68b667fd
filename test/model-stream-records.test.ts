/** A lane's record ring keeps records in order across wrap-around and growth, with and without its optional columns. */
import { describe, expect, it } from 'vitest';
import { StreamRecords } from '../src/model/stream-records.js';

describe('StreamRecords', () => {
  for (const full of [false, true]) {
    it(`hands records out oldest first across wraps and growth (key and poison columns ${full ? 'on' : 'off'})`, () => {
      const r = new StreamRecords(full, full, 4);
      let next = 0;
      let expected = 0;
      const put: number[] = [];
      const seq: number[] = [];
      const key: number[] = [];
      const poison: number[] = [];
      // Interleave pushes and takes so the head walks around the ring while it grows from 4 to 64.
      for (let round = 0; round < 40; round++) {
        for (let i = 0; i < (round % 7) + 1; i++, next++) r.push(next * 10, next, next + 1000, next % 2);
        expect(r.putAt(0)).toBe(expected * 10);
        const n = Math.min(r.size, round % 5);
        r.moveOut(n, put, seq, key, poison);
        for (let i = 0; i < n; i++, expected++) {
          expect([put[i], seq[i]]).toEqual([expected * 10, expected]);
          if (full) expect([key[i], poison[i]]).toEqual([expected + 1000, expected % 2]);
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
