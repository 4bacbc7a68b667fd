/**
 * Defects a tester found in report.html's SVG charts, each pinned where it could come back: what the
 * subtitles say against what the chart draws, degenerate data (constant latency, sparse bins, empty
 * runs), number formats, colours and ticks.
 */
import { describe, expect, it } from 'vitest';
import { breakEvenSpec, fleetLine, lambdaCheaperRanges } from '../src/report/break-even-chart.js';
import type { BreakEvenSummary } from '../src/report/break-even-summary.js';
import { formatMs, latencyOverTimeSpec, latencySpec } from '../src/report/charts.js';
import type { ChartSeries } from '../src/report/timeseries.js';
import { renderChart } from '../src/report/svg/chart.js';
import { logTicks } from '../src/report/svg/scale.js';

/** $58.75 an instance-month. */
const PRICE = 58.75 / 720;

/** A break-even summary of one function `api` with `curve`, its 1x values read off the curve. */
function breakEven(curve: { multiplier: number; lambda: number; alwaysOn: number }[], first: number | null): BreakEvenSummary {
  const at1 = curve.find((p) => p.multiplier === 1)!;
  return {
    method: 'closed-form',
    assumption: '',
    alternative: { instance: 'm7g.large', onDemandPerHour: PRICE, savingsPlanDiscount: 0, pricePerHour: PRICE, hoursPerMonth: 720, concurrencyPerInstance: 8, sizeFor: 'peak', headroom: 0, minInstances: 1, source: '' },
    functions: {
      api: {
        sizedConcurrency: 10,
        meanConcurrency: 5,
        instances: 2,
        utilization: 0.3,
        lambdaPerMonth: at1.lambda,
        alwaysOnPerMonth: at1.alwaysOn,
        cheaper: at1.lambda < at1.alwaysOn ? 'lambda' : 'always-on',
        breakEvenMultiplier: first,
        searchedUpTo: 1000,
        lambdaAtBreakEven: first === null ? null : first * 75,
        alwaysOnAtBreakEven: first === null ? null : 58.75,
        curve,
      },
    } as BreakEvenSummary['functions'],
  };
}

describe('break-even subtitle', () => {
  // Lambda $75 a month per 1x; the fleet (10 concurrent, 8 per instance, $58.75 each) adds an
  // instance past 0.8x and 1.6x: Lambda is cheaper below 0.783x, dearer to 0.8x, cheaper to
  // 1.567x, dearer to 1.6x, cheaper again to the end of the chart (2x).
  const curve = Array.from({ length: 41 }, (_, i) => {
    const m = i * 0.05;
    return { multiplier: Number(m.toFixed(2)), lambda: 75 * m, alwaysOn: 58.75 * Math.max(1, Math.ceil(Number((1.25 * m).toPrecision(12)))) };
  });

  it('names every range where Lambda is cheaper, as drawn, and never contradicts the 1x numbers', () => {
    const b = breakEven(curve, 58.75 / 75);
    const fleet = fleetLine(b, 'api');
    // Drawn with its steps where the sizing adds an instance, not at the curve points.
    expect(fleet.step).toBe('after');
    expect(fleet.points.map((p) => p[0])).toEqual([0, 0.8, 1.6, 2]);
    const ranges = lambdaCheaperRanges(curve, fleet);
    expect(ranges.length).toBe(3);
    expect(ranges[0][0]).toBe(0);
    expect(ranges[0][1]).toBeCloseTo(58.75 / 75, 9);
    expect(ranges[1][0]).toBeCloseTo(0.8, 9);
    expect(ranges[1][1]).toBeCloseTo(117.5 / 75, 9);
    const subtitle = breakEvenSpec(b, 'api').subtitle.join(' | ');
    expect(subtitle).toContain('Lambda is cheaper below 0.783x and from 0.8x to 1.57x and from 1.6x (to 2x, the end of the chart)');
    expect(subtitle).toContain('first break-even at 0.783x');
    expect(subtitle).toContain('at 1x Lambda 75.00 USD, always-on 117.50 USD (Lambda cheaper)');
  });

  it('falls back to the curve points when the sizing rule does not reproduce them', () => {
    const odd = curve.map((p) => ({ ...p, alwaysOn: p.alwaysOn + 1 }));
    const fleet = fleetLine(breakEven(odd, 59.75 / 75), 'api');
    expect(fleet.step).toBe('before');
    expect(fleet.points.length).toBe(41);
  });

  it('groups thousands in money and says so when Lambda is cheaper everywhere drawn', () => {
    const flat = Array.from({ length: 5 }, (_, i) => ({ multiplier: i * 0.5, lambda: 6 * i * 0.5, alwaysOn: 7050.24 }));
    const subtitle = breakEvenSpec(breakEven(flat, null), 'api').subtitle.join(' | ');
    expect(subtitle).toContain('Lambda is cheaper at every multiple up to 2x; no break-even up to 1000x');
    expect(subtitle).toContain('always-on 7,050.24 USD');
  });
});

