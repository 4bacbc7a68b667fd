/**
 * Reads a scenario file into a validated {@link Scenario}: read the file, parse YAML (keeping
 * positions), apply `--set` overrides and `--seed`, validate with the schema, and on failure throw
 * ONE {@link ScenarioError} for the first problem in document order.
 */
import { dirname } from 'node:path';
import { Document, LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';
import type { Expectation } from './expect-types.js';
import { ScenarioError, isScenarioError } from './errors.js';
import { defaultExpected, describeValue, firstScenarioError } from './issues.js';
import { applyOverridesDetailed, withFile, type AppliedOverride } from './overrides.js';
import { firstKeyProblem, UNSAFE_KEY_REASON } from './key-checks.js';
import { firstUnresolvedAlias, locate, positionOf } from './positions.js';
import { scenarioSchemaFor, type Scenario } from './schema.js';
import type { SourceSchema } from './source-schema.js';
import { withDataDir } from './data-files.js';
import { describeReadError, MAX_SCENARIO_BYTES, readBoundedFile } from './read-bounded.js';
import { withReferenceMemory } from './reference-memory.js';
import { applyTemplate } from './template/apply-template.js';

/** Options of {@link loadScenario}, {@link parseScenarioText} and {@link parseScenarioObject}. */
export interface LoadOptions {
  /** `--set PATH=VALUE` overrides, applied in order before validation. */
  overrides?: readonly string[];
  /** `--seed N`: replaces the scenario's seed (applied after the overrides). */
  seed?: number;
  /**
   * The folder data-file paths (traces, empirical samples) are relative to. Default: the folder
   * of `file` (a scenario's paths are relative to the scenario file).
   */
  baseDir?: string;
  /**
   * The kinds of event source the scenario may hold (source-schema.ts); default the built-in ones
   * (source-schemas.ts). A test adds a kind of its own here without editing src/.
   */
  sourceSchemas?: readonly SourceSchema[];
}

/** How many times aliases (`*name`) may be expanded in one document. */
const MAX_ALIAS_EXPANSIONS = 10_000;

/** What the file as a whole should be, for errors about its shape. */
const FILE_EXPECTED = 'a YAML mapping with at least name, duration and functions';

/**
 * Load and validate a scenario file.
 *
 * @param file path as the user gave it; errors name it the same way
 * @throws ScenarioError for a missing or unreadable file and for every invalid scenario
 */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  return parseScenarioText(readScenarioFile(file), file, options);
}

/**
 * The text of a scenario file: a regular file of at most {@link MAX_SCENARIO_BYTES}.
 * @throws ScenarioError for a missing, unreadable, special (FIFO, device, folder) or too large file
 */
export function readScenarioFile(file: string): string {
  try {
    return readBoundedFile(file, MAX_SCENARIO_BYTES);
  } catch (error) {
    throw fileReadError(file, error);
  }
}

/** The ScenarioError for a file that could not be read (`error` is what {@link readBoundedFile} or fs threw). */
export function fileReadError(file: string, error: unknown): ScenarioError {
  return new ScenarioError({ file, expected: 'a readable scenario file', found: describeReadError(error) });
}

/**
 * Parse and validate scenario text (the file's content); `file` is only used to name it in errors.
 *
 * @throws ScenarioError for the first problem: YAML syntax, duplicate keys, an empty file, a
 * top level that is not a mapping, a bad override, or a schema violation
 */
export function parseScenarioText(text: string, file: string, options: LoadOptions = {}): Scenario {
  const lineCounter = new LineCounter();
  // Duplicate keys are checked by checkKeys, in linear time (the package's own check is quadratic).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  checkYaml(doc, text, file, lineCounter);

  let raw: unknown;
  try {
    // The alias limit stops "billion laughs" documents from expanding without bound.
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ScenarioError({ file, expected: `YAML with at most ${MAX_ALIAS_EXPANSIONS} alias expansions`, found: message });
  }
  return validate(raw, { file, doc, lineCounter }, options);
}

/**
 * Validate a scenario given as a plain object of the YAML's shape (what a program builds instead
 * of writing YAML). Errors name the key path; they have no line and column. `file` only names
 * the scenario in errors. The object is copied, never modified.
 *
 * @throws ScenarioError for the first problem, as {@link parseScenarioText}
 */
export function parseScenarioObject(value: unknown, file: string, options: LoadOptions = {}): Scenario {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScenarioError({ file, expected: FILE_EXPECTED, found: Array.isArray(value) ? 'a list' : describeValue(value) });
  }
  // A YAML document without source text: the error locator walks it as it walks a parsed file,
  // but the positions it finds mean nothing (there are no lines), so they are dropped.
  const doc = new Document(value);
  checkKeys(doc, file, new LineCounter());
  try {
    return validate(doc.toJS(), { file, doc, lineCounter: new LineCounter() }, options);
  } catch (error) {
    if (!isScenarioError(error) || error.line === undefined) throw error;
    throw new ScenarioError({ ...error, line: undefined, column: undefined });
  }
}

