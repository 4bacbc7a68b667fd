/**
 * summary.md: the summary as GitHub-flavoured Markdown, for a CI job summary
 * (`cat summary.md >> "$GITHUB_STEP_SUMMARY"`) or a pull-request comment. Same numbers and columns
 * as summary.txt; the verdict of the `expect:` lines comes first, because that is what a reviewer
 * looks for.
 */
import { detailLines } from './summary-details.js';
import type { Summary } from './summary-types.js';
import { servicesCostText } from './services-cost.js';
import { actualText, batchCaption, earlyThrottleLines, expectationsVerdict, functionRow, HEADER, perMonthText, totalRow } from './summary-txt.js';
import { LATENCY_CAPTION, periodText } from './measured-period.js';

/** Escapes text for a Markdown table cell (pipes and line breaks would break the row). */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A code span that survives any backticks inside. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** How to render summary.md. */
export interface SummaryMdOptions {
  /** `--set` overrides and `--seed` applied on top of the scenario file, as typed. */
  overrides?: readonly string[];
}

/** Renders summary.md (ends with a newline). */
export function renderSummaryMd(summary: Summary, options: SummaryMdOptions = {}): string {
  const broken = summary.expectations.filter((e) => !e.ok).length;
  const total = summary.expectations.length;
  const verdict =
    total === 0 ? 'no expectations' : `${broken === 0 ? ':white_check_mark:' : ':x:'} ${expectationsVerdict(total, broken)}`;
  const out: string[] = [
    `### ${cell(summary.scenario)}: ${verdict}`,
    '',
    `Seed ${summary.seed}, ${periodText(summary)}, ${cell(summary.simulator.name)} ${cell(summary.simulator.version)}.`,
    ...(options.overrides !== undefined && options.overrides.length > 0
      ? ['', `Run with ${options.overrides.map((o) => code(o)).join(' ')} on top of the scenario file.`]
      : []),
    '',
    row(HEADER),
    row(HEADER.map((_, i) => (i === 0 ? '---' : '---:'))),
  ];
  for (const [name, f] of Object.entries(summary.functions)) {
    const cells = functionRow(name, f);
    out.push(row([code(name), ...cells.slice(1).map(cell)]));
  }
  out.push(row(totalRow(summary).map((c) => `**${cell(c)}**`)));
  const month = perMonthText(summary);
  const batches = batchCaption(summary);
  const services = servicesCostText(summary);
  const details = [LATENCY_CAPTION, ...(month === undefined ? [] : [month]), ...(services === undefined ? [] : [services]), ...(batches === undefined ? [] : [batches]), ...earlyThrottleLines(summary), ...detailLines(summary)];
  if (details.length > 0) out.push('', ...details.map((d) => `- ${cell(d)}`));
  if (total > 0) {
    out.push('', row(['', 'expectation', 'actual']), row(['---', '---', '---']));
    for (const e of summary.expectations) {
      out.push(row([e.ok ? ':white_check_mark: ok' : ':x: **BROKEN**', code(cell(e.expr)), cell(actualText(e))]));
    }
  }
  if (summary.notes.length > 0) {
    out.push('', '**Notes**', '', ...summary.notes.map((n) => `- ${cell(n)}`));
  }
  return out.join('\n') + '\n';
}
