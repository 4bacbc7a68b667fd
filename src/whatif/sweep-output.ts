/**
 * sweep.csv, sweep.json and sweep.md: pure functions of a {@link SweepResult}, so the same sweep
 * gives the same bytes whatever the number of workers.
 */
import { stringify } from 'csv-stringify/sync';
import { renderJson } from '../report/summary-json.js';
import { metricOf, worstP99Estimate, JUDGING_RULE } from './aggregate.js';
import { COUNT_CLAMP_NOTE, estimateJson, estimateText, isClampedCount, mdTable, metricText, num } from './format.js';
import { significant } from '../report/humanize.js';
import { valueLabel } from './grid.js';
import { METRICS, PER_MONTH_NOTE } from './metrics.js';
import { STRATEGY_TEXT, BALANCED_WEIGHTS } from './recommend.js';
import type { SweepPoint, SweepResult } from './sweep.js';
import { PICK_STRATEGIES, type PickStrategy } from '../scenario/sweep-schema.js';

/** The varied values of a point keyed by path (a prototype-free map: paths are the user's). */
function valuesByPath(result: SweepResult, point: SweepPoint): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  result.dimensions.forEach((d, i) => (out[d.path] = point.values[i]));
  return out;
}

/** "functions.api.memorySize = 1024, functions.api.architecture = arm64". */
export function pointText(result: SweepResult, index: number): string {
  const point = result.points[index];
  return result.dimensions.map((d, i) => `${d.path} = ${point.labels[i]}`).join(', ');
}

/**
 * sweep.csv: a row per point and function (then `total`), the varied values, each metric (and its
 * 95% half-width with replications), whether every expect line holds, then one column per line.
 */
export function renderSweepCsv(result: SweepResult): string {
  const withCi = result.replications > 1;
  const expectTexts = result.points[0]?.result.expectations.map((e) => e.expr) ?? [];
  const header = [
    'point',
    ...result.dimensions.map((d) => d.path),
    'function',
    ...METRICS.flatMap((m) => (withCi ? [m.column, `${m.column}_ci95`] : [m.column])),
    'meets_all_expect',
    ...expectTexts.map((t) => `expect: ${t}`),
  ];
  const rows: string[][] = [];
  for (const point of result.points) {
    for (const entry of point.result.entries) {
      const cells = [String(point.index + 1), ...point.labels, entry.name];
      for (const m of METRICS) {
        const e = entry.metrics[m.key];
        cells.push(e ? num(e.mean, m.decimals) : '');
        if (withCi) cells.push(e && e.half !== null ? num(e.half, m.decimals) : '');
      }
      cells.push(String(point.result.meetsAll), ...point.result.expectations.map((x) => String(x.ok)));
      rows.push(cells);
    }
  }
  return stringify([header, ...rows], { record_delimiter: 'unix' });
}

/** sweep.json: the dimensions, the recommendation, and every point's estimates and expect lines. */
export function renderSweepJson(result: SweepResult): string {
  const pick = (index: number | null) =>
    index === null ? null : { point: index + 1, values: valuesByPath(result, result.points[index]) };
  const data = {
    scenario: result.scenario,
    seed: result.seed,
    replications: result.replications,
    seeds: result.points[0]?.result.seeds ?? [],
    simulator: result.simulator,
    dimensions: result.dimensions.map((d) => ({ path: d.path, values: d.values })),
    judging: JUDGING_RULE,
    costPerMonth: PER_MONTH_NOTE,
    recommendation: {
      pick: result.pick,
      cheapest: pick(result.recommendation.cheapest),
      fastest: pick(result.recommendation.fastest),
      balanced: pick(result.recommendation.balanced),
      balancedWeights: { ...BALANCED_WEIGHTS },
    },
    notes: result.notes,
    points: result.points.map((point) => ({
      point: point.index + 1,
      values: valuesByPath(result, point),
      meetsAllExpect: point.result.meetsAll,
      functions: Object.fromEntries(
        point.result.entries.map((entry) => [
          entry.name,
          Object.fromEntries(METRICS.flatMap((m) => (entry.metrics[m.key] ? [[m.key, estimateJson(entry.metrics[m.key]!, m.decimals)]] : []))),
        ]),
      ),
      expectations: point.result.expectations.map((x) => ({
        expr: x.expr,
        ok: x.ok,
        actual: x.estimate ? estimateJson(x.estimate, 8) : null,
        ...(x.message ? { message: x.message } : {}),
      })),
      notes: point.result.notes,
    })),
  };
  return renderJson(data) + '\n';
}

