/**
 * lambda-sim as a library: parse a scenario, run it, read the summary (docs/library-api.md).
 *
 * @example
 * ```ts
 * import { parseScenario, runScenario } from 'lambda-sim';
 * const scenario = parseScenario(yamlText, { baseDir: 'scenarios', overrides: ['functions.api.memorySize=1024'] });
 * const { summary, ok } = await runScenario(scenario); // in memory; add { dir } to write the reports
 * console.log(summary.functions.api.latency.p99, ok);
 * ```
 */
export { parseScenario, parseScenarioFile, type ParseOptions } from './run/parse.js';
export { runScenario, EVENTS_PER_SLICE, type RunOptions, type RunResult } from './run/run.js';
export { ReportFolderError } from './run/report-folder.js';
export { checkInvariants, assertInvariants, InvariantError } from './model/invariants.js';
export type { ReportFormat, ExpectationResult } from './report/index.js';
export { loadScenario, parseScenarioText } from './scenario/load.js';
export { ScenarioError } from './scenario/errors.js';
export { scenarioJsonSchema } from './scenario/json-schema.js';
export type { Scenario } from './scenario/schema.js';
export { simulate, Simulation } from './model/simulate.js';
export type { SimulationInput } from './model/input.js';
export type { Results, FunctionResults } from './model/results.js';
export { buildReports, writeReports, buildSummary, evaluateExpectations } from './report/index.js';
export type { Summary } from './report/summary-types.js';
export { computeBill, priceTable, billedDurationMs } from './billing/index.js';
