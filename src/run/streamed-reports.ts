/**
 * Opens the reports that are streamed while the simulation runs (timeseries.csv and the logs),
 * the only place where files are created before the run ends. Each file is a StreamFile: written
 * under a temporary name and renamed when the run completes, or removed if it does not, so the
 * model and the observers never see a file, only sinks.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { InvocationObserver } from '../model/observer.js';
import { billedRestoreMs } from '../model/init-phase.js';
import type { Scenario } from '../scenario/schema.js';
import { formatDuration } from '../scenario/units.js';
import { estimateWork } from './work-estimate.js';
import {
  combineObservers,
  estimateLogBytes,
  LogObserver,
  logFileName,
  STREAMED_FILES,
  StreamFile,
  TimeSeriesObserver,
  timeSeriesShape,
  timeseriesBucketUs,
  MAX_TIMESERIES_ROWS,
  wantsTimeseriesCsv,
  type ChartSeries,
  type ReportFormat,
} from '../report/index.js';

export interface StreamedReports {
  /** What to attach to the Simulation; null when nothing is streamed or charted. */
  observer: InvocationObserver | null;
  /** The chart data for report.html (complete once the run has finished), or null. */
  series: () => ChartSeries | null;
  /** Renames every streamed file into place; returns their paths. */
  commit(): string[];
  /** Removes every temporary file (after a failure or an interrupt). */
  abort(): void;
}

/** Expected invocations of functions (the workloads' arrivals; work-estimate.ts), for the size of the logs. */
export function expectedInvocations(scenario: Scenario): number {
  return estimateWork({ duration: scenario.duration, workloads: scenario.workloads }).invocations;
}

/** "1.2 GB", "340 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(0)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Creates the observers and their files for the selected formats. `warn` receives one line
 * before the run when the logs are expected to exceed `logWarnBytes`.
 */
export function openStreamedReports(
  scenario: Scenario,
  dir: string,
  formats: readonly ReportFormat[],
  options: { warn: (line: string) => void; logWarnBytes: number },
): StreamedReports {
  const files: StreamFile[] = [];
  const observers: InvocationObserver[] = [];
  const names = Object.keys(scenario.functions);
  let timeseries: TimeSeriesObserver | null = null;
  try {
    const csv = wantsTimeseriesCsv(formats);
    if (csv || formats.includes('html')) {
      let sink: ((text: string) => void) | null = null;
      if (csv) {
        mkdirSync(dir, { recursive: true });
        const file = new StreamFile(path.join(dir, STREAMED_FILES.timeseries));
        files.push(file);
        sink = file.write;
      }
      const shape = timeSeriesShape(scenario);
      const rowsPerBucket = shape.functions.length + 1 + (shape.sources ?? []).reduce((n, k) => n + k.names.length, 0);
      const bucketUs = timeseriesBucketUs(scenario.reports.timeseries, scenario.duration, rowsPerBucket);
      if (bucketUs !== scenario.reports.timeseries) {
        options.warn(
          `sim: note: time-series buckets of ${formatDuration(bucketUs)} instead of ${formatDuration(scenario.reports.timeseries)} ` +
            `(reports.timeseries), so that timeseries.csv stays within ${MAX_TIMESERIES_ROWS.toLocaleString('en-US')} rows\n`,
        );
      }
      // Only report.html reads the chart data: without it the observer keeps none.
      timeseries = new TimeSeriesObserver({ ...shape, bucketUs, sink, charts: formats.includes('html') });
      observers.push(timeseries);
    }
    if (formats.includes('logs')) {
      const invocations = expectedInvocations(scenario);
      const bytes = estimateLogBytes(invocations);
      if (bytes > options.logWarnBytes) {
        options.warn(
          `sim: warning: the logs of this run will take about ${formatBytes(bytes)} ` +
            `(${Math.round(invocations).toLocaleString('en-US')} invocations expected); remove "logs" from reports.formats to skip them\n`,
        );
      }
      const logDir = path.join(dir, STREAMED_FILES.logsDir);
      mkdirSync(logDir, { recursive: true });
      const sinks = names.map((name) => {
        const file = new StreamFile(path.join(logDir, logFileName(name, scenario.versions?.[name])));
        files.push(file);
        return file.write;
      });
      observers.push(
        new LogObserver({
          seed: scenario.seed,
          functions: names.map((name) => ({
            name,
            memorySize: scenario.functions[name].memorySize,
            timeoutUs: scenario.functions[name].timeout,
            initErrorType: scenario.functions[name].initErrorType,
            ...(scenario.versions?.[name] === undefined ? {} : { version: scenario.versions[name].version }),
            ...(scenario.functions[name].snapStart !== undefined
              ? { billedRestoreMs: billedRestoreMs(scenario.functions[name], scenario.billing.granularityMs) }
              : {}),
          })),
          sinks,
        }),
      );
    }
  } catch (err) {
    for (const f of files) f.abort();
    throw err;
  }
  return {
    observer: combineObservers(observers),
    series: () => (timeseries === null || !formats.includes('html') ? null : timeseries.chartSeries()),
    commit: () => {
      for (const f of files) f.commit();
      return files.map((f) => f.path);
    },
    abort: () => {
      for (const f of files) f.abort();
    },
  };
}
