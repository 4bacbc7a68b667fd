/**
 * report.html's break-even chart: monthly cost of Lambda and of the always-on fleet against the
 * traffic multiple (1 = the simulated traffic), from summary.json's `breakEven` curve, with the
 * simulated point and the break-even marked. One chart per compared function.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BreakEvenSummary } from './break-even-summary.js';

const WIDTH = 800;
const SERIES = ['Lambda', 'always-on'] as const;
const COLOURS = ['#4c78a8', '#f58518'];

/** The Vega-Lite spec of one function's break-even chart. */
export function breakEvenSpec(b: BreakEvenSummary, name: string): TopLevelSpec {
  const f = b.functions[name];
  const a = b.alternative;
  const lambdaRows = f.curve.map((p) => ({ x: p.multiplier, usd: p.lambda, series: SERIES[0] }));
  const fleetRows = f.curve.map((p) => ({ x: p.multiplier, usd: p.alwaysOn, series: SERIES[1] }));
  const marks = [
    { x: 1, usd: f.lambdaPerMonth, series: SERIES[0], label: 'simulated' },
    { x: 1, usd: f.alwaysOnPerMonth, series: SERIES[1], label: 'simulated' },
    ...(f.breakEvenMultiplier === null || f.lambdaAtBreakEven === null
      ? []
      : [{ x: f.breakEvenMultiplier, usd: f.lambdaAtBreakEven, series: SERIES[0], label: `break-even ${f.breakEvenMultiplier.toFixed(3)}x` }]),
  ];
  const fleet = `${a.minInstances > 1 ? `at least ${a.minInstances} x ` : ''}${a.instance} at $${a.pricePerHour}/h, ${a.concurrencyPerInstance} concurrent each, sized for ${a.sizeFor} + ${Math.round(a.headroom * 100)}%`;
  const verdict =
    f.breakEvenMultiplier === null
      ? `Lambda is cheaper at every multiple up to ${f.searchedUpTo}x`
      : `Lambda is cheaper below ${f.breakEvenMultiplier.toFixed(3)}x the simulated traffic`;
  const colour = { field: 'series', type: 'nominal', title: null, scale: { domain: [...SERIES], range: COLOURS } };
  return {
    width: WIDTH,
    height: 220,
    title: { text: `${name}: Lambda against always-on, per month`, subtitle: [fleet, `${verdict}; at 1x Lambda $${f.lambdaPerMonth.toFixed(2)}, always-on $${f.alwaysOnPerMonth.toFixed(2)}`] },
    layer: [
      // Lambda's cost is piecewise linear in traffic; the fleet's a step function (whole instances).
      {
        data: { values: lambdaRows },
        mark: { type: 'line' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: 'traffic multiple (1 = simulated)' },
          y: { field: 'usd', type: 'quantitative', title: 'USD per 30-day month' },
          color: colour,
        },
      },
      {
        data: { values: fleetRows },
        mark: { type: 'line', interpolate: 'step-before' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'usd', type: 'quantitative' }, color: colour },
      },
      {
        data: { values: marks },
        mark: { type: 'point', filled: true, size: 70 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'usd', type: 'quantitative' }, color: colour },
      },
      {
        data: { values: marks },
        mark: { type: 'text', align: 'left', dx: 6, dy: -8, fontSize: 11 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'usd', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}
