/**
 * The in-house SVG charts (src/report/svg/): round ticks on linear and log scales, tick labels,
 * escaping of user-chosen names, the same bytes for the same chart, and well-formed SVG in the
 * report.html of example scenarios (test/report-html-browser.test.ts also renders them in Chromium).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linearTicks, logTicks, niceDomain, niceStep } from '../src/report/svg/scale.js';
import { px, tickLabels } from '../src/report/svg/format.js';
import { renderChart, wrapText } from '../src/report/svg/chart.js';
import type { ChartSpec } from '../src/report/svg/types.js';
import { concurrencySpec, costSpec } from '../src/report/charts.js';
import type { ChartSeries } from '../src/report/timeseries.js';
import type { Summary } from '../src/report/summary-types.js';
import { ROOT, sim, tempDir } from './helpers/cli.js';

describe('scales', () => {
  it('cuts a linear domain at steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(1234, 6)).toBe(200);
    expect(niceDomain(0, 1234, 6)).toEqual([0, 1400]);
    expect(linearTicks(0, 1400, 6)).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400]);
    expect(linearTicks(0, 1, 3)).toEqual([0, 0.5, 1]);
    expect(linearTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(linearTicks(400, 900, 10)).toEqual([400, 450, 500, 550, 600, 650, 700, 750, 800, 850, 900]);
  });

  it('puts a log axis on powers of ten, with 2x and 5x inside a single decade', () => {
    expect(logTicks(1, 100)).toEqual([1, 10, 100]);
    expect(logTicks(0.9, 1200)).toEqual([1, 10, 100, 1000]);
    expect(logTicks(40, 300)).toEqual([50, 100, 200]);
  });

  it('labels ticks as numbers, SI or percent, and rounds coordinates to 0.1 px', () => {
    expect(tickLabels([0, 600, 1200], 'number')).toEqual(['0', '600', '1,200']);
    expect(tickLabels([0, 0.5, 1], 'number')).toEqual(['0', '0.5', '1']);
    expect(tickLabels([0, 500, 1000, 1500], 'si')).toEqual(['0', '500', '1k', '1.5k']);
    expect(tickLabels([0, 2e6, 4e6], 'si')).toEqual(['0', '2M', '4M']);
    expect(tickLabels([0, 0.05, 0.1], 'percent')).toEqual(['0%', '5%', '10%']);
    expect(tickLabels([1, 10, 100, 1000], 'number', true)).toEqual(['1', '10', '100', '1,000']);
    expect([px(-0.04), px(12.345), px(3)]).toEqual(['0', '12.3', '3']);
  });

  it('wraps a long subtitle at word boundaries', () => {
    const lines = wrapText('one two three four five six seven eight nine ten', 12, 100);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('one two three four five six seven eight nine ten');
  });
});

const NAME = `<x&"y>'`;

function twoFunctionSeries(): ChartSeries {
  const bins = 5;
  const per = (v: number) => Array.from({ length: bins }, () => v);
  return {
    functions: ['api', NAME],
    binUs: 1e6,
    bucketUs: 1e6,
    durationUs: bins * 1e6,
    startUs: Array.from({ length: bins }, (_, i) => i * 1e6),
    requests: [per(10), per(5)],
    invocations: [per(10), per(5)],
    errors: [per(0), per(0)],
    throttles: [per(0), per(0)],
    coldStarts: [per(0), per(0)],
    concurrencyMax: [per(3), per(2)],
    accountConcurrencyMax: per(5),
    reserved: [null, 6],
    provisioned: [null, null],
    latencyP50Us: [per(1000), per(2000)],
    latencyP99Us: [per(5000), per(9000)],
    asyncDepthMax: [null, null],
    sources: [],
  };
}

describe('rendering', () => {
  it('escapes user-chosen names in text and tooltips', () => {
    const svg = renderChart(concurrencySpec(twoFunctionSeries(), 10));
    expect(svg).toContain('&lt;x&amp;&quot;y&gt;&#39;');
    expect(svg).not.toContain(NAME);
    expect(wellFormed(svg)).toBe('');
    const cost = { functions: { [NAME]: { cost: { requests: 1, compute: 2, provisioned: 0, storage: 0 } } }, simulatedMs: 1000, total: { cost: { total: 3 } } };
    const bars = renderChart(costSpec(cost as unknown as Summary));
    expect(bars).toContain('<title>&lt;x&amp;&quot;y&gt;&#39;: compute 2.000000 USD</title>');
    expect(wellFormed(bars)).toBe('');
  });

  it('writes the same bytes for the same chart', () => {
    const a = renderChart(concurrencySpec(twoFunctionSeries(), 10));
    const b = renderChart(concurrencySpec(twoFunctionSeries(), 10));
    expect(a).toBe(b);
    expect(a).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="[\d.]+" height="[\d.]+" viewBox="0 0 [\d.]+ [\d.]+"/);
  });

  it('puts a limit label under its rule when another label sits just above', () => {
    const rule = (y: number, label: string) => ({ kind: 'hrule' as const, y, colour: '#d62728', label });
    const chart: ChartSpec = { title: 't', subtitle: [], width: 400, x: { domain: [0, 1] }, panels: [{ height: 100, y: { domain: [0, 120] }, layers: [rule(100, 'a'), rule(97, 'b'), rule(40, 'c')] }] };
    const svg = renderChart(chart);
    const lineY = (label: string) => Number(new RegExp(`<line [^>]*y1="([\\d.]+)"[^>]*/>\\n<text [^>]*>${label}<`).exec(svg)![1]);
    const textY = (label: string) => Number(new RegExp(`<text [^>]*y="([\\d.]+)"[^>]*>${label}<`).exec(svg)![1]);
    expect(textY('a')).toBeLessThan(lineY('a'));
    expect(textY('b')).toBeGreaterThan(lineY('b'));
    expect(textY('c')).toBeLessThan(lineY('c'));
  });

  it('moves a point label under its point, or leaves it to the tooltip, when another label is in the way', () => {
    const point = (y: number, label: string) => ({ kind: 'point' as const, x: 1, y, colour: '#4c78a8', filled: true, r: 4, label, tip: `tip ${label}` });
    const chart: ChartSpec = { title: 't', subtitle: [], width: 400, x: { domain: [0, 4] }, panels: [{ height: 100, y: { domain: [0, 100] }, layers: [point(50, 'first'), point(49, 'second'), point(51, 'third')] }] };
    const svg = renderChart(chart);
    const textY = (label: string) => Number(new RegExp(`<text [^>]*y="([\\d.]+)"[^>]*>${label}<`).exec(svg)![1]);
    const cy = (label: string) => Number(new RegExp(`<circle [^>]*cy="([\\d.]+)"[^>]*><title>tip ${label}<`).exec(svg)![1]);
    expect(textY('first')).toBeLessThan(cy('first'));
    expect(textY('second')).toBeGreaterThan(cy('second'));
    expect(svg).not.toContain('>third<');
    expect(svg).toContain('<title>tip third</title>');
  });

  it('keeps a chart without data drawable (empty lines, no NaN)', () => {
    const chart: ChartSpec = { title: 't', subtitle: [], width: 300, x: { title: 'x' }, panels: [{ height: 80, y: { include: [0, 1] }, layers: [{ kind: 'line', points: [], colour: '#000' }] }] };
    const svg = renderChart(chart);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(wellFormed(svg)).toBe('');
  });
});

/** '' when every tag of `svg` is closed in order and every & starts an entity; else what is wrong. */
function wellFormed(svg: string): string {
  const stack: string[] = [];
  for (const [tag] of svg.matchAll(/<[^>]*>/g)) {
    if (tag.endsWith('/>')) continue;
    const close = /^<\/([a-z]+)>$/.exec(tag);
    if (close !== null) {
      if (stack.pop() !== close[1]) return `unexpected ${tag}`;
      continue;
    }
    const open = /^<([a-z]+)[\s>]/.exec(tag);
    if (open === null) return `bad tag ${tag}`;
    stack.push(open[1]);
  }
  if (stack.length > 0) return `unclosed ${stack.join(' ')}`;
  const amp = /&(?!(amp|lt|gt|quot|#39);)/.exec(svg);
  if (amp !== null) return `bare & at ${amp.index}`;
  if (/NaN|Infinity|undefined/.test(svg)) return 'NaN, Infinity or undefined';
  return '';
}

describe('the charts of example scenarios', () => {
  it.each(['quickstart', 'order-queue-and-clickstream', 'canary-release', 'break-even-steady-api'])('%s: every chart is well-formed SVG', (name) => {
    const dir = tempDir({});
    const r = sim(['run', path.join(ROOT, 'scenarios', `${name}.yaml`), '--quiet', '--out', 'out', '--set', 'reports.formats=[html]'], dir);
    expect(r.stderr).toBe('');
    const html = readFileSync(path.join(dir, 'out', 'report.html'), 'utf8');
    const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs.length).toBeGreaterThan(4);
    for (const svg of svgs) expect(wellFormed(svg)).toBe('');
  }, 60_000);
});
