/**
 * Turns zod's validation issues into the one {@link ScenarioError} the user sees: the first
 * problem in document order, with file, line, column, key path, what was expected, what was
 * found, and a did-you-mean or "not supported yet" where that helps.
 */
import type { z } from 'zod';
import { isScalar, type Document, type LineCounter, type Node } from 'yaml';
import { ScenarioError } from './errors.js';
import { listChoices, notSupportedFor, type AnySchema, type IssueParams } from './fields.js';
import type { AppliedOverride } from './overrides.js';
import { isEmptyNode, locate, positionOf } from './positions.js';
import { allowedKeys, schemasAt } from './schema-walk.js';
import { didYouMean, editDistance, suggest } from './suggest.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Everything needed to place and explain an issue. */
export interface IssueSource {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  /** The data that was validated (the YAML after `--set` overrides). */
  data: unknown;
  /** Overrides in the order applied. */
  applied: readonly AppliedOverride[];
  /** The schema the data was validated against (to list allowed keys). */
  schema: AnySchema;
}

/** An error with the key it sorts by: file errors in document order, then override errors. */
interface Candidate {
  error: ScenarioError;
  rank: readonly number[];
}

/** What to say about one issue, before it is placed. */
interface Explanation {
  path: Path;
  expected: string;
  found: string;
  hint?: string;
  reason?: string;
  /** Point at the key of the last path segment rather than its value. */
  atKey?: boolean;
  offset?: number;
  offsetFromTrimmed?: boolean;
}

/**
 * The per-parse error map: an "expected" phrase for issues the schema did not word itself.
 * (The schema words nearly all of them; this keeps the rare rest readable.)
 */
