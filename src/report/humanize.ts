/**
 * Numbers for people: what the data supports, with a unit, never in exponent notation.
 *
 * Quantiles come from a streaming histogram whose buckets are within a relative 0.5% of every
 * value they hold (src/metrics/histogram.ts), so a p99 printed as `398.353` claims six digits of
 * which three are noise. Three significant figures (`398 ms`, `1.72 s`, `28.7 min`) are what such a
 * value supports, and read at a glance. summary.json keeps the full values (and says how accurate
 * they are); these helpers are for summary.txt, summary.md and report.html only.
 */
import { groupThousands } from './text-table.js';

/** Significant figures shown for estimates (quantiles) and for values derived from them. */
export const SIGNIFICANT_FIGURES = 3;

/**
 * `value` rounded to `digits` significant figures, in positional notation with thousands grouped:
 * 398.353 -> "398", 1719.268 -> "1,720", 0.000469 -> "0.000469", 1.5 -> "1.50", 0 -> "0".
 * Trailing zeros are kept, so every estimate shows the same precision.
 */
export function significant(value: number, digits = SIGNIFICANT_FIGURES): string {
  if (!Number.isFinite(value)) throw new Error(`humanize: ${String(value)} is not a finite number`);
  if (value === 0) return '0';
  // toPrecision rounds correctly; Number() turns its possible exponent form back into a plain value.
  const rounded = Number(value.toPrecision(digits));
  const magnitude = Math.floor(Math.log10(Math.abs(rounded)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return groupThousands(rounded.toFixed(decimals)).replace(/^-0(\.0*)?$/, '0$1');
}

/** Duration units for people, with the ms in one of each. `m` prints as `min` (never read as metres or milli-). */
const DURATION_UNITS: ReadonlyArray<readonly [unit: string, label: string, ms: number]> = [
  ['us', 'us', 0.001],
  ['ms', 'ms', 1],
  ['s', 's', 1_000],
  ['m', 'min', 60_000],
  ['h', 'h', 3_600_000],
  ['d', 'd', 86_400_000],
];

/**
 * A time in ms in the unit that gives 1 to 999 of it, to 3 significant figures:
 * 0.25 -> "250 us", 398.353 -> "398 ms", 1720 -> "1.72 s", 1719268 -> "28.7 min", 0 -> "0 ms".
 * The value is rounded before the unit is chosen, so 999.7 ms reads "1.00 s", not "1,000 ms".
 */
export function humanMs(ms: number): string {
  if (ms === 0) return '0 ms';
  const rounded = Number(ms.toPrecision(SIGNIFICANT_FIGURES));
  let chosen = DURATION_UNITS[0];
  for (const u of DURATION_UNITS) if (Math.abs(rounded) >= u[2]) chosen = u;
  return `${significant(rounded / chosen[2])} ${chosen[1]}`;
}

/**
 * A time in ms expressed in a given duration unit (`us`, `ms`, `s`, `m`, `h`, `d`), to 3 significant
 * figures: inDurationUnit(1719268.438, 'm') -> "28.7 min". Unknown units fall back to {@link humanMs}.
 */
export function inDurationUnit(ms: number, unit: string): string {
  const u = DURATION_UNITS.find(([name]) => name === unit);
  return u === undefined ? humanMs(ms) : `${significant(ms / u[2])} ${u[1]}`;
}

/** A fraction as a percentage to 3 significant figures: 0.000469 -> "0.0469%", 0.5 -> "50.0%", 0 -> "0%". */
export function humanPercent(fraction: number): string {
  return `${significant(fraction * 100)}%`;
}

/**
 * USD for people: cents from one dollar up (a bill is read in cents), 3 significant figures below
 * (the cost of a few requests would otherwise print as 0.00): 1234.5 -> "1,234.50 USD",
 * 0.755435 -> "0.755 USD", 0.00153584 -> "0.00154 USD".
 */
export function humanUsd(usd: number): string {
  if (Math.abs(usd) >= 1) return `${groupThousands(usd.toFixed(2))} USD`;
  return `${significant(usd)} USD`;
}

/** A duration in ms as the detail lines show it: 3 significant figures in a unit that reads well; "-" with no samples. */
export function shortDuration(ms: number | null): string {
  return ms === null ? '-' : humanMs(ms);
}
