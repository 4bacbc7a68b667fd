/**
 * The time series reads the model's counters at bucket boundaries instead of hearing every request
 * (report/timeseries.ts readCounters). This checks it against the per-invocation definition: a
 * reference observer that hears every request, throttle, start and end and buckets them by the
 * documented rules, on a scenario with a warm-up ending inside a bucket, async retries, throttles,
 * cold starts and a service overhead; and that timeseries.csv is the same with logs on and off.
 */
import { describe, expect, it } from 'vitest';
import { Histogram } from '../src/metrics/histogram.js';
import type { InvocationEnd, InvocationObserver } from '../src/model/observer.js';
import { combineObservers } from '../src/report/fan-out.js';
import { plainNumber, usToMs } from '../src/report/format-number.js';
import { LogObserver } from '../src/report/logs.js';
import { TimeSeriesObserver, timeSeriesShape } from '../src/report/timeseries.js';
import type { SimulationInput } from '../src/model/input.js';
import { Simulation, checkedResults } from './helpers/simulate.js';
import { fn, MS, S, scenario, sync } from './helpers/model-input.js';

const BUCKET = S;

/** Per bucket and function, what the time series' function row must say, heard one event at a time. */
class Reference implements InvocationObserver {
  readonly rows: { requests: number; invocations: number; errors: number; throttles: number; cold: number; conc: number; latency: Histogram }[][] = [];
  private readonly busy: number[];

  constructor(private readonly nFn: number, private readonly buckets: number) {
    this.busy = new Array<number>(nFn).fill(0);
    for (let b = 0; b < buckets; b++) {
      this.rows.push(Array.from({ length: nFn }, () => ({ requests: 0, invocations: 0, errors: 0, throttles: 0, cold: 0, conc: 0, latency: new Histogram() })));
    }
  }

  private at(us: number, fn: number) {
    return this.rows[Math.min(this.buckets - 1, Math.floor(us / BUCKET))][fn];
  }

  request(fn: number, now: number): void {
    this.at(now, fn).requests++;
  }
  throttle(fn: number, now: number): void {
    this.at(now, fn).throttles++;
  }
  start(fn: number, now: number, cold: boolean, concurrency: number): void {
    const row = this.at(now, fn);
    if (cold) row.cold++;
    this.busy[fn] = concurrency;
    row.conc = Math.max(row.conc, concurrency);
  }
  end(r: InvocationEnd): void {
    const row = this.at(r.endAt - r.durationUs - r.initUs, r.fn);
    row.invocations++;
    if (r.isError) row.errors++;
    this.busy[r.fn]--;
    if (r.answered) this.at(r.endAt, r.fn).latency.record(r.endAt - r.requestAt);
  }
  finish(): void {}

  /** The busy count carried into each bucket (a level: the concurrency held at the bucket's start counts). */
  carry(bucket: number): void {
    for (let f = 0; f < this.nFn; f++) this.rows[bucket][f].conc = Math.max(this.rows[bucket][f].conc, this.busy[f]);
  }

  /** The function cells of bucket `b` as timeseries.csv writes them (requests .. concurrency_max, p50, p99). */
  cells(b: number, f: number): string[] {
    const r = this.rows[b][f];
    const q = (p: number) => (r.latency.count === 0 ? '' : plainNumber(usToMs(r.latency.quantile(p), 'latency')));
    return [r.requests, r.invocations, r.errors, r.throttles, r.cold, r.conc].map(String).concat([q(0.5), q(0.99)]);
  }
}

const INPUT: SimulationInput = scenario({
  duration: 20 * S,
  warmup: 2500 * MS,
  seed: 7,
  account: { concurrencyLimit: 30, unreservedMinimum: 5, scaling: 'per-function' },
  functions: {
    api: fn({ duration: { dist: 'exponential', mean: 300 * MS }, init: { dist: 'constant', value: 200 * MS }, errorRate: 0.05, reservedConcurrency: 10, serviceOverhead: 3 * MS }),
    thumbs: fn({ duration: { dist: 'exponential', mean: 700 * MS }, errorRate: 0.3 }),
  },
  workloads: [sync('api', { process: 'poisson', rate: 40 }), { ...sync('thumbs', { process: 'poisson', rate: 15 }), name: 'thumbs-async', invocation: 'async' }],
});

