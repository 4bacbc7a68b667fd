/** Helpers for loader-error tests: YAML from lines, and the ScenarioError a text produces. */
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenarioText } from '../../src/scenario/load.js';

/** Lines joined into a YAML document (with a final newline). */
export const yaml = (...lines: string[]): string => lines.join('\n') + '\n';

/** The ScenarioError `fn` throws (fails the test if it throws nothing, rethrows any other error). */
export function thrown(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

/** The ScenarioError that loading `text` throws (fails the test if it loads). */
export function errorOf(text: string): ScenarioError {
  return thrown(() => parseScenarioText(text, 'scenario.yaml'));
}
