/** Printing estimates (mean ± 95% half-width) in the what-if outputs, with fixed rounding. */
import { plainNumber, roundTo } from '../report/format-number.js';
import type { Estimate } from './stats.js';

/** A number rounded to `decimals`, printed plainly (no exponent). */
export function num(value: number, decimals: number): string {
  return plainNumber(roundTo(value, decimals, 'what-if value'));
}

/** `12.3` or, with replications, `12.3 ± 0.4`. */
export function estimateText(e: Estimate | undefined, decimals: number): string {
  if (e === undefined) return '';
  return e.half === null ? num(e.mean, decimals) : `${num(e.mean, decimals)} ± ${num(e.half, decimals)}`;
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
