/**
 * Reads the sample of an `empirical` distribution from its file: a CSV column of durations, or a
 * CloudWatch Logs export of REPORT lines (see report-log.ts). Values come out in microseconds.
 */
import { DataFileError } from './data-files.js';
import { columnIndex, readCsv, showCell } from './csv-table.js';
import { looksLikeReportLog, readReportLog, type ReportField } from './report-log.js';
import { DURATION_UNITS, UnitError, parseDuration, type DurationUnit } from './units.js';

/** Where the sample is in the file. */
export interface EmpiricalSource {
  /** CSV column: header name or 1-based number; default the first column. */
  column?: string | number;
  /** Unit of bare numbers in a CSV column (a cell may also carry its own unit, `120ms`). */
  unit: DurationUnit;
  /** Which REPORT field a log gives (Duration for `duration`, Init Duration for `init`). */
  reportField: ReportField;
}

const NUMBER = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** The sample in microseconds (at least one value, none negative). */
export function readEmpiricalSample(text: string, source: EmpiricalSource): number[] {
  if (looksLikeReportLog(text)) {
    if (source.column !== undefined) {
      throw new DataFileError('no column for a log of REPORT lines (Duration and Init Duration are read by name)', 'column', undefined, 'column');
    }
    const { valuesMs, reports } = readReportLog(text, source.reportField);
    if (valuesMs.length === 0) {
      throw new DataFileError(`REPORT lines with ${source.reportField}`, `${reports} REPORT lines without it`);
    }
    return valuesMs.map((ms) => ms * 1000);
  }
  const rows = readCsv(text);
  if (rows.length === 0) throw new DataFileError('a CSV column of durations or REPORT log lines', 'an empty file');
  const byNumber = typeof source.column === 'number' ? source.column - 1 : 0;
  const first = rows[0].cells[byNumber];
  const hasHeader = typeof source.column === 'string' || !isDuration(first ?? '');
  const header = hasHeader ? rows[0].cells : undefined;
  const index = source.column === undefined ? 0 : columnIndex(header, source.column, rows[0].cells.length, rows[0].line);
  const values: number[] = [];
  for (const row of hasHeader ? rows.slice(1) : rows) {
    const cell = row.cells[index];
    if (cell === undefined || cell === '') continue; // e.g. an Init Duration column is blank on warm rows
    const us = toMicroseconds(cell, source.unit);
    if (us === undefined) {
      const name = header ? showCell(header[index]) : `${index + 1}`;
      throw new DataFileError(`a duration >= 0 in column ${name} (a number of ${source.unit}, or with a unit such as 120ms)`, showCell(cell), row.line);
    }
    values.push(us);
  }
  if (values.length === 0) throw new DataFileError('at least one duration', 'no value in the column');
  return values;
}

function isDuration(cell: string): boolean {
  return toMicroseconds(cell, 'ms') !== undefined;
}

/** A cell in microseconds: a bare number in `unit`, or a duration with its own unit. */
function toMicroseconds(cell: string, unit: DurationUnit): number | undefined {
  if (NUMBER.test(cell)) return Number(cell) * DURATION_UNITS[unit];
  try {
    const us = parseDuration(cell);
    return us >= 0 ? us : undefined;
  } catch (error) {
    if (error instanceof UnitError) return undefined;
    throw error;
  }
}
