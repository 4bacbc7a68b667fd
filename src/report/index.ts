/**
 * The report layer's entry point: Results (plus the scenario's `expect` lines) to summary.json,
 * summary.txt, summary.md, functions.csv and report.html. Everything is built in memory first;
 * files are written only when building succeeded, each atomically. timeseries.csv and the logs
 * are streamed during the run by observers (timeseries.ts, logs.ts) writing to sinks the caller
 * opens (StreamFile), then renamed into place.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Results } from '../model/results.js';
import type { Expectation } from '../scenario/expect-types.js';
import type { ExpectationResult, Summary } from './summary-types.js';
import { buildSummary, withExpectations } from './build-summary.js';
import { evaluateExpectations } from './expectations.js';
import { renderSummaryJson } from './summary-json.js';
import { renderSummaryTxt } from './summary-txt.js';
import { renderFunctionsCsv } from './functions-csv.js';
import { renderSummaryMd } from './summary-md.js';
import { renderReportHtml, type HtmlReportInput } from './report-html.js';
import { writeFileAtomic } from './write-atomic.js';

export type * from './summary-types.js';
export { buildSummary, summarizeHistogram, withExpectations, type HistogramView, type SummaryMeta } from './build-summary.js';
export { renderJson, renderSummaryJson } from './summary-json.js';
export { renderSummaryTxt, type SummaryTxtOptions } from './summary-txt.js';
export { renderFunctionsCsv, FUNCTIONS_CSV_HEADER } from './functions-csv.js';
export { evaluateExpectations, knownMetricPaths, resolveMetric, compare, RELATIVE_TOLERANCE, type MetricLookup } from './expectations.js';
export { writeFileAtomic } from './write-atomic.js';
export { renderSummaryMd } from './summary-md.js';
export { renderReportHtml, escapeHtml, type HtmlReportInput } from './report-html.js';
export {
  TimeSeriesObserver,
  timeSeriesShape,
  timeseriesHeader,
  timeseriesBucketUs,
  MAX_TIMESERIES_ROWS,
  TIMESERIES_CSV_HEADER,
  DEFAULT_CHART_POINTS,
  type ChartSeries,
  type SourceRows,
  type TimeSeriesOptions,
} from './timeseries.js';
export type { BacklogPoint, BacklogRows, SeriesColumn, SourceBins, SourceReport } from './source-report.js';
export { SOURCE_REPORTS, sourceNames, summarySection } from './source-reports.js';
export { QUEUE_REPORT } from './queue-report.js';
export { STREAM_REPORT } from './stream-report.js';
export { LogObserver, logFileName, RequestIds, requestId, formatInvocationLog, parseReportLine, estimateLogBytes, logTimestamp, LOG_WARN_BYTES, LOG_BYTES_PER_INVOCATION, type LogFunction, type ParsedReport } from './logs.js';
export { FanOutObserver, combineObservers } from './fan-out.js';
export { StreamFile } from './stream-file.js';

/**
 * Report format names, as in `reports.formats`:
 * - `summary`: summary.txt (the terminal table) and summary.md (the same, as Markdown for CI);
 * - `json`: summary.json;
 * - `csv`: functions.csv, and timeseries.csv (streamed during the run, see timeseries.ts);
 * - `timeseries`: timeseries.csv alone;
 * - `html`: report.html;
 * - `logs`: logs/<function>.log, logs/<function>.v<N>.log per version (streamed during the run, see logs.ts).
 */
export type ReportFormat = 'summary' | 'json' | 'csv' | 'timeseries' | 'html' | 'logs';

/** Every format name, in the order files are written. */
export const REPORT_FORMAT_NAMES: readonly ReportFormat[] = ['summary', 'json', 'csv', 'timeseries', 'html', 'logs'];

/**
 * Files built in memory by {@link writeReports}, per format. Streamed files (timeseries.csv, logs)
 * are written during the run by observers whose sinks the caller opens: see {@link STREAMED_FILES}.
 */
export const REPORT_FILES: Readonly<Record<ReportFormat, readonly string[]>> = {
  summary: ['summary.txt', 'summary.md'],
  json: ['summary.json'],
  csv: ['functions.csv'],
  timeseries: [],
  html: ['report.html'],
  logs: [],
};

/** Whether the formats ask for timeseries.csv (`csv` or `timeseries`). */
export function wantsTimeseriesCsv(formats: readonly ReportFormat[]): boolean {
  return formats.includes('csv') || formats.includes('timeseries');
}

/** The streamed files: timeseries.csv and one log per function under logs/. */
export const STREAMED_FILES = { timeseries: 'timeseries.csv', logsDir: 'logs' } as const;

