/**
 * The reports of the built-in kinds of event source, in the model's order (src/model/source-kinds.ts),
 * and the generic code every report writer shares to read a kind's part of the input and results.
 */
import type { SimulationInput } from '../model/input.js';
import type { Results } from '../model/results.js';
import { QUEUE_REPORT } from './queue-report.js';
import type { SourceReport } from './source-report.js';
import { STREAM_REPORT } from './stream-report.js';
import { API_GATEWAY_REPORT } from './api-gateway-report.js';
import { TOPIC_REPORT } from './topic-report.js';
import { BUCKET_REPORT } from './bucket-report.js';
import { BUS_REPORT } from './bus-report.js';
import { DEPENDENCY_REPORT } from './dependency-report.js';
import { CLOUDFRONT_REPORT } from './cloudfront-report.js';
import type { Summary } from './summary-types.js';

/**
 * API Gateway APIs and CloudFront distributions are front doors and dependencies sit behind functions, not event sources, but
 * both report the same way (a section, a line, expect paths, time-series rows).
 */
export const SOURCE_REPORTS: readonly SourceReport[] = [QUEUE_REPORT, STREAM_REPORT, TOPIC_REPORT, BUCKET_REPORT, BUS_REPORT, API_GATEWAY_REPORT, CLOUDFRONT_REPORT, DEPENDENCY_REPORT];

/** Whether a kind with `names` sources has its columns in timeseries.csv (see SourceReport.columnsOnlyWhenPresent). */
export function hasSeriesColumns(report: SourceReport, names: readonly string[]): boolean {
  return report.columnsOnlyWhenPresent !== true || names.length > 0;
}

/** The names of a kind's sources in the input (its section), in scenario order: the model's source indices. */
export function sourceNames(input: SimulationInput, section: string): string[] {
  const settings = (input as unknown as Record<string, unknown>)[section];
  return typeof settings === 'object' && settings !== null ? Object.keys(settings) : [];
}

/** A kind's results list (absent when the scenario has none of its sources). */
function sourceResults(results: Results, section: string): { name: string }[] | undefined {
  const list = (results as unknown as Record<string, unknown>)[section];
  return Array.isArray(list) ? (list as { name: string }[]) : undefined;
}

/** summary.json's event source sections: each kind with sources, in table order, its entries by name. */
export function summarizeSources(results: Results, reports: readonly SourceReport[]): Pick<Summary, 'queues' | 'streams' | 'topics' | 'buckets' | 'buses' | 'apiGateways' | 'cloudfront' | 'dependencies'> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const report of reports) {
    const list = sourceResults(results, report.section);
    if (list !== undefined) out[report.section] = Object.fromEntries(list.map((r) => [r.name, report.summarize(r)]));
  }
  return out;
}

/** A kind's section of a summary (empty when absent). */
export function summarySection(summary: Summary, section: string): Record<string, unknown> {
  const entries = (summary as unknown as Record<string, unknown>)[section];
  return typeof entries === 'object' && entries !== null ? (entries as Record<string, unknown>) : {};
}
