/**
 * How the what-if engine reads a variant: the shape of the library API being added on another
 * branch (`parseScenario`), so the lead can swap the body for that API when merging. Today it is
 * the loader on main. Only the main thread imports this (see run-point.ts).
 */
import path from 'node:path';
import { parseScenarioText } from '../scenario/load.js';
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
  const file = path.join(options.baseDir, options.fileName ?? 'scenario.yaml');
  return parseScenarioText(yamlText, file, { overrides: options.overrides, seed: options.seed });
}


/** Parse a source with overrides and a seed. */
export function parseSource(source: Source, overrides: readonly string[], seed?: number): Scenario {
  return parseScenario(source.text, { baseDir: source.baseDir, fileName: source.fileName, overrides, seed });
}
