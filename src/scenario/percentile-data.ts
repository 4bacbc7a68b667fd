/**
 * Reads a table of duration percentiles into the points of a `percentiles` distribution: the Azure
 * Functions Trace 2019 layout (../shared/traces/README.md, `azure2019_100fn_durations.csv`): a
 * header row, one row per function, columns `percentile_Average_N` holding the N-th percentile in
 * milliseconds. One row is read, chosen by `row` or `match` as a trace's (trace-data.ts).
 */
import { DataFileError } from './data-files.js';
import { readCsv, showCell } from './csv-table.js';
import { selectOne, type TraceSelector } from './trace-data.js';
import { US_PER_MS } from '../kernel/time.js';

const COLUMN = /^percentile_Average_(\d+(?:\.\d+)?)$/;
const NUMBER = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Probabilities (0..1) and the percentiles there (us) of the selected row, in column order, and the
 * row's `Average` (us) when the table has that column (null when not).
 */
export function readPercentileTable(text: string, selector: TraceSelector): { at: number[]; values: number[]; average: number | null } {
  const rows = readCsv(text);
  if (rows.length === 0) throw new DataFileError('a header row and at least one data row', 'an empty file');
  const [head, ...data] = rows;
  const columns: { index: number; percent: number }[] = [];
  head.cells.forEach((cell, index) => {
    const m = COLUMN.exec(cell);
    if (m) columns.push({ index, percent: Number(m[1]) });
  });
  if (columns.length === 0) {
    throw new DataFileError('a header row with percentile columns (percentile_Average_0 ... percentile_Average_100, in ms)', 'none', head.line);
  }
  if (selector.column !== undefined) throw new DataFileError('no column (the percentile columns are read by name)', 'column', undefined, 'column');
  const row = selectOne(head, data, selector);
  const at: number[] = [];
  const values: number[] = [];
  for (const { index, percent } of columns) {
    const cell = row.cells[index];
    if (cell === undefined || !NUMBER.test(cell)) {
      throw new DataFileError(`a number of milliseconds in ${head.cells[index]}`, showCell(cell), row.line);
    }
    at.push(Number((percent / 100).toPrecision(12)));
    values.push(Number(cell) * US_PER_MS);
  }
  const averageColumn = head.cells.indexOf('Average');
  const averageCell = averageColumn < 0 ? undefined : row.cells[averageColumn];
  const average = averageCell !== undefined && NUMBER.test(averageCell) ? Number(averageCell) * US_PER_MS : null;
  return { at, values, average };
}
