/**
 * `--set PATH=VALUE` overrides (scenario-format.md, Overrides from the command line), applied to
 * the parsed YAML before validation, so an override is checked exactly like the file.
 *
 * PATH is keys joined by dots; a list item is named by its index or by its `name` field
 * (`workloads.0.arrivals.rate`, `workloads.web.arrivals.rate`). VALUE is read as YAML
 * (`functions.api.duration={dist: exponential, mean: 1s}`). Missing mappings on the way are created.
 */
import { produce } from 'immer';
import { parseDocument } from 'yaml';
import { firstKeyProblem, UNSAFE_KEY, UNSAFE_KEY_REASON } from './key-checks.js';
import { ScenarioError } from './errors.js';
import { didYouMean } from './suggest.js';

/** One override after it was applied: where it wrote, and how to name it in an error. */
export interface AppliedOverride {
  /** How the user wrote it, e.g. `--set workloads.web.arrivals.rate=300/s`. */
  origin: string;
  /** The path it wrote to, list items resolved to indices: ['workloads', 0, 'arrivals', 'rate']. */
  path: (string | number)[];
}

/** The result of {@link applyOverridesDetailed}. */
export interface OverrideResult {
  value: unknown;
  applied: AppliedOverride[];
}

/** A parsed `PATH=VALUE`. */
export interface ParsedOverride {
  /** The path split at dots; list items are resolved later against the data. */
  keys: string[];
  value: unknown;
}

type Draft = Record<string, unknown> | unknown[];

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An error about one override, named by the option the user typed (the file is filled by the loader). */
function overrideError(origin: string, init: { path?: string; expected: string; found: string; hint?: string; reason?: string }): ScenarioError {
  return new ScenarioError({ file: '', origin, ...init });
}

/** The same error with the scenario file named (overrides are parsed before the file is known here). */
export function withFile(error: ScenarioError, file: string): ScenarioError {
  return new ScenarioError({
    file,
    line: error.line,
    column: error.column,
    path: error.path,
    expected: error.expected,
    found: error.found,
    hint: error.hint,
    reason: error.reason,
    origin: error.origin,
  });
}

/**
 * Split `PATH=VALUE` at the first `=` and read VALUE as YAML.
 *
 * @throws ScenarioError naming `--set <text>` when there is no `=`, the path is empty or has an
 * empty segment, or VALUE is not valid YAML
 */
export function parseOverride(text: string): ParsedOverride {
  const origin = `--set ${text}`;
  const eq = text.indexOf('=');
  if (eq < 0) {
    throw overrideError(origin, { expected: 'PATH=VALUE, e.g. functions.api.memorySize=1024', found: `no "=" in "${text}"` });
  }
  const pathText = text.slice(0, eq).trim();
  if (pathText === '') {
    throw overrideError(origin, { expected: 'a key path before "=", e.g. functions.api.memorySize', found: 'an empty path' });
  }
  const keys = pathText.split('.');
  if (keys.some((k) => k.trim() === '')) {
    throw overrideError(origin, { expected: 'keys joined by single dots, e.g. workloads.0.arrivals.rate', found: `"${pathText}"` });
  }
  if (keys.some((k) => k.trim() === UNSAFE_KEY)) {
    throw overrideError(origin, { path: pathText, expected: `a key other than "${UNSAFE_KEY}"`, found: `"${UNSAFE_KEY}"`, reason: UNSAFE_KEY_REASON });
  }
  return { keys: keys.map((k) => k.trim()), value: parseValue(text.slice(eq + 1), origin, pathText) };
}

/**
 * VALUE read as YAML as the loader reads a file: the first error as one line (without the
 * package's excerpt lines), warnings such as an unknown `!tag` silent (the file's are too), and
 * the same key checks.
 */
