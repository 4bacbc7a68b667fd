/**
 * The chart specs of report.html, read as data (no rendering): what is scaled to what, which limits
 * are drawn, where the labels go. test/report-html-browser.test.ts looks at the rendered page.
 */
import { describe, expect, it } from 'vitest';
import { concurrencySpec, latencyOverTimeSpec, latencySpec, trafficSpec, type LatencyBar } from '../src/report/charts.js';
import type { ChartSeries } from '../src/report/timeseries.js';

const MIN = 60e6;

/** A one-function series of `bins` one-minute bins, every value from `values` (by bin). */
function series(bins: number, values: Partial<Record<'concurrency' | 'coldStarts' | 'p50' | 'p99', (i: number) => number | null>>, extra: Partial<ChartSeries> = {}): ChartSeries {
  const per = (f: ((i: number) => number | null) | undefined, empty: number | null) => Array.from({ length: bins }, (_, i) => (f === undefined ? empty : f(i)));
  const concurrency = per(values.concurrency, 0) as number[];
  return {
    functions: ['api'],
    binUs: MIN,
    bucketUs: MIN,
    durationUs: bins * MIN,
    startUs: Array.from({ length: bins }, (_, i) => i * MIN),
    requests: [per(undefined, 100) as number[]],
    invocations: [per(undefined, 100) as number[]],
    errors: [per(undefined, 0) as number[]],
    throttles: [per(undefined, 0) as number[]],
    coldStarts: [per(values.coldStarts, 0) as number[]],
    concurrencyMax: [concurrency],
    accountConcurrencyMax: concurrency,
    reserved: [null],
    provisioned: [null],
    latencyP50Us: [per(values.p50, null)],
    latencyP99Us: [per(values.p99, null)],
    asyncDepthMax: [null],
    sources: [],
    ...extra,
  };
}

/** The y domain, the drawn limits and the subtitle of a concurrency spec. */
function concurrencyView(spec: ReturnType<typeof concurrencySpec>) {
  const s = spec as unknown as {
    title: { subtitle: string[] };
    layer: { data: { values: { limit?: number; t?: number; value?: number }[] }; encoding?: { y: { scale: { domain: number[] } } }; mark?: { strokeDash?: number[] } }[];
  };
  const limits = s.layer.filter((l) => l.data.values[0]?.limit !== undefined).flatMap((l) => l.data.values.map((v) => v.limit));
  const levels = s.layer.filter((l) => l.mark?.strokeDash !== undefined).flatMap((l) => l.data.values.map((v) => [v.t, v.value]));
  return { top: s.layer[0].encoding!.y.scale.domain[1], limits, levels, subtitle: s.title.subtitle.join(' | ') };
}

describe('concurrency chart', () => {
  it('scales to the data: a function at 14 is not a flat line on a 0-1,000 axis, and the account limit is named off the scale', () => {
    const v = concurrencyView(concurrencySpec(series(10, { concurrency: (i) => 8 + (i % 7) }), 1000));
    expect(v.top).toBeGreaterThanOrEqual(14);
    expect(v.top).toBeLessThan(20);
    expect(v.limits).toEqual([]);
    expect(v.subtitle).toContain('off the scale: account limit 1,000 (peak 14, 1.4% of the account limit)');
  });

  it('draws a limit within reach of the data (reserved 20 over a peak of 13) and scales to include it', () => {
    const v = concurrencyView(concurrencySpec(series(10, { concurrency: () => 13 }, { reserved: [20] }), 1000));
    expect(v.limits).toEqual([20]);
    expect(v.top).toBeGreaterThanOrEqual(20);
    expect(v.top).toBeLessThan(25);
    expect(v.subtitle).toContain('dashed red: api reserved 20');
  });

  it('draws the account limit when the data reaches it', () => {
    const v = concurrencyView(concurrencySpec(series(10, { concurrency: () => 40 }), 40));
    expect(v.limits).toEqual([40]);
    expect(v.subtitle).not.toContain('off the scale');
  });

  it('draws a provisioned concurrency schedule as configured over time, from 0 to the end', () => {
    const provisioned = [[{ atUs: 25 * MIN, value: 600 }, { atUs: 45 * MIN, value: 0 }]];
    const v = concurrencyView(concurrencySpec(series(60, { concurrency: (i) => (i >= 30 && i < 45 ? 700 : 40) }, { provisioned }), 3000));
    // The time axis is in minutes for an hour.
    expect(v.levels).toEqual([[0, 0], [25, 600], [45, 0], [60, 0]]);
    expect(v.top).toBeGreaterThanOrEqual(700);
    expect(v.top).toBeLessThan(800);
    expect(v.subtitle).toContain('provisioned concurrency as configured over time (api up to 600)');
    expect(v.subtitle).toContain('off the scale: account limit 3,000');
  });
});

describe('traffic chart', () => {
  it('shows cold starts per minute whatever the bin, each row naming its unit', () => {
    const s = series(3, { coldStarts: (i) => i }, { binUs: 2e6, bucketUs: 1e6, durationUs: 6e6, startUs: [0, 2e6, 4e6] });
    const rows = (trafficSpec(s, 0) as unknown as { data: { values: { metric: string; rate: number }[] } }).data.values;
    expect([...new Set(rows.map((r) => r.metric))]).toEqual(['requests per second', 'throttles per second', 'errors per second', 'cold starts per minute']);
    // 2 cold starts in a 2 s bin: 60 per minute.
    expect(rows.filter((r) => r.metric === 'cold starts per minute').map((r) => r.rate)).toEqual([0, 30, 60]);
  });
});

describe('latency charts', () => {
  it('over time: p50 and p99 per bin, bins without an answer left out, log scale when p99 runs far above p50', () => {
    const flat = series(4, { p50: (i) => (i === 2 ? null : 40_000), p99: (i) => (i === 2 ? null : 300_000) });
    const spec = latencyOverTimeSpec(flat, 0) as unknown as { data: { values: { t: number; q: string; value: number }[] }; encoding: { y: { scale: { type?: string }; title: string } } };
    expect(spec.data.values.filter((r) => r.q === 'p99').map((r) => [r.t, r.value])).toEqual([[0, 300], [1, 300], [3, 300]]);
    expect(spec.encoding.y.scale.type).toBeUndefined();
    expect(spec.encoding.y.title).toBe('latency (ms)');
    const queue = series(2, { p50: () => 150_000, p99: () => 140e6 });
    const q = latencyOverTimeSpec(queue, 0) as unknown as typeof spec;
    expect(q.encoding.y.scale.type).toBe('log');
    expect(q.encoding.y.title).toBe('latency (s)');
  });

  it('distribution: the bars stop below the p50 and p99 labels (a tall mode used to hide the p50 label)', () => {
    const bars: LatencyBar[] = [
      { fromMs: 100, toMs: 120, share: 0.9 },
      { fromMs: 120, toMs: 150, share: 0.1 },
    ];
    const spec = latencySpec('worker', 0, bars, 110, 140) as unknown as { height: number; layer: [{ encoding: { y: { scale: { domain: number[] } } } }] };
    const top = spec.layer[0].encoding.y.scale.domain[1];
    // The labels take the top 30 px (two lines of 12 px text from 2 px down).
    expect(0.9 / top).toBeLessThanOrEqual(1 - 30 / spec.height);
  });
});
