/**
 * replications.md and replications.json of `sim run --replications N`: pure functions of a
 * {@link ReplicationsResult}, so the bytes do not depend on the number of workers.
 */
import { renderJson } from '../report/summary-json.js';
import { JUDGING_RULE } from './aggregate.js';
import { COUNT_CLAMP_NOTE, estimateJson, estimateText, isClampedCount, mdTable, metricText } from './format.js';
import { METRICS, PER_MONTH_NOTE } from './metrics.js';
import type { ReplicationsResult } from './replicate.js';

/** What the report folder holds besides the estimates (stated in both files). */
export const FIRST_REPLICATION_NOTE =
  'The other report files in this folder (summary.json, functions.csv, timeseries.csv ...) are replication 1\'s, run with the scenario\'s own seed: exactly what `sim run` without --replications writes.';

/** replications.md: a table of estimates per function (and the total) and the judged expect lines. */
export function renderReplicationsMd(r: ReplicationsResult): string {
  const v = r.result;
  const header = ['function', ...METRICS.map((m) => m.title)];
  const rows = v.entries
    .filter((e) => !(e.name === 'total' && v.entries.length === 2)) // one function: its row is the total
    .map((e) => [e.name, ...METRICS.map((m) => metricText(e.metrics[m.key], m.count === true) || '–')]);
  const lines = [
    `## ${r.scenario}: ${r.replications} replications (seeds derived from seed ${r.seed})`,
    '',
    mdTable(header, rows, header.map((_, i) => (i === 0 ? 'l' : 'r'))),
    `Values are means ± the half-width of their 95% confidence interval (Student t, ${r.replications} replications). Costs in USD (cost: the simulated period), latency in ms. ${PER_MONTH_NOTE}`,
    ...(v.entries.some((e) => METRICS.some((m) => isClampedCount(e.metrics[m.key], m.count === true))) ? ['', COUNT_CLAMP_NOTE] : []),
    '',
    '**Expect lines**',
    '',
    ...(v.expectations.length === 0
      ? ['- (the scenario has no expect lines)']
      : v.expectations.map((x) => `- ${x.ok ? '✅ holds' : '❌ broken'}: \`${x.expr}\` (${x.estimate ? estimateText(x.estimate) : (x.message ?? 'no value')})`)),
    '',
    JUDGING_RULE,
    '',
    FIRST_REPLICATION_NOTE,
    ...(v.notes.length > 0 ? ['', ...v.notes.map((n) => `> **Note:** ${n}`)] : []),
    '',
  ];
  return lines.join('\n');
}

/** replications.json: the seeds, every estimate (full values), the judged expect lines. */
export function renderReplicationsJson(r: ReplicationsResult): string {
  const v = r.result;
  const data = {
    scenario: r.scenario,
    seed: r.seed,
    replications: r.replications,
    seeds: v.seeds,
    simulator: r.simulator,
    judging: JUDGING_RULE,
    costPerMonth: PER_MONTH_NOTE,
    reports: FIRST_REPLICATION_NOTE,
    meetsAllExpect: v.meetsAll,
    functions: Object.fromEntries(
      v.entries.map((e) => [e.name, Object.fromEntries(METRICS.flatMap((m) => (e.metrics[m.key] ? [[m.key, estimateJson(e.metrics[m.key]!, m.decimals)]] : [])))]),
    ),
    expectations: v.expectations.map((x) => ({
      expr: x.expr,
      ok: x.ok,
      actual: x.estimate ? estimateJson(x.estimate, 8) : null,
      ...(x.message ? { message: x.message } : {}),
    })),
    notes: v.notes,
  };
  return renderJson(data) + '\n';
}
