/**
 * Defects a tester found in report.html's SVG charts, each pinned where it could come back: what the
 * subtitles say against what the chart draws, degenerate data (constant latency, sparse bins, empty
 * runs), number formats, colours and ticks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim, tempDir } from './helpers/cli.js';
import { breakEvenSpec, fleetLine, lambdaCheaperRanges } from '../src/report/break-even-chart.js';
import type { BreakEvenSummary } from '../src/report/break-even-summary.js';
import { costSpec, concurrencySpec, functionColour, formatMs, latencyOverTimeSpec, latencySpec, stageLabel } from '../src/report/charts.js';
import type { ChartSeries } from '../src/report/timeseries.js';
import type { Summary } from '../src/report/summary-types.js';
import { dimensionSpec } from '../src/whatif/sweep-html.js';
import type { SweepResult } from '../src/whatif/sweep.js';
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

/** 30 one-minute bins of one function `worker`, answered (200 ms) only in bins 3, 4 and 13. */
function sparseSeries(): ChartSeries {
  const MIN = 60e6;
  const bins = 30;
  const at = new Set([3, 4, 13]);
  return {
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
}

describe('latency over time', () => {
  const sparse = sparseSeries();

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

describe('empty charts', () => {
  it('a run with every request throttled and an idle function: notes instead of empty charts', () => {
    const yaml = [
      'name: empty',
      'seed: 1',
      'duration: 1m',
      'functions:',
      '  api: { runtime: nodejs20.x, memorySize: 512, reservedConcurrency: 0, duration: { dist: constant, value: 50ms } }',
      '  spare: { runtime: nodejs20.x, memorySize: 512, duration: { dist: constant, value: 50ms } }',
      'workloads:',
      '  - { name: web, function: api, invocation: sync, arrivals: { process: poisson, rate: 5/s } }',
      'breakEven: { instance: m7g.large, concurrencyPerInstance: 8 }',
    ].join('\n');
    const dir = tempDir({ 'empty.yaml': yaml });
    const r = sim(['run', 'empty.yaml', '--out', 'out', '--quiet'], dir);
    expect(r.stderr).toBe('');
    const html = readFileSync(path.join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('No environment was busy during the run');
    expect(html).toContain('spare: no request, throttle, error or cold start in the run.');
    expect(html).toContain('Nothing billed for the simulated time');
    expect(html).toContain('api: Lambda costs nothing at every multiple drawn');
    // Only the traffic of api (its throttles) is still a chart.
    expect(html.match(/<svg /g)!.length).toBe(1);
    expect(html).toContain('aria-label="Traffic of api"');
  });
});

describe('labels, totals and colours', () => {
  it('the cost subtitle keeps significant figures for a small total and groups thousands', () => {
    const summary = (total: number) =>
      ({ functions: { a: { cost: { requests: total, compute: 0, provisioned: 0, storage: 0 } } }, simulatedMs: 60e3, total: { cost: { total } } }) as unknown as Summary;
    expect(costSpec(summary(0.00153584)).subtitle.join(' ')).toContain('total 0.00154 USD');
    expect(costSpec(summary(7050.24)).subtitle.join(' ')).toContain('total 7,050.24 USD');
  });

  it('the stage bars cut a long name, never the value after it', () => {
    expect(stageLabel('a-very-long-function-name-that-goes-on-and-on-and-on-and-on-and-on', 'p99 tail (≥ 557 ms)')).toMatch(/… · p99 tail \(≥ 557 ms\)$/);
  });

  it('never repeats a colour among the 12 charted functions, and draws all functions under them', () => {
    const colours = Array.from({ length: 12 }, (_, fn) => functionColour(fn));
    expect(new Set(colours).size).toBe(12);
    const two: ChartSeries = { ...sparseSeries(), functions: ['a', 'b'] };
    two.concurrencyMax = [two.accountConcurrencyMax, two.accountConcurrencyMax.map(() => 0)];
    two.reserved = [null, null];
    two.provisioned = [null, null];
    const spec = concurrencySpec(two, 1000);
    const first = spec.panels[0].layers[0];
    expect(first.kind === 'line' && first.width).toBe(4);
    expect(spec.legend![0].label).toBe('all functions');
  });
});

describe('sweep panels', () => {
  /** A sweep of `values` of provisioned concurrency (and memory when `memory` is given), costs and p99s made up, with intervals. */
  function sweep(values: number[], memory: number[] = []): SweepResult {
    const combos = memory.length === 0 ? values.map((v) => [v]) : memory.flatMap((m) => values.map((v) => [v, m]));
    const dimensions = [{ path: 'functions.api.provisionedConcurrency', values }, ...(memory.length === 0 ? [] : [{ path: 'functions.api.memorySize', values: memory }])];
    const points = combos.map((vals, index) => ({
      index,
      values: vals,
      labels: vals.map(String),
      overrides: [],
      result: {
        seeds: [1, 2, 3],
        simulatedMs: 1,
        entries: [
          { name: 'total', metrics: { costPerMonth: { mean: 10 + vals[0], half: 1, n: 3 } } },
          { name: 'api', metrics: { p99: { mean: 1000 - vals[0], half: 20, n: 3 } } },
        ],
        expectations: [],
        meetsAll: true,
        notes: [],
      },
    }));
    return { dimensions, points, replications: 3 } as unknown as SweepResult;
  }

  it('puts numeric settings on a linear axis, at their values', () => {
    const spec = dimensionSpec(sweep([0, 10, 20, 30, 40, 60]), 0);
    expect(spec.x.categories).toBeUndefined();
    const line = spec.panels[0].layers.find((l) => l.kind === 'line')!;
    expect(line.kind === 'line' && line.points.map((p) => p[0])).toEqual([0, 10, 20, 30, 40, 60]);
  });

  it('draws 95% intervals as error bars and names each line when two settings vary', () => {
    const spec = dimensionSpec(sweep([0, 10], [512, 1024]), 0);
    const bars = spec.panels[0].layers.filter((l) => l.kind === 'line' && l.points.length === 2 && l.points[0][0] === l.points[1][0]);
    expect(bars.length).toBe(8);
    const labels = spec.panels[0].layers.flatMap((l) => (l.kind === 'point' && l.label !== undefined ? [l.label] : []));
    expect([...new Set(labels)].sort()).toEqual(['1024', '512']);
    expect(spec.subtitle.join(' ')).toContain('95% interval');
  });
});
