/**
 * Where a parsed scenario came from, for report.html. A module of its own so that the run
 * pipeline (and the what-if engine's worker threads) can ask without loading the scenario loader.
 */
import type { Scenario } from '../scenario/schema.js';

/** The scenario as written, for report.html. */
export interface ScenarioSource {
  /** File name without its folder. */
  fileName: string;
  text: string;
  /** The overrides and seed as typed on the command line (`--set a=b`, `--seed 7`). */
  overrides: readonly string[];
}

const sources = new WeakMap<Scenario, ScenarioSource>();

/** Where a scenario returned by {@link parseScenario} came from; undefined for any other object. */
export function scenarioSource(scenario: Scenario): ScenarioSource | undefined {
  return sources.get(scenario);
}

/** Called by parseScenario for each scenario it returns. */
export function rememberSource(scenario: Scenario, source: ScenarioSource): void {
  sources.set(scenario, source);
}
