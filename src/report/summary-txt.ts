/**
 * summary.txt: the compact table printed to the terminal and saved as a file.
 *
 * Layout: a scenario line, one row per function and a total row, then any notes, then each
 * expectation with its mark (ok / BROKEN) and actual value. Colour is opt-in: the CLI asks for
 * it only on a TTY, and the file is always written without it.
 */
import { servicesCostText } from './services-cost.js';
import { detailLines } from './summary-details.js';
import type { ExpectationResult, FunctionSummary, Summary } from './summary-types.js';
import { alignColumns, groupThousands, humanDuration, paint, type Align } from './text-table.js';
import { formatMetricValue } from './metric-unit.js';
import { humanMs } from './humanize.js';
import { ExpectSyntaxError, parseExpectation } from '../scenario/expect.js';
import { coveredText, earlyThrottleText, LATENCY_CAPTION, periodText } from './measured-period.js';

/** How to render the summary. */
export interface SummaryTxtOptions {
  /** Use ANSI colours (only for a terminal; never for files). */
  color: boolean;
  /**
   * `--set` overrides and `--seed` applied on top of the scenario file, as typed (e.g.
   * `--set functions.api.memorySize=1024`), so a saved or pasted summary says what was changed.
   */
  overrides?: readonly string[];
}

/** The overrides line, or nothing when the file was run as written. */
export function overridesText(overrides: readonly string[] | undefined): string | undefined {
  return overrides === undefined || overrides.length === 0 ? undefined : `run with ${overrides.join(' ')}`;
}

/** Columns of the table (shared with summary.md). */
export const HEADER = ['function', 'requests', 'invocations', 'errors', 'throttles', 'cold starts', 'p50', 'p99', 'max conc', 'cost USD', 'USD/month'];
const ALIGN: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];

/** "1,234 (1.23%)": count and rate; the rate is a 6-decimal fraction, shown as a percentage. */
function coldStartCell(count: number, rate: number): string {
  return `${groupThousands(count)} (${(rate * 100).toFixed(2)}%)`;
}

/** Money to 6 decimals: enough for the cost of single requests, aligned on the decimal point. */
function money(value: number): string {
  return value.toFixed(6);
}

/** The 30-day projection to cents ("12,345.67"), or "-" when the summary has none. */
function perMonth(value: number | undefined): string {
  return value === undefined ? '-' : groupThousands(value.toFixed(2));
}

/** The sentence under the table that says what USD/month assumes (undefined without a projection). */
export function perMonthText(summary: Summary): string | undefined {
  const m = summary.billing.perMonth;
  if (m === undefined) return undefined;
  return `USD/month: the ${coveredText(summary)} repeated over ${m.days} days, ` +
    (m.freeTier ? 'free tier applied once per month' : 'no free tier (billing.freeTier is off)');
}

/** The early-throttle warnings of every function (shared with summary.md). */
export function earlyThrottleLines(summary: Summary): string[] {
  return Object.entries(summary.functions).flatMap(([name, f]) => earlyThrottleText(name, f, summary) ?? []);
}

/** One function's cells, in HEADER order (shared with summary.md). */
export function functionRow(name: string, f: FunctionSummary): string[] {
  return [
    name,
    groupThousands(f.requests),
    groupThousands(f.invocations),
    groupThousands(f.errors),
    groupThousands(f.throttles),
    coldStartCell(f.coldStarts, f.coldStartRate),
    f.latency.p50 === null ? '-' : humanMs(f.latency.p50),
    f.latency.p99 === null ? '-' : humanMs(f.latency.p99),
    groupThousands(f.concurrency.max),
    money(f.cost.total),
    perMonth(f.cost.perMonth),
  ];
}

/** Latency and concurrency do not add up across functions, so the total row leaves them blank. */
export function totalRow(s: Summary): string[] {
  const t = s.total;
  return [
    'total',
    groupThousands(t.requests),
    groupThousands(t.invocations),
    groupThousands(t.errors),
    groupThousands(t.throttles),
    coldStartCell(t.coldStarts, t.coldStartRate),
    '-',
    '-',
    '-',
    money(t.cost.total),
    perMonth(t.cost.perMonth),
  ];
}

