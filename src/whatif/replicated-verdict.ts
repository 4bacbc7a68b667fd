/**
 * Under `sim run --replications N` the report folder holds replication 1's summary.md, summary.txt
 * and report.html, whose expect verdict is that one run's. The exit code is the verdict over all N
 * replications (each line on its 95% interval), and a CI job that appends summary.md to its step
 * summary must show that one: these functions put it first in each file and label replication 1's
 * own verdict as such. They edit the files as rendered (pure string functions), so `sim merge`
 * applies them to the copied reports exactly as one machine does.
 */
import { escapeHtml } from '../report/svg/escape.js';
import { expectationsVerdict } from '../report/summary-txt.js';
import { estimateText } from './format.js';
import type { ReplicationsResult } from './replicate.js';

/** One expect line as judged over the replications: its mark and its value (mean ± 95% interval). */
interface Line {
  expr: string;
  ok: boolean;
  value: string;
}

function lines(r: ReplicationsResult): Line[] {
  return r.result.expectations.map((x) => ({ expr: x.expr, ok: x.ok, value: x.estimate ? estimateText(x.estimate) : (x.message ?? 'no value') }));
}

/** "the expectation is broken over 5 replications", "no expectations (5 replications)". */
export function replicatedVerdict(r: ReplicationsResult): string {
  const all = lines(r);
  if (all.length === 0) return `no expectations (${r.replications} replications)`;
  return `${expectationsVerdict(all.length, all.filter((l) => !l.ok).length)} over ${r.replications} replications`;
}

const RULE = (r: ReplicationsResult): string =>
  `each expect line judged on the 95% interval of its mean over ${r.replications} replications, the verdict that sets the exit code; every metric's estimate is in replications.md`;
const FIRST = (r: ReplicationsResult): string => `Replication 1 (the scenario's seed ${r.seed}), as \`sim run\` without --replications writes it`;

/** summary.md: the replicated verdict and its table first; replication 1's heading and expectations labelled. */
export function replicatedSummaryMd(md: string, r: ReplicationsResult): string {
  const all = lines(r);
  const [heading, ...rest] = md.split('\n');
  const ok = all.every((l) => l.ok);
  const mark = all.length === 0 ? '' : ok ? ':white_check_mark: ' : ':x: ';
  const code = (t: string): string => (t.includes('`') ? `\`\`${t}\`\`` : `\`${t}\``);
  const cell = (t: string): string => t.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  // renderSummaryMd's first line: `### <scenario>: <verdict>`.
  const name = cell(r.scenario);
  const own = heading.startsWith(`### ${name}: `) ? heading.slice(`### ${name}: `.length) : heading.replace(/^#+ /, '');
  return [
    `### ${name}: ${mark}${replicatedVerdict(r)}`,
    '',
    `The verdict over the replications: ${RULE(r)}.`,
    ...(all.length === 0
      ? []
      : ['', '|  | expectation | mean ± 95% interval |', '| --- | --- | --- |', ...all.map((l) => `| ${l.ok ? ':white_check_mark: ok' : ':x: **BROKEN**'} | ${code(cell(l.expr))} | ${cell(l.value)} |`)]),
    '',
    `#### ${FIRST(r)}: ${own}`,
    ...rest.map((line) => (line === '|  | expectation | actual |' ? '| replication 1 | expectation | actual |' : line)),
  ].join('\n');
}

/** summary.txt: the replicated verdict first; replication 1's expectation block (the last one) labelled. */
export function replicatedSummaryTxt(txt: string, r: ReplicationsResult): string {
  const all = lines(r);
  const width = Math.max(0, ...all.map((l) => l.expr.length));
  const head = [
    `${replicatedVerdict(r)} (${RULE(r)})`,
    ...all.map((l) => `  ${(l.ok ? 'ok' : 'BROKEN').padEnd(6)}  ${l.expr.padEnd(width)}  ${l.value}`),
    '',
    `${FIRST(r).replace(/`/g, '')}:`,
    '',
  ];
  let body = txt;
  if (all.length > 0) {
    // renderSummaryTxt puts the expect lines last, after a blank line, their verdict first.
    const at = txt.lastIndexOf('\n\n') + 2;
    body = `${txt.slice(0, at)}replication 1: ${txt.slice(at)}`;
  }
  return head.join('\n') + '\n' + body;
}

/** report.html: a line with the replicated verdict above the page; replication 1's own verdict labelled. */
export function replicatedReportHtml(html: string, r: ReplicationsResult): string {
  const all = lines(r);
  const cls = all.length === 0 ? 'none' : all.every((l) => l.ok) ? 'ok' : 'broken';
  const rows = all
    .map((l) => `<tr><td class="${l.ok ? 'ok' : 'broken'}">${l.ok ? 'ok' : 'BROKEN'}</td><td><code>${escapeHtml(l.expr)}</code></td><td>${escapeHtml(l.value)}</td></tr>`)
    .join('\n');
  const banner =
    `<p class="meta"><span class="verdict ${cls}">${escapeHtml(replicatedVerdict(r))}</span> ${escapeHtml(RULE(r))}.</p>\n` +
    (all.length === 0 ? '' : `<table class="expect"><thead><tr><th></th><th>expectation</th><th>mean ± 95% interval</th></tr></thead><tbody>\n${rows}\n</tbody></table>\n`) +
    `<p class="note">The rest of this page is ${escapeHtml(FIRST(r).replace(/`/g, '').replace(/^R/, 'r'))}.</p>\n`;
  return html
    .replace('<p class="meta">seed ', `${banner}<p class="meta">replication 1: seed `)
    .replace('<th></th><th>expectation</th><th>actual</th>', '<th>replication 1</th><th>expectation</th><th>actual</th>');
}
