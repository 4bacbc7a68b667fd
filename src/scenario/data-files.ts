/**
 * Data files named by a scenario (trace CSVs, empirical samples): where they are found and how
 * their problems are reported.
 *
 * Paths in a scenario are relative to the scenario file. The loader runs validation inside
 * {@link withDataDir}, so the schema's transforms can read a data file while the scenario is parsed
 * and report a problem as an issue at the key that named the file (one clear error line with the
 * scenario's file:line:column). Outside it, paths resolve against the current directory. Each
 * file is read at most once per load.
 */
import { resolve } from 'node:path';
import type { z } from 'zod';
import { customIssue } from './fields.js';
import { FileReadError, MAX_DATA_FILE_BYTES, readBoundedFile } from './read-bounded.js';

/** A problem with a data file's content: what was expected, what was found, and where in the file. */
export class DataFileError extends Error {
  constructor(
    readonly expected: string,
    readonly found: string,
    /** 1-based line in the data file, when the problem is on one line. */
    readonly line?: number,
    /** The scenario key to blame (next to `file`, e.g. `row`), when it is not the file itself. */
    readonly key?: string,
  ) {
    super(`expected ${expected}, found ${found}`);
    this.name = 'DataFileError';
  }
}

/**
 * The most lines a data file may have: parsed rows take some 450 bytes each while a file is read,
 * so 2 M rows is about 1 GB and a 10 M-row file is refused at once instead of exhausting memory
 * (docs/limits.md). A full day of the Azure per-minute trace has about 50,000 rows.
 */
export const MAX_DATA_ROWS = 2_000_000;

/** The number of lines of `text` (a last line without a newline counts). */
function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

/** The folder and cache of the load in progress. */
interface DataContext {
  dir: string;
  texts: Map<string, string>;
}

let current: DataContext | undefined;

/**
 * Run `fn` (a validation) with data paths resolved against `dir` (the scenario file's folder).
 * Synchronous and re-entrant: the previous folder is restored afterwards.
 */
export function withDataDir<T>(dir: string, fn: () => T): T {
  const previous = current;
  current = { dir, texts: new Map() };
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/**
 * The text of a data file named in the scenario.
 *
 * @throws DataFileError when it cannot be read (missing, not a regular file, above the size limit, no permission)
 */
export function readDataFile(path: string): string {
  const full = resolve(current?.dir ?? '.', path);
  const cached = current?.texts.get(full);
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = readBoundedFile(full, MAX_DATA_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    const found = error.code === 'ENOENT' ? `no file at ${path} (looked for ${full})` : `${error.found} at ${path}`;
    throw new DataFileError('a readable data file (paths are relative to the scenario file)', found);
  }
  const lines = lineCount(text);
  if (lines > MAX_DATA_ROWS) {
    throw new DataFileError(`a data file of at most ${MAX_DATA_ROWS.toLocaleString('en-US')} lines (docs/limits.md)`, `${lines.toLocaleString('en-US')} lines`);
  }
  current?.texts.set(full, text);
  return text;
}

/**
 * The zod issue for a data-file problem, at `path` (relative to the object being validated; the
 * error's `key` replaces its last segment). A problem on a line of the data file names it: `traces/day1.csv:17: expected ..., found ...`.
 */
export function dataFileIssue(file: string, error: unknown, path: PropertyKey[]): z.core.$ZodRawIssue {
  if (!(error instanceof DataFileError)) throw error;
  if (error.key !== undefined) path = [...path.slice(0, -1), error.key];
  if (error.line === undefined && error.expected.startsWith('a readable data file')) {
    return customIssue(error.expected, file, { found: error.found }, path);
  }
  const where = error.line === undefined ? file : `${file}:${error.line}`;
  return customIssue(error.expected, file, { reason: `${where}: expected ${error.expected}, found ${error.found}` }, path);
}
