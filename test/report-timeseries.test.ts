import { describe, expect, it } from 'vitest';
import type { InvocationEnd } from '../src/model/observer.js';
import { Simulation } from '../src/model/simulate.js';
import { TIMESERIES_CSV_HEADER, TimeSeriesObserver } from '../src/report/timeseries.js';
import { fn, MS, S, scenario, sync } from './helpers/model-input.js';

/** A finished invocation record (start = endAt - initUs - durationUs). */
function ended(f: number, startUs: number, durationUs: number, extra: Partial<InvocationEnd> = {}): InvocationEnd {
  return {
    fn: f, seq: 0, requestAt: startUs, endAt: startUs + (extra.initUs ?? 0) + durationUs, initUs: 0, durationUs,
    billedMs: Math.ceil(durationUs / 1000), memoryMb: 128, isError: false, isTimeout: false, envId: 0, ...extra,
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
    ts.request(0, 100);
    ts.start(0, 100, true, 1);
    ts.request(0, 200);
    ts.throttle(0, 200);
    ts.request(1, 500_000);
    ts.start(1, 500_000, false, 1);
    ts.end(ended(1, 500_000, 100 * MS));
    // a's invocation started in bucket 0 and ends in bucket 2: counted in bucket 0, busy through bucket 1.
    ts.end(ended(0, 100, 2.5 * S, { isError: true }));
    ts.finish();
    expect(c.text()).toBe(
      [
        TIMESERIES_CSV_HEADER,
        '0,a,2,1,1,1,1,1',
        '0,b,1,1,0,0,0,1',
        '1000,a,0,0,0,0,0,1',
        '1000,b,0,0,0,0,0,0',
        '2000,a,0,0,0,0,0,1',
        '2000,b,0,0,0,0,0,0',
        '',
      ].join('\n'),
    );
    const chart = ts.chartSeries();
    expect(chart.accountConcurrencyMax).toEqual([2, 1, 1]);
  });

  it('writes a bucket only once every invocation started in it has ended, and flushes the rest at the end', () => {
    const c = collect();
    const ts = new TimeSeriesObserver({ functions: ['a'], bucketUs: S, durationUs: 4 * S, sink: c.sink });
    ts.request(0, 0);
    ts.start(0, 0, false, 1);
    ts.request(0, 2.5 * S);
    expect(c.text()).toBe(`${TIMESERIES_CSV_HEADER}\n`); // bucket 0 still has an invocation running
    ts.end(ended(0, 0, 3 * S));
    expect(c.text().split('\n').length).toBe(5); // header + buckets 0, 1 and 2 (+ the empty tail)
    ts.start(0, 3.2 * S, false, 1); // in flight at the end
    ts.finish();
    expect(c.text().trim().split('\n').slice(1)).toEqual(['0,a,1,1,0,0,0,1', '1000,a,0,0,0,0,0,1', '2000,a,1,0,0,0,0,1', '3000,a,0,0,0,0,0,1']);
  });

  it('holds only the buckets of the longest running invocation in memory, never the whole run', () => {
    let rows = 0;
    const ts = new TimeSeriesObserver({ functions: ['a'], bucketUs: 10 * MS, durationUs: 3600 * S, sink: (t) => (rows += t.split('\n').length - 1) });
    let maxOpen = 0;
    for (let t = 0; t < 3600 * S; t += 7 * MS) {
      ts.request(0, t);
      ts.start(0, t, false, 1);
      ts.end(ended(0, t, 5 * MS));
      maxOpen = Math.max(maxOpen, ts.openBuckets);
    }
    ts.finish();
    expect(rows).toBe(1 + 360_000);
    expect(maxOpen).toBeLessThanOrEqual(2);
    // The charts keep a bounded number of points.
    expect(ts.chartSeries().startUs.length).toBeLessThanOrEqual(480);
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
    const results = new Simulation(input, ts).results();
    const rows = c.text().trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.length).toBe(2 * Math.ceil(120 / 0.7));
    results.functions.forEach((f, i) => {
      const mine = rows.filter((r) => r[1] === f.name).map((r) => r.slice(2).map(Number));
      const sum = (k: number) => mine.reduce((a, r) => a + r[k], 0);
      expect([sum(0), sum(1), sum(2), sum(3), sum(4)]).toEqual([f.requests, f.invocations, f.errors, f.throttles, f.coldStarts]);
      expect(Math.max(...mine.map((r) => r[5]))).toBe(f.concurrencyMax);
      expect(f.throttles + f.errors).toBeGreaterThan(0);
      void i;
    });
  });
});
