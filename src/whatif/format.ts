/** Printing estimates (mean ± 95% half-width) in the what-if outputs: full values in CSV/JSON, supported digits for people. */
import { plainNumber, roundTo } from '../report/format-number.js';
import { significant } from '../report/humanize.js';
import { groupThousands } from '../report/text-table.js';
import type { Estimate } from './stats.js';

/** A number rounded to `decimals`, printed plainly (no exponent). */
export function num(value: number, decimals: number): string {
  return plainNumber(roundTo(value, decimals, 'what-if value'));
}

/**
 * An estimate for people, with only the precision the data supports (sweep.md, compare.md, the
 * terminal): a single run to 3 significant figures (`0.0971`, `478`); with replications the
 * half-width to one significant figure and the mean to the same decimal place (`477.5121 ± 2.9618`
 * reads `478 ± 3`, `0.0970831 ± 0.0000412` reads `0.09708 ± 0.00004`). CSV and JSON keep the full
 * values ({@link num}, {@link estimateJson}).
 */
export function estimateText(e: Estimate | undefined): string {
  if (e === undefined) return '';
  if (e.half === null) return singleValue(e.mean);
  return `${ciMean(e.mean, e.half)} ± ${ciHalf(e.half)}`;
}

/** Said under a table where {@link metricText} clamped an interval. */
export const COUNT_CLAMP_NOTE =
  'A count cannot go below 0: where its mean − half-width would, the interval is shown as its range clamped at 0 (2 ± 7 reads `2 (0–9)`).';

/** Whether a count's 95% interval reaches below 0 (shown clamped by {@link metricText}). */
export function isClampedCount(e: Estimate | undefined, count: boolean): boolean {
  return count && e !== undefined && e.half !== null && e.mean - e.half < 0;
}

/**
 * {@link estimateText} of a metric: a count (`count`) whose interval reaches below 0 is shown as the
 * range it can take, `2 (0–9)` instead of `2 ± 7` (the outputs say so with {@link COUNT_CLAMP_NOTE}).
 */
export function metricText(e: Estimate | undefined, count: boolean): string {
  if (e === undefined || e.half === null || !isClampedCount(e, count)) return estimateText(e);
  return `${ciMean(e.mean, e.half)} (0–${ciMean(e.mean + e.half, e.half)})`;
}

/** One run's value: a whole number (a count) as it is, anything else to 3 significant figures. */
export function singleValue(value: number): string {
  return Number.isInteger(value) ? groupThousands(String(value)) : significant(value);
}

/** The decimal exponent of the half-width's one significant figure (2.96 -> 0, 0.0412 -> -2); null for 0. */
function halfExponent(half: number): number | null {
  if (half === 0 || !Number.isFinite(half)) return null;
  return Math.floor(Math.log10(Math.abs(Number(half.toPrecision(1)))));
}

/** `value` rounded to a multiple of 10^exponent, printed with thousands grouped. */
function atExponent(value: number, exponent: number): string {
  const decimals = Math.max(0, -exponent);
  const rounded = exponent >= 0 ? Math.round(value / 10 ** exponent) * 10 ** exponent : value;
  return groupThousands(rounded.toFixed(decimals)).replace(/^-0(\.0*)?$/, '0$1');
}

/** The mean of `mean ± half` at the half-width's precision (3 significant figures when the half is 0). */
export function ciMean(mean: number, half: number): string {
  const exponent = halfExponent(half);
  return exponent === null ? significant(mean) : atExponent(mean, exponent);
}

/** The half-width to one significant figure. */
export function ciHalf(half: number): string {
  const exponent = halfExponent(half);
  return exponent === null ? '0' : atExponent(half, exponent);
}

/** An estimate as JSON data: `{ mean, ci95 }`, ci95 the half-width or null for one replication. */
export function estimateJson(e: Estimate, decimals: number): { mean: number; ci95: number | null } {
  return { mean: roundTo(e.mean, decimals, 'mean'), ci95: e.half === null ? null : roundTo(e.half, decimals, 'ci95') };
}

/** Markdown table cell text: pipes escaped, newlines flattened. */
export function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown table from a header and rows. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(mdCell).join(' | ')} |`;
  const rule = `|${align.map((a) => (a === 'r' ? '---:' : ':---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n') + '\n';
}
