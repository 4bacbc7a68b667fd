/**
 * lambda-sim as a library: load a scenario, simulate it, build reports.
 *
 * @example
 * ```ts
 * import { loadScenario, simulate, buildReports } from 'lambda-sim';
 * const scenario = loadScenario('scenarios/quickstart.yaml', { overrides: ['functions.api.memorySize=1024'] });
 * const results = simulate(scenario);
 * const { summary } = buildReports(results, { expect: scenario.expect, simulator: { name: 'me', version: '1' } });
 * console.log(summary.functions.api.latency.p99);
 * ```
 */
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
