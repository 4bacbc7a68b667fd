/**
 * The axes of a chart: a resolved axis (domain, scale, ticks and their labels) from an
 * {@link AxisSpec} and the data, and the SVG of an x or y axis with its grid, ticks and title.
 */
import { escapeHtml } from './escape.js';
import { px, textWidth, tickLabels } from './format.js';
import { linearScale, linearTicks, logDomain, logScale, logTicks, niceDomain, type Scale } from './scale.js';
import type { AxisSpec } from './types.js';

/** Font size of tick labels (px). */
export const TICK_FONT = 11;
/** Font size of axis titles (px). */
export const TITLE_FONT = 12;
/** Colour of axis lines and tick marks. */
export const AXIS_COLOUR = '#888';
/** Colour of grid lines. */
export const GRID_COLOUR = '#e8e8e8';
/** Tick mark length plus the gap to its label (px). */
const TICK_GAP = 8;

/** An axis ready to draw: its data domain, its ticks and their labels. */
export interface ResolvedAxis {
  spec: AxisSpec;
  domain: [number, number];
  ticks: number[];
  labels: string[];
}

/** The domain, ticks and labels of `spec` given the data values drawn on it. */
export function resolveAxis(spec: AxisSpec, values: readonly number[], tickCount: number): ResolvedAxis {
  const count = spec.ticks ?? tickCount;
  if (spec.categories !== undefined) {
    const n = spec.categories.length;
    const ticks = spec.categories.map((_, i) => i);
    return { spec, domain: [-0.5, Math.max(0.5, n - 0.5)], ticks, labels: [...spec.categories] };
  }
  let domain: [number, number];
  if (spec.domain !== undefined) {
    domain = [spec.domain[0], spec.domain[1]];
  } else if (spec.log) {
    const positive = values.filter((v) => v > 0);
    const lo = positive.length === 0 ? 1 : Math.min(...positive);
    const hi = positive.length === 0 ? 10 : Math.max(...positive);
    // Whole decades would leave most of a short range empty: pad by a fifth instead, the ticks add 2x and 5x.
    domain = hi / lo > 1000 && spec.nice !== false ? logDomain(lo, hi) : [lo / 1.2, hi * 1.2];
  } else {
    const all = [...values, ...(spec.include ?? [])].filter(Number.isFinite);
    let lo = all.length === 0 ? 0 : Math.min(...all);
    let hi = all.length === 0 ? 1 : Math.max(...all);
    if (hi === lo) hi = lo === 0 ? 1 : lo + Math.abs(lo) * 0.1;
    if (spec.nice !== false) [lo, hi] = niceDomain(lo, hi, count);
    domain = [lo, hi];
  }
  const lo = Math.min(domain[0], domain[1]);
  const hi = Math.max(domain[0], domain[1]);
  const ticks = (spec.log ? logTicks(lo, hi) : linearTicks(lo, hi, count)).filter((t) => spec.tickMax === undefined || t <= spec.tickMax * (1 + 1e-9));
  return { spec, domain, ticks, labels: tickLabels(ticks, spec.format ?? 'number', spec.log === true) };
}

/** The scale of a resolved axis onto the pixel `range`. */
export function scaleOf(axis: ResolvedAxis, range: readonly [number, number]): Scale {
  const s = axis.spec.log ? logScale(axis.domain, range) : linearScale(axis.domain, range, 1);
  return { map: s.map, ticks: axis.ticks };
}

