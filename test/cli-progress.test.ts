import { describe, expect, it } from 'vitest';
import { Progress, REDRAW_EVERY_MS, SHOW_AFTER_MS } from '../src/cli/progress.js';

function setup(enabled: boolean) {
  let now = 1_000_000;
  const out: string[] = [];
  const p = new Progress({ enabled, write: (t) => out.push(t), now: () => now, simulatedUs: 3600e6 });
  return { p, out, tick: (ms: number) => (now += ms) };
}

describe('progress bar', () => {
  it('stays silent for the first two seconds', () => {
    const { p, out, tick } = setup(true);
    tick(SHOW_AFTER_MS - 1);
    p.update(0.5, 1000);
    p.done();
    expect(out).toEqual([]);
  });

  it('draws in place after two seconds, at most every 200 ms, and erases itself', () => {
    const { p, out, tick } = setup(true);
    tick(SHOW_AFTER_MS);
    p.update(0.25, 4_000_000);
    expect(out).toEqual(['\r\x1b[2K[########----------------------]  25%  15m of 1h  2.0M events/s  6s left']);
    tick(REDRAW_EVERY_MS - 1);
    p.update(0.3, 5_000_000);
    expect(out.length).toBe(1);
    tick(1);
    p.update(0.5, 6_000_000);
    expect(out.length).toBe(2);
    expect(out[1]).toContain(' 50%  30m of 1h');
    p.done();
    expect(out[2]).toBe('\r\x1b[2K');
  });

  it('never writes anything when stderr is not a terminal', () => {
    const { p, out, tick } = setup(false);
    tick(60_000);
    p.update(0.9, 1);
    p.done();
    expect(out).toEqual([]);
  });
});
