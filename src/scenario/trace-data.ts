/**
 * Reads trace files into the numbers a `trace` arrival process replays (scenario-format.md,
 * Workloads: trace formats).
 *
 * - `per-minute-counts`: the Azure Functions public trace layout (../shared/traces/README.md): a
 *   header row, then one row per function; the columns whose header is a whole number (`1`..`1440`,
 *   or `480`..`959` in an excerpt) are consecutive minutes holding invocation counts; the first of
 *   them is trace time 0. One row is replayed: `row: N` (1-based, data rows) or `match: {column: value}`.
 * - `timestamps`: one arrival per row, in a column (`column`: header name or 1-based number; default
 *   the first), in seconds from trace time 0 or as ISO-8601 instants (then the earliest is time 0).
 *   `match` keeps only the rows whose named columns hold the given values.
 */
import { DataFileError } from './data-files.js';
import { columnIndex, matchRows, readCsv, showCell, type CsvRow } from './csv-table.js';
import { US_PER_SECOND } from '../kernel/time.js';

/** How the rows and column of a trace are chosen. */
export interface TraceSelector {
  row?: number;
  match?: Record<string, string>;
  column?: string | number;
}

const WHOLE = /^\d+$/;
const SECONDS_EXPECTED = 'seconds from the start (a number >= 0)';
const ISO_EXPECTED = 'an ISO-8601 time with a zone (2024-05-01T12:00:00Z)';

/** ISO-8601 date or date-time; a time needs a zone (Z or +hh:mm) so the instant is unambiguous. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
/** The date and time fields of an ISO_8601 match, to check that the date and time exist. */
const ISO_PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;
const SECONDS = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Seconds from the start in us, or NaN when the cell is not a finite number of seconds. */
function secondsToUs(cell: string): number {
  return SECONDS.test(cell) ? Math.round(Number(cell) * US_PER_SECOND) : NaN;
}

/**
 * An ISO-8601 instant in us since the epoch, or NaN when the cell is not one or names a date or
 * time that does not exist (`2024-13-45T99:00:00Z`, `2024-02-30`): such a row would otherwise
 * parse to NaN, or roll over to another day, and be replayed at the wrong time or not at all.
 */
function isoToUs(cell: string): number {
  const m = ISO_PARTS.exec(cell);
  if (!m || !ISO_8601.test(cell)) return NaN;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  // Calendar arithmetic on the trace's own timestamp (does this date exist?), not the current time.
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second)); // wall-clock ok
  const exists =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
    date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  const ms = Date.parse(cell.replace(' ', 'T'));
  return exists && Number.isFinite(ms) ? ms * 1000 : NaN;
}

/** The per-minute counts of the selected row. */
export function readPerMinuteCounts(text: string, selector: TraceSelector): number[] {
  const rows = readCsv(text);
  if (rows.length === 0) throw new DataFileError('a header row and at least one data row', 'an empty file');
  const [head, ...data] = rows;
  const minuteColumns: number[] = [];
  head.cells.forEach((cell, i) => {
    if (WHOLE.test(cell)) minuteColumns.push(i);
  });
  if (minuteColumns.length === 0) {
    throw new DataFileError('a header row with numbered minute columns (1, 2, ... or 480, 481, ...)', 'no numbered column', head.line);
  }
  for (let k = 1; k < minuteColumns.length; k++) {
    const before = Number(head.cells[minuteColumns[k - 1]]);
    const cell = head.cells[minuteColumns[k]];
    if (Number(cell) !== before + 1 || minuteColumns[k] !== minuteColumns[k - 1] + 1) {
      throw new DataFileError(`consecutive minute columns (${before + 1} after ${before})`, showCell(cell), head.line);
    }
  }
  if (selector.column !== undefined) {
    throw new DataFileError('no column for per-minute-counts (the numbered columns are the minutes)', 'column', undefined, 'column');
  }
  const row = selectOne(head, data, selector);
  const first = head.cells[minuteColumns[0]];
  return minuteColumns.map((i) => {
    const cell = row.cells[i];
    if (cell === undefined || !WHOLE.test(cell)) {
      throw new DataFileError(`a whole number of invocations in minute column ${showCell(head.cells[i])} (the first, ${first}, is time 0)`, showCell(cell), row.line);
    }
    return Number(cell);
  });
}

