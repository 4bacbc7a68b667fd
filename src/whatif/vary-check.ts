/**
 * Checks a sweep's dimensions one by one before the grid is built, so a bad key path or value is
 * reported where the user wrote it: `--vary PATH=...` on the command line, or the key of the
 * scenario's `sweep.vary` with its file:line:column (`sim validate` checks that block too, though
 * `sim run` ignores it). Without this the error named the `--set` each point is made of, which the
 * user never typed, and a misspelt function name read as a function missing its duration.
 */
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { isScenarioError, ScenarioError } from '../scenario/errors.js';
import { locate, positionOf } from '../scenario/positions.js';
import type { Scenario } from '../scenario/schema.js';
import { didYouMean } from '../scenario/suggest.js';
import { valueLabel, type Dimension } from './grid.js';
import { parseSource, type Source } from './parse-point.js';

/** Values of one dimension tried on their own: all of a short list, the two ends of a long one. */
const ALL_VALUES_UP_TO = 100;

/** Where the dimensions came from: the command line (`--vary`), or the scenario's `sweep.vary`. */
export type VaryOrigin = 'command-line' | 'file';

/**
 * Parse the scenario with each value of each dimension alone (on top of the user's `--set`s).
 * @param base the scenario with the user's overrides, already parsed (so its own errors are not blamed on a dimension)
 * @throws ScenarioError naming the `--vary` option or the `sweep.vary` key (with its position)
 */
export function checkDimensions(source: Source, overrides: readonly string[], seed: number | undefined, base: Scenario, dimensions: readonly Dimension[], origin: VaryOrigin): void {
  for (const d of dimensions) {
    const missing = missingName(base, d.path);
    if (missing !== null) throw blame(source, d, origin, undefined, missing);
    const tried = d.values.length <= ALL_VALUES_UP_TO ? d.values.map((_, i) => i) : [0, d.values.length - 1];
    for (const i of tried) {
      const set = `${d.path}=${JSON.stringify(d.values[i])}`;
      try {
        parseSource(source, [...overrides, set], seed);
      } catch (error) {
        if (!isScenarioError(error) || error.origin !== `--set ${set}`) throw error;
        throw blame(source, d, origin, i, { path: error.path, expected: error.expected, found: error.found, hint: error.hint, reason: error.reason });
      }
    }
  }
}

/** The problem to report, without its place. */
interface Problem {
  path: string;
  expected: string;
  found: string;
  hint?: string;
  reason?: string;
}

/**
 * A path into a map of named things the scenario does not have (`functions.nope.memorySize`):
 * setting it would add an entry with one key, refused as one missing its required keys. Say the
 * name is unknown instead, with the closest one.
 */
function missingName(base: Scenario, varied: string): Problem | null {
  const [section, name, ...rest] = varied.split('.');
  if (rest.length === 0) return null;
  const map = (base as unknown as Record<string, unknown>)[section];
  if (typeof map !== 'object' || map === null || Array.isArray(map) || Object.hasOwn(map, name)) return null;
  const names = Object.keys(map);
  const noun = section === 'functions' ? 'function' : `entry of ${section}`;
  return {
    path: `${section}.${name}`,
    expected: names.length === 0 ? `a ${noun} the scenario defines (it has none)` : `a ${noun} the scenario defines (${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''})`,
    found: `"${name}", which does not exist`,
    // With one name, any other is a slip for it.
    hint: didYouMean(name, names) ?? (names.length === 1 ? `did you mean "${names[0]}"?` : undefined),
  };
}

/** The error at the dimension's origin: the `--vary` option as typed, or the `sweep.vary` key (its value for a bad value). */
function blame(source: Source, d: Dimension, origin: VaryOrigin, index: number | undefined, problem: Problem): ScenarioError {
  const file = path.join(source.baseDir, source.fileName);
  if (origin === 'command-line') {
    return new ScenarioError({ file, origin: `--vary ${d.path}=${d.values.map(valueLabel).join(',')}`, ...problem });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: false });
  const at = locate(doc, ['sweep', 'vary', d.path]);
  // A bad value in a list points at the value; a bad key path (the loader finds the key's own name) or a range at the key.
  const last = d.path.slice(d.path.lastIndexOf('.') + 1);
  const aboutValue = problem.path === d.path && problem.found.replace(/^"|"$/g, '') !== last;
  const item = index !== undefined && aboutValue ? locate(doc, ['sweep', 'vary', d.path, index]).node : undefined;
  const position = positionOf(item ?? at.keyNode, lineCounter);
  const where = problem.path === d.path ? `sweep.vary.${d.path}` : `sweep.vary key ${d.path} (${problem.path})`;
  return new ScenarioError({ file, line: position?.line, column: position?.column, ...problem, path: where });
}
