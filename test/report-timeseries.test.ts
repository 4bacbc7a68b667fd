import { describe, expect, it } from 'vitest';
import type { InvocationEnd } from '../src/model/observer.js';
import { Simulation, checkedResults } from './helpers/simulate.js';
import type { SimulationInput, WorkloadInput } from '../src/model/input.js';
import { TIMESERIES_CSV_HEADER, TimeSeriesObserver, timeSeriesShape } from '../src/report/timeseries.js';
import { QUEUE_REPORT } from '../src/report/queue-report.js';
import { STREAM_REPORT } from '../src/report/stream-report.js';
import { esm, streamEsm } from './helpers/esm-input.js';
import { fn, MS, S, scenario, sync } from './helpers/model-input.js';
import { TimeSeriesFeed } from './helpers/timeseries-feed.js';

/** A finished invocation record (start = endAt - initUs - durationUs). */
function ended(f: number, startUs: number, durationUs: number, extra: Partial<InvocationEnd> = {}): InvocationEnd {
  return {
    fn: f, seq: 0, requestAt: startUs, endAt: startUs + (extra.initUs ?? 0) + durationUs, initUs: 0, durationUs,
    billedMs: Math.ceil(durationUs / 1000), memoryMb: 128, isError: false, isTimeout: false, isOutOfMemory: false, memoryUsedMb: 74, overheadUs: 0, answered: true, envId: 0, ...extra,
  };
}

function collect(): { sink: (t: string) => void; text: () => string } {
  let out = '';
  return { sink: (t) => (out += t), text: () => out };
}