/** What to build: the expectations to check and who built the report. */
export interface BuildReportsOptions {
  expect: readonly Expectation[];
  simulator: { name: string; version: string };
  /** `--set` / `--seed` overrides as typed, listed by summary.txt and summary.md. */
  overrides?: readonly string[];
}

/** The in-memory file contents, by file name. */
type Contents = Record<'summary.txt' | 'summary.md' | 'summary.json' | 'functions.csv', string>;

/** The reports in memory. */
export interface BuiltReports {
  /** summary.json's content, expectations included. */
  summary: Summary;
  expectations: ExpectationResult[];
  /** Text files by format (`summary` is the uncoloured summary.txt, `markdown` summary.md). */
  contents: { summary: string; markdown: string; json: string; csv: string };
}

/**
 * Builds every text report in memory, without touching the filesystem: the summary, the evaluated
 * expectations and each file's text (report.html is rendered by {@link renderReportHtml}).
 * @throws when the Results hold an impossible value (NaN, fractional count, duplicate name)
 */
export function buildReports(results: Results, options: BuildReportsOptions): BuiltReports {
  const { summary, expectations } = summarize(results, options);
  return {
    summary,
    expectations,
    contents: {
      summary: renderSummaryTxt(summary, { color: false, overrides: options.overrides }),
      markdown: renderSummaryMd(summary, { overrides: options.overrides }),
      json: renderSummaryJson(summary),
      csv: renderFunctionsCsv(summary),
    },
  };
}

/**
 * summary.json's content and the verdict of each expectation, without rendering any file: what a
 * caller running many simulations in memory needs.
 */
export function summarize(results: Results, options: BuildReportsOptions): { summary: Summary; expectations: ExpectationResult[] } {
  const bare = buildSummary(results, { simulator: options.simulator, expectations: [] });
  const expectations = evaluateExpectations(options.expect, bare);
  return { summary: withExpectations(bare, expectations), expectations };
}

/** Where and what to write. */
export interface WriteReportsOptions extends BuildReportsOptions {
  /** Report folder; created (with parents) when missing. */
  dir: string;
  /** Which formats; the order does not matter, duplicates are ignored. Streamed formats write nothing here. */
  formats: readonly ReportFormat[];
  /** What report.html shows besides the Results (needed when `html` is selected). */
  html?: Omit<HtmlReportInput, 'summary' | 'latency'>;
  /** Checked once everything is built, before the first file is written: an abort writes nothing. */
  signal?: AbortSignal;
}

/** What was written. */
export interface WriteReportsResult {
  summary: Summary;
  /** Paths written (`dir` joined with the file name), in the order of REPORT_FILES. */
  files: string[];
  expectations: ExpectationResult[];
  /** summary.txt's content without colour (for printing when no TTY, or when summary.txt is not selected). */
  text: string;
}

/**
 * Builds the reports, then creates `dir` and writes each selected file atomically. Nothing is
 * written when building fails (report.html included: it is rendered before the first write).
 * An unknown format is refused, so a caller cannot believe it was written.
 * @throws on an unknown format, a build failure, or a filesystem error
 */
export async function writeReports(results: Results, options: WriteReportsOptions): Promise<WriteReportsResult> {
  for (const f of options.formats) {
    if (!Object.hasOwn(REPORT_FILES, f)) {
      throw new Error(`report: unknown format "${String(f)}" (this writer knows ${REPORT_FORMAT_NAMES.join(', ')})`);
    }
  }
  const built = buildReports(results, options);
  const contents: Contents & { 'report.html'?: string } = {
    'summary.txt': built.contents.summary,
    'summary.md': built.contents.markdown,
    'summary.json': built.contents.json,
    'functions.csv': built.contents.csv,
  };
  if (options.formats.includes('html')) {
    contents['report.html'] = await renderReportHtml({
      summary: built.summary,
      latency: results.functions.map((f) => f.latency),
      series: options.html?.series ?? null,
      accountLimit: options.html?.accountLimit ?? 0,
      scenario: options.html?.scenario,
    });
  }
  const selected = REPORT_FORMAT_NAMES.filter((f) => options.formats.includes(f));
  options.signal?.throwIfAborted();
  mkdirSync(options.dir, { recursive: true });
  const files: string[] = [];
  for (const format of selected) {
    for (const name of REPORT_FILES[format]) {
      const path = join(options.dir, name);
      writeFileAtomic(path, (contents as Record<string, string>)[name]);
      files.push(path);
    }
  }
  return { summary: built.summary, files, expectations: built.expectations, text: built.contents.summary };
}