/** The recommendation lines (also printed on the terminal). */
export function recommendationLines(result: SweepResult): string[] {
  if (result.recommendation.cheapest === null) {
    return [`No point meets every expect line (${result.expectCount} line${result.expectCount === 1 ? '' : 's'}): no recommendation.`];
  }
  const order = [result.pick, ...PICK_STRATEGIES.filter((s) => s !== result.pick)];
  // Strategies that pick the same point share a line.
  const groups: { index: number; strategies: PickStrategy[] }[] = [];
  for (const s of order) {
    const index = result.recommendation[s]!;
    const group = groups.find((g) => g.index === index);
    if (group) group.strategies.push(s);
    else groups.push({ index, strategies: [s] });
  }
  const feasible = result.points.filter((p) => p.result.meetsAll).length;
  const head = `${feasible} of ${result.points.length} points meet every expect line; among them:`;
  return [head, ...groups.map(({ index, strategies }, i) => {
    const p = result.points[index].result;
    const cost = metricOf(p, 'total', 'costPerMonth');
    const lead = i === 0 ? '**Recommended**' : 'Also';
    return `${lead} (${strategies.map((s) => STRATEGY_TEXT[s]).join('; ')}): point ${index + 1}, ${pointText(result, index)}: ${estimateText(cost)} USD/month, p99 ${estimateText(worstP99Estimate(p))} ms.`;
  })];
}

/**
 * A dimension's column title: its last key (`memorySize`), except where the last key alone says
 * nothing: an alias weight (`aliases.live.weights.2` -> `live weight v2`) or a version's setting
 * (`versions.2.memorySize` -> `v2 memorySize`).
 */
export function dimensionTitle(path: string): string {
  const keys = path.split('.');
  const n = keys.length;
  if (n >= 4 && keys[n - 4] === 'aliases' && keys[n - 2] === 'weights') return `${keys[n - 3]} weight v${keys[n - 1]}`;
  if (n >= 3 && keys[n - 3] === 'versions') return `v${keys[n - 2]} ${keys[n - 1]}`;
  return keys[n - 1];
}

/** The table of points shown in sweep.md and sweep.html: a row per point and function. */
export function sweepTable(result: SweepResult): { header: string[]; rows: string[][]; align: ('l' | 'r')[] } {
  const shown = METRICS.filter((m) => m.key !== 'cost');
  const header = ['point', ...result.dimensions.map((d) => dimensionTitle(d.path)), 'function', ...shown.map((m) => m.title), 'meets expect'];
  const rows: string[][] = [];
  for (const point of result.points) {
    point.result.entries.forEach((entry, i) => {
      if (entry.name === 'total' && point.result.entries.length === 2) return; // one function: its row is the total
      const broken = point.result.expectations.filter((x) => !x.ok).length;
      rows.push([
        i === 0 ? String(point.index + 1) : '',
        ...point.labels.map((l) => (i === 0 ? l : '')),
        entry.name,
        ...shown.map((m) => metricText(entry.metrics[m.key], m.count === true)),
        i === 0 ? (point.result.meetsAll ? 'yes' : `no (${broken} broken)`) : '',
      ]);
    });
  }
  const align = header.map((_, i) => (i === 0 || i > result.dimensions.length + 1 ? 'r' : 'l')) as ('l' | 'r')[];
  return { header, rows, align };
}

/** sweep.md: a heading, the recommendation, a table of points, and the notes; for a CI summary. */
export function renderSweepMd(result: SweepResult): string {
  const reps = result.replications;
  const { header, rows, align } = sweepTable(result);
  const lines = [
    `## Sweep of ${result.scenario}: ${result.points.length} point${result.points.length === 1 ? '' : 's'} × ${reps} replication${reps === 1 ? '' : 's'}`,
    '',
    ...recommendationLines(result).map((l) => `- ${l}`),
    '',
    mdTable(header, rows, align),
    `Costs in USD, latency in ms. ${PER_MONTH_NOTE}`,
    ...(reps > 1 ? ['', `Values are means ± the half-width of their 95% confidence interval (Student t, ${reps} replications, seeds derived from seed ${result.seed}). ${JUDGING_RULE}`] : []),
    ...(result.points.some((p) => p.result.entries.some((e) => METRICS.some((m) => isClampedCount(e.metrics[m.key], m.count === true)))) ? ['', COUNT_CLAMP_NOTE] : []),
    ...(result.expectCount === 0 ? ['', 'The scenario has no expect lines, so every point counts as meeting them.'] : []),
    ...(result.notes.length > 0 ? ['', ...result.notes.map((n) => `> **Note:** ${n}`)] : []),
    '',
  ];
  return lines.join('\n');
}
