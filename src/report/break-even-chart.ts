/**
 * report.html's break-even chart: monthly cost of Lambda and of the always-on fleet against the
 * traffic multiple (1 = the simulated traffic), from summary.json's `breakEven` curve, with the
 * simulated point and the break-even marked. One chart per compared function.
 */
import { fleetInstances } from '../billing/break-even.js';
import type { BreakEvenSummary } from './break-even-summary.js';
import { humanUsd, significant } from './humanize.js';
import type { ChartSpec, Layer, XY } from './svg/types.js';

const WIDTH = 800;
const SERIES = ['Lambda', 'always-on'] as const;
const COLOURS = ['#4c78a8', '#f58518'];

/** A point of a drawn cost curve. */
interface CostPoint {
  multiplier: number;
  lambda: number;
  alwaysOn: number;
}

/** Most fleet steps drawn one by one; beyond, the fleet is drawn through the curve points. */
const MAX_FLEET_STEPS = 2000;

/**
 * The fleet's monthly cost as the chart draws it: a step function with its steps where the sizing
 * rule adds an instance (fleetInstances, from summary.json's alternative), so a break-even between
 * two curve points is drawn where it is. Falls back to the curve points (each value holding back to
 * the previous point) when the rule does not reproduce them or would take too many steps.
 */
export function fleetLine(b: BreakEvenSummary, name: string): { points: XY[]; step: 'after' | 'before'; at: (m: number) => number } {
  const f = b.functions[name];
  const a = b.alternative;
  const curve = f.curve;
  const end = curve.length === 0 ? 0 : curve[curve.length - 1].multiplier;
  const perInstance = a.pricePerHour * a.hoursPerMonth;
  const instances = (m: number): number => fleetInstances(a, f.sizedConcurrency, m);
  const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(y));
  const perStep = a.concurrencyPerInstance / (f.sizedConcurrency * (1 + a.headroom));
  const exact = curve.length > 1 && perStep > 0 && end / perStep <= MAX_FLEET_STEPS && curve.every((p) => close(instances(p.multiplier) * perInstance, p.alwaysOn));
  if (!exact) {
    const at = (m: number): number => (curve.find((p) => p.multiplier >= m) ?? curve[curve.length - 1])?.alwaysOn ?? 0;
    return { points: curve.map((p): XY => [p.multiplier, p.alwaysOn]), step: 'before', at };
  }
  // One point at 0, then one where each instance is added (just past k x perStep), to the end.
  const points: XY[] = [[0, instances(0) * perInstance]];
  // With minInstances 0 the first instance comes with the first request.
  if (instances(1e-12) !== instances(0)) points.push([0, instances(1e-12) * perInstance]);
  for (let k = Math.max(1, Math.floor(instances(0))); k * perStep < end; k++) {
    const m = k * perStep;
    const n = instances(m * (1 + 1e-9));
    if (n * perInstance !== points[points.length - 1][1]) points.push([m, n * perInstance]);
  }
  points.push([end, instances(end) * perInstance]);
  return { points, step: 'after', at: (m) => instances(m) * perInstance };
}

/**
 * The ranges of traffic multiple where Lambda costs less than the fleet, as the chart draws them:
 * Lambda straight between the curve points, the fleet as {@link fleetLine}. A fleet that adds
 * instances makes Lambda cheaper again after the first break-even, so there may be several ranges.
 */
export function lambdaCheaperRanges(curve: readonly CostPoint[], fleet: { points: readonly XY[]; at: (m: number) => number }): [number, number][] {
  const ranges: [number, number][] = [];
  const add = (from: number, to: number): void => {
    if (!(to > from)) return;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && Math.abs(last[1] - from) < 1e-12) last[1] = to;
    else ranges.push([from, to]);
  };
  const lambdaAt = (m: number): number => {
    for (let i = 1; i < curve.length; i++) {
      const a = curve[i - 1];
      const b = curve[i];
      if (m <= b.multiplier) return a.lambda + ((b.lambda - a.lambda) * (m - a.multiplier)) / (b.multiplier - a.multiplier);
    }
    return curve[curve.length - 1].lambda;
  };
  // Between two neighbouring breaks Lambda is linear and the fleet constant.
  const breaks = [...new Set([...curve.map((p) => p.multiplier), ...fleet.points.map((p) => p[0])])].sort((x, y) => x - y);
  for (let i = 1; i < breaks.length; i++) {
    const u = breaks[i - 1];
    const v = breaks[i];
    const cost = fleet.at((u + v) / 2);
    const d0 = lambdaAt(u) - cost;
    const d1 = lambdaAt(v) - cost;
    if (d0 < 0 && d1 < 0) add(u, v);
    else if (d0 < 0 || d1 < 0) {
      const cross = u + ((v - u) * d0) / (d0 - d1);
      if (d0 < 0) add(u, cross);
      else add(cross, v);
    }
  }
  return ranges;
}

