/**
 * `percentiles {points | file}`: a distribution through given percentiles, linear in between
 * (scenario-format.md, Functions). `points` writes them (`{p0: 5ms, p50: 40ms, p99: 900ms, p100:
 * 2s}`); `file` reads them from a table such as the Azure Functions trace's duration percentiles
 * (percentile-data.ts), one row chosen by `row` or `match`. The kernel gets the points, never the file.
 */
import { z } from 'zod';
import type { DistSpec } from '../kernel/dist-spec.js';
import { createSampler } from '../kernel/distributions.js';
import { dataFileIssue, readDataFile } from './data-files.js';
import { columnMatchField, customIssue, durationField, intField, strictObject } from './fields.js';
import { readPercentileTable } from './percentile-data.js';
import { formatDuration } from './units.js';

const KEY = /^p(\d+(?:\.\d+)?)$/;

/** The table's own average of each spec read from a file that has one (for percentilesNote). */
const averages = new WeakMap<DistSpec, { file: string; average: number }>();

/**
 * A remark for the report when a spec read from a file has a mean far (over 10%) from the file's own
 * `Average` column: the bands are drawn uniformly, so a wide last band (p99 .. p100) raises the mean,
 * and the Azure table holds percentiles of 30-second averages, not of single invocations.
 */
export function percentilesNote(where: string, spec: DistSpec): string | null {
  const source = averages.get(spec);
  if (spec.dist !== 'percentiles' || source === undefined) return null;
  const mean = createSampler(spec).mean();
  if (Math.abs(mean - source.average) <= 0.1 * source.average) return null;
  const n = spec.values.length;
  return (
    `${where}: the percentiles of ${source.file} give a mean of ${formatDuration(Number(mean.toPrecision(3)))}, its Average column says ${formatDuration(Number(source.average.toPrecision(3)))} ` +
    `(each band is drawn uniformly, and the last, ${formatDuration(spec.values[n - 2])} .. ${formatDuration(spec.values[n - 1])}, weighs on the mean; the Azure table holds percentiles of 30-second averages)`
  );
}
const POINTS_EXPECTED = 'percentiles such as {p0: 5ms, p50: 40ms, p99: 900ms, p100: 2s}';

/** The points' problem (first one found), or null: from 0 to 1, increasing, values not decreasing. */
function pointsProblem(at: readonly number[], values: readonly number[], show: (i: number) => string): { expected: string; found: string } | null {
  if (at.length < 2 || at[0] !== 0 || at[at.length - 1] !== 1) {
    return { expected: 'percentiles from p0 (the smallest value) to p100 (the largest)', found: at.length === 0 ? 'none' : `${show(0)} .. ${show(at.length - 1)}` };
  }
  for (let i = 1; i < at.length; i++) {
    if (!(at[i] > at[i - 1])) return { expected: 'each percentile once', found: `${show(i)} twice` };
    if (values[i] < values[i - 1]) return { expected: 'values that do not decrease as the percentile grows', found: `${show(i - 1)} ${formatDuration(values[i - 1])}, ${show(i)} ${formatDuration(values[i])}` };
  }
  return null;
}

export function percentilesDist() {
  return strictObject({
    dist: z.literal('percentiles').describe('Through given percentiles, linear in between (uniform inside each band).'),
    points: z
      .record(z.string(), durationField(), { error: POINTS_EXPECTED })
      .optional()
      .describe('The percentiles, p0 and p100 included: {p0: 5ms, p25: 20ms, p50: 40ms, p99: 900ms, p100: 2s}.'),
    file: z.string({ error: 'a file path' }).min(1, { error: 'a file path' }).optional().describe(
      'A table of percentiles in ms, columns percentile_Average_0 .. percentile_Average_100 (the Azure Functions trace 2019 durations file), relative to the scenario file.',
    ),
    row: intField(1).optional().describe('file: the data row to read (1-based).'),
    match: columnMatchField('file: the row whose columns hold these values, e.g. {HashFunction: "..."}.'),
  })
    .describe('percentiles {points | file, row?, match?}')
    .transform((v, ctx): DistSpec => {
      if ((v.points === undefined) === (v.file === undefined)) {
        ctx.issues.push(customIssue('points or file', v, { reason: 'give the percentiles as points: {p0: ..., p100: ...} or read them from a file, one of the two' }));
        return z.NEVER;
      }
      if (v.file === undefined && (v.row !== undefined || v.match !== undefined)) {
        ctx.issues.push(customIssue('row and match only with file', v.row ?? v.match, { reason: 'row and match choose a row of a file; points need neither' }, [v.row !== undefined ? 'row' : 'match']));
        return z.NEVER;
      }
      if (v.row !== undefined && v.match !== undefined) {
        ctx.issues.push(customIssue('row or match, not both', v.match, { reason: 'give row or match, not both' }, ['match']));
        return z.NEVER;
      }
      let at: number[];
      let values: number[];
      let show: (i: number) => string;
      let fileAverage: number | null = null;
      if (v.points !== undefined) {
        const entries: { percent: number; us: number; key: string }[] = [];
        for (const [key, us] of Object.entries(v.points)) {
          const m = KEY.exec(key);
          const percent = m ? Number(m[1]) : NaN;
          if (!(percent >= 0 && percent <= 100)) {
            ctx.issues.push(customIssue('a percentile key p0 .. p100 such as p50 or p99.9', key, { atKey: true, found: JSON.stringify(key) }, ['points', key]));
            return z.NEVER;
          }
          entries.push({ percent, us, key });
        }
        entries.sort((a, b) => a.percent - b.percent);
        // percent / 100 rounded to 12 digits: 99.9 / 100 is 0.9990000000000001 in binary.
        at = entries.map((e) => Number((e.percent / 100).toPrecision(12)));
        values = entries.map((e) => e.us);
        show = (i) => entries[i].key;
        const problem = pointsProblem(at, values, show);
        if (problem !== null) {
          ctx.issues.push(customIssue(problem.expected, v.points, { found: problem.found }, ['points']));
          return z.NEVER;
        }
      } else {
        try {
          ({ at, values, average: fileAverage } = readPercentileTable(readDataFile(v.file!), { row: v.row, match: v.match }));
        } catch (error) {
          ctx.issues.push(dataFileIssue(v.file!, error, ['file']));
          return z.NEVER;
        }
        show = (i) => `percentile_Average_${Math.round(at[i] * 1e6) / 1e4}`;
        const problem = pointsProblem(at, values, show);
        if (problem !== null) {
          ctx.issues.push(customIssue(problem.expected, v.file, { found: `${problem.found} in ${v.file}` }, ['file']));
          return z.NEVER;
        }
      }
      const spec: DistSpec = { dist: 'percentiles', at, values };
      if (v.file !== undefined && fileAverage !== null) averages.set(spec, { file: v.file, average: fileAverage });
      return spec;
    });
}