describe('TimeSeriesObserver', () => {
  it('counts each event in its bucket, invocations in the bucket where they started, and carries concurrency', () => {
    const c = collect();
    const ts = new TimeSeriesObserver({ functions: ['a', 'b'], bucketUs: S, durationUs: 3 * S, sink: c.sink });
    const feed = new TimeSeriesFeed(ts, 2, 3 * S);
    feed.request(0, 100);
    feed.start(0, 100, true, 1);
    feed.request(0, 200);
    feed.throttle(0, 200);
    feed.request(1, 500_000);
    feed.start(1, 500_000, false, 1);
    feed.end(ended(1, 500_000, 100 * MS));
    // a's invocation started in bucket 0 and ends in bucket 2: counted in bucket 0, busy through bucket 1.
    feed.end(ended(0, 100, 2.5 * S, { isError: true }));
    feed.finish();
    expect(c.text()).toBe(
      [
        TIMESERIES_CSV_HEADER,
        '0,a,2,1,1,1,1,1,function,a,,,,,,,',
        '0,b,1,1,0,0,0,1,function,b,,,,,,100,100',
        '0,,,,,,,2,account,,,,,,,,',
        '1000,a,0,0,0,0,0,1,function,a,,,,,,,',
        '1000,b,0,0,0,0,0,0,function,b,,,,,,,',
        '1000,,,,,,,1,account,,,,,,,,',
        '2000,a,0,0,0,0,0,1,function,a,,,,,,2500,2500',
        '2000,b,0,0,0,0,0,0,function,b,,,,,,,',
        '2000,,,,,,,1,account,,,,,,,,',
        '',
      ].join('\n'),
    );
    const chart = ts.chartSeries();
    expect(chart.accountConcurrencyMax).toEqual([2, 1, 1]);
  });

  it('writes a bucket at the first boundary after every invocation started in it has ended, and flushes the rest at the end', () => {
    const c = collect();
    const ts = new TimeSeriesObserver({ functions: ['a'], bucketUs: S, durationUs: 5 * S, sink: c.sink });
    const feed = new TimeSeriesFeed(ts, 1, 5 * S);
    feed.request(0, 0);
    feed.start(0, 0, false, 1);
    feed.request(0, 2.5 * S);
    expect(c.text()).toBe(`${TIMESERIES_CSV_HEADER}\n`); // bucket 0 still has an invocation running
    feed.end(ended(0, 0, 3 * S));
    expect(c.text()).toBe(`${TIMESERIES_CSV_HEADER}\n`); // the model counted its end; the observer reads it at 4 s
    feed.start(0, 4.2 * S, false, 1); // in flight at the end
    expect(c.text().split('\n').length).toBe(10); // header + buckets 0 to 3, two rows each (+ the empty tail)
    feed.finish();
    expect(c.text().trim().split('\n').slice(1).filter((l) => l.includes(',function,'))).toEqual([
      '0,a,1,1,0,0,0,1,function,a,,,,,,,',
      '1000,a,0,0,0,0,0,1,function,a,,,,,,,',
      '2000,a,1,0,0,0,0,1,function,a,,,,,,,',
      '3000,a,0,0,0,0,0,1,function,a,,,,,,3000,3000',
      '4000,a,0,0,0,0,0,1,function,a,,,,,,,',
    ]);
  });

  it('takes latency p50 and p99 per bucket of the answer, leaves out attempts the caller retries, and merges buckets into chart bins', () => {
    const c = collect();
    const ts = new TimeSeriesObserver({ functions: ['a'], bucketUs: S, durationUs: 4 * S, sink: c.sink, chartPoints: 2 });
    const feed = new TimeSeriesFeed(ts, 1, 4 * S);
    // Bucket 0: 100 calls of 1..100 ms; bucket 1: one attempt the caller retries (not an answer); bucket 2: 10 s.
    for (let k = 1; k <= 100; k++) {
      feed.start(0, 0, false, 1);
      feed.end(ended(0, 0, k * MS));
    }
    feed.start(0, 1.5 * S, false, 1);
    feed.end(ended(0, 1.5 * S, 5 * MS, { answered: false }));
    feed.start(0, 2 * S, false, 1);
    feed.end(ended(0, 2 * S, 10 * S - 1)); // ends in the last bucket, which the end of time clamps it to
    feed.finish();
    const rows = cells(c.text()).filter((r) => r[COL.kind] === 'function');
    const q = (r: string[]) => [Number(r[COL.latency_p50_ms]), Number(r[COL.latency_p99_ms])];
    // Quantiles within the histogram's 0.5%.
    expect(q(rows[0])[0]).toBeCloseTo(50, -0.3);
    expect(q(rows[0])[1]).toBeCloseTo(99, -0.3);
    expect(rows[1].slice(COL.latency_p50_ms)).toEqual(['', '']);
    expect(rows[2].slice(COL.latency_p50_ms)).toEqual(['', '']);
    expect(q(rows[3])).toEqual([9999.999, 9999.999]);
    // Two chart bins of two buckets: the first bin's quantiles are bucket 0's (bucket 1 answered nothing).
    const chart = ts.chartSeries();
    expect(chart.latencyP50Us[0].map((v) => v !== null && Math.round(v / 1000))).toEqual([50, 10000]);
  });

  it('writes the same CSV without chart data (charts: false), and a chart bin of one bucket has that bucket\'s quantiles', () => {
    const runWith = (charts: boolean) => {
      const c = collect();
      const ts = new TimeSeriesObserver({ functions: ['a'], bucketUs: S, durationUs: 3 * S, sink: c.sink, charts });
      const feed = new TimeSeriesFeed(ts, 1, 3 * S);
      for (let k = 1; k <= 50; k++) {
        feed.start(0, k * 10 * MS, false, 1);
        feed.end(ended(0, k * 10 * MS, k * 7 * MS));
      }
      feed.start(0, 1.2 * S, false, 1);
      feed.end(ended(0, 1.2 * S, 2 * S)); // answered in the last bucket
      feed.finish();
      return { text: c.text(), ts };
    };
    const withCharts = runWith(true);
    const without = runWith(false);
    expect(without.text).toBe(withCharts.text);
    expect(() => without.ts.chartSeries()).toThrow(/no chart data/);
    // Three buckets, at most 480 points: one bucket per bin, so each bin's quantiles are its bucket's.
    const rows = cells(withCharts.text).filter((r) => r[COL.kind] === 'function');
    const chart = withCharts.ts.chartSeries();
    expect(chart.binUs).toBe(S);
    const ms = (v: number | null) => (v === null ? '' : String(Math.round(v) / 1000));
    expect(chart.latencyP50Us[0].map(ms)).toEqual(rows.map((r) => r[COL.latency_p50_ms]));
    expect(chart.latencyP99Us[0].map(ms)).toEqual(rows.map((r) => r[COL.latency_p99_ms]));
  });

  it('holds only the buckets of the longest running invocation in memory, never the whole run', () => {
    let rows = 0;
    const ts = new TimeSeriesObserver({ functions: ['a'], bucketUs: 10 * MS, durationUs: 3600 * S, sink: (t) => (rows += t.split('\n').length - 1) });
    const feed = new TimeSeriesFeed(ts, 1, 3600 * S);
    let maxOpen = 0;
    for (let t = 0; t < 3600 * S; t += 7 * MS) {
      feed.request(0, t);
      feed.start(0, t, false, 1);
      feed.end(ended(0, t, 5 * MS));
      maxOpen = Math.max(maxOpen, ts.openBuckets);
    }
    feed.finish();
    expect(rows).toBe(1 + 2 * 360_000); // a function row and an account row per bucket
    expect(maxOpen).toBeLessThanOrEqual(2);
    // The charts keep a bounded number of points.
    expect(ts.chartSeries().startUs.length).toBeLessThanOrEqual(480);
  });

  it('with a service overhead, still writes each bucket once its invocations have ended, not at the end of the run', () => {
    // 40 ms of overhead in 100 ms buckets: the last acceptances of each bucket start in the next one.
    const input = scenario({
      duration: 600 * S,
      functions: { api: fn({ duration: { dist: 'exponential', mean: 30 * MS }, timeout: 200 * MS, serviceOverhead: 40 * MS }) },
      workloads: [sync('api', { process: 'poisson', rate: 200 })],
    });
    let rows = 0;
    let maxOpen = 0;
    let reads = 0;
    class Watched extends TimeSeriesObserver {
      override readCounters(...args: Parameters<TimeSeriesObserver['readCounters']>): void {
        super.readCounters(...args);
        maxOpen = Math.max(maxOpen, this.openBuckets);
        reads++;
      }
    }
    const ts = new Watched({ ...timeSeriesShape(input), bucketUs: 100 * MS, sink: (t) => (rows += t.split('\n').length - 1) });
    const results = checkedResults(new Simulation(input, ts));
    expect(reads).toBeGreaterThan(5000);
    // Held: the longest invocation (overhead + timeout) and the bucket in progress; before the fix, all 6,000.
    expect(maxOpen).toBeLessThanOrEqual(5);
    expect(rows).toBe(1 + 2 * 6000);
    const chart = ts.chartSeries();
    expect(chart.invocations[0].reduce((a, b) => a + b, 0)).toBe(results.functions[0].invocations);
  });

  it('adds up to the totals of the results, and its peak is the peak concurrency', () => {
    const c = collect();
    const input = scenario({
      duration: 120 * S,
      account: { concurrencyLimit: 12, unreservedMinimum: 0, scaling: 'per-function' },
      functions: {
        api: fn({ duration: { dist: 'exponential', mean: 300 * MS }, init: { dist: 'constant', value: 200 * MS }, errorRate: 0.05 }),
        worker: fn({ duration: { dist: 'constant', value: 1500 * MS }, timeout: S }),
      },
      workloads: [sync('api', { process: 'poisson', rate: 30 }), sync('worker', { process: 'poisson', rate: 3 })],
    });
    const ts = new TimeSeriesObserver({ functions: ['api', 'worker'], bucketUs: 700 * MS, durationUs: input.duration, sink: c.sink });
    const results = checkedResults(new Simulation(input, ts));
    const rows = c.text().trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.length).toBe(3 * Math.ceil(120 / 0.7));
    results.functions.forEach((f, i) => {
      const mine = rows.filter((r) => r[1] === f.name).map((r) => r.slice(2, 8).map(Number));
      const sum = (k: number) => mine.reduce((a, r) => a + r[k], 0);
      expect([sum(0), sum(1), sum(2), sum(3), sum(4)]).toEqual([f.requests, f.invocations, f.errors, f.throttles, f.coldStarts]);
      expect(Math.max(...mine.map((r) => r[5]))).toBe(f.concurrencyMax);
      expect(f.throttles + f.errors).toBeGreaterThan(0);
      void i;
    });
  });
});

