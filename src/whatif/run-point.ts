/**
 * How the what-if engine runs one point: with parse-point.ts, the only files that know. Its
 * function has the shape of the library API being added on another branch (`runScenario`), so the
 * lead can swap its body for that API when merging; nothing else in src/whatif changes.
 *
 * Today it uses what main has: `Simulation`, and the report layer's summary and expectation
 * builders. Without `dir` nothing is written. Worker threads import this file, not the loader
 * (whose schema takes about half a second to build): they receive scenarios already parsed.
 */
import { Simulation } from '../model/simulate.js';
// Not report/index.js: it loads the HTML writer and Vega, which a worker thread only needs with --keep-reports.
import { buildSummary, withExpectations } from '../report/build-summary.js';
import { evaluateExpectations } from '../report/expectations.js';
import type { ExpectationResult, ReportFormat, Summary } from '../report/index.js';
import type { Scenario } from '../scenario/schema.js';
import type { Expectation } from '../scenario/expect-types.js';

/** Options of {@link runScenario}. */
export interface RunOptions {
  /** Write the point's full reports here; without it nothing is written. */
  dir?: string;
  formats?: readonly ReportFormat[];
  simulator: { name: string; version: string };
}

/** What one run gives the engine. */
export interface RunOutcome {
  summary: Summary;
  expectations: ExpectationResult[];
}

/**
 * Simulate to the end and build the summary (with the scenario's expect lines evaluated).
 * With `dir`, the point's report files are written as `sim run` would (timeseries.csv and logs,
 * which `sim run` streams during the run, are not: that needs the library API's runner).
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunOutcome> {
  const results = new Simulation(scenario).results();
  if (options.dir !== undefined) {
    const { writeReports } = await import('../report/index.js');
    const written = await writeReports(results, {
      dir: options.dir,
      formats: options.formats ?? scenario.reports.formats,
      expect: scenario.expect,
      simulator: options.simulator,
    });
    return { summary: written.summary, expectations: written.expectations };
  }
  const bare = buildSummary(results, { simulator: options.simulator, expectations: [] });
  const expectations = evaluateExpectations(scenario.expect, bare);
  return { summary: withExpectations(bare, expectations), expectations };
}

/** The expect lines of a scenario, as plain data a worker can send back. */
export function expectLines(scenario: Scenario): Expectation[] {
  return scenario.expect.map(({ text, metric, op, value }) => ({ text, metric, op, value }));
}
