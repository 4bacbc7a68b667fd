/**
 * sweep.html: cost against p99 for every point, as AWS Lambda Power Tuning draws it, the points
 * that meet every expect line filled and the others hollow; then one panel per varied dimension
 * (that dimension on x, cost per month and p99 on two axes); then the sweep.md table.
 * Drawn like report.html: static inline SVG (report/svg/), no script, nothing fetched.
 */
import { renderChart } from '../report/svg/chart.js';
import type { ChartSpec, Layer, XY } from '../report/svg/types.js';
import { metricOf, worstP99, worstP99Estimate } from './aggregate.js';
import { recommendationLines, sweepTable } from './sweep-output.js';
import { estimateText, singleValue } from './format.js';
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
  /** 95% interval half-widths with --replications (null with one run). */
  costHalf: number | null;
  p99Half: number | null;
  /** The values as tooltips show them: the digits the data supports, as in sweep.md (`616 ± 5`, `0.0968`). */
  costText: string;
  p99Text: string;
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
    costHalf: metricOf(p.result, 'total', 'costPerMonth')?.half ?? null,
    p99Half: worstP99Estimate(p.result)?.half ?? null,
    costText: estimateText(metricOf(p.result, 'total', 'costPerMonth')) || singleValue(0),
    p99Text: estimateText(worstP99Estimate(p.result)) || singleValue(worstP99(p.result)),
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
    return { kind: 'point', x: r.p99, y: r.costPerMonth, colour, filled: r.meets === MEETS, r: 5, label: r.label, tip: `${r.label}: p99 ${r.p99Text} ms, ${r.costText} USD per month; ${r.meets}` };
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

/** Dash patterns of the lines of a panel with two or more varied settings (one per combination of the others). */
const GROUP_DASHES = [undefined, '6 3', '2 3', '8 3 2 3', '1 2'];

/**
 * One varied dimension on x: cost per month (left axis, blue) and p99 (right axis, orange). A
 * numeric setting is drawn on a linear axis (0, 10, 20, 40 are not evenly spaced); with more than
 * one dimension each line is labelled at its end with the other settings; with --replications
 * each point has its 95% interval as an error bar.
 */
export function dimensionSpec(result: SweepResult, dim: number): ChartSpec {
  const d = result.dimensions[dim];
  const numeric = d.values.every((v) => typeof v === 'number' && Number.isFinite(v));
  const order = [...new Set(result.points.map((p) => p.labels[dim]))];
  const at = new Map(order.map((label, i) => [label, i]));
  const valueOf = new Map(result.points.map((p) => [p.labels[dim], numeric ? (p.values[dim] as number) : at.get(p.labels[dim])!]));
  const all = rows(result, dim);
  const xOf = (r: Row): number => valueOf.get(r.x)!;
  // One line per combination of the other dimensions, through its points in x order.
  const groups = new Map<string, Row[]>();
  for (const r of all) groups.set(r.others, [...(groups.get(r.others) ?? []), r]);
  const labelled = groups.size > 1;
  const series = (field: 'costPerMonth' | 'p99', half: 'costHalf' | 'p99Half', colour: string, right: boolean): Layer[] => [
    ...[...groups.values()].flatMap((g, k): Layer[] => {
      const sorted = [...g].sort((p, q) => xOf(p) - xOf(q));
      const dash = labelled ? GROUP_DASHES[k % GROUP_DASHES.length] : undefined;
      const line: Layer = { kind: 'line', points: sorted.map((r): XY => [xOf(r), r[field]]), colour, right, ...(dash === undefined ? {} : { dash }) };
      return [line];
    }),
    ...all.flatMap((r): Layer[] => {
      const h = r[half];
      return h === null || !(h > 0) ? [] : [{ kind: 'line', points: [[xOf(r), r[field] - h], [xOf(r), r[field] + h]], colour, width: 1, right }];
    }),
    ...all.map((r): Layer => {
      const last = labelled && groups.get(r.others)!.every((o) => xOf(o) <= xOf(r));
      const tip = `${r.label}: ${field === 'p99' ? `p99 ${r.p99Text} ms` : `${r.costText} USD per month`}${r[half] === null ? '' : ' (95% interval)'}`;
      return { kind: 'point', x: xOf(r), y: r[field], colour, filled: r.meets === MEETS, r: 4, right, tip, ...(last ? { label: r.others, labelColour: colour } : {}) };
    }),
  ];
  const notes = [
    result.dimensions.length > 1 ? '; one line per combination of the other settings, named at its end (dashes tell them apart)' : '',
    all.some((r) => r.costHalf !== null) ? '; bars: 95% interval over the replications' : '',
  ].join('');
  const numbers = [...valueOf.values()];
  return {
    title: `By ${d.path}`,
    subtitle: [`Blue: cost per month (left axis); orange: p99 of the slowest function (right axis); hollow: breaks an expect line${notes}`],
    width: 720,
    x: numeric ? { title: d.path, include: padded(numbers), nice: false } : { title: d.path, categories: order },
    panels: [
      {
        height: 260,
        y: { title: 'cost per month (USD)', colour: '#4c78a8', include: [0] },
        yRight: { title: 'p99 (ms)', colour: '#f58518', include: [0] },
        layers: [...series('costPerMonth', 'costHalf', '#4c78a8', false), ...series('p99', 'p99Half', '#f58518', true)],
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