/** Rows of a timeseries.csv text as cells (header dropped). */
function cells(text: string): string[][] {
  return text.trim().split('\n').slice(1).map((l) => l.split(','));
}

/** Column indices of the header. */
const COL = Object.fromEntries(TIMESERIES_CSV_HEADER.split(',').map((name, i) => [name, i])) as Record<string, number>;

/** Runs `input` with a time series of 1 s buckets; returns the CSV text and the results. */
function run(input: SimulationInput): { text: string; results: ReturnType<Simulation['results']> } {
  const c = collect();
  const ts = new TimeSeriesObserver({ ...timeSeriesShape(input), bucketUs: S, sink: c.sink });
  const results = checkedResults(new Simulation(input, ts));
  return { text: c.text(), results };
}

function asyncLoad(fnName: string, rate: number): WorkloadInput {
  return { ...sync(fnName, { process: 'constant', rate }), name: `${fnName}-async`, invocation: 'async' };
}

describe('timeseries.csv: limits, account, async queue depth, SQS queues and iterator age', () => {
  it('fills each kind of row from the hooks: levels carried into the next bucket, ages sampled, limits on every row', () => {
    const c = collect();
    const ts = new TimeSeriesObserver({
      functions: ['a', 'b'], bucketUs: S, durationUs: 3 * S, sink: c.sink,
      reserved: [5, undefined], asyncFunctions: [true, false], accountLimit: 10,
      sources: [{ report: QUEUE_REPORT, names: ['q'] }, { report: STREAM_REPORT, names: ['s'] }],
    });
    const feed = new TimeSeriesFeed(ts, 2, 3 * S);
    // The probes the model's queue and stream get (columns: visible, in flight; iterator age).
    const q = feed.source('queues', 0)!;
    const st = feed.source('streams', 0)!;
    const queueDepth = (now: number, visible: number, inFlight: number) => {
      q.record(now, 0, visible);
      q.record(now, 1, inFlight);
    };
    expect(feed.source('streams', 1)).toBeNull();
    expect(feed.source('mailboxes', 0)).toBeNull();
    feed.asyncDepth(0, 100 * MS, 1);
    feed.start(0, 100 * MS, true, 1);
    feed.start(1, 100 * MS, false, 1);
    feed.asyncDepth(0, 200 * MS, 2);
    st.record(300 * MS, 0, 1234);
    queueDepth(500 * MS, 3, 0);
    queueDepth(600 * MS, 0, 3);
    st.record(900 * MS, 0, 500);
    feed.end(ended(0, 100 * MS, 1.2 * S)); // a: busy into bucket 1
    feed.asyncDepth(0, 1.5 * S, 1);
    queueDepth(2.2 * S, 0, 0);
    st.record(2.5 * S, 0, 0);
    feed.finish();
    expect(c.text()).toBe(
      [
        TIMESERIES_CSV_HEADER,
        '0,a,0,1,0,0,1,1,function,a,5,2,,,,,',
        '0,b,0,0,0,0,0,1,function,b,,,,,,,',
        '0,,,,,,,2,account,,10,,,,,,',
        '0,,,,,,,,queue,q,,,3,3,,,',
        '0,,,,,,,,stream,s,,,,,1.234,,',
        '1000,a,0,0,0,0,0,1,function,a,5,2,,,,1200,1200',
        '1000,b,0,0,0,0,0,1,function,b,,,,,,,',
        '1000,,,,,,,2,account,,10,,,,,,',
        '1000,,,,,,,,queue,q,,,0,3,,,',
        '1000,,,,,,,,stream,s,,,,,,,',
        '2000,a,0,0,0,0,0,0,function,a,5,1,,,,,',
        '2000,b,0,0,0,0,0,1,function,b,,,,,,,',
        '2000,,,,,,,1,account,,10,,,,,,',
        '2000,,,,,,,,queue,q,,,0,3,,,',
        '2000,,,,,,,,stream,s,,,,,0,,',
        '',
      ].join('\n'),
    );
    const chart = ts.chartSeries();
    expect(chart.asyncDepthMax).toEqual([[2, 2, 1], null]);
    expect(chart.sources.map((k) => k.bins)).toEqual([
      [[[3, 0, 0]], [[3, 3, 3]]],
      [[[1234, null, 0]]],
    ]);
  });

  it('async queue depth grows by the arrival rate while nothing finishes; the account row is the sum of the functions at the peak', () => {
    // Nothing ends within the 10 s (100 s invocations): every accepted event is waiting or running,
    // so at the end of bucket k the async queue holds 4 (k + 1) events, and the busy environments
    // are 4 (k + 1) for `thumbs` and 2 (k + 1) for `api` (constant arrivals from time 0).
    const input = scenario({
      duration: 10 * S,
      account: { concurrencyLimit: 1000, unreservedMinimum: 100, scaling: 'per-function' },
      functions: {
        thumbs: fn({ duration: { dist: 'constant', value: 100 * S }, reservedConcurrency: 200 }),
        api: fn({ duration: { dist: 'constant', value: 100 * S } }),
      },
      workloads: [asyncLoad('thumbs', 4), sync('api', { process: 'constant', rate: 2 })],
    });
    const { text, results } = run(input);
    const rows = cells(text);
    expect(rows.length).toBe(10 * 3);
    for (let k = 0; k < 10; k++) {
      const [thumbs, api, account] = rows.slice(3 * k, 3 * k + 3);
      expect(thumbs.slice(COL.kind)).toEqual(['function', 'thumbs', '200', String(4 * (k + 1)), '', '', '', '', '']);
      expect(thumbs[COL.concurrency_max]).toBe(String(4 * (k + 1)));
      expect(api.slice(COL.kind)).toEqual(['function', 'api', '', '', '', '', '', '', '']);
      expect(api[COL.concurrency_max]).toBe(String(2 * (k + 1)));
      expect(account.slice(COL.concurrency_max)).toEqual([String(6 * (k + 1)), 'account', '', '1000', '', '', '', '', '', '']);
      expect(account.slice(0, COL.concurrency_max)).toEqual([String(1000 * k), '', '', '', '', '', '']);
    }
    const thumbs = results.functions[0];
    expect(thumbs.async?.queueDepthMax).toBe(40);
    expect(thumbs.async?.pendingAtEnd).toBe(40);
  });

  it('an SQS queue fills at the send rate while its only batch runs; a stream consumer 0.9 s behind per second has a linear iterator age', () => {
    // orders: 10 messages/s from time 0; reserved concurrency 1 and a 100 s batch, so one message is
    // in flight from time 0 and the others stay visible: 10 (k + 1) - 1 at the end of bucket k.
    // clicks: one shard, 10 records/s, batches of 1 taking 1 s: batch k is handed at k s and holds
    // record k (put at 0.1 k s), so its iterator age is 0.9 k s.
    const input = scenario({
      duration: 10 * S,
      functions: {
        worker: fn({ duration: { dist: 'constant', value: 100 * S }, reservedConcurrency: 1 }),
        analytics: fn({ duration: { dist: 'constant', value: S } }),
      },
      workloads: [],
      queues: { orders: { type: 'standard', visibilityTimeout: 30 * S }, spare: { type: 'standard', visibilityTimeout: 30 * S } },
      streams: { clicks: { type: 'kinesis', shards: 1, retention: 24 * 3600 * S } },
      // maximumConcurrency 1 as well: the pollers do not look at the reservation (they would hold throttled batches).
      eventSourceMappings: [esm({ source: 'orders', function: 'worker', batchSize: 1, maximumConcurrency: 1 }), streamEsm({ source: 'clicks', function: 'analytics', batchSize: 1 })],
      producers: [
        { name: 'orders', source: 'orders', partitionKeys: 1, start: 0, end: Number.MAX_SAFE_INTEGER, arrivals: { process: 'constant', rate: 10 } },
        { name: 'clicks', source: 'clicks', partitionKeys: 1, start: 0, end: Number.MAX_SAFE_INTEGER, arrivals: { process: 'constant', rate: 10 } },
      ],
    });
    const { text, results } = run(input);
    const rows = cells(text);
    const per = 2 + 1 + 2 + 1;
    expect(rows.length).toBe(10 * per);
    for (let k = 0; k < 10; k++) {
      const bucket = rows.slice(per * k, per * (k + 1));
      expect(bucket.map((r) => `${r[COL.kind]}:${r[COL.name]}`)).toEqual([
        'function:worker', 'function:analytics', 'account:', 'queue:orders', 'queue:spare', 'stream:clicks',
      ]);
      const [, , , orders, spare, clicks] = bucket;
      expect(orders.slice(COL.messages_visible_max)).toEqual([String(10 * (k + 1) - 1), '1', '', '', '']);
      expect(spare.slice(COL.messages_visible_max)).toEqual(['0', '0', '', '', '']);
      expect(clicks[COL.iterator_age_max_ms]).toBe(String(900 * k));
      expect(orders.slice(0, COL.kind).join('')).toBe(String(1000 * k)); // no function cells
    }
    const q = results.queues![0];
    expect(q.visibleMax).toBe(99);
    expect(results.streams![0].iteratorAge.max).toBe(8100 * 1000);
  });

  it('keeps the per-function totals equal to the results with every kind of row, and gives the same bytes twice', () => {
    const input = scenario({
      duration: 90 * S,
      seed: 11,
      account: { concurrencyLimit: 60, unreservedMinimum: 10, scaling: 'per-function' },
      functions: {
        api: fn({ duration: { dist: 'exponential', mean: 200 * MS }, errorRate: 0.05 }),
        thumbs: fn({ duration: { dist: 'exponential', mean: 600 * MS }, reservedConcurrency: 8, errorRate: 0.02 }),
        worker: fn({ duration: { dist: 'exponential', mean: 300 * MS }, reservedConcurrency: 5 }),
        analytics: fn({ duration: { dist: 'exponential', mean: 400 * MS }, errorRate: 0.01 }),
      },
      workloads: [sync('api', { process: 'poisson', rate: 60 }), asyncLoad('thumbs', 20)],
      queues: { orders: { type: 'standard', visibilityTimeout: 30 * S } },
      streams: { clicks: { type: 'kinesis', shards: 2, retention: 24 * 3600 * S } },
      eventSourceMappings: [esm({ source: 'orders', function: 'worker', batchSize: 5 }), streamEsm({ source: 'clicks', function: 'analytics', batchSize: 20 })],
      producers: [
        { name: 'orders', source: 'orders', partitionKeys: 1, start: 0, end: Number.MAX_SAFE_INTEGER, arrivals: { process: 'poisson', rate: 80 } },
        { name: 'clicks', source: 'clicks', partitionKeys: 50, start: 0, end: Number.MAX_SAFE_INTEGER, arrivals: { process: 'poisson', rate: 100 } },
      ],
    });
    const a = run(input);
    const b = run(input);
    expect(b.text).toBe(a.text);
    const rows = cells(a.text);
    const num = (r: string[], col: string): number => Number(r[COL[col]]);
    expect(rows.length).toBe(90 * (4 + 1 + 1 + 1));
    for (const f of a.results.functions) {
      const mine = rows.filter((r) => r[COL.kind] === 'function' && r[COL.name] === f.name);
      expect(mine.every((r) => r[COL.function] === f.name)).toBe(true);
      const sum = (col: string): number => mine.reduce((acc, r) => acc + num(r, col), 0);
      expect([sum('requests'), sum('invocations'), sum('errors'), sum('throttles'), sum('cold_starts')]).toEqual([
        f.requests, f.invocations, f.errors, f.throttles, f.coldStarts,
      ]);
      expect(Math.max(...mine.map((r) => num(r, 'concurrency_max')))).toBe(f.concurrencyMax);
      expect(mine[0][COL.limit]).toBe(f.name === 'thumbs' ? '8' : f.name === 'worker' ? '5' : '');
      if (f.async !== undefined) expect(Math.max(...mine.map((r) => num(r, 'async_queue_depth_max')))).toBe(f.async.queueDepthMax);
      else expect(mine.every((r) => r[COL.async_queue_depth_max] === '')).toBe(true);
    }
    // Only function rows carry counts: summing a column over the whole file gives the total.
    const total = (col: string): number => rows.reduce((acc, r) => acc + num(r, col), 0);
    expect(total('requests')).toBe(a.results.functions.reduce((acc, f) => acc + f.requests, 0));
    // The account row: at least each function's peak and at most their sum, in every bucket.
    for (let k = 0; k < 90; k++) {
      const bucket = rows.slice(7 * k, 7 * k + 7);
      const fns = bucket.filter((r) => r[COL.kind] === 'function').map((r) => num(r, 'concurrency_max'));
      const account = bucket.find((r) => r[COL.kind] === 'account')!;
      expect(account[COL.limit]).toBe('60');
      expect(num(account, 'concurrency_max')).toBeGreaterThanOrEqual(Math.max(...fns));
      expect(num(account, 'concurrency_max')).toBeLessThanOrEqual(fns.reduce((x, y) => x + y, 0));
    }
    const queue = rows.filter((r) => r[COL.kind] === 'queue');
    expect(Math.max(...queue.map((r) => num(r, 'messages_visible_max')))).toBe(a.results.queues![0].visibleMax);
    expect(Math.max(...queue.map((r) => num(r, 'messages_in_flight_max')))).toBeGreaterThan(0);
    const stream = rows.filter((r) => r[COL.kind] === 'stream' && r[COL.iterator_age_max_ms] !== '');
    expect(Math.max(...stream.map((r) => num(r, 'iterator_age_max_ms')))).toBe(a.results.streams![0].iteratorAge.max / 1000);
    expect(a.results.functions.find((f) => f.name === 'thumbs')!.throttles).toBeGreaterThan(0);
  });
});
