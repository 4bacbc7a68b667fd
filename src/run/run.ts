/**
 * The run pipeline, for the CLI and for programs: simulate a parsed scenario in slices (progress,
 * abort between slices), check conservation, summarize and evaluate `expect:`, and, only when a
 * report folder is given, write every report as `sim run` does.
 *
 * Without `dir` nothing touches the filesystem and no observer is attached, so the fixed cost of
 * a run is the model's own: the what-if engine calls this many times.
 */
import path from 'node:path';
import { Simulation } from '../model/simulate.js';
import { assertInvariants } from '../model/invariants.js';
import type { Results } from '../model/results.js';
import { LOG_WARN_BYTES, summarize, writeReports, type ReportFormat } from '../report/index.js';
import type { ExpectationResult, Summary } from '../report/summary-types.js';
import type { Scenario } from '../scenario/schema.js';
import { scenarioSource } from './scenario-source.js';
import { describeFsError, isFsError, ReportFolderError, stageReportFolder, type StagedFolder } from './report-folder.js';
import { openStreamedReports, type StreamedReports } from './streamed-reports.js';
import { simulatorInfo } from './version.js';
import { checkWorkLimit, DEFAULT_MAX_INVOCATIONS } from './work-limit.js';

/** Events handled between two progress calls and abort checks (about 0.1 s of work). */
export const EVENTS_PER_SLICE = 500_000;

/** Options of {@link runScenario}; all optional. */
export interface RunOptions {
  /**
   * Report folder (created when missing). It is replaced whole once every report is complete
   * (report-folder.ts): a failure or an abort leaves the previous report as it was. Omitted:
   * nothing is written, the run stays in memory.
   */
  dir?: string;
  /** The reports to write into `dir`; default the scenario's `reports.formats`. Ignored without `dir`. */
  formats?: readonly ReportFormat[];
  /** Called after each slice of events and once at the end: simulated time done (0..1), events so far. */
  onProgress?: (fraction: number, events: number) => void;
  /** Checked between slices: an abort stops the run, removes what it was writing and rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Receives a one-line warning before a run whose logs would be very large (the `logs` format). */
  warn?: (line: string) => void;
  /** Who built the reports, as summary.json's `simulator`; default lambda-sim's name and version. */
  simulator?: { name: string; version: string };
  /**
   * Refuse, before anything runs, a scenario expected to send more invocations than this
   * (requests, queue messages and stream records; work-estimate.ts). Default
   * {@link DEFAULT_MAX_INVOCATIONS}; Infinity turns the check off.
   */
  maxInvocations?: number;
}

/** What {@link runScenario} resolves to. */
export interface RunResult {
  /** The model's raw output (histograms in µs). */
  results: Results;
  /** summary.json's content, expectations included. */
  summary: Summary;
  /** Each `expect:` line with its value and verdict, in order. */
  expectations: ExpectationResult[];
  /** Every expectation holds (true when there are none): `sim run` exits 0, else 1. */
  ok: boolean;
  /** Paths written, in order (empty without `dir`). */
  files: string[];
}

/** Lets the event loop run (signals, stderr, a caller's timers) between two slices. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Simulate `scenario` (from {@link parseScenario}) and summarize it; with `dir`, write its reports.
 * The report folder is complete or untouched: every file is written into a temporary sibling
 * folder that replaces `dir` only when the run has succeeded (report-folder.ts).
 *
 * @throws WorkLimitError before anything runs when the expected work is above `maxInvocations`;
 * the signal's reason when aborted; InvariantError when a conservation identity is broken
 * (a bug); ReportFolderError when `dir` cannot be created or written (a file in the way, no
 * permission, a full disk)
 */
export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  const { dir, signal, onProgress } = options;
  signal?.throwIfAborted();
  checkWorkLimit(scenario, options.maxInvocations ?? DEFAULT_MAX_INVOCATIONS);
  const simulator = options.simulator ?? simulatorInfo();
  const formats = options.formats ?? scenario.reports.formats;
  // Everything is written into a temporary sibling folder, swapped in only when complete.
  const staged: StagedFolder | null = dir === undefined ? null : stageReportFolder(dir);
  let streamed: StreamedReports | null = null;
  try {
    if (staged !== null) {
      streamed = openStreamedReports(scenario, staged.dir, formats, { warn: options.warn ?? (() => {}), logWarnBytes: LOG_WARN_BYTES });
    }
    const simulation = new Simulation(scenario, streamed?.observer ?? null);
    while (!simulation.step(EVENTS_PER_SLICE)) {
      onProgress?.(simulation.progress, simulation.kernel.eventsProcessed);
      await breathe();
      signal?.throwIfAborted();
    }
    onProgress?.(1, simulation.kernel.eventsProcessed);
    const results = simulation.results();
    assertInvariants(results);
    if (streamed === null || staged === null || dir === undefined) {
      const { summary, expectations } = summarize(results, { expect: scenario.expect, simulator });
      return { results, summary, expectations, ok: expectations.every((e) => e.ok), files: [] };
    }
    const source = scenarioSource(scenario);
    const written = await writeReports(results, {
      dir: staged.dir,
      formats,
      expect: scenario.expect,
      simulator,
      signal,
      overrides: source?.overrides ?? [],
      html: {
        series: streamed.series(),
        accountLimit: scenario.account.concurrencyLimit,
        scenario: source === undefined ? undefined : { ...source, description: scenario.description },
      },
    });
    const staging = [...written.files, ...streamed.commit()];
    // The last moment a signal can stop the run; the swap below is synchronous.
    signal?.throwIfAborted();
    staged.commit();
    const files = staging.map((f) => path.join(dir, path.relative(staged.dir, f)));
    const { summary, expectations } = written;
    return { results, summary, expectations, ok: expectations.every((e) => e.ok), files };
  } catch (err) {
    streamed?.abort();
    staged?.abort();
    // A disk that is full or read-only is the user's to fix: one line and exit 2, not "internal error".
    if (dir !== undefined && err !== signal?.reason && isFsError(err)) throw new ReportFolderError(dir, describeFsError(err));
    throw err;
  }
}
