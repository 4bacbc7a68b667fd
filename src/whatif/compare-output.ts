/**
 * compare.md (shaped as a pull-request comment) and compare.json: pure functions of a
 * {@link CompareResult}.
 */
import { renderJson } from '../report/summary-json.js';
import type { Outcome } from './execute.js';
import type { CompareResult } from './compare.js';
import { JUDGING_RULE, type EntryEstimates } from './aggregate.js';
import { ciHalf, ciMean, COUNT_CLAMP_NOTE, estimateJson, estimateText, isClampedCount, mdTable, metricText, singleValue } from './format.js';
import { significant } from '../report/humanize.js';
import { METRICS, PER_MONTH_NOTE, type MetricDef } from './metrics.js';
import { estimate, isQuantileMetric, withSketchError, type Estimate } from './stats.js';

/** A metric of one entry on both sides, and the paired change. */
export interface MetricChange {
  entry: string;
  metric: MetricDef;
  base: Estimate | undefined;
  head: Estimate | undefined;
  /** head − base per replication, estimated; undefined when a side lacks the metric. */
  change: Estimate | undefined;
  /** change / base mean; null when base is 0 (or a side lacks it). */
  percent: number | null;
}

function readAll(outcomes: readonly Outcome[], entry: string, m: MetricDef): number[] | undefined {
  const values: number[] = [];
  for (const o of outcomes) {
    const e = entry === 'total' ? o.summary.total : o.summary.functions[entry];
    const v = e === undefined ? undefined : m.read(e, o.summary.simulatedMs);
    if (v === undefined) return undefined;
    values.push(v);
  }
  return values;
}

/** Every entry of either side (base order, then head-only ones before `total`) and metric. */
export function metricChanges(result: CompareResult): MetricChange[] {
  const names: string[] = [];
  for (const side of [result.base.result, result.head.result]) {
    for (const e of side.entries) if (e.name !== 'total' && !names.includes(e.name)) names.push(e.name);
  }
  names.push('total');
  const find = (entries: EntryEstimates[], name: string) => entries.find((e) => e.name === name);
  const out: MetricChange[] = [];
  for (const name of names) {
    for (const m of METRICS) {
      const base = find(result.base.result.entries, name)?.metrics[m.key];
      const head = find(result.head.result.entries, name)?.metrics[m.key];
      if (base === undefined && head === undefined) continue;
      const b = readAll(result.baseOutcomes, name, m);
      const h = readAll(result.headOutcomes, name, m);
      const raw = b && h ? estimate(h.map((v, i) => v - b[i])) : undefined;
      // Quantiles carry the sketch's error on both sides (see withSketchError).
      const change = raw && base && isQuantileMetric(m.key) ? withSketchError(raw, Math.abs(base.mean) + Math.abs(base.mean + raw.mean)) : raw;
      const percent = change && base && base.mean !== 0 ? change.mean / Math.abs(base.mean) : null;
      out.push({ entry: name, metric: m, base, head, change, percent });
    }
  }
  return out;
}

/** Expect lines whose state differs between base and head (by expression text). */
export function expectChanges(result: CompareResult): { expr: string; base: boolean | null; head: boolean | null }[] {
  const exprs = [...new Set([...result.base.result.expectations, ...result.head.result.expectations].map((e) => e.expr))];
  return exprs.map((expr) => ({
    expr,
    base: result.base.result.expectations.find((e) => e.expr === expr)?.ok ?? null,
    head: result.head.result.expectations.find((e) => e.expr === expr)?.ok ?? null,
  }));
}

function signed(text: string, value: number): string {
  return value > 0 && !text.startsWith('+') ? `+${text}` : text;
}

/** A change for people: `+12.3`, or `+478 ± 3` with replications (the digits the data supports). */
function signedEstimate(mean: number, half: number | null): string {
  return half === null ? signed(singleValue(mean), mean) : `${signed(ciMean(mean, half), mean)} ± ${ciHalf(half)}`;
}

/**
 * A change in % of the base, at the precision its interval supports, like the change beside it
 * (`−10 ± 10` on a base of 110 reads `−9%`, not `−9.09%`); one run: 3 significant figures.
 */
export function percentText(change: Estimate, base: number): string {
  const pct = (change.mean / Math.abs(base)) * 100;
  const text = change.half === null ? significant(pct) : ciMean(pct, (change.half / Math.abs(base)) * 100);
  return `${signed(text, pct)}%`;
}

function changeText(c: MetricChange): string {
  if (c.change === undefined) return 'n/a';
  const abs = signedEstimate(c.change.mean, c.change.half);
  if (c.change.mean === 0 && (c.change.half ?? 0) === 0) return '0';
  const pct = c.percent === null || c.base === undefined ? '' : ` (${percentText(c.change, c.base.mean)})`;
  return abs + pct;
}

const stateText = (ok: boolean | null): string => (ok === null ? 'absent' : ok ? 'holds' : 'broken');

/** "The 1 limit holds.", "All 3 limits hold.", "**The 1 limit is crossed.**", "**2 of 3 limits crossed.**"; empty without limits. */
export function limitsVerdict(total: number, crossed: number): string {
  if (total === 0) return '';
  if (total === 1) return crossed === 0 ? 'The 1 limit holds.' : '**The 1 limit is crossed.**';
  return crossed === 0 ? `All ${total} limits hold.` : `**${crossed} of ${total} limits crossed.**`;
}

