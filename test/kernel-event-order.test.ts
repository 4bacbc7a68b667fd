import { describe, expect, it } from 'vitest';
import { Kernel, type EventHandler } from '../src/kernel/kernel.js';

/** Records (time, kind, a) of every event it handles: the story a test asserts. */
class Recorder implements EventHandler {
  log: [number, number, number][] = [];
  constructor(private readonly kernel: Kernel) {}
  handleEvent(kind: number, a: number): void {
    this.log.push([this.kernel.now, kind, a]);
  }
}

describe('kernel event order', () => {
  it('runs events in time order', () => {
    const k = new Kernel();
    const r = new Recorder(k);
    k.schedule(30, r, 3);
    k.schedule(10, r, 1);
    k.schedule(20, r, 2);
    k.run(100);
    expect(r.log).toEqual([
      [10, 1, 0],
      [20, 2, 0],
      [30, 3, 0],
    ]);
    expect(k.now).toBe(100);
  });

  it('breaks ties by scheduling order (FIFO at the same instant)', () => {
    const k = new Kernel();
    const r = new Recorder(k);
    for (let i = 0; i < 50; i++) k.schedule(5, r, 0, i);
    k.run(10);
    expect(r.log.map((e) => e[2])).toEqual([...Array(50).keys()]);
  });

  it('keeps FIFO ties for events scheduled from inside a handler at the current time', () => {
    const k = new Kernel();
    const seen: string[] = [];
    const h: EventHandler = {
      handleEvent(kind) {
        seen.push(`${k.now}:${kind}`);
        if (kind === 1) k.schedule(k.now, h, 3);
      },
    };
    k.schedule(7, h, 1);
    k.schedule(7, h, 2);
    k.run(100);
    expect(seen).toEqual(['7:1', '7:2', '7:3']);
  });

  it('runs events strictly before `until` and leaves later ones pending', () => {
    const k = new Kernel();
    const r = new Recorder(k);
    k.schedule(99, r, 1);
    k.schedule(100, r, 2);
    k.run(100);
    expect(r.log).toEqual([[99, 1, 0]]);
    expect(k.pending).toBe(1);
    expect(k.peekTime()).toBe(100);
  });

  it('stops after maxEvents and resumes where it left off', () => {
    const k = new Kernel();
    const r = new Recorder(k);
    for (let i = 1; i <= 10; i++) k.schedule(i, r, i);
    expect(k.run(100, 4)).toBe(false);
    expect(r.log.length).toBe(4);
    expect(k.now).toBe(4);
    expect(k.run(100)).toBe(true);
    expect(r.log.map((e) => e[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses a time in the past or a fractional time', () => {
    const k = new Kernel();
    const r = new Recorder(k);
    k.schedule(10, r, 1);
    k.run(50);
    expect(() => k.schedule(49, r, 1)).toThrow(/not an integer >= now/);
    expect(() => k.schedule(60.5, r, 1)).toThrow(/not an integer >= now/);
    // The event list's buckets cover times below 2^53 (event-queue.ts).
    expect(() => k.schedule(2 ** 53, r, 1)).toThrow(/not an integer >= now/);
    k.schedule(2 ** 53 - 1, r, 7);
    k.run(Infinity);
    expect(r.log.at(-1)).toEqual([2 ** 53 - 1, 7, 0]);
  });

  it('grows past its initial capacity and still orders 100,000 random events exactly', () => {
    const k = new Kernel();
    const r = new Recorder(k);
    // A fixed permutation-like sequence (linear congruential), no Math.random.
    let x = 12345;
    const times: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const t = x % 1_000_000;
      times.push(t);
      k.schedule(t, r, 0, i);
    }
    k.run(Infinity);
    const expected = times.map((t, i) => [t, i] as const).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    expect(r.log.map((e) => e[2])).toEqual(expected.map((e) => e[1]));
  });

  it('merges arrivals with other events by (time, scheduling order), exactly as one list would', () => {
    // Three "workloads" each keep one arrival pending and, when it fires, schedule the next one and
    // a few ends at coarse times (many ties across the two lists), some at the current instant.
    const k = new Kernel();
    const log: number[] = [];
    const expected: [number, number, number][] = [];
    let seq = 0;
    let x = 777;
    const rand = (n: number): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x >>> 16) % n;
    };
    const pending: [number, number, number][] = [];
    const end: EventHandler = { handleEvent: (_kind, id) => log.push(id) };
    const arrival: EventHandler = {
      handleEvent: (_kind) => {
        log.push(-1);
        for (let j = rand(3); j >= 0; j--) {
          const at = k.now + 10 * rand(5);
          const id = seq;
          pending.push([at, seq++, id]);
          k.schedule(at, end, 0, id);
        }
        if (k.now < 50_000) {
          const at = k.now + 10 * rand(4);
          pending.push([at, seq++, -1]);
          k.scheduleArrival(at, arrival, 1);
        }
      },
    };
    for (let w = 0; w < 3; w++) {
      pending.push([0, seq++, -1]);
      k.scheduleArrival(0, arrival, 1);
    }
    // The reference: pop the smallest (time, seq) of everything pending, one list.
    k.run(Infinity);
    for (const e of [...pending].sort((p, q) => p[0] - q[0] || p[1] - q[1])) expected.push(e);
    expect(log).toEqual(expected.map((e) => e[2]));
    expect(log.length).toBeGreaterThan(10_000);
  });
});

describe('Kernel.setStop', () => {
  it('stops the clock at each instant asked for, before the events due then, without counting as an event', () => {
    const kernel = new Kernel();
    const seen: string[] = [];
    const handler = { handleEvent: (kind: number) => seen.push(`event ${kind} at ${kernel.now}`) };
    kernel.schedule(10, handler, 1);
    kernel.schedule(25, handler, 2);
    kernel.schedule(50, handler, 3);
    kernel.setStop(10, {
      stop: (at) => {
        seen.push(`stop at ${kernel.now}`);
        return at + 10;
      },
    });
    expect(kernel.run(40)).toBe(true);
    // The stop at 30 waits for an event at or after it to run (none before 40): the stopper makes up the rest at the end.
    expect(seen).toEqual(['stop at 10', 'event 1 at 10', 'stop at 20', 'event 2 at 25']);
    expect(kernel.eventsProcessed).toBe(2);
  });
});
