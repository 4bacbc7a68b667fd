/**
 * report.html's "Deployments" section: per deployment, the share of the alias's requests on the new
 * version over the run, a band per step, and the completion or rollback marked by a vertical rule
 * with its label (deployment-report.ts has the numbers).
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderVegaLite, timeAxis } from './charts.js';
import { p99Text, type DeploymentSummary } from './deployment-report.js';
import type { Summary } from './summary-types.js';
// A cycle with report-html.ts, harmless: escapeHtml is only called after both modules loaded.
import { escapeHtml as escape } from './report-html.js';

const WIDTH = 800;
const NEW_COLOUR = '#f58518';
const ROLLBACK_COLOUR = '#d62728';
const DONE_COLOUR = '#54a24b';

/** The chart of one deployment on a run of `durationMs`. */
export function deploymentSpec(key: string, d: DeploymentSummary, durationMs: number): TopLevelSpec {
  const axis = timeAxis(durationMs * 1000);
  const t = (ms: number) => (ms * 1000) / axis.divisorUs;
  const end = t(durationMs);
  // The share over time: 0 before the shift, each step's percent, back to 0 on rollback, 100 after completion.
  const line: { t: number; percent: number }[] = [{ t: 0, percent: 0 }];
  for (const s of d.steps) line.push({ t: t(s.atMs), percent: s.percent });
  if (d.outcome === 'rolledBack') line.push({ t: t(d.endMs!), percent: 0 });
  line.push({ t: end, percent: line[line.length - 1].percent });
  // A band per step: from its time to the next step (or the end of the shift / run).
  const stop = d.endMs ?? durationMs;
  const bands = d.steps
    .map((s, k) => ({ from: t(s.atMs), to: t(k + 1 < d.steps.length ? d.steps[k + 1].atMs : stop), step: `${s.percent}%`, shade: k % 2 }))
    .filter((b) => b.to > b.from);
  const marks: { t: number; label: string; colour: string }[] = [];
  if (d.outcome === 'rolledBack') marks.push({ t: t(d.endMs!), label: `rolled back: ${d.rollback!.alarm}`, colour: ROLLBACK_COLOUR });
  if (d.outcome === 'completed') marks.push({ t: t(d.endMs!), label: 'completed', colour: DONE_COLOUR });
  return {
    width: WIDTH,
    height: 110,
    title: {
      text: `${key}: ${d.from} -> ${d.to} (${d.strategy})`,
      subtitle: `Share of the alias's requests on ${d.to}; a band per step, the end of the shift marked. During the shift: ${d.during.coldStarts} cold starts, p99 ${p99Text(d.during.p99LatencyMs)}, ${d.during.throttles} throttles.`,
    },
    layer: [
      {
        data: { values: bands },
        mark: { type: 'rect', opacity: 0.12 },
        encoding: {
          x: { field: 'from', type: 'quantitative', title: axis.title, scale: { domain: [0, end], nice: false } },
          x2: { field: 'to' },
          color: { field: 'shade', type: 'nominal', scale: { domain: [0, 1], range: [NEW_COLOUR, '#4c78a8'] }, legend: null },
        },
      },
      {
        data: { values: line },
        mark: { type: 'line', interpolate: 'step-after', color: NEW_COLOUR, strokeWidth: 1.5 },
        encoding: {
          x: { field: 't', type: 'quantitative' },
          y: { field: 'percent', type: 'quantitative', title: `% on ${d.to}`, scale: { domain: [0, 100] }, axis: { tickCount: 3 } },
        },
      },
      {
        data: { values: marks },
        mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x: { field: 't', type: 'quantitative' }, color: { field: 'colour', type: 'nominal', scale: null } },
      },
      {
        data: { values: marks },
        mark: { type: 'text', align: 'left', dx: 4, dy: -4, baseline: 'bottom', fontSize: 11 },
        encoding: { x: { field: 't', type: 'quantitative' }, y: { datum: 100 }, text: { field: 'label' }, color: { field: 'colour', type: 'nominal', scale: null } },
      },
    ],
  } as TopLevelSpec;
}

/** The section's HTML parts (none without deployments). */
export async function deploymentSection(summary: Summary): Promise<string[]> {
  const list = Object.entries(summary.deployments ?? {});
  if (list.length === 0) return [];
  const parts = ['<h2 id="deployments">Deployments</h2>'];
  for (const [key, d] of list) {
    parts.push(`<div class="panel">${await renderVegaLite(deploymentSpec(key, d, summary.simulatedMs))}</div>`);
  }
  parts.push(
    `<p class="note">${escape('Phases: before = to the shift, during = the shift to completion or rollback, after = to the end of the run; summary.json deployments has each phase\'s counts and the cost beyond steady state.')}</p>`,
  );
  return parts;
}