export function defaultExpected(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const names: Record<string, string> = {
        object: 'a mapping', array: 'a list', string: 'a string', number: 'a number',
        int: 'an integer', boolean: 'true or false', null: 'null',
      };
      return names[String(issue.expected)] ?? `a ${String(issue.expected)}`;
    }
    case 'too_small':
      return issue.origin === 'array' ? `a list of at least ${issue.minimum} items` : `a value of at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `a list of at most ${issue.maximum} items` : `a value of at most ${issue.maximum}`;
    case 'invalid_value':
      return `one of ${listChoices(issue.values.map(String))}`;
    default:
      return undefined;
  }
}

/** How a value found in the scenario is shown in "found ...". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    if (value === '') return 'an empty string';
    const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    // Quote what would otherwise read as a number, boolean or null (`found "2048"` is a string),
    // and text whose spaces or punctuation would blur where it ends; `60ms` stays bare.
    const ambiguous =
      /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value) ||
      /^(true|false|null|~|[-+]?\.inf|\.nan)$/i.test(value) ||
      /^\s|\s$|[\s,"'{}[\]#]/.test(value);
    return ambiguous ? JSON.stringify(short) : short;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length ? 'a list' : 'an empty list';
  if (typeof value === 'object') return Object.keys(value).length ? 'a mapping' : 'an empty mapping';
  return String(value);
}

/** The value at `path` inside `data` (undefined when the path does not exist). */
function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** `functions.checkout.memorySize` */
const dotted = (path: Path): string => path.map(String).join('.');

/**
 * The not-supported names tagged on the schema of the given kind in a chain: the object for an
 * unknown key, the enum or (discriminated) union for a value. The kind matters because a union of
 * arrival processes carries process names while the option object inside it carries key names.
 */
function notSupportedIn(chain: readonly AnySchema[], kinds: readonly string[]): readonly string[] {
  for (const schema of chain) {
    if (!kinds.includes((schema._zod.def as { type: string }).type)) continue;
    const list = notSupportedFor(schema);
    if (list) return list;
  }
  return [];
}

/**
 * Replace each union failure by the issues of the option the user meant (the option that accepted
 * the value's type), so `{dist: uniform, min: 5m, max: 1m}` reports `max`, not "invalid union".
 */
function flatten(issues: readonly Issue[], base: Path): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const exclusive = exclusiveKeys(issue.errors);
      if (exclusive !== null) {
        out.push({ code: 'custom', path, message: `only one of the keys ${listChoices(exclusive)} (they exclude each other)`, input: undefined } as Issue);
        continue;
      }
      const typeMismatch = (branch: readonly Issue[]) =>
        branch.every((i) => i.code === 'invalid_type' && i.path.length === 0);
      const meant = issue.errors.find((branch) => !typeMismatch(branch));
      if (meant) {
        out.push(...flatten(meant, path));
        continue;
      }
    }
    out.push({ ...issue, path } as Issue);
  }
  return out;
}

/**
 * The keys of a union of objects with one key each (`{canary: ...}` or `{linear: ...}`) when the
 * value gave several of them: every branch then fails only because of the others' keys. Null when
 * the failure is anything else, so `{canary: ..., foo: 1}` still names `foo`.
 */
function exclusiveKeys(branches: readonly (readonly Issue[])[]): string[] | null {
  const rejected = new Set<string>();
  let keyBranches = 0;
  for (const branch of branches) {
    if (branch.length === 1 && branch[0].code === 'unrecognized_keys' && branch[0].path.length === 0) {
      keyBranches++;
      for (const key of branch[0].keys) rejected.add(key);
    } else if (!branch.every((i) => i.code === 'invalid_type' && i.path.length === 0)) {
      return null;
    }
  }
  if (keyBranches < 2) return null;
  // Each branch must reject exactly the keys of the other branches, all but its own: its own key
  // is the one it does not reject (listed in the union's order).
  const own: string[] = [];
  for (const branch of branches) {
    const first = branch[0];
    if (first.code !== 'unrecognized_keys') continue;
    const mine = [...rejected].filter((key) => !first.keys.includes(key));
    if (mine.length !== 1) return null;
    own.push(mine[0]);
  }
  return own;
}

/** What to say about one (flattened) issue; an unknown-keys issue gives one explanation per key. */
function explain(issue: Issue, src: IssueSource): Explanation[] {
  const path = issue.path;
  const found = valueAt(src.data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const chain = schemasAt(src.schema, path, src.data);
      const pending = notSupportedIn(chain, ['object']);
      const allowed = allowedKeys(chain);
      return issue.keys.map((key): Explanation => {
        if (pending.includes(key)) {
          return { path: [...path, key], expected: 'a supported key', found: key, reason: `${key} is not supported yet`, atKey: true };
        }
        // Between equally close keys, one already present is not the one the user meant to write:
        // `p90` next to `p50` means `p99`. A present key that is closer still wins: `--set
        // functions.api.memorySze=1024` on a file that has `memorySize` means `memorySize`, not `memoryUsed`.
        const present = typeof found === 'object' && found !== null ? Object.keys(found) : [];
        const absent = suggest(key, allowed.filter((k) => !present.includes(k)));
        const any = suggest(key, allowed);
        const closer = (a: string, b: string) => editDistance(key.toLowerCase(), a.toLowerCase()) <= editDistance(key.toLowerCase(), b.toLowerCase());
        const best = absent !== undefined && (any === undefined || closer(absent, any)) ? absent : any;
        const hint = best === undefined ? undefined : `did you mean "${best}"?`;
        const expected = hint || allowed.length === 0 ? 'a known key' : `one of the keys ${allowed.join(', ')}`;
        return { path: [...path, key], expected, found: describeValue(key), hint, atKey: true };
      });
    }
    case 'invalid_union': {
      if (issue.discriminator === undefined || !('options' in issue)) break;
      const options = (issue.options ?? []).map(String);
      const pending = notSupportedIn(schemasAt(src.schema, path.slice(0, -1), src.data), ['union']);
      if (typeof found === 'string' && pending.includes(found)) {
        return [{ path, expected: `one of ${listChoices(options)}`, found, reason: `${found} is not supported yet`, hint: `supported: ${options.join(', ')}` }];
      }
      if (found === undefined) {
        return [{ path, expected: `a ${issue.discriminator} key: one of ${listChoices(options)}`, found: 'nothing' }];
      }
      return [{
        path,
        expected: `one of ${listChoices(options)}`,
        found: describeValue(found),
        hint: typeof found === 'string' ? didYouMean(found, options) : undefined,
      }];
    }
    case 'invalid_key': {
      const key = path[path.length - 1];
      return [{ path, expected: issue.issues[0]?.message ?? 'a valid key', found: describeValue(String(key)), atKey: true }];
    }
    case 'invalid_value': {
      const pending = notSupportedIn(schemasAt(src.schema, path, src.data), ['enum', 'literal']);
      if (typeof found === 'string' && pending.includes(found)) {
        const choices = issue.values.map(String);
        return [{ path, expected: issue.message, found, reason: `${found} is not supported yet`, hint: `supported: ${choices.join(', ')}` }];
      }
      const hint = typeof found === 'string' ? didYouMean(found, issue.values.map(String)) : undefined;
      return [{ path, expected: issue.message, found: describeValue(found), hint }];
    }
    case 'custom': {
      const params = (issue.params ?? {}) as IssueParams;
      return [{
        path,
        expected: issue.message,
        found: params.found ?? describeValue(found),
        hint: params.hint,
        reason: params.reason,
        atKey: params.atKey,
        offset: params.offset,
        offsetFromTrimmed: params.offsetFromTrimmed,
      }];
    }
    default:
      break;
  }
  const key = path[path.length - 1];
  const missing = found === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union') && key !== undefined;
  return [{
    path,
    expected: issue.message,
    found: describeValue(found),
    hint: missing ? `${String(key)} is required` : undefined,
  }];
}