/**
 * Invocations of 2 to 8 s in 1 s buckets, some timing out at 6 s (errors), some failing, some still
 * running at the end (in flight, not invocations): each is counted in the bucket it started in,
 * which the time series learns from the model's EndsByStart ring, not from a call per invocation.
 * One function, so the account row is its busy count itself (no LevelSum).
 */
const LONG: SimulationInput = scenario({
  duration: 30 * S,
  seed: 11,
  functions: {
    batch: fn({ duration: { dist: 'lognormal', median: 3 * S, sigma: 0.5 }, timeout: 6 * S, errorRate: 0.1 }),
  },
  workloads: [sync('batch', { process: 'poisson', rate: 6 })],
});

/** timeseries.csv of `input` with the given other observers attached; the reference if one was. */
function run(withLogs: boolean, withReference: boolean, input: SimulationInput = INPUT): { text: string; reference: Reference | null } {
  const INPUT = input;
  let text = '';
  const ts = new TimeSeriesObserver({ ...timeSeriesShape(INPUT), bucketUs: BUCKET, sink: (t) => (text += t) });
  const observers: InvocationObserver[] = [ts];
  if (withLogs) {
    const names = Object.keys(INPUT.functions);
    observers.push(new LogObserver({ seed: INPUT.seed, functions: names.map((name) => ({ name, memorySize: 128, timeoutUs: INPUT.functions[name].timeout })), sinks: names.map(() => () => {}) }));
  }
  const reference = withReference ? new Reference(Object.keys(INPUT.functions).length, Math.ceil(INPUT.duration / BUCKET)) : null;
  if (reference !== null) {
    // The reference carries each bucket's starting concurrency in when the time series opens it.
    const read = ts.readCounters.bind(ts);
    ts.readCounters = (now, functions, total, restart) => {
      read(now, functions, total, restart);
      if (now % BUCKET === 0 && now < INPUT.duration) reference.carry(now / BUCKET);
    };
    observers.push(reference);
  }
  checkedResults(new Simulation(INPUT, combineObservers(observers)));
  return { text, reference };
}

describe('time series from counters read at bucket boundaries', () => {
  it('gives each bucket the counts, concurrency peak and latency quantiles of the per-invocation rules', () => {
    const { text, reference } = run(false, true);
    const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
    const fnRows = rows.filter((r) => r[8] === 'function');
    expect(fnRows.length).toBe(2 * 20);
    fnRows.forEach((r, i) => {
      const b = Math.floor(i / 2);
      expect([...r.slice(2, 8), ...r.slice(-2)], `bucket ${b} ${r[1]}`).toEqual(reference!.cells(b, i % 2));
    });
    // The scenario exercises what the counters must get right: throttles, errors (async retries), cold starts.
    const sum = (k: number) => fnRows.reduce((a, r) => a + Number(r[k]), 0);
    expect([sum(4), sum(5), sum(6)].every((n) => n > 0)).toBe(true);
  });

  it('counts each invocation and error in the bucket it started in, long invocations and timeouts included, in-flight ones not', () => {
    const { text, reference } = run(false, true, LONG);
    const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
    const fnRows = rows.filter((r) => r[8] === 'function');
    expect(fnRows.length).toBe(30);
    fnRows.forEach((r, b) => expect([...r.slice(2, 8), ...r.slice(-2)], `bucket ${b}`).toEqual(reference!.cells(b, 0)));
    // With one function the account's peak is the function's.
    rows.filter((r) => r[8] === 'account').forEach((r, b) => expect(r[7], `bucket ${b}`).toBe(fnRows[b][7]));
    const results = checkedResults(new Simulation(LONG)).functions[0];
    const sum = (k: number) => fnRows.reduce((a, r) => a + Number(r[k]), 0);
    expect([sum(3), sum(4)]).toEqual([results.invocations, results.errors]);
    // What the scenario is for: timeouts, invocations spanning several buckets, some still running at the end.
    expect(results.timeouts).toBeGreaterThan(0);
    expect(results.inFlightAtEnd).toBeGreaterThan(0);
    expect(sum(2)).toBeGreaterThan(results.invocations);
  });

  it('writes the same timeseries.csv with logs on and off (and with per-request hooks attached)', () => {
    const plain = run(false, false).text;
    expect(run(true, false).text).toBe(plain);
    expect(run(true, true).text).toBe(plain);
  });
});
