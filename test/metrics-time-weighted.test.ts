import { describe, expect, it } from 'vitest';
import { LevelSum, TimeWeighted } from '../src/metrics/time-weighted.js';

describe('TimeWeighted', () => {
  it('integrates a step function exactly (hand-computed area)', () => {
    const tw = new TimeWeighted();
    tw.set(10, 2); // 0 over [0, 10)   -> 0
    tw.set(30, 5); // 2 over [10, 30)  -> 40
    tw.add(40, -5); // 5 over [30, 40) -> 50
    // 0 over [40, 50) -> 0; area 90 over 50 us.
    expect(tw.value).toBe(0);
    expect(tw.max).toBe(5);
    expect(tw.mean(50)).toBe(90 / 50);
  });

  it('averages over [start, until] when the window does not start at 0', () => {
    const tw = new TimeWeighted(100);
    tw.add(150, 1);
    // 0 over [100, 150), 1 over [150, 200): area 50 over 100 us.
    expect(tw.mean(200)).toBe(0.5);
  });

  it("obeys Little's law: arrivals every 10 us lasting 25 us give mean 2.5", () => {
    // L = lambda W = (1 / 10 us) * 25 us = 2.5. In steady state the count alternates 3 for 5 us
    // and 2 for 5 us in every 10 us period. The window [100, 1100] starts after the ramp-up,
    // holds exactly 100 periods, and changes before 100 are applied at 100 (zero width).
    const events: Array<[number, number]> = [];
    for (let t = 0; t <= 1100; t += 10) {
      events.push([t, +1], [t + 25, -1]);
    }
    events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const start = 100;
    const until = 1100;
    const tw = new TimeWeighted(start);
    for (const [t, delta] of events) {
      if (t > until) break;
      tw.add(Math.max(t, start), delta);
    }
    expect(tw.mean(until)).toBe(2.5);
    expect(tw.max).toBe(3);
  });

  it('with the ramp-up included the mean is 2.5 - 2/N (hand-computed)', () => {
    // N arrivals at 0, 10, ..., 10 (N - 1), window [0, 10 N]: 1 over [0, 10), 2 over [10, 20),
    // then 25 per 10 us period for N - 2 periods: area 30 + 25 (N - 2).
    const n = 40;
    const tw = new TimeWeighted();
    const events: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) events.push([10 * i, +1], [10 * i + 25, -1]);
    events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (const [t, delta] of events) if (t <= 10 * n) tw.add(t, delta);
    expect(tw.mean(10 * n)).toBe((30 + 25 * (n - 2)) / (10 * n));
  });

  it('changes at the same instant add no area but count for max', () => {
    const tw = new TimeWeighted();
    tw.set(10, 5);
    tw.set(10, 1);
    expect(tw.max).toBe(5);
    expect(tw.mean(20)).toBe(10 / 20);
  });

  it('mean can be read mid-run without changing what follows', () => {
    const tw = new TimeWeighted();
    tw.set(0, 4);
    expect(tw.mean(10)).toBe(4);
    tw.set(20, 0);
    expect(tw.mean(40)).toBe(80 / 40);
  });

  it('an empty window returns the current value; a fresh one is 0', () => {
    expect(new TimeWeighted(5).mean(5)).toBe(0);
    const tw = new TimeWeighted(5);
    tw.set(5, 3);
    expect(tw.mean(5)).toBe(3);
    expect(new TimeWeighted().max).toBe(0);
  });

  it('rejects time going backwards', () => {
    const tw = new TimeWeighted();
    tw.set(10, 1);
    expect(() => tw.set(9, 2)).toThrow(/time went backwards \(9 < 10\)/);
    expect(() => tw.mean(9)).toThrow(/before the last change/);
    expect(() => new TimeWeighted(Number.NaN)).toThrow(/startUs must be finite/);
  });
});

describe('TimeWeighted window peaks and LevelSum', () => {
  it('keeps the peak since the window opened, and the sum of its parts at one instant', () => {
    const a = new TimeWeighted();
    const b = new TimeWeighted();
    const sum = new LevelSum();
    a.addTo(sum);
    b.addTo(sum);
    a.add(1, 3);
    b.add(2, 2);
    a.add(3, -3);
    expect([a.windowPeak, b.windowPeak, sum.windowPeak, sum.value]).toEqual([3, 2, 5, 2]);
    a.openWindow();
    b.openWindow();
    sum.openWindow();
    b.add(4, 1);
    expect([a.windowPeak, b.windowPeak, sum.windowPeak]).toEqual([0, 3, 3]);
  });
});