/** Length of the common prefix of two paths (segments compared as text). */
function commonPrefix(a: Path, b: Path): number {
  let n = 0;
  while (n < a.length && n < b.length && String(a[n]) === String(b[n])) n++;
  return n;
}

/** Column of a character inside a scalar, for expect lines (quotes skipped; block scalars not). */
function columnInside(node: Node, base: number, text: unknown, e: Explanation): number {
  if (e.offset === undefined || !isScalar(node)) return base;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return base;
  const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  const lead = e.offsetFromTrimmed && typeof text === 'string' ? text.length - text.trimStart().length : 0;
  return base + quote + lead + e.offset;
}

/** Place an explanation: in the file (line, column) or on the override that wrote the value. */
function place(e: Explanation, src: IssueSource, order: number): Candidate {
  const located = locate(src.doc, e.path);
  const fileDepth = located.exact ? e.path.length : commonPrefix(e.path, pathOfDeepest(src.doc, e.path));
  for (let i = src.applied.length - 1; i >= 0; i--) {
    const overridePath = src.applied[i].path;
    const common = commonPrefix(overridePath, e.path);
    // The value is inside what the override wrote, or the override created the mapping it is missing from.
    if (common === overridePath.length || common > fileDepth) {
      const error = new ScenarioError({ file: src.file, path: dotted(e.path), expected: e.expected, found: e.found, hint: e.hint, reason: e.reason, origin: src.applied[i].origin });
      return { error, rank: [1, i, order] };
    }
  }
  let node: Node | undefined;
  if (e.atKey) node = located.keyNode ?? located.node ?? located.deepest;
  else if (located.exact) node = located.node && !isEmptyNode(located.node) ? located.node : located.keyNode ?? located.node;
  else node = located.deepest;
  const position = positionOf(node, src.lineCounter) ?? { line: 1, column: 1 };
  // Sort by offset in the file. A missing key is reported at its parent mapping but sorted at the
  // mapping's end: a misspelt key inside (`duraton`) then wins over the "duration is missing" it causes.
  const sortOffset = (located.exact || e.atKey ? node?.range?.[0] : node?.range?.[1]) ?? 0;
  const column = node && located.exact && !e.atKey ? columnInside(node, position.column, valueAt(src.data, e.path), e) : position.column;
  const error = new ScenarioError({
    file: src.file,
    line: position.line,
    column,
    path: dotted(e.path),
    expected: e.expected,
    found: e.found,
    hint: e.hint,
    reason: e.reason,
  });
  return { error, rank: [0, sortOffset, column, order] };
}

/** The longest prefix of `path` that exists in the file. */
function pathOfDeepest(doc: Document, path: Path): Path {
  for (let n = path.length; n > 0; n--) {
    if (locate(doc, path.slice(0, n)).exact) return path.slice(0, n);
  }
  return [];
}

/** Compare ranks lexicographically. */
function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The first error among zod's issues: errors in the file by line and column, then errors in
 * `--set` values in the order the overrides were given. Deterministic for the same input.
 */
export function firstScenarioError(issues: readonly Issue[], src: IssueSource): ScenarioError {
  const candidates: Candidate[] = [];
  flatten(issues, []).forEach((issue, order) => {
    for (const explanation of explain(issue, src)) candidates.push(place(explanation, src, order));
  });
  candidates.sort((a, b) => compareRanks(a.rank, b.rank));
  const first = candidates[0];
  if (first) return first.error;
  // zod reported failure without an issue: cannot happen, but never leave the user with nothing.
  return new ScenarioError({ file: src.file, expected: 'a valid scenario', found: 'an invalid one' });
}
