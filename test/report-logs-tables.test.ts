import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatInvocationLog, logTimestamp, RequestIds } from '../src/report/logs.js';

// Request ids and timestamps are built from tables and a per-second cache (for speed); these pin
// them to what toString(16) and Date.toISOString gave before, so logs stay byte-identical.
describe('log lines built from tables', () => {
  it('give the same request ids as before, including sequence numbers past 2^32', () => {
    const ids = new RequestIds(42, 'api');
    const hash = createHash('sha256');
    for (let s = 0; s < 100_000; s++) hash.update(`${ids.id(s * 40503 + (s % 7) * 2 ** 33)}\n`);
    // Computed with the toString(16)-based ids of commit c1f5f2a (before the tables).
    expect(hash.digest('hex')).toBe('d41da0610591560d8c0a563bd186b2d2f271c3337b7d89ea9bf58bc22552dd47');
    const other = new RequestIds(7, 'checkout');
    expect([other.id(0), other.id(2 ** 32 + 5)]).toEqual(['7480cbae-78d9-457a-8cb5-823c42ad10d5', '0a5726b2-0f9a-44b4-a319-a406fffb3489']);
  });

  it("stamp every line with Date.toISOString's text, across seconds, days and years, in any order", () => {
    const times: number[] = [];
    for (let us = 0; us < 5e6; us += 999_937) times.push(us, us + 999, us + 1000);
    for (const second of [59, 3599, 86_399, 31_535_999, 253_402_300_799]) times.push(second * 1e6 + 999_999, (second + 1) * 1e6);
    times.push(12_345, 7e6, 3e6, 3e6 + 999_999); // backwards too: the cache only speeds up forward runs
    for (const t of times) {
      const text = formatInvocationLog({ requestId: 'x', startUs: t, endUs: t + 1, durationUs: 1, initUs: 0, billedMs: 1, memorySize: 128, maxMemoryUsed: 74 });
      const [start, , end] = text.split('\n').map((line) => line.split(' ')[0]);
      expect([t, start, end]).toEqual([t, logTimestamp(t), logTimestamp(t + 1)]);
    }
  });
});
