/**
 * report.html's "Deployments" section: per deployment, the share of the alias's requests on the new
 * version over the run, a band per step, and the completion or rollback marked by a vertical rule
 * with its label (deployment-report.ts has the numbers).
 */
import { timeAxis } from './charts.js';
import { p99Text, rollbackText, type DeploymentSummary } from './deployment-report.js';
import type { Summary } from './summary-types.js';
import { renderChart } from './svg/chart.js';
import { escapeHtml as escape } from './svg/escape.js';
import type { ChartSpec, Layer } from './svg/types.js';

const WIDTH = 800;
const NEW_COLOUR = '#f58518';
const ROLLBACK_COLOUR = '#d62728';
const DONE_COLOUR = '#54a24b';

/** The chart of one deployment on a run of `durationMs`. */
export function deploymentSpec(key: string, d: DeploymentSummary, durationMs: number, colourOf: (fn: string) => string | undefined = () => undefined): ChartSpec {
  // The new version in its colour in the other charts (checkout:2 is the same colour everywhere).
  const colour = colourOf(`${d.function}:${d.to}`) ?? NEW_COLOUR;
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
  if (d.outcome === 'rolledBack') marks.push({ t: t(d.endMs!), label: `rolled back: ${'hook' in d.rollback! ? rollbackText(d.rollback!) : d.rollback!.alarm}`, colour: ROLLBACK_COLOUR });
  if (d.outcome === 'completed') marks.push({ t: t(d.endMs!), label: 'completed', colour: DONE_COLOUR });
  // Each lifecycle hook as a grey band while it ran (the shift waits for it).
  const hookBands = (d.hooks ?? []).map((h): Layer => ({ kind: 'rect', x0: t(h.startMs), x1: t(h.endMs ?? durationMs), colour: '#888888', opacity: 0.25, tip: `${h.hook} hook ${h.function}: ${h.status}` }));
  const layers: Layer[] = [
    ...hookBands,
    ...bands.map((b): Layer => ({ kind: 'rect', x0: b.from, x1: b.to, colour: b.shade === 0 ? NEW_COLOUR : '#4c78a8', opacity: 0.12, tip: `step ${b.step}` })),
    { kind: 'line', points: line.map((p) => [p.t, p.percent] as const), colour, width: 2, step: 'after' },
    ...marks.map((m): Layer => ({ kind: 'vrule', x: m.t, colour: m.colour, dash: '4 3', label: m.label })),
  ];
  return {
    title: `${key}: ${d.from} -> ${d.to} (${d.strategy})`,
    subtitle: [
      `Share of the alias's requests on ${d.to}; a band per step, the end of the shift marked. During the shift: ${d.during.coldStarts} cold starts, p99 ${p99Text(d.during.p99LatencyMs)}, ${d.during.throttles} throttles.`,
      // The last step's effect lands after the shift (the new version taking all traffic at once).
      ...((d.outcome === 'completed' || d.outcome === 'rolledBack') && (d.after.coldStarts > 0 || d.after.throttles > 0)
        ? [`After it: ${d.after.coldStarts} cold starts, p99 ${p99Text(d.after.p99LatencyMs)}, ${d.after.throttles} throttles.`]
        : []),
    ],
    width: WIDTH,
    x: { title: axis.title, domain: [0, end] },
    panels: [{ height: 110, y: { title: `% on ${d.to}`, domain: [0, 100], ticks: 3, colour }, layers }],
  };
}

/** The section's HTML parts (none without deployments); `colourOf` gives a charted function's colour. */
export function deploymentSection(summary: Summary, colourOf?: (fn: string) => string | undefined): string[] {
  const list = Object.entries(summary.deployments ?? {});
  if (list.length === 0) return [];
  const parts = ['<h2 id="deployments">Deployments</h2>'];
  for (const [key, d] of list) {
    parts.push(`<div class="panel">${renderChart(deploymentSpec(key, d, summary.simulatedMs, colourOf))}</div>`);
  }
  parts.push(
    `<p class="note">${escape('Phases: before = to the shift, during = the shift to completion or rollback, after = to the end of the run; summary.json deployments has each phase\'s counts and the cost beyond steady state.')}</p>`,
  );
  return parts;
}
