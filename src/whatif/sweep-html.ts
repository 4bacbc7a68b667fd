/**
 * sweep.html: cost against p99 for every point, as AWS Lambda Power Tuning draws it, the points
 * that meet every expect line filled and the others hollow; then one panel per varied dimension
 * (that dimension on x, cost per month and p99 on two axes); then the sweep.md table.
 * Drawn like report.html: static inline SVG (report/svg/), no script, nothing fetched.
 */
import { renderChart } from '../report/svg/chart.js';
import type { ChartSpec, Layer, XY } from '../report/svg/types.js';
import { metricOf, worstP99 } from './aggregate.js';
import { recommendationLines, sweepTable } from './sweep-output.js';
import { PER_MONTH_NOTE } from './metrics.js';
import type { SweepResult } from './sweep.js';

const FEASIBLE = '#2e7d32';
const INFEASIBLE = '#c62828';

/** One drawn point. */
interface Row {
  point: number;
  label: string;
  costPerMonth: number;
  p99: number;
  meets: string;
  x: string;
  others: string;
}

function rows(result: SweepResult, dim: number | null): Row[] {
  return result.points.map((p) => ({
    point: p.index + 1,
    label: `#${p.index + 1} ${p.labels.join(' · ')}`,
    costPerMonth: Number((metricOf(p.result, 'total', 'costPerMonth')?.mean ?? 0).toPrecision(10)),
    p99: Number(worstP99(p.result).toPrecision(10)),
    meets: p.result.meetsAll ? 'meets every expect line' : 'breaks an expect line',
    x: dim === null ? '' : p.labels[dim],
    others: dim === null ? '' : p.labels.filter((_, i) => i !== dim).join(' · ') || 'all',
  }));
}

const MEETS = 'meets every expect line';

/** The range of `values` widened by 5% each side, so no point sits on an axis line. */
function padded(values: readonly number[]): number[] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05;
  return [lo - pad, hi + pad];
}

/** Cost per month against p99, one labelled point per grid point. */
export function tradeoffSpec(result: SweepResult): ChartSpec {
  const all = rows(result, null);
  const layers = all.map((r): Layer => {
    const colour = r.meets === MEETS ? FEASIBLE : INFEASIBLE;
    return { kind: 'point', x: r.p99, y: r.costPerMonth, colour, filled: r.meets === MEETS, r: 5, label: r.label, tip: `${r.label}: p99 ${r.p99} ms, ${r.costPerMonth} USD per month; ${r.meets}` };
  });
  return {
    title: 'Cost against p99 latency',
    subtitle: ['Each point of the grid; filled: meets every expect line; hollow: breaks one'],
    width: 720,
    x: { title: 'p99 latency of the slowest function (ms)', include: padded(all.map((r) => r.p99)) },
    legend: [
      { label: MEETS, colour: FEASIBLE, shape: 'circle' },
      { label: 'breaks an expect line', colour: INFEASIBLE, shape: 'ring' },
    ],
    panels: [{ height: 360, y: { title: 'cost per month (USD)', include: padded(all.map((r) => r.costPerMonth)) }, layers }],
  };
}

/** One varied dimension on x: cost per month (left axis, blue) and p99 (right axis, orange). */
export function dimensionSpec(result: SweepResult, dim: number): ChartSpec {
  const d = result.dimensions[dim];
  const order = [...new Set(result.points.map((p) => p.labels[dim]))];
  const at = new Map(order.map((label, i) => [label, i]));
  const all = rows(result, dim);
  // One line per combination of the other dimensions, through its points in x order.
  const groups = new Map<string, Row[]>();
  for (const r of all) groups.set(r.others, [...(groups.get(r.others) ?? []), r]);
  const series = (field: 'costPerMonth' | 'p99', colour: string, right: boolean): Layer[] => [
    ...[...groups.values()].map((g): Layer => ({
      kind: 'line',
      points: g.map((r): XY => [at.get(r.x)!, r[field]]).sort((p, q) => p[0] - q[0]),
      colour,
      right,
    })),
    ...all.map((r): Layer => ({ kind: 'point', x: at.get(r.x)!, y: r[field], colour, filled: r.meets === MEETS, r: 4, right, tip: `${r.label}: ${field === 'p99' ? `p99 ${r.p99} ms` : `${r.costPerMonth} USD per month`}` })),
  ];
  return {
    title: `By ${d.path}`,
    subtitle: [
      `Blue: cost per month (left axis); orange: p99 of the slowest function (right axis); hollow: breaks an expect line${result.dimensions.length > 1 ? '; one line per combination of the other dimensions' : ''}`,
    ],
    width: 720,
    x: { title: d.path, categories: order },
    panels: [
      {
        height: 260,
        y: { title: 'cost per month (USD)', colour: '#4c78a8', include: [0] },
        yRight: { title: 'p99 (ms)', colour: '#f58518', include: [0] },
        layers: [...series('costPerMonth', '#4c78a8', false), ...series('p99', '#f58518', true)],
      },
    ],
  };
}

/** The points table as HTML. */
function htmlTable(result: SweepResult, escape: (t: string) => string): string {
  const { header, rows } = sweepTable(result);
  const row = (cells: readonly string[], tag: string): string => `<tr>${cells.map((c) => `<${tag}>${escape(c)}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${row(header, 'th')}</thead><tbody>\n${rows.map((r) => row(r, 'td')).join('\n')}\n</tbody></table>`;
}

/** sweep.html's bytes (async as it was when a chart library rendered asynchronously; no I/O). */
export async function renderSweepHtml(result: SweepResult): Promise<string> {
  const { escapeHtml, htmlHead } = await import('../report/report-html.js');
  const panel = (svg: string): string => `<div class="panel">${svg}</div>`;
  const bold = (t: string): string => escapeHtml(t).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  const parts = [
    ...htmlHead(`${result.scenario}: lambda-sim sweep`, CSS),
    '<body><main>',
    `<h1>Sweep of ${escapeHtml(result.scenario)}</h1>`,
    `<p class="meta">${result.points.length} points &middot; ${result.replications} replication${result.replications === 1 ? '' : 's'} &middot; seed ${result.seed} &middot; ${escapeHtml(result.simulator.name)} ${escapeHtml(result.simulator.version)}</p>`,
    `<ul>${recommendationLines(result).map((l) => `<li>${bold(l)}</li>`).join('')}</ul>`,
    ...result.notes.map((n) => `<p class="warn">${escapeHtml(n)}</p>`),
    panel(renderChart(tradeoffSpec(result))),
  ];
  for (let d = 0; d < result.dimensions.length; d++) parts.push(panel(renderChart(dimensionSpec(result, d))));
  parts.push('<h2>Points</h2>', `<div class="panel">${htmlTable(result, escapeHtml)}</div>`, `<p class="note">${escapeHtml(PER_MONTH_NOTE)}</p>`, '</main></body>', '</html>', '');
  return parts.join('\n');
}

const CSS = `
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d1d1f; background: #f5f5f7; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 10px; }
.meta, .note { color: #555; }
.warn { color: #8a5a00; }
.panel { background: #fff; border-radius: 8px; padding: 14px; box-shadow: 0 1px 2px rgba(0,0,0,.08); margin: 12px 0; overflow-x: auto; }
.panel svg { display: block; max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 7px; font-size: 13px; border-bottom: 1px solid #e5e5ea; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
`;