/** A label cut to `limit` px with an ellipsis. */
export function fitLabel(label: string, limit: number): string {
  if (textWidth(label, TICK_FONT) <= limit) return label;
  let cut = label;
  while (cut.length > 1 && textWidth(`${cut}…`, TICK_FONT) > limit) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The width a y axis takes beside the plot: its labels, the tick and, with a title, the rotated title. */
export function yAxisWidth(axis: ResolvedAxis): number {
  const limit = axis.spec.labelLimit ?? 240;
  const widest = Math.max(0, ...axis.labels.map((l) => Math.min(limit, textWidth(l, TICK_FONT))));
  return widest + TICK_GAP + (axis.spec.title ? TITLE_FONT + 8 : 0);
}

/** A vertical axis: grid lines across the plot, ticks and labels on the left (or right), the title turned. */
export function yAxisSvg(axis: ResolvedAxis, scale: Scale, left: number, top: number, width: number, height: number, side: 'left' | 'right'): string[] {
  const out: string[] = [];
  const edge = side === 'left' ? left : left + width;
  const dir = side === 'left' ? -1 : 1;
  const limit = axis.spec.labelLimit ?? 240;
  const isCategory = axis.spec.categories !== undefined;
  axis.ticks.forEach((t, i) => {
    const y = top + scale.map(t);
    if (side === 'left' && !isCategory) out.push(`<line x1="${px(left)}" y1="${px(y)}" x2="${px(left + width)}" y2="${px(y)}" stroke="${GRID_COLOUR}"/>`);
    out.push(`<line x1="${px(edge)}" y1="${px(y)}" x2="${px(edge + dir * 5)}" y2="${px(y)}" stroke="${AXIS_COLOUR}"/>`);
    const label = isCategory ? fitLabel(axis.labels[i], limit) : axis.labels[i];
    const tip = label === axis.labels[i] ? '' : `<title>${escapeHtml(axis.labels[i])}</title>`;
    out.push(
      `<text x="${px(edge + dir * TICK_GAP)}" y="${px(y + TICK_FONT * 0.35)}" font-size="${TICK_FONT}" text-anchor="${side === 'left' ? 'end' : 'start'}" fill="#333">${escapeHtml(label)}${tip}</text>`,
    );
  });
  out.push(`<line x1="${px(edge)}" y1="${px(top)}" x2="${px(edge)}" y2="${px(top + height)}" stroke="${AXIS_COLOUR}"/>`);
  if (axis.spec.title) {
    const widest = Math.max(0, ...axis.labels.map((l) => Math.min(limit, textWidth(l, TICK_FONT))));
    const x = edge + dir * (TICK_GAP + widest + 6 + (side === 'left' ? 0 : TITLE_FONT));
    const y = top + height / 2;
    const fill = axis.spec.colour ?? '#333';
    out.push(
      `<text transform="translate(${px(x)},${px(y)}) rotate(-90)" font-size="${TITLE_FONT}" text-anchor="middle" fill="${escapeHtml(fill)}">${escapeHtml(axis.spec.title)}</text>`,
    );
  }
  return out;
}

/** Whether the x labels must be turned 45 degrees to fit (many categories). */
export function turnedLabels(axis: ResolvedAxis, width: number): boolean {
  if (axis.spec.categories === undefined || axis.labels.length === 0) return false;
  const room = width / axis.labels.length;
  return axis.labels.length > 8 || Math.max(...axis.labels.map((l) => textWidth(l, TICK_FONT))) > room - 6;
}

/** The x ticks that get a label: every one, or every 2nd, 3rd... so estimated labels do not touch. */
export function labelledTicks(axis: ResolvedAxis, scale: Scale): number[] {
  const n = axis.ticks.length;
  for (let every = 1; every < n; every++) {
    const kept = axis.ticks.map((_, i) => i).filter((i) => i % every === 0);
    const clash = kept.some((i, k) => {
      if (k === 0) return false;
      const j = kept[k - 1];
      const gap = Math.abs(scale.map(axis.ticks[i]) - scale.map(axis.ticks[j]));
      return gap < (textWidth(axis.labels[i], TICK_FONT) + textWidth(axis.labels[j], TICK_FONT)) / 2 + 8;
    });
    if (!clash) return kept;
  }
  return n === 0 ? [] : [0];
}

/** The height the x axis takes below the plot: its labels and its title. */
export function xAxisHeight(axis: ResolvedAxis, width: number): number {
  const labels = turnedLabels(axis, width)
    ? Math.min(160, Math.max(0, ...axis.labels.map((l) => textWidth(l, TICK_FONT))) * Math.SQRT1_2 + 14)
    : TICK_FONT + 10;
  return labels + (axis.spec.title ? TITLE_FONT + 10 : 0);
}

/** Vertical grid lines of one panel (quantitative x only). */
export function xGridSvg(axis: ResolvedAxis, scale: Scale, left: number, top: number, height: number): string[] {
  if (axis.spec.categories !== undefined) return [];
  return axis.ticks.map((t) => {
    const x = left + scale.map(t);
    return `<line x1="${px(x)}" y1="${px(top)}" x2="${px(x)}" y2="${px(top + height)}" stroke="${GRID_COLOUR}"/>`;
  });
}

/** The x axis under the last panel: its line, ticks, labels (turned when crowded) and title. */
export function xAxisSvg(axis: ResolvedAxis, scale: Scale, left: number, bottom: number, width: number): string[] {
  const out = [`<line x1="${px(left)}" y1="${px(bottom)}" x2="${px(left + width)}" y2="${px(bottom)}" stroke="${AXIS_COLOUR}"/>`];
  const turned = turnedLabels(axis, width);
  const labelled = new Set(turned ? axis.ticks.map((_, i) => i) : labelledTicks(axis, scale));
  axis.ticks.forEach((t, i) => {
    const x = left + scale.map(t);
    out.push(`<line x1="${px(x)}" y1="${px(bottom)}" x2="${px(x)}" y2="${px(bottom + 5)}" stroke="${AXIS_COLOUR}"/>`);
    if (!labelled.has(i)) return;
    const text = escapeHtml(axis.spec.categories !== undefined ? fitLabel(axis.labels[i], 200) : axis.labels[i]);
    if (turned) {
      out.push(`<text transform="translate(${px(x + 3)},${px(bottom + 10)}) rotate(-45)" font-size="${TICK_FONT}" text-anchor="end" fill="#333">${text}</text>`);
    } else {
      out.push(`<text x="${px(x)}" y="${px(bottom + 8 + TICK_FONT)}" font-size="${TICK_FONT}" text-anchor="middle" fill="#333">${text}</text>`);
    }
  });
  if (axis.spec.title) {
    const y = bottom + xAxisHeight(axis, width) - 4;
    out.push(`<text x="${px(left + width / 2)}" y="${px(y)}" font-size="${TITLE_FONT}" text-anchor="middle" fill="#333">${escapeHtml(axis.spec.title)}</text>`);
  }
  return out;
}
