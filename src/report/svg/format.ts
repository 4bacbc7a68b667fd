/**
 * Tick labels and coordinates as text. Tick labels keep the decimals their step needs (0.5, 1, 1.5;
 * 200, 400), group thousands (1,200) or use SI suffixes (1.5k, 2M) for rate rows; coordinates are
 * rounded to 0.1 px, so the files stay small and the same run writes the same bytes.
 */
import { groupThousands } from '../text-table.js';

/** How an axis labels its ticks. */
export type TickFormat = 'number' | 'si' | 'percent';

/** A coordinate: rounded to 0.1 px, never "-0". */
export function px(v: number): string {
  const r = Math.round(v * 10) / 10;
  return String(r === 0 ? 0 : r);
}

/** Decimals that tell ticks `step` apart. */
function decimalsFor(step: number): number {
  return step > 0 && step < 1 ? Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)) : 0;
}

/** "1,200", "0.25": grouped, with the decimals the step needs, trailing zeros trimmed. */
function plain(v: number, decimals: number): string {
  const [whole, frac] = Math.abs(v).toFixed(decimals).split('.');
  const grouped = groupThousands(whole);
  const trimmed = frac === undefined ? '' : frac.replace(/0+$/, '');
  const text = trimmed === '' ? grouped : `${grouped}.${trimmed}`;
  return v < 0 && text !== '0' ? `-${text}` : text;
}

const SI = [
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
] as const;

/** The labels of ticks `ticks` (one step apart, or a log axis's values) in `format`. */
export function tickLabels(ticks: readonly number[], format: TickFormat, log = false): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  if (format === 'percent') return ticks.map((t) => `${plain(t * 100, log ? 6 : decimalsFor(step * 100))}%`);
  if (log) return ticks.map((t) => plain(t, 6));
  if (format === 'si') {
    // Each label its own prefix, as d3's "~s": 500, 1k, 1.5k.
    return ticks.map((t) => {
      const unit = SI.find(([u]) => Math.abs(t) >= u);
      return unit === undefined ? plain(t, decimalsFor(step)) : `${plain(t / unit[0], decimalsFor(step / unit[0]))}${unit[1]}`;
    });
  }
  return ticks.map((t) => plain(t, decimalsFor(step)));
}

/** Estimated width (px) of `text` at `size` px in a system sans-serif: no font is measured, so it is the same everywhere. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const c of text) em += /[il.,:;'|!1 ()\[\]]/.test(c) ? 0.32 : /[mwMW@%]/.test(c) ? 0.85 : /[A-Z#&]/.test(c) ? 0.66 : 0.56;
  return em * size;
}
