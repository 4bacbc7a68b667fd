/**
 * `empirical {file, column?, unit?}`: the distribution of a recorded sample (scenario-format.md,
 * Functions). The file (relative to the scenario file) is a CSV column of durations or a
 * CloudWatch Logs export of REPORT lines; it is read while the scenario is validated and the
 * kernel gets the numbers ({@link DistSpec} `empirical`), never the file.
 */
import { z } from 'zod';
import type { DistSpec } from '../kernel/dist-spec.js';
import { dataFileIssue, readDataFile } from './data-files.js';
import { readEmpiricalSample } from './empirical-data.js';
import { enumField, intField, strictObject } from './fields.js';
import type { ReportField } from './report-log.js';
import { DURATION_UNITS, type DurationUnit } from './units.js';

const UNITS = Object.keys(DURATION_UNITS) as [DurationUnit, ...DurationUnit[]];

/**
 * The `empirical` option of a distribution field. `reportField` is what a REPORT log gives in this
 * field: `Duration` for `duration`, `Init Duration` for `init`.
 */
export function empiricalDist(reportField: ReportField) {
  return strictObject({
    dist: z.literal('empirical').describe('Draws from a recorded sample, each value equally likely.'),
    file: z
      .string({ error: 'a file path' })
      .min(1, { error: 'a file path' })
      .describe(
        `CSV of durations, or a CloudWatch Logs export of REPORT lines (this field reads their ${reportField}); relative to the scenario file.`,
      ),
    column: z
      .union([z.string().min(1), intField(1)], { error: 'a column name or a 1-based column number' })
      .optional()
      .describe('CSV only: the column (header name or 1-based number). Default the first column.'),
    unit: enumField(UNITS)
      .default('ms')
      .describe('CSV only: unit of bare numbers (us, ms, s, m, h, d); cells such as 120ms carry their own. Default ms, the unit of Lambda REPORT lines.'),
  })
    .describe('empirical {file, column?, unit?}')
    .transform((v, ctx): DistSpec => {
      try {
        const values = readEmpiricalSample(readDataFile(v.file), { column: v.column, unit: v.unit, reportField });
        return { dist: 'empirical', values: Float64Array.from(values) };
      } catch (error) {
        ctx.issues.push(dataFileIssue(v.file, error, ['file']));
        return z.NEVER;
      }
    });
}
