/**
 * Downstream dependencies (src/model/dependency-*.ts): a database's connection pool against Erlang B
 * (a loss system: Poisson arrivals, exponential holds, c connections, refused when none is free),
 * FIFO order of waiters and the acquire timeout against hand-derived times, conservation, and a
 * table's token bucket counted exactly. conserved() (helpers/simulate.ts) checks acquired +
 * heldAtStart = released + heldAtEnd and calls = admitted + throttled after every run.
 */
import { describe, expect, it } from 'vitest';
import { Simulation, simulate } from './helpers/simulate.js';
import { erlangB, fn, MS, S, scenario, sync } from './helpers/model-input.js';
import type { DependencyInput, DependencyUseInput, FunctionInput, SimulationInput, WorkloadInput } from '../src/model/input.js';
import type { DatabaseResults, Results, TableResults } from '../src/model/results.js';
import type { InvocationEnd, InvocationObserver } from '../src/model/observer.js';

const use = (over: Partial<DependencyUseInput> = {}): DependencyUseInput => ({ dependency: 'db', hold: 1, onExhausted: 'wait', calls: 1, onThrottled: 'error', ...over });

function withDeps(f: FunctionInput, deps: Record<string, DependencyInput>, workloads: WorkloadInput[], duration: number): SimulationInput {
  return scenario({ duration, functions: { f }, workloads, dependencies: deps });
}

/** One call at `at` (a window of 1 us at a rate of 1/us). */
const oneCall = (name: string, at: number): WorkloadInput => ({ name, function: 'f', invocation: 'sync', start: at, end: at + 1, arrivals: { process: 'constant', rate: 1_000_000 } });

/** Keeps (requestAt, endAt, durationUs, isError) of every invocation. */
class Ends implements InvocationObserver {
  readonly rows: [number, number, number, boolean][] = [];
  request(): void {}
  throttle(): void {}
  start(): void {}
  finish(): void {}
  end(r: InvocationEnd): void {
    this.rows.push([r.requestAt, r.endAt, r.durationUs, r.isError]);
  }
}

/** Run `input`, keeping every invocation's (requestAt, endAt, durationUs, isError). */
function runWithEnds(input: SimulationInput): { r: Results; rows: Ends['rows'] } {
  const ends = new Ends();
  const r = new Simulation(input, ends).results();
  return { r, rows: ends.rows };
}

describe('a database connection pool', () => {
  it('refuses like Erlang B when invocations may not wait', () => {
    // c = 10 connections, Poisson 80/s, exponential holds of mean 100 ms: offered load a = 8
    // Erlangs, B(10, 8) = 0.1217. Refused invocations end at once, so the function itself never
    // limits (its concurrency stays far below the account's 1,000).
    const c = 10;
    const r = simulate(
      withDeps(
        fn({ duration: { dist: 'exponential', mean: 100 * MS }, uses: [use({ onExhausted: 'error' })] }),
        { db: { type: 'database', connections: c } },
        [sync('f', { process: 'poisson', rate: 80 })],
        3_600 * S,
      ),
    );
    const d = r.dependencies![0] as DatabaseResults;
    const asked = d.acquired + d.refused;
    const blocking = d.refused / asked;
    // ~288,000 arrivals: the standard error of the blocking fraction is about 0.001.
    expect(Math.abs(blocking - erlangB(c, 8))).toBeLessThan(0.005);
    expect(d.gaveUp).toBe(0);
    expect(d.waited).toBe(0);
    expect(r.functions[0].errors).toBe(d.refused);
    // Carried load = a (1 - B) connections on average.
    expect(Math.abs(d.inUseMean - 8 * (1 - erlangB(c, 8)))).toBeLessThan(0.1);
    expect(d.inUseMax).toBe(c);
  });

  it('hands connections to waiters in FIFO order, and the wait lengthens the invocation', () => {
    // One connection, 100 ms holds; calls at 0, 1 and 2 ms. The second gets it at 100 ms (waited
    // 99 ms, ends at 200 ms), the third at 200 ms (waited 198 ms, ends at 300 ms).
    const { r, rows } = runWithEnds(
      withDeps(fn({ uses: [use()] }), { db: { type: 'database', connections: 1 } }, [oneCall('a', 0), oneCall('b', 1 * MS), oneCall('c', 2 * MS)], 1 * S),
    );
    expect(rows).toStrictEqual([
      [0, 100 * MS, 100 * MS, false],
      [1 * MS, 200 * MS, 199 * MS, false],
      [2 * MS, 300 * MS, 298 * MS, false],
    ]);
    const d = r.dependencies![0] as DatabaseResults;
    expect([d.acquired, d.released, d.waited, d.heldAtEnd, d.waitingMax]).toStrictEqual([3, 3, 2, 0, 2]);
    expect(d.wait.max).toBe(198 * MS);
    // Billed time includes the wait: 100 + 199 + 298 ms.
    expect(r.functions[0].billedDurationMs).toBe(597);
  });

  it('gives up after acquireTimeout with a function error, and skips the waiter that gave up', () => {
    // acquireTimeout 150 ms: the call at 2 ms would get the connection at 200 ms (a 198 ms wait),
    // so it fails at 152 ms after 150 ms; the call at 3 ms is next in line and gets it at 200 ms.
    const { r, rows } = runWithEnds(
      withDeps(
        fn({ uses: [use()] }),
        { db: { type: 'database', connections: 1, acquireTimeout: 150 * MS } },
        [oneCall('a', 0), oneCall('b', 1 * MS), oneCall('c', 2 * MS), oneCall('d', 60 * MS)],
        1 * S,
      ),
    );
    expect(rows).toStrictEqual([
      [0, 100 * MS, 100 * MS, false],
      [2 * MS, 152 * MS, 150 * MS, true],
      [1 * MS, 200 * MS, 199 * MS, false],
      [60 * MS, 300 * MS, 240 * MS, false],
    ]);
    const d = r.dependencies![0] as DatabaseResults;
    expect([d.acquired, d.gaveUp, d.refused]).toStrictEqual([3, 1, 0]);
    expect(r.functions[0].errors).toBe(1);
  });

  it("ends a wait longer than the function's timeout as a timeout", () => {
    const { r, rows } = runWithEnds(
      withDeps(fn({ timeout: 1 * S, duration: { dist: 'constant', value: 2 * S }, uses: [use()] }), { db: { type: 'database', connections: 1 } }, [oneCall('a', 0), oneCall('b', 1)], 5 * S),
    );
    // The first times out at 1 s holding the connection; the second waited 1 s and timed out too.
    expect(rows).toStrictEqual([
      [0, 1 * S, 1 * S, true],
      [1, 1 * S + 1, 1 * S, true],
    ]);
    expect(r.functions[0].timeouts).toBe(2);
  });

  it('holds the connection for its share of the duration only', () => {
    // hold 0.3 of 100 ms: the connection is back at 30 ms, so the call at 1 ms waits 29 ms.
    const { rows } = runWithEnds(
      withDeps(fn({ uses: [use({ hold: 0.3 })] }), { db: { type: 'database', connections: 1 } }, [oneCall('a', 0), oneCall('b', 1 * MS)], 1 * S),
    );
    expect(rows).toStrictEqual([
      [0, 100 * MS, 100 * MS, false],
      [1 * MS, 130 * MS, 129 * MS, false],
    ]);
  });

  it('conserves connections across a warm-up and with invocations still holding at the end', () => {
    const r = simulate({
      ...withDeps(
        fn({ duration: { dist: 'exponential', mean: 400 * MS }, uses: [use({ hold: 0.5 })] }),
        { db: { type: 'database', connections: 5, acquireTimeout: 200 * MS } },
        [sync('f', { process: 'poisson', rate: 30 })],
        60 * S + 123,
      ),
      warmup: 10 * S,
    });
    const d = r.dependencies![0] as DatabaseResults;
    expect(d.acquired + d.heldAtStart).toBe(d.released + d.heldAtEnd);
    expect(d.gaveUp).toBeGreaterThan(0);
    expect(d.waited).toBeGreaterThan(0);
  });
});