/** Overrides, seed and schema validation of the scenario's plain data `raw` (parsed from `doc`). */
function validate(raw: unknown, src: { file: string; doc: Document; lineCounter: LineCounter }, options: LoadOptions): Scenario {
  const { file, doc, lineCounter } = src;
  let data: unknown;
  let applied: AppliedOverride[];
  try {
    ({ value: data, applied } = applyOverridesDetailed(raw, options.overrides ?? []));
  } catch (error) {
    throw isScenarioError(error) ? withFile(error, file) : error;
  }
  if (options.seed !== undefined) {
    data = { ...(data as Record<string, unknown>), seed: options.seed };
    applied = [...applied, { origin: `--seed ${options.seed}`, path: ['seed'] }];
  }

  // `template:` is read after the overrides, so `--set template=...` swaps the template.
  const baseDir = options.baseDir ?? dirname(file);
  const template = applyTemplate(data, raw, { file, baseDir, doc, lineCounter, applied });
  if (template) data = template.data;

  // Data files (traces, empirical samples) are read during validation, relative to the scenario file.
  const schema = scenarioSchemaFor(options.sourceSchemas);
  const result = withDataDir(baseDir, () => schema.safeParse(data, { error: defaultExpected }));
  if (!result.success) {
    const error = firstScenarioError(result.error.issues, { file, doc, lineCounter, data, applied, schema });
    throw template ? template.repoint(error) : error;
  }
  const scenario = withExpectPositions(withReferenceMemory(result.data, template ? template.reference : raw), doc, lineCounter, applied);
  return template ? { ...scenario, notes: [...template.notes, ...(scenario.notes ?? [])] } : scenario;
}

/** Refuse YAML that cannot be validated: syntax errors, duplicate keys, empty or non-mapping documents. */
function checkYaml(doc: Document, source: string, file: string, lineCounter: LineCounter): void {
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ScenarioError({ file, line, column: col, expected: 'valid YAML', found: message, reason: `invalid YAML: ${message}` });
  }
  checkKeys(doc, file, lineCounter);
  const contents = doc.contents as Node | null;
  if (contents === null || contents === undefined) {
    const found = source.trim() === '' ? 'an empty file' : 'a file with only comments';
    throw new ScenarioError({ file, expected: FILE_EXPECTED, found });
  }
  if (!isMap(contents)) {
    const position = positionOf(contents, lineCounter);
    const found = isSeq(contents) ? 'a list' : describeValue(doc.toJS());
    throw new ScenarioError({ file, line: position?.line, column: position?.column, expected: FILE_EXPECTED, found });
  }
  const alias = firstUnresolvedAlias(doc);
  if (alias) {
    const position = positionOf(alias, lineCounter);
    throw new ScenarioError({
      file, line: position?.line, column: position?.column,
      expected: 'an alias to an anchor defined above it', found: `*${String((alias as unknown as { source: string }).source)}`,
    });
  }
}

/** Refuse a key given twice in one mapping, and `__proto__` anywhere (key-checks.ts says why). */
function checkKeys(doc: Document, file: string, lineCounter: LineCounter): void {
  const problem = firstKeyProblem(doc.contents);
  if (!problem) return;
  const position = positionOf(problem.key, lineCounter);
  const where = { file, line: position?.line, column: position?.column, path: problem.path.join('.') };
  if (problem.kind === 'unsafe') throw new ScenarioError({ ...where, expected: 'a key other than "__proto__"', found: '"__proto__"', reason: UNSAFE_KEY_REASON });
  throw new ScenarioError({ ...where, expected: 'each key at most once in a mapping', found: `${describeValue(problem.text)} a second time` });
}

/** Fill each expectation's line and column from its YAML node (not for lines set by `--set`). */
function withExpectPositions(scenario: Scenario, doc: Document, lineCounter: LineCounter, applied: readonly AppliedOverride[]): Scenario {
  if (scenario.expect.length === 0) return scenario;
  const fromOverride = (i: number) => applied.find((o) => o.path[0] === 'expect' && (o.path.length === 1 || o.path[1] === i));
  const expect = scenario.expect.map((e, i): Expectation => {
    // A line set on the command line is named by the option as typed, in later errors too.
    const override = fromOverride(i);
    if (override !== undefined) return { ...e, origin: override.origin };
    const position = positionOf(locate(doc, ['expect', i]).node, lineCounter);
    return position ? { ...e, line: position.line, column: position.column } : e;
  });
  return { ...scenario, expect };
}
