/**
 * How the what-if engine runs one point: with parse-point.ts, the only files that know. Its
 * function adapts the library API (`runScenario`) to what the engine needs.
 *
 * It calls the library's `runScenario` (src/run/run.ts). Without `dir` nothing is written. Worker
 * threads import this file, not the loader (whose schema takes about half a second to build): they
 * receive scenarios already parsed.
 */
import { runScenario as runLibraryScenario } from '../run/run.js';
import type { ExpectationResult, ReportFormat, Summary } from '../report/index.js';
import type { Scenario } from '../scenario/schema.js';
import type { Expectation } from '../scenario/expect-types.js';

/** Options of {@link runScenario}. */
export interface RunOptions {
  /** Write the point's full reports here; without it nothing is written. */
  dir?: string;
  formats?: readonly ReportFormat[];
  simulator: { name: string; version: string };
  /** Refuse a run expected to send more invocations (the library's default when absent). */
  maxInvocations?: number;
  /** Stops the run between slices (it removes its temporary folder and rejects with the reason). */
  signal?: AbortSignal;
}

/** What one run gives the engine. */
export interface RunOutcome {
  summary: Summary;
  expectations: ExpectationResult[];
}

/**
 * Simulate to the end and build the summary (with the scenario's expect lines evaluated), through
 * the library's run pipeline (conservation checked). With `dir`, the point's full reports are
 * written exactly as `sim run` writes them.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunOutcome> {
  const run = await runLibraryScenario(scenario, { dir: options.dir, formats: options.formats, simulator: options.simulator, maxInvocations: options.maxInvocations, signal: options.signal });
  return { summary: run.summary, expectations: run.expectations };
}

/** The expect lines of a scenario, as plain data a worker can send back. */
export function expectLines(scenario: Scenario): Expectation[] {
  return scenario.expect.map(({ text, metric, op, value }) => ({ text, metric, op, value }));
}