describe('a rate-limited table', () => {
  it('admits exactly burst + rate x t calls of constant arrivals above the rate', () => {
    // 100/s, burst 50; arrivals 400/s for 10 s at k x 2.5 ms, 2 calls each: by the last arrival
    // (t = 9.9975 s) floor(50 + 100 x 9.9975) = 1,049 calls are admitted of 8,000.
    const r = simulate(
      withDeps(
        fn({ uses: [use({ dependency: 't', calls: 2 })] }),
        { t: { type: 'table', rate: 100, burst: 50 } },
        [sync('f', { process: 'constant', rate: 400 }, { end: 10 * S })],
        11 * S,
      ),
    );
    const t = r.dependencies![0] as TableResults;
    expect([t.calls, t.admitted, t.throttled]).toStrictEqual([8000, 1049, 8000 - 1049]);
    // Invocation k finds 50 + 0.25k - 2k tokens while all before it got both calls: both of its
    // calls pass while that is >= 2, for k = 0..27 (28 successes); afterwards the bucket never
    // holds 2 tokens at an arrival again (it refills 0.25 between arrivals and each takes 1).
    expect(r.functions[0].successes).toBe(28);
    expect(r.functions[0].errors).toBe(4000 - 28);
  });

  it('makes a throttled call wait for its token when the SDK retries', () => {
    // 100/s, burst 1; calls at k x 5 ms (200/s) for 1 s: call k's token exists at k x 10 ms, so it
    // waits 5k ms and the invocation runs 100 + 5k ms (k = 0..199).
    const { r, rows } = runWithEnds(
      withDeps(fn({ uses: [use({ dependency: 't', onThrottled: 'wait' })] }), { t: { type: 'table', rate: 100, burst: 1 } }, [sync('f', { process: 'constant', rate: 200 }, { end: 1 * S })], 3 * S),
    );
    const t = r.dependencies![0] as TableResults;
    expect([t.calls, t.admitted, t.throttled, t.delayed]).toStrictEqual([200, 200, 0, 199]);
    const byRequest = [...rows].sort((a, b) => a[0] - b[0]);
    byRequest.forEach(([requestAt, , durationUs], k) => {
      expect(requestAt).toBe(k * 5 * MS);
      expect(durationUs).toBe(100 * MS + k * 5 * MS);
    });
    expect(r.functions[0].errors).toBe(0);
  });
});
