/**
 * The grid of a sweep: dimensions (a `--set` path and its values) from `--vary PATH=...` or the
 * scenario's `sweep.vary`, and every combination of them as points, in a fixed order (the first
 * dimension varies slowest, like nested loops written in the order given).
 */
import { parse as parseYaml } from 'yaml';
import { ScenarioError } from '../scenario/errors.js';
import { looksLikeRange, MAX_SWEEP_POINTS, parseRange, RANGE_EXPECTED } from '../scenario/sweep-schema.js';
import { plainNumber } from '../report/format-number.js';

/** One varied key path and the values it takes, in order. */
export interface Dimension {
  /** A `--set` path, e.g. `functions.api.memorySize`. */
  path: string;
  values: unknown[];
}

/** One combination: the value index per dimension, the values and the overrides that make it. */
export interface GridPoint {
  /** 0-based position in grid order. */
  index: number;
  values: unknown[];
  /** Display text of each value, e.g. "1024", "arm64". */
  labels: string[];
  /** `PATH=VALUE` overrides, one per dimension, applied after the user's own `--set`s. */
  overrides: string[];
}

const VARY_EXPECTED = `PATH=V1,V2,... or PATH=${RANGE_EXPECTED.replace('a range ', '')}, e.g. functions.api.memorySize=512,1024,2048`;

function varyError(text: string, expected: string, found: string): ScenarioError {
  return new ScenarioError({ file: '', origin: `--vary ${text}`, expected, found });
}

/**
 * Parse one `--vary PATH=VALUES`. VALUES is a range (`128..3008 step 128`), or a comma-separated
 * list read as a YAML flow list, so each value reads as it would after `--set PATH=` (`512`,
 * `arm64`, `{dist: exponential, mean: 40ms}`), or a YAML list in brackets.
 * @throws ScenarioError naming the option for a missing `=`, an empty path or list, a bad range
 */
export function parseVary(text: string): Dimension {
  const eq = text.indexOf('=');
  if (eq < 0) throw varyError(text, VARY_EXPECTED, `no "=" in "${text}"`);
  const path = text.slice(0, eq).trim();
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(path)) throw varyError(text, 'a key path before "=", e.g. functions.api.memorySize', `"${path}"`);
  const body = text.slice(eq + 1).trim();
  if (body === '') throw varyError(text, VARY_EXPECTED, 'no values after "="');
  if (looksLikeRange(body)) {
    const values = parseRange(body);
    if (!Array.isArray(values)) throw varyError(text, values.expected, values.found);
    return { path, values };
  }
  let values: unknown;
  try {
    values = parseYaml(body.startsWith('[') ? body : `[${body}]`);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw varyError(text, 'a comma-separated list of YAML values', message);
  }
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => v === null)) {
    throw varyError(text, VARY_EXPECTED, `"${body}"`);
  }
  return { path, values };
}

/** How a value is shown in tables and file names: numbers plainly, strings as they are, else JSON. */
export function valueLabel(value: unknown): string {
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Every combination of the dimensions, the first dimension varying slowest.
 * @throws ScenarioError when a path is varied twice or the grid exceeds {@link MAX_SWEEP_POINTS}
 */
export function buildGrid(dimensions: readonly Dimension[]): GridPoint[] {
  const seen = new Set<string>();
  for (const d of dimensions) {
    if (seen.has(d.path)) {
      throw new ScenarioError({ file: '', origin: `--vary ${d.path}=...`, expected: 'each key path varied once', found: `"${d.path}" a second time` });
    }
    seen.add(d.path);
  }
  const size = dimensions.reduce((n, d) => n * d.values.length, 1);
  if (size > MAX_SWEEP_POINTS) {
    throw new ScenarioError({
      file: '', origin: '--vary', expected: `a grid of at most ${MAX_SWEEP_POINTS} points`,
      found: `${dimensions.map((d) => d.values.length).join(' x ')} = ${size} points`,
    });
  }
  const points: GridPoint[] = [];
  for (let index = 0; index < size; index++) {
    // Mixed-radix digits of the index, the last dimension the fastest digit.
    let rest = index;
    const picks = new Array<number>(dimensions.length);
    for (let d = dimensions.length - 1; d >= 0; d--) {
      picks[d] = rest % dimensions[d].values.length;
      rest = Math.floor(rest / dimensions[d].values.length);
    }
    const values = dimensions.map((d, i) => d.values[picks[i]]);
    points.push({
      index,
      values,
      labels: values.map(valueLabel),
      overrides: dimensions.map((d, i) => `${d.path}=${JSON.stringify(values[i])}`),
    });
  }
  return points;
}