/** "below 0.783x", "from 0.8x to 1.57x", "from 2x" (to the end of the drawn curve). */
function rangeText([from, to]: [number, number], end: number): string {
  const x = (v: number): string => `${significant(v).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')}x`;
  if (from <= 0) return to >= end ? `at every multiple up to ${x(end)}` : `below ${x(to)}`;
  return to >= end ? `from ${x(from)} (to ${x(end)}, the end of the chart)` : `from ${x(from)} to ${x(to)}`;
}

/** The verdict line: where Lambda is cheaper, from the drawn curve, and the first break-even. */
function verdictText(f: BreakEvenSummary['functions'][string], fleet: ReturnType<typeof fleetLine>): string {
  const end = f.curve.length === 0 ? 0 : f.curve[f.curve.length - 1].multiplier;
  const ranges = lambdaCheaperRanges(f.curve, fleet);
  const where = ranges.length === 0 ? `Lambda is dearer at every multiple drawn (up to ${end}x)` : `Lambda is cheaper ${ranges.map((r) => rangeText(r, end)).join(' and ')}`;
  const m = f.breakEvenMultiplier;
  // One range from 0 that ends at the break-even already says where it is.
  const plain = m !== null && ranges.length === 1 && ranges[0][0] === 0 && Math.abs(ranges[0][1] - m) <= 1e-3 * m;
  const first = m === null ? `; no break-even up to ${f.searchedUpTo}x` : plain ? '' : `; first break-even at ${m.toFixed(3)}x`;
  const at1 = f.lambdaPerMonth < f.alwaysOnPerMonth ? 'Lambda cheaper' : f.lambdaPerMonth > f.alwaysOnPerMonth ? 'always-on cheaper' : 'the same';
  return `${where}${first}; at 1x Lambda ${humanUsd(f.lambdaPerMonth)}, always-on ${humanUsd(f.alwaysOnPerMonth)} (${at1})`;
}

/** The chart of one function's break-even. */
export function breakEvenSpec(b: BreakEvenSummary, name: string): ChartSpec {
  const f = b.functions[name];
  const a = b.alternative;
  const marks = [
    { x: 1, usd: f.lambdaPerMonth, series: 0, label: 'simulated' },
    { x: 1, usd: f.alwaysOnPerMonth, series: 1, label: 'simulated' },
    ...(f.breakEvenMultiplier === null || f.lambdaAtBreakEven === null
      ? []
      : [{ x: f.breakEvenMultiplier, usd: f.lambdaAtBreakEven, series: 0, label: `break-even ${f.breakEvenMultiplier.toFixed(3)}x` }]),
  ];
  const fleet = fleetLine(b, name);
  const fleetText = `${a.minInstances > 1 ? `at least ${a.minInstances} x ` : ''}${a.instance} at $${a.pricePerHour}/h, ${a.concurrencyPerInstance} concurrent each, sized for ${a.sizeFor} + ${Math.round(a.headroom * 100)}%`;
  const layers: Layer[] = [
    // Lambda's cost is piecewise linear in traffic; the fleet's a step function (whole instances).
    { kind: 'line', points: f.curve.map((p) => [p.multiplier, p.lambda] as const), colour: COLOURS[0], width: 2 },
    { kind: 'line', points: fleet.points, colour: COLOURS[1], width: 2, step: fleet.step },
    ...marks.map((m): Layer => ({
      kind: 'point',
      x: m.x,
      y: m.usd,
      colour: COLOURS[m.series],
      filled: true,
      r: 4.5,
      label: m.label,
      tip: `${SERIES[m.series]} ${m.label}: ${m.x}x, ${humanUsd(m.usd)} per month`,
    })),
  ];
  return {
    title: `${name}: Lambda against always-on, per month`,
    subtitle: [fleetText, verdictText(f, fleet)],
    width: WIDTH,
    x: { title: 'traffic multiple (1 = simulated)', include: [0] },
    legend: SERIES.map((label, k) => ({ label, colour: COLOURS[k], shape: 'line' })),
    panels: [{ height: 220, y: { title: 'USD per 30-day month', include: [0] }, layers }],
  };
}
