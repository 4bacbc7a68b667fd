/**
 * The one user-facing error of the scenario layer. It knows nothing of zod or YAML so the CLI can
 * import it cheaply: the CLI prints `err.format()` and exits with code 2, never a stack trace.
 */

/** Everything a {@link ScenarioError} says; only `file`, `expected` and `found` are required. */
export interface ScenarioErrorInit {
  /** The scenario file as the user named it (e.g. `scenario.yaml`). */
  file: string;
  /** 1-based line of the offending YAML node, when the value came from the file. */
  line?: number;
  /** 1-based column of the offending YAML node. */
  column?: number;
  /** Dotted key path, e.g. `functions.checkout.memorySize`; empty for the file as a whole. */
  path?: string;
  /** What would have been accepted, e.g. `a whole number of MB from 128 to 10240`. */
  expected: string;
  /** What was written, e.g. `20000`. */
  found: string;
  /** Extra advice, e.g. `did you mean "memorySize"?`. */
  hint?: string;
  /**
   * A sentence that replaces "expected ..., found ..." when that shape would read badly,
   * e.g. `reservedConcurrency is not supported yet` or a YAML syntax error.
   */
  reason?: string;
  /**
   * The command-line option the bad value came from (`--set functions.x.memorySize=99999`,
   * `--seed -1`): printed instead of a file position, since the value is not in the file.
   */
  origin?: string;
}

/**
 * A problem with a scenario (file, YAML, schema or `--set` override), located as precisely as
 * possible. `message` equals {@link ScenarioError.format} so even an uncaught error reads well.
 */
export class ScenarioError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly path: string;
  readonly expected: string;
  readonly found: string;
  readonly hint: string | undefined;
  readonly reason: string | undefined;
  readonly origin: string | undefined;

  constructor(init: ScenarioErrorInit) {
    super(formatScenarioError(init));
    this.name = 'ScenarioError';
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.path = init.path ?? '';
    this.expected = init.expected;
    this.found = init.found;
    this.hint = init.hint;
    this.reason = init.reason;
    this.origin = init.origin;
  }

  /**
   * One line for the terminal, e.g.
   * `scenario.yaml:12:17: functions.checkout.memorySize: expected a whole number of MB from 128 to 10240, found 20000`,
   * or `--set functions.x.memorySize=99999: functions.x.memorySize: expected ..., found 99999`.
   */
  format(): string {
    return formatScenarioError(this);
  }
}

/** The most characters of a value echoed from input (a cell, a key, a `--set`): enough to recognise it. */
export const ECHO_CHARS = 60;
/** The most characters of a whole error line: a file's content never reaches the terminal beyond this. */
export const LINE_CHARS = 600;

/** Control characters (C0, DEL, C1) and the Unicode ones that reorder or hide text on a terminal. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** `text` with each control character written as an escape (`\x1b`, `\r`, `\u202e`), so it cannot act on a terminal. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE_CHARS, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' };
    if (Object.hasOwn(named, c)) return named[c];
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** At most `max` characters of `text` (the cut marked with "..."), control characters escaped. */
export function shorten(text: string, max = ECHO_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max - 3)}...` : text;
  return escapeControls(cut);
}

/** A value from input, quoted for an error line: `"abc"`, at most {@link ECHO_CHARS} characters, escaped. */
export function quoteInput(text: string, max = ECHO_CHARS): string {
  return `"${shorten(text, max).replace(/"/g, '\\"')}"`;
}

/** Builds the one-line text shared by `message` and `format()`. */
function formatScenarioError(e: ScenarioErrorInit): string {
  const where = e.origin !== undefined ? shorten(e.origin, 2 * ECHO_CHARS) : e.line !== undefined ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file;
  const what = e.reason ?? `expected ${e.expected}, found ${e.found}`;
  const head = e.path ? `${where}: ${shorten(e.path, 2 * ECHO_CHARS)}: ${what}` : `${where}: ${what}`;
  // One line, bounded, with no control character reaching the terminal, whatever a value held.
  return shorten((e.hint ? `${head} (${e.hint})` : head).replace(/\r?\n/g, ' '), LINE_CHARS);
}

/** True for a {@link ScenarioError} (also across duplicated module instances, by name). */
export function isScenarioError(value: unknown): value is ScenarioError {
  return value instanceof ScenarioError || (value instanceof Error && value.name === 'ScenarioError' && 'format' in value);
}