/** Said under the limits of a comparison of one run per side: the verdict has no interval behind it. */
export const SINGLE_RUN_LIMITS =
  'With 1 replication there is no confidence interval: each limit is judged on the change of this one run per side, so noise can cross or hide it. Add `--replications 5` (or more) to judge the limits on the 95% interval of the change.';

/** compare.md: a PR comment. */
export function renderCompareMd(result: CompareResult): string {
  const reps = result.replications;
  const changes = metricChanges(result);
  const rows = changes.map((c, i) => [
    i === 0 || changes[i - 1].entry !== c.entry ? c.entry : '',
    c.metric.title,
    metricText(c.base, c.metric.count === true) || '–',
    metricText(c.head, c.metric.count === true) || '–',
    changeText(c),
  ]);
  const states = expectChanges(result);
  const changed = states.filter((s) => s.base !== s.head);
  const crossed = result.limits.filter((l) => l.crossed);
  const verdict = limitsVerdict(result.limits.length, crossed.length);
  const lines = [
    `### lambda-sim compare: ${result.base.scenario}${result.head.scenario !== result.base.scenario ? ` → ${result.head.scenario}` : ''}`,
    '',
    `**base** \`${result.base.label}\` → **head** \`${result.head.label}\` · seed ${result.base.seed}${result.head.seed !== result.base.seed ? ` / ${result.head.seed}` : ''} · ${reps} replication${reps === 1 ? '' : 's'}${verdict ? ` · ${verdict}` : ''}`,
    '',
    mdTable(['function', 'metric', 'base', 'head', 'change'], rows, ['l', 'l', 'r', 'r', 'r']),
    `Costs in USD for the simulated time, cost/month in USD, latency in ms. ${PER_MONTH_NOTE}`,
    '',
    '**Expect lines that changed state**',
    '',
    ...(changed.length === 0
      ? [states.length === 0 ? '- (the scenarios have no expect lines)' : `- none of the ${states.length} line${states.length === 1 ? '' : 's'} changed state`]
      : changed.map((s) => `- \`${s.expr}\`: ${stateText(s.base)} → ${stateText(s.head)}`)),
  ];
  if (result.limits.length > 0) {
    lines.push('', '**Limits**', '');
    for (const l of result.limits) {
      const mark = l.crossed ? '❌ crossed' : '✅ holds';
      const what =
        l.change === null
          ? (l.message ?? '')
          : l.limit.relative
            ? `change ${l.baseMean === 0 ? (l.change.mean === 0 ? '0%' : 'from 0') : percentText(l.change, l.baseMean ?? 1)}`
            : `change ${signedEstimate(l.change.mean, l.change.half)}`;
      lines.push(`- ${mark}: \`${l.limit.text}\` (${what})`);
    }
    if (reps === 1) lines.push('', SINGLE_RUN_LIMITS);
  }
  for (const n of result.notes) lines.push('', `> **Note:** ${n}`);
  if (changes.some((c) => isClampedCount(c.base, c.metric.count === true) || isClampedCount(c.head, c.metric.count === true))) lines.push('', COUNT_CLAMP_NOTE);
  if (reps > 1) {
    lines.push('', `Values are means ± the half-width of their 95% confidence interval (Student t, ${reps} replications); changes are paired (replication r of head minus replication r of base, the same seeds). ${JUDGING_RULE} A limit is crossed unless it holds for every value in the interval of the change.`);
  }
  lines.push('');
  return lines.join('\n');
}

/** compare.json: both sides, every metric's change, expect states and limits. */
export function renderCompareJson(result: CompareResult): string {
  const functions: Record<string, Record<string, unknown>> = Object.create(null);
  for (const c of metricChanges(result)) {
    const entry = (functions[c.entry] ??= {});
    const d = c.metric.decimals;
    entry[c.metric.key] = {
      base: c.base ? estimateJson(c.base, d) : null,
      head: c.head ? estimateJson(c.head, d) : null,
      change: c.change ? estimateJson(c.change, d) : null,
      changeFraction: c.percent === null ? null : Number(c.percent.toFixed(6)),
    };
  }
  const data = {
    base: { label: result.base.label, scenario: result.base.scenario, seed: result.base.seed, seeds: result.base.result.seeds },
    head: { label: result.head.label, scenario: result.head.scenario, seed: result.head.seed, seeds: result.head.result.seeds },
    replications: result.replications,
    simulator: result.simulator,
    judging: JUDGING_RULE,
    costPerMonth: PER_MONTH_NOTE,
    functions,
    expectations: expectChanges(result).map((s) => ({ ...s, changed: s.base !== s.head })),
    notes: result.notes,
    limits: result.limits.map((l) => ({
      limit: l.limit.text,
      crossed: l.crossed,
      change: l.change ? estimateJson(l.change, 8) : null,
      baseMean: l.baseMean === null ? null : Number(l.baseMean.toPrecision(12)),
      ...(l.message ? { message: l.message } : {}),
    })),
  };
  return renderJson(data) + '\n';
}