/** The one data row chosen by `row` or `match` (or the only one). */
export function selectOne(head: CsvRow, data: readonly CsvRow[], selector: TraceSelector): CsvRow {
  if (data.length === 0) throw new DataFileError('at least one data row after the header', 'only a header');
  if (selector.row !== undefined) {
    if (selector.row > data.length) {
      throw new DataFileError(`a data row from 1 to ${data.length}`, String(selector.row), undefined, 'row');
    }
    return data[selector.row - 1];
  }
  if (selector.match !== undefined) {
    const found = matchRows(head.cells, data, selector.match, head.line);
    if (found.length !== 1) {
      const what = found.length === 0 ? 'no row' : `${found.length} rows (lines ${found.slice(0, 5).map((r) => r.line).join(', ')}${found.length > 5 ? ', ...' : ''})`;
      throw new DataFileError('exactly one matching row', what, undefined, 'match');
    }
    return found[0];
  }
  if (data.length !== 1) {
    throw new DataFileError('one data row, or row: N or match: {column: value} to choose one', `${data.length} data rows`);
  }
  return data[0];
}

/** The arrival times (us from trace time 0), sorted ascending. */
export function readTimestamps(text: string, selector: TraceSelector): Float64Array {
  if (selector.row !== undefined) {
    throw new DataFileError('no row for timestamps (every row is an arrival; use match to filter)', 'row', undefined, 'row');
  }
  const rows = readCsv(text);
  if (rows.length === 0) throw new DataFileError('one timestamp per row', 'an empty file');
  const byNumber = typeof selector.column === 'number' ? selector.column - 1 : 0;
  // A first row whose time cell is not a time is a header (required to name columns).
  const needsHeader = typeof selector.column === 'string' || selector.match !== undefined;
  const firstCell = rows[0].cells[typeof selector.column === 'string' ? 0 : byNumber];
  const hasHeader = needsHeader || !(SECONDS.test(firstCell ?? '') || ISO_8601.test(firstCell ?? ''));
  const header = hasHeader ? rows[0] : undefined;
  let data = hasHeader ? rows.slice(1) : rows;
  const index = selector.column === undefined ? 0 : columnIndex(header?.cells, selector.column, rows[0].cells.length, rows[0].line);
  if (selector.match !== undefined && header) data = matchRows(header.cells, data, selector.match, header.line);
  if (data.length === 0) {
    throw new DataFileError('at least one timestamp', selector.match ? 'no row matching match' : 'no data row', undefined, selector.match ? 'match' : undefined);
  }
  const columnName = header ? showCell(header.cells[index]) : `${index + 1}`;
  const kind = SECONDS.test(data[0].cells[index] ?? '') ? 'seconds' : 'iso';
  const times = new Float64Array(data.length);
  data.forEach((row, k) => {
    const cell = row.cells[index];
    const us = cell === undefined ? NaN : kind === 'seconds' ? secondsToUs(cell) : isoToUs(cell);
    if (Number.isFinite(us)) {
      times[k] = us;
    } else {
      // The first data row decides seconds or ISO-8601: a bad one there is compared with nothing.
      const like = k === 0 ? '' : `, like the first data row (line ${data[0].line})`;
      const expected =
        k === 0 ? `${SECONDS_EXPECTED} or ${ISO_EXPECTED}` : kind === 'seconds' ? `${SECONDS_EXPECTED}${like}` : `${ISO_EXPECTED}${like}`;
      throw new DataFileError(`${expected} in column ${columnName}`, showCell(cell), row.line);
    }
  });
  times.sort();
  if (kind === 'iso') {
    const origin = times[0];
    for (let k = 0; k < times.length; k++) times[k] -= origin;
  }
  return times;
}
