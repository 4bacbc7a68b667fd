/**
 * A CSV file as rows of text cells with their line numbers (csv-parse, RFC 4180 quoting), plus the
 * header conventions the data readers share.
 */
import { createRequire } from 'node:module';
import type { parse as Parse } from 'csv-parse/sync';
import { DataFileError } from './data-files.js';
import { quoteInput } from './errors.js';

/** One data row: its cells and the 1-based line it starts on. */
export interface CsvRow {
  cells: string[];
  line: number;
}

/**
 * csv-parse, loaded on the first CSV a scenario reads rather than with this module: every run
 * imports the scenario readers, few read a data file, and its ten modules cost about 20 ms of
 * start-up. Its CommonJS build, so that the load stays synchronous like the parse.
 */
let csvParse: typeof Parse | undefined;

/** Rows of a CSV text, blank lines skipped, cells trimmed. */
export function readCsv(text: string): CsvRow[] {
  csvParse ??= (createRequire(import.meta.url)('csv-parse/sync') as { parse: typeof Parse }).parse;
  const parse = csvParse;
  try {
    const records = parse(text, { info: true, skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return records.map((r) => ({ cells: r.record, line: r.info.lines }));
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw new DataFileError('valid CSV', (e.message ?? String(error)).split('\n')[0], e.lines);
  }
}

/** How many header cells an error lists: a file is never echoed beyond a short excerpt. */
const LISTED_COLUMNS = 8;

/** Quote a cell for an error message: short, control characters escaped. */
export function showCell(cell: string | undefined): string {
  if (cell === undefined || cell === '') return 'an empty cell';
  return quoteInput(cell, 40);
}

/** The first header cells, quoted, for an error ("a", "b", ... (12 columns)). */
export function showColumns(header: readonly string[]): string {
  const shown = header.slice(0, LISTED_COLUMNS).map(showCell).join(', ');
  return header.length > LISTED_COLUMNS ? `${shown}, ... (${header.length} columns)` : shown;
}

/**
 * The 0-based index of a column chosen by header name or by 1-based number (`column: 3`).
 *
 * @throws DataFileError naming the columns there are (blaming the scenario key `key`)
 */
export function columnIndex(
  header: readonly string[] | undefined,
  column: string | number,
  width: number,
  line: number,
  key = 'column',
): number {
  if (typeof column === 'number') {
    if (column > width) throw new DataFileError(`a column number from 1 to ${width}`, String(column), line, key);
    return column - 1;
  }
  const index = header?.indexOf(column) ?? -1;
  if (index < 0) {
    const names = header ? `one of the columns ${showColumns(header)}` : 'a header row naming the columns';
    throw new DataFileError(names, `no column ${quoteInput(String(column))}`, line, key);
  }
  return index;
}

/**
 * Rows selected by `match` (every named column equals its value), with the header that names the
 * columns.
 *
 * @throws DataFileError for a column the header does not have
 */
export function matchRows(header: readonly string[], rows: readonly CsvRow[], match: Record<string, string>, headerLine: number): CsvRow[] {
  const tests = Object.entries(match).map(([name, value]) => [columnIndex(header, name, header.length, headerLine, 'match'), value] as const);
  return rows.filter((row) => tests.every(([i, value]) => row.cells[i] === value));
}
