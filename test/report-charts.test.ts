/**
 * The chart descriptions of report.html, read as data (no rendering): what is scaled to what, which
 * limits are drawn, where the labels go. test/report-html-browser.test.ts looks at the rendered page.
 */
import { describe, expect, it } from 'vitest';
import { concurrencySpec, latencyOverTimeSpec, latencySpec, trafficSpec, type LatencyBar } from '../src/report/charts.js';
import type { ChartSeries } from '../src/report/timeseries.js';
import type { ChartSpec, Layer } from '../src/report/svg/types.js';

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

/** The y domain, the drawn limits, the dotted levels and the subtitle of a concurrency chart. */
function concurrencyView(spec: ChartSpec) {
  const layers = spec.panels[0].layers;
  const limits = layers.flatMap((l) => (l.kind === 'hrule' ? [l.y] : []));
  const levels = layers.flatMap((l) => (l.kind === 'line' && l.dash !== undefined ? l.points.map((p) => [...p]) : []));
  return { top: spec.panels[0].y.domain![1], limits, levels, subtitle: spec.subtitle.join(' | ') };
}

/** The points of the line layers of `layers`. */
function linePoints(layers: readonly Layer[]): (readonly [number, number])[][] {
  return layers.flatMap((l) => (l.kind === 'line' || l.kind === 'area' ? [[...l.points]] : []));
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
  it('shows cold starts counted per bin (13 in a 2 s bin is not "400 per minute"), each row naming its unit', () => {
    const s = series(3, { coldStarts: (i) => i }, { binUs: 2e6, bucketUs: 1e6, durationUs: 6e6, startUs: [0, 2e6, 4e6] });
    const panels = trafficSpec(s, 0).panels;
    expect(panels.map((p) => p.header)).toEqual(['requests per second', 'throttles per second', 'errors per second', 'cold starts per 2 s']);
    expect(linePoints(panels[3].layers)[0].map((p) => p[1])).toEqual([0, 1, 2]);
  });
});

describe('latency charts', () => {
  it('over time: p50 and p99 per bin, bins without an answer left out, log scale when p99 runs far above p50', () => {
    const flat = series(4, { p50: (i) => (i === 2 ? null : 40_000), p99: (i) => (i === 2 ? null : 300_000) });
    const spec = latencyOverTimeSpec(flat, 0);
    expect(spec.legend!.map((l) => l.label)).toEqual(['p50', 'p99']);
    // Each answered bin to its end; the bin without an answer breaks the line (NaN), and the line stops at the last answered bin.
    expect(linePoints(spec.panels[0].layers)[1]).toEqual([[0, 300], [1, 300], [2, 300], [2, NaN], [3, 300], [4, 300], [4, NaN]]);
    expect(spec.panels[0].y.log).toBeUndefined();
    expect(spec.panels[0].y.title).toBe('latency (ms)');
    const queue = series(2, { p50: () => 150_000, p99: () => 140e6 });
    const q = latencyOverTimeSpec(queue, 0);
    expect(q.panels[0].y.log).toBe(true);
    expect(q.panels[0].y.title).toBe('latency (s)');
  });

  it('distribution: the bars stop below the p50 and p99 labels (a tall mode used to hide the p50 label)', () => {
    const bars: LatencyBar[] = [
      { fromMs: 100, toMs: 120, share: 0.9 },
      { fromMs: 120, toMs: 150, share: 0.1 },
    ];
    const panel = latencySpec('worker', 0, bars, 110, 140).panels[0];
    const top = panel.y.domain![1];
    // The labels take the top 30 px (two lines of 12 px text from 2 px down).
    expect(0.9 / top).toBeLessThanOrEqual(1 - 30 / panel.height);
    expect(panel.layers.flatMap((l) => (l.kind === 'vrule' ? [[l.x, l.label, l.labelY]] : []))).toEqual([
      [110, 'p50 110 ms', 2],
      [140, 'p99 140 ms', 16],
    ]);
  });
});