describe('latency distribution', () => {
  it('a constant latency: a visible bar on a decade-wide axis with labelled ticks', () => {
    const spec = latencySpec('webhook', 0, [{ fromMs: 1250, toMs: 1250.01, share: 1 }], 1250, 1250);
    const [lo, hi] = spec.x.domain!;
    expect(hi / lo).toBeGreaterThanOrEqual(10 - 1e-9);
    expect(lo).toBeLessThan(1250);
    expect(hi).toBeGreaterThan(1250);
    const svg = renderChart(spec);
    const bar = /<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/.exec(svg)!;
    expect(Number(bar[1])).toBeGreaterThanOrEqual(5.9);
    // At least two labelled x ticks under the plot.
    const xLabels = [...svg.matchAll(/text-anchor="middle" fill="#333">([^<]+)<\/text>/g)].map((m) => m[1]).filter((t) => !t.startsWith('latency'));
    expect(xLabels.length).toBeGreaterThanOrEqual(2);
  });

  it('labels large latencies in s or min, never in exponent notation', () => {
    const spec = latencySpec('thumbs', 0, [{ fromMs: 1000, toMs: 1.6e6, share: 0.5 }, { fromMs: 1.6e6, toMs: 1.8e6, share: 0.5 }], 2000, 1719268);
    expect(spec.x.title).toBe('latency (s)');
    expect(latencySpec('batch', 0, [{ fromMs: 1000, toMs: 5 * 3600e3, share: 1 }], 2000, 4e6).x.title).toBe('latency (min)');
    const svg = renderChart(spec);
    expect(svg).toContain('p99 28.7 min');
    expect(svg).not.toMatch(/\de[+-]\d/);
    expect(svg).not.toContain('1,000,000');
    expect(formatMs(1720e3 / 1000)).toBe('1.72 s');
    expect(formatMs(0.25)).toBe('250 µs');
  });

  it('has no share tick above 100% (the headroom is for the labels)', () => {
    const spec = latencySpec('pager', 0, [{ fromMs: 10, toMs: 12, share: 1 }], 11, 11);
    expect(spec.panels[0].y.domain![1]).toBeGreaterThan(1);
    expect(renderChart(spec)).not.toMatch(/>1[1-9]\d%</);
  });
});

describe('log ticks', () => {
  it('labels an axis shorter than a decade', () => {
    expect(logTicks(600, 900)).toEqual([600, 700, 800, 900]);
    expect(logTicks(610, 690).length).toBeGreaterThanOrEqual(2);
    expect(logTicks(40, 300)).toEqual([50, 100, 200]);
  });
});

describe('latency over time', () => {
  const MIN = 60e6;
  const bins = 30;
  const at = new Set([3, 4, 13]);
  const sparse: ChartSeries = {
    functions: ['worker'],
    binUs: MIN,
    bucketUs: MIN,
    durationUs: bins * MIN,
    startUs: Array.from({ length: bins }, (_, i) => i * MIN),
    requests: [new Array<number>(bins).fill(1)],
    invocations: [new Array<number>(bins).fill(1)],
    errors: [new Array<number>(bins).fill(0)],
    throttles: [new Array<number>(bins).fill(0)],
    coldStarts: [new Array<number>(bins).fill(0)],
    concurrencyMax: [new Array<number>(bins).fill(1)],
    accountConcurrencyMax: new Array<number>(bins).fill(1),
    reserved: [null],
    provisioned: [null],
    latencyP50Us: [Array.from({ length: bins }, (_, i) => (at.has(i) ? 200_000 : null))],
    latencyP99Us: [Array.from({ length: bins }, (_, i) => (at.has(i) ? 200_000 : null))],
    asyncDepthMax: [null],
    sources: [],
  };

  it('breaks the line at bins with no call, stops at the last answered bin and marks sparse bins as points', () => {
    const spec = latencyOverTimeSpec(sparse, 0);
    const svg = renderChart(spec);
    const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths.length).toBe(2);
    // Two runs of answered bins: two subpaths per line, none reaching the end of the run (30 min).
    for (const d of paths) expect(d.match(/M/g)!.length).toBe(2);
    const layers = spec.panels[0].layers;
    expect(layers.some((l) => l.kind === 'line' && l.extendTo !== undefined)).toBe(false);
    expect(layers.filter((l) => l.kind === 'point').length).toBe(6);
    const xs = layers.flatMap((l) => (l.kind === 'line' ? l.points.map((p) => p[0]) : []));
    expect(Math.max(...xs)).toBe(14);
  });

  it('keeps p50 visible where it equals p99: p99 is dashed and drawn over it', () => {
    const lines = latencyOverTimeSpec(sparse, 0).panels[0].layers.filter((l) => l.kind === 'line');
    expect(lines.map((l) => (l.kind === 'line' ? l.dash : ''))).toEqual([undefined, '5 3']);
  });
});
