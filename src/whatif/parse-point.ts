/**
 * How the what-if engine reads a variant: the library API's `parseScenario` (src/run/parse.ts),
 * which also checks the expect metric names. Only the main thread imports this (see run-point.ts).
 */
import path from 'node:path';
import { parseScenario as parseLibraryScenario } from '../run/parse.js';
import type { Scenario } from '../scenario/schema.js';

/** A scenario as text, with where it came from (relative paths inside it are read from baseDir). */
export interface Source {
  text: string;
  baseDir: string;
  fileName: string;
}

/** Options of {@link parseScenario}. */
export interface ParseOptions {
  /** Folder that relative paths in the scenario (traces, samples) are read from. */
  baseDir: string;
  /** `--set PATH=VALUE` overrides, applied in order. */
  overrides?: readonly string[];
  /** Replaces the scenario's seed. */
  seed?: number;
  /** Names the scenario in error messages. */
  fileName?: string;
}

/**
 * Parse and validate scenario text (YAML) with overrides and a seed.
 * @throws ScenarioError for anything invalid (one line, with the file named)
 */
export function parseScenario(yamlText: string, options: ParseOptions): Scenario {
  const fileName = path.join(options.baseDir, options.fileName ?? 'scenario.yaml');
  return parseLibraryScenario(yamlText, { baseDir: options.baseDir, fileName, overrides: options.overrides, seed: options.seed });
}


/** Parse a source with overrides and a seed. */
export function parseSource(source: Source, overrides: readonly string[], seed?: number): Scenario {
  return parseScenario(source.text, { baseDir: source.baseDir, fileName: source.fileName, overrides, seed });
}
