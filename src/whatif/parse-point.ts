/**
 * How the what-if engine reads a variant: the library API's `parseScenario` (src/run/parse.ts),
 * which also checks the expect metric names. Only the main thread imports this (see run-point.ts).
 */
import path from 'node:path';
import { parseScenario } from '../run/parse.js';
import type { Scenario } from '../scenario/schema.js';

/** A scenario as text, with where it came from (relative paths inside it are read from baseDir). */
export interface Source {
  text: string;
  baseDir: string;
  fileName: string;
}

/**
 * Parse and validate a source with overrides and a seed; errors name the file as
 * `baseDir/fileName`.
 * @throws ScenarioError for anything invalid (one line, with the file named)
 */
export function parseSource(source: Source, overrides: readonly string[], seed?: number): Scenario {
  const fileName = path.join(source.baseDir, source.fileName);
  return parseScenario(source.text, { baseDir: source.baseDir, fileName, overrides, seed });
}
