/**
 * The report layer's entry point: Results (plus the scenario's `expect` lines) to summary.json,
 * summary.txt and functions.csv. Everything is built in memory first; files are written only
 * when building succeeded, each atomically.
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
import { writeFileAtomic } from './write-atomic.js';

export type * from './summary-types.js';
export { buildSummary, summarizeHistogram, withExpectations, type HistogramView, type SummaryMeta } from './build-summary.js';
export { renderJson, renderSummaryJson } from './summary-json.js';
export { renderSummaryTxt, type SummaryTxtOptions } from './summary-txt.js';
export { renderFunctionsCsv, FUNCTIONS_CSV_HEADER } from './functions-csv.js';
export { evaluateExpectations, knownMetricPaths, resolveMetric, compare, RELATIVE_TOLERANCE, type MetricLookup } from './expectations.js';
export { writeFileAtomic } from './write-atomic.js';

/** The report files this layer writes: `summary` -> summary.txt, `json` -> summary.json, `csv` -> functions.csv. */
export type ReportFormat = 'summary' | 'json' | 'csv';

/** File name of each format, in the order files are written. */
export const REPORT_FILES: Readonly<Record<ReportFormat, string>> = {
  summary: 'summary.txt',
  json: 'summary.json',
  csv: 'functions.csv',
};

/** What to build: the expectations to check and who built the report. */
export interface BuildReportsOptions {
  expect: readonly Expectation[];
  simulator: { name: string; version: string };
}

/** The reports in memory. */
export interface BuiltReports {
  /** summary.json's content, expectations included. */
  summary: Summary;
  expectations: ExpectationResult[];
  /** File contents by format. `summary` is the uncoloured summary.txt. */
  contents: Record<ReportFormat, string>;
}

/**
 * Builds every report in memory, without touching the filesystem: the summary, the evaluated
 * expectations and each file's text.
 * @throws when the Results hold an impossible value (NaN, fractional count, duplicate name)
 */
export function buildReports(results: Results, options: BuildReportsOptions): BuiltReports {
  const bare = buildSummary(results, { simulator: options.simulator, expectations: [] });
  const expectations = evaluateExpectations(options.expect, bare);
  const summary = withExpectations(bare, expectations);
  return {
    summary,
    expectations,
    contents: {
      summary: renderSummaryTxt(summary, { color: false }),
      json: renderSummaryJson(summary),
      csv: renderFunctionsCsv(summary),
    },
  };
}

/** Where and what to write. */
export interface WriteReportsOptions extends BuildReportsOptions {
  /** Report folder; created (with parents) when missing. */
  dir: string;
  /** Which files to write; the order does not matter, duplicates are ignored. */
  formats: readonly ReportFormat[];
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
 * written when building fails. A format this layer does not write (html, logs: other writers)
 * is refused, so a caller cannot believe it was written.
 * @throws on an unknown format, a build failure, or a filesystem error
 */
export function writeReports(results: Results, options: WriteReportsOptions): WriteReportsResult {
  for (const f of options.formats) {
    if (!Object.hasOwn(REPORT_FILES, f)) {
      throw new Error(`report: unknown format "${String(f)}" (this writer knows ${Object.keys(REPORT_FILES).join(', ')})`);
    }
  }
  const built = buildReports(results, options);
  const selected = (Object.keys(REPORT_FILES) as ReportFormat[]).filter((f) => options.formats.includes(f));
  mkdirSync(options.dir, { recursive: true });
  const files: string[] = [];
  for (const format of selected) {
    const path = join(options.dir, REPORT_FILES[format]);
    writeFileAtomic(path, built.contents[format]);
    files.push(path);
  }
  return { summary: built.summary, files, expectations: built.expectations, text: built.contents.summary };
}
