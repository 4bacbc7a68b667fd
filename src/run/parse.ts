/**
 * A scenario for {@link runScenario}: YAML text, a plain object or a file, with `--set` overrides
 * and `--seed` applied, validated (expect metric names included). Remembers the source of each
 * scenario it returns, so report.html can show the scenario as written.
 */
import path from 'node:path';
import { stringify } from 'yaml';
import { parseScenarioObject, parseScenarioText, readScenarioFile } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { checkExpectMetrics } from './expect-metrics.js';
import { rememberSource } from './scenario-source.js';

/** Options of {@link parseScenario}. */
export interface ParseOptions {
  /** The folder data-file paths (traces, samples) are relative to; default: the current directory. */
  baseDir?: string;
  /** `PATH=VALUE` overrides (as `sim run --set`), applied in order before validation. */
  overrides?: readonly string[];
  /** Replaces the scenario's seed (as `sim run --seed`). */
  seed?: number;
  /** Names the scenario in error messages and report.html; default `<scenario>`. */
  fileName?: string;
}

/**
 * Parse and validate a scenario: YAML text (a string) or an object of the same shape.
 *
 * @throws ScenarioError for the first problem (file:line:column when from text, key path,
 * expected, found, did-you-mean), including an `expect:` line naming a metric the scenario's
 * summary will not have
 */
export function parseScenario(source: string | object, options: ParseOptions = {}): Scenario {
  const fileName = options.fileName ?? '<scenario>';
  const load = { overrides: options.overrides, seed: options.seed, baseDir: options.baseDir ?? process.cwd() };
  const scenario =
    typeof source === 'string' ? parseScenarioText(source, fileName, load) : parseScenarioObject(source, fileName, load);
  checkExpectMetrics(scenario, fileName);
  const overrides = [
    ...(options.overrides ?? []).map((s) => `--set ${s}`),
    ...(options.seed === undefined ? [] : [`--seed ${options.seed}`]),
  ];
  rememberSource(scenario, {
    fileName: path.basename(fileName),
    text: typeof source === 'string' ? source : stringify(source),
    overrides,
  });
  return scenario;
}

/**
 * {@link parseScenario} of a file: paths in it are relative to its folder, errors name it as given.
 *
 * @throws ScenarioError also for a missing or unreadable file
 */
export function parseScenarioFile(file: string, options: Omit<ParseOptions, 'fileName' | 'baseDir'> = {}): Scenario {
  return parseScenario(readScenarioFile(file), { ...options, fileName: file, baseDir: path.dirname(file) });
}