function parseValue(text: string, origin: string, pathText: string): unknown {
  // logLevel 'silent': the package would otherwise print YAMLWarning lines through process.emitWarning.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'silent' });
  const error = doc.errors[0];
  if (error) {
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw overrideError(origin, { path: pathText, expected: 'a YAML value after "="', found: message });
  }
  const problem = firstKeyProblem(doc.contents);
  if (problem?.kind === 'unsafe') {
    throw overrideError(origin, { path: pathText, expected: `a key other than "${UNSAFE_KEY}"`, found: `"${UNSAFE_KEY}"`, reason: UNSAFE_KEY_REASON });
  }
  if (problem) {
    throw overrideError(origin, { path: [pathText, ...problem.path].join('.'), expected: 'each key at most once in a mapping', found: `"${problem.text}" a second time` });
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw overrideError(origin, { path: pathText, expected: 'a YAML value after "="', found: message });
  }
}

/**
 * The index a path segment names in a list: a number, or the item whose `name` equals it.
 * Returns -1 when no item matches.
 */
function listIndex(list: readonly unknown[], segment: string, allowAppend: boolean): number {
  if (/^\d+$/.test(segment)) {
    const index = Number(segment);
    return index < list.length || (allowAppend && index === list.length) ? index : -1;
  }
  return list.findIndex((item) => isMapping(item) && item.name === segment);
}

/** Names of a list's items, for a did-you-mean. */
function itemNames(list: readonly unknown[]): string[] {
  return list.flatMap((item) => (isMapping(item) && typeof item.name === 'string' ? [item.name] : []));
}

/**
 * Write one override into a draft, creating mappings on the way, and return the resolved path.
 */
function setPath(draft: Draft, keys: readonly string[], value: unknown, origin: string): (string | number)[] {
  const resolved: (string | number)[] = [];
  let node: Draft = draft;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const here = resolved.length ? resolved.join('.') : '(top level)';
    let step: string | number;
    if (Array.isArray(node)) {
      step = listIndex(node, key, last);
      if (step < 0) {
        const names = itemNames(node);
        throw overrideError(origin, {
          path: [...resolved, key].join('.'),
          expected: `an index from 0 to ${node.length - 1}${names.length ? ` or a name (${names.join(', ')})` : ''} of an item of ${here}`,
          found: `"${key}"`,
          hint: didYouMean(key, names),
        });
      }
    } else {
      step = key;
    }
    resolved.push(step);
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[step] = value;
      return;
    }
    // Own keys only: a function named `constructor` or `toString` is not Object.prototype's.
    const child = Object.hasOwn(container, step) ? container[step] : undefined;
    if (child === undefined || child === null) {
      container[step] = {};
    } else if (typeof child !== 'object') {
      throw overrideError(origin, {
        path: resolved.join('.'),
        expected: `a mapping or list to set ${keys.slice(i + 1).join('.')} in`,
        found: JSON.stringify(child),
      });
    }
    node = container[step] as Draft;
  });
  return resolved;
}

/**
 * Apply `--set` overrides in order (a later one wins) and report where each one wrote, so
 * validation errors in overridden values can name the override instead of a file position.
 */
export function applyOverridesDetailed(raw: unknown, overrides: readonly string[]): OverrideResult {
  const applied: AppliedOverride[] = [];
  let value = raw;
  for (const text of overrides) {
    const origin = `--set ${text}`;
    const { keys, value: newValue } = parseOverride(text);
    if (typeof value !== 'object' || value === null) {
      throw overrideError(origin, { expected: 'a scenario mapping to apply the override to', found: JSON.stringify(value) });
    }
    value = produce(value as Draft, (draft: Draft) => {
      applied.push({ origin, path: setPath(draft, keys, newValue, origin) });
    });
  }
  return { value, applied };
}

/**
 * Apply `--set` overrides (`PATH=VALUE`) to parsed scenario data, returning a new value
 * (the input is not changed).
 *
 * @throws ScenarioError naming `--set <text>` for a malformed override or a list item not found
 * @example applyOverrides(raw, ['workloads.web.arrivals.rate=300/s', 'seed=7'])
 */
export function applyOverrides(raw: unknown, overrides: readonly string[]): unknown {
  return applyOverridesDetailed(raw, overrides).value;
}
