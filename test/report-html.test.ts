/**
 * report.html as text: self-contained, deterministic (the SVG charts included), every section present.
 * (test/report-html-browser.test.ts opens it in Chromium.)
 */
import { describe, expect, it } from 'vitest';
import { Simulation, checkedResults } from './helpers/simulate.js';
import { buildReports, renderReportHtml, TimeSeriesObserver } from '../src/report/index.js';
import { latencyBars, timeAxis, widthText } from '../src/report/charts.js';
import { Histogram } from '../src/metrics/histogram.js';
import { fn, MS, S, scenario, sync } from './helpers/model-input.js';

async function render(): Promise<string> {
  const input = scenario({
    duration: 90 * S,
    account: { concurrencyLimit: 8, unreservedMinimum: 0, scaling: 'per-function' },
    functions: {
      api: fn({ duration: { dist: 'lognormal', median: 150 * MS, sigma: 0.7 }, init: { dist: 'constant', value: 300 * MS }, errorRate: 0.02 }),
      'a<b>&c': fn({ duration: { dist: 'constant', value: 20 * MS } }),
    },
    workloads: [sync('api', { process: 'poisson', rate: 40 }), sync('a<b>&c', { process: 'poisson', rate: 5 })],
  });
  const ts = new TimeSeriesObserver({ functions: Object.keys(input.functions), bucketUs: S, durationUs: input.duration, sink: null });
  const results = checkedResults(new Simulation(input, ts));
  const { summary } = buildReports(results, { simulator: { name: 'lambda-sim', version: 'test' }, expect: [] });
  return renderReportHtml({
    summary,
    latency: results.functions.map((f) => f.latency),
    series: ts.chartSeries(),
    accountLimit: 8,
    scenario: { fileName: 'x.yaml', text: 'name: x # <script>alert(1)</script>\n', overrides: ['--set seed=2'], description: 'Tom & Jerry' },
  });
}

describe('report.html', () => {
  it('is byte-identical when rendered twice from the same run', async () => {
    const a = await render();
    const b = await render();
    expect(a).toBe(b);
  });

  it('holds every section, inline SVG charts, and escapes user text', async () => {
    const html = await render();
    for (const id of ['summary', 'concurrency', 'traffic', 'latency', 'stages', 'cost', 'scenario']) expect(html).toContain(`<h2 id="${id}">`);
    // concurrency, traffic x2, latency over time x2, latency distribution x2, where the time went, cost
    expect(html.match(/<svg /g)?.length).toBe(9);
    expect(html).toContain('account limit 8');
    expect(html).toContain('p50 ');
    expect(html).toContain('p99 ');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).toContain('Tom &amp; Jerry');
    expect(html).toContain('<code>--set seed=2</code>');
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    // Ids must not collide between the inline SVGs.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('chart helpers', () => {
  it('picks a readable time unit and bin label', () => {
    expect(timeAxis(120 * S).title).toBe('simulated time (s)');
    expect(timeAxis(3600 * S).title).toBe('simulated time (min)');
    expect(timeAxis(86400 * S).title).toBe('simulated time (h)');
    expect(timeAxis(30 * 86400 * S).title).toBe('simulated time (days)');
    expect(widthText(500)).toBe('500 µs');
    expect(widthText(7.5 * S)).toBe('7.5 s');
    expect(widthText(120 * S)).toBe('2 min');
    expect(widthText(250 * MS)).toBe('250 ms');
  });

  it('draws a latency distribution whose bars hold every request once', () => {
    const h = new Histogram();
    for (let i = 1; i <= 10_000; i++) h.record(1000 * i);
    const bars = latencyBars(h);
    expect(bars.length).toBe(48);
    expect(bars.reduce((a, b) => a + b.share, 0)).toBeCloseTo(1, 3);
    expect(bars[0].fromMs).toBe(1);
    expect(bars[47].toMs).toBeCloseTo(10_000, 0);
    expect(latencyBars(new Histogram())).toEqual([]);
  });
});
