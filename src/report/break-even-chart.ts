/**
 * report.html's break-even chart: monthly cost of Lambda and of the always-on fleet against the
 * traffic multiple (1 = the simulated traffic), from summary.json's `breakEven` curve, with the
 * simulated point and the break-even marked. One chart per compared function.
 */
import type { BreakEvenSummary } from './break-even-summary.js';
import type { ChartSpec, Layer } from './svg/types.js';

const WIDTH = 800;
const SERIES = ['Lambda', 'always-on'] as const;
const COLOURS = ['#4c78a8', '#f58518'];

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
  const fleet = `${a.minInstances > 1 ? `at least ${a.minInstances} x ` : ''}${a.instance} at $${a.pricePerHour}/h, ${a.concurrencyPerInstance} concurrent each, sized for ${a.sizeFor} + ${Math.round(a.headroom * 100)}%`;
  const verdict =
    f.breakEvenMultiplier === null
      ? `Lambda is cheaper at every multiple up to ${f.searchedUpTo}x`
      : `Lambda is cheaper below ${f.breakEvenMultiplier.toFixed(3)}x the simulated traffic`;
  const layers: Layer[] = [
    // Lambda's cost is piecewise linear in traffic; the fleet's a step function (whole instances).
    { kind: 'line', points: f.curve.map((p) => [p.multiplier, p.lambda] as const), colour: COLOURS[0], width: 2 },
    { kind: 'line', points: f.curve.map((p) => [p.multiplier, p.alwaysOn] as const), colour: COLOURS[1], width: 2, step: 'before' },
    ...marks.map((m): Layer => ({
      kind: 'point',
      x: m.x,
      y: m.usd,
      colour: COLOURS[m.series],
      filled: true,
      r: 4.5,
      label: m.label,
      tip: `${SERIES[m.series]} ${m.label}: ${m.x}x, $${m.usd.toFixed(2)} per month`,
    })),
  ];
  return {
    title: `${name}: Lambda against always-on, per month`,
    subtitle: [fleet, `${verdict}; at 1x Lambda $${f.lambdaPerMonth.toFixed(2)}, always-on $${f.alwaysOnPerMonth.toFixed(2)}`],
    width: WIDTH,
    x: { title: 'traffic multiple (1 = simulated)', include: [0] },
    legend: SERIES.map((label, k) => ({ label, colour: COLOURS[k], shape: 'line' })),
    panels: [{ height: 220, y: { title: 'USD per 30-day month', include: [0] }, layers }],
  };
}