/**
 * The value of an expectation for people, in the unit the line was written in and to the
 * precision the data supports (`actual 28.7 min` for `eventAge.p99 < 40m`), or why it has none.
 */
export function actualText(e: ExpectationResult): string {
  if (e.actual === null) return e.message ?? 'no value';
  let metric = e.expr.trim().split(/\s|[<>=!]/)[0];
  let unit: string | undefined;
  try {
    ({ metric, unit } = parseExpectation(e.expr));
  } catch (error) {
    // A line from an older summary.json may not parse under today's rules: print it without its unit.
    if (!(error instanceof ExpectSyntaxError)) throw error;
  }
  return `actual ${formatMetricValue(e.actual, metric, unit)}`;
}

/**
 * A function fed by a queue or a stream is invoked once per batch, so its `requests` and
 * `invocations` count batches, not messages or records: say so under the table when the scenario
 * has queues or streams (the message counts are on the queue and stream lines).
 */
export function batchCaption(summary: Summary): string | undefined {
  // Only when a poller handed batches to a function: a queue that is only a DLQ or an SNS subscriber has none.
  const polled =
    Object.values(summary.queues ?? {}).some((q) => q.received > 0) || Object.values(summary.streams ?? {}).some((s) => s.batches > 0);
  if (!polled) return undefined;
  return 'requests, invocations: a function fed by a queue or stream counts batches (messages and records are on the queue and stream lines)';
}

/** "all 3 expectations hold", "both expectations hold", "the expectation holds", "2 of 3 expectations broken", "the expectation is broken". */
export function expectationsVerdict(total: number, broken: number): string {
  if (total === 1) return broken === 0 ? 'the expectation holds' : 'the expectation is broken';
  if (broken === 0) return total === 2 ? 'both expectations hold' : `all ${total} expectations hold`;
  return `${broken} of ${total} expectations broken`;
}

function expectationLines(expectations: readonly ExpectationResult[], color: boolean): string[] {
  const broken = expectations.filter((e) => !e.ok).length;
  const title = expectationsVerdict(expectations.length, broken);
  const rows = expectations.map((e) => [e.ok ? 'ok' : 'BROKEN', e.expr, actualText(e)]);
  const lines = alignColumns(rows, ['left', 'left', 'left']).map((line, i) => {
    // The mark is the first cell; colour it after alignment so widths stay the same.
    const mark = expectations[i].ok ? 'ok' : 'BROKEN';
    return '  ' + paint(mark, expectations[i].ok ? 'green' : 'red', color) + line.slice(mark.length);
  });
  return [paint(title, broken === 0 ? 'green' : 'red', color), ...lines];
}

/**
 * Renders the summary as an aligned text table ending with a newline.
 * @param options.color - ANSI colours for a terminal; false gives the plain file content
 */
export function renderSummaryTxt(summary: Summary, options: SummaryTxtOptions): string {
  const { color } = options;
  const head =
    `${summary.scenario}  seed ${summary.seed}  ${periodText(summary)}` +
    `  (${summary.simulator.name} ${summary.simulator.version})`;
  const rows = [HEADER, ...Object.entries(summary.functions).map(([name, f]) => functionRow(name, f)), totalRow(summary)];
  const table = alignColumns(rows, ALIGN).map((line, i) =>
    i === 0 || i === rows.length - 1 ? paint(line, 'bold', color) : line,
  );
  const run = overridesText(options.overrides);
  const out = [paint(head, 'bold', color), ...(run === undefined ? [] : [run]), '', ...table];
  const month = perMonthText(summary);
  out.push('', `  ${LATENCY_CAPTION}`);
  if (month !== undefined) out.push(`  ${month}`);
  const services = servicesCostText(summary);
  if (services !== undefined) out.push(`  ${services}`);
  const batches = batchCaption(summary);
  if (batches !== undefined) out.push(`  ${batches}`);
  const details = [...earlyThrottleLines(summary), ...detailLines(summary)];
  if (details.length > 0) out.push('', ...details.map((d) => `  ${d}`));
  if (summary.notes.length > 0) {
    out.push('', 'notes:', ...summary.notes.map((n) => '  ' + paint(`- ${n}`, 'yellow', color)));
  }
  if (summary.expectations.length > 0) {
    out.push('', ...expectationLines(summary.expectations, color));
  }
  return out.join('\n') + '\n';
}
