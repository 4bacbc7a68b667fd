/**
 * The marks of one panel as SVG: lines (straight or stepped), areas, rules with their labels,
 * rectangles (bars, bands) and points with labels. Data values go through the panel's scales; a
 * label near the right edge turns to the left of its mark so it stays inside the chart.
 */
import { escapeHtml } from './escape.js';
import { px } from './format.js';
import type { Scale } from './scale.js';
import type { Layer, XY } from './types.js';

/** Where a panel's plot sits and how it maps data. */
export interface PanelFrame {
  left: number;
  top: number;
  width: number;
  height: number;
  x: Scale;
  y: Scale;
  /** The right-hand y scale, when the panel has one. */
  yRight?: Scale;
}

/** Whether a label beside a mark at `x` (px from the plot's left) is turned to its left (the right quarter of the plot). */
export function labelTurnsLeft(x: number, width: number): boolean {
  return x > width * 0.75;
}

/** A white outline under a label's letters, so a line crossing it does not strike it through. */
const HALO = ' stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';

/** A label right of the mark, or left of it in the right quarter of the plot. */
function sideLabel(f: PanelFrame, x: number, y: number, text: string, size: number, fill: string, bold = false, dx = 4): string {
  const flip = labelTurnsLeft(x - f.left, f.width);
  return (
    `<text x="${px(flip ? x - dx : x + dx)}" y="${px(y)}" font-size="${size}"${bold ? ' font-weight="bold"' : ''}` +
    `${flip ? ' text-anchor="end"' : ''} fill="${escapeHtml(fill)}"${HALO}>${escapeHtml(text)}</text>`
  );
}

/** The `d` of a line through `points` (already in px), straight or stepped, continued to `endX`; a point with a NaN y breaks the line. */
function pathOf(points: readonly XY[], step: 'after' | 'before' | undefined, endX?: number): string {
  const parts: string[] = [];
  let fresh = true;
  points.forEach(([x, y]) => {
    if (Number.isNaN(y)) {
      fresh = true;
    } else if (fresh) {
      parts.push(`M${px(x)},${px(y)}`);
      fresh = false;
    } else if (step === 'after') parts.push(`H${px(x)}V${px(y)}`);
    else if (step === 'before') parts.push(`V${px(y)}H${px(x)}`);
    else parts.push(`L${px(x)},${px(y)}`);
  });
  if (endX !== undefined && !fresh && endX > points[points.length - 1][0]) parts.push(`H${px(endX)}`);
  return parts.join('');
}

function dashAttr(dash: string | undefined): string {
  return dash === undefined ? '' : ` stroke-dasharray="${escapeHtml(dash)}"`;
}

/** The SVG of one layer in frame `f`. */
export function layerSvg(layer: Layer, f: PanelFrame): string[] {
  const X = (v: number): number => f.left + f.x.map(v);
  const Y = (v: number, right = false): number => f.top + (right && f.yRight !== undefined ? f.yRight : f.y).map(v);
  switch (layer.kind) {
    case 'line': {
      if (layer.points.length === 0) return [];
      const pts = layer.points.map(([x, y]) => [X(x), Y(y, layer.right)] as const);
      const end = layer.extendTo === undefined ? undefined : X(layer.extendTo);
      return [
        `<path d="${pathOf(pts, layer.step, end)}" fill="none" stroke="${escapeHtml(layer.colour)}" stroke-width="${layer.width ?? 1.5}"${dashAttr(layer.dash)}/>`,
      ];
    }
    case 'area': {
      if (layer.points.length === 0) return [];
      const pts = layer.points.map(([x, y]) => [X(x), Y(y)] as const);
      const end = layer.extendTo === undefined ? undefined : X(layer.extendTo);
      const line = pathOf(pts, layer.step, end);
      const c = escapeHtml(layer.colour);
      // Closed along the zero line (the bottom of the plot when 0 is below the domain).
      const base = px(Math.min(Y(0), f.top + f.height));
      return [
        `<path d="${line}V${base}H${px(pts[0][0])}Z" fill="${c}" fill-opacity="${layer.opacity}" stroke="none"/>`,
        `<path d="${line}" fill="none" stroke="${c}" stroke-width="1.2"/>`,
      ];
    }
    case 'hrule': {
      const y = Y(layer.y);
      const c = escapeHtml(layer.colour);
      const out = [`<line x1="${px(f.left)}" y1="${px(y)}" x2="${px(f.left + f.width)}" y2="${px(y)}" stroke="${c}" stroke-width="${layer.width ?? 1.5}"${dashAttr(layer.dash)}/>`];
      if (layer.label !== undefined) out.push(`<text x="${px(f.left + f.width - 4)}" y="${px(layer.labelBelow ? y + 13 : y - 4)}" font-size="11" text-anchor="end" fill="${c}"${HALO}>${escapeHtml(layer.label)}</text>`);
      return out;
    }
    case 'vrule': {
      const x = X(layer.x);
      const out = [
        `<line x1="${px(x)}" y1="${px(f.top)}" x2="${px(x)}" y2="${px(f.top + f.height)}" stroke="${escapeHtml(layer.colour)}" stroke-width="${layer.width ?? 1.5}"${dashAttr(layer.dash)}/>`,
      ];
      const size = layer.labelSize ?? 11;
      if (layer.label !== undefined) out.push(sideLabel(f, x, f.top + (layer.labelY ?? 2) + size * 0.8, layer.label, size, layer.colour, layer.labelBold, 3));
      return out;
    }
    case 'rect': {
      const x0 = X(layer.x0);
      const x1 = X(layer.x1);
      const y0 = layer.y0 === undefined ? f.top + f.height : Y(layer.y0);
      const y1 = layer.y1 === undefined ? f.top : Y(layer.y1);
      const w = Math.abs(x1 - x0);
      const h = Math.abs(y1 - y0);
      if (w < 0.05 || h < 0.05) return [];
      const opacity = layer.opacity === undefined ? '' : ` fill-opacity="${layer.opacity}"`;
      const tip = layer.tip === undefined ? '' : `<title>${escapeHtml(layer.tip)}</title>`;
      const attrs = `x="${px(Math.min(x0, x1))}" y="${px(Math.min(y0, y1))}" width="${px(w)}" height="${px(h)}" fill="${escapeHtml(layer.colour)}"${opacity}`;
      return [tip === '' ? `<rect ${attrs}/>` : `<rect ${attrs}>${tip}</rect>`];
    }
    case 'point': {
      const x = X(layer.x);
      const y = Y(layer.y, layer.right);
      const c = escapeHtml(layer.colour);
      const fill = layer.filled ? c : '#fff';
      const tip = layer.tip === undefined ? '' : `<title>${escapeHtml(layer.tip)}</title>`;
      const attrs = `cx="${px(x)}" cy="${px(y)}" r="${layer.r}" fill="${fill}" stroke="${c}" stroke-width="2"`;
      const out = [tip === '' ? `<circle ${attrs}/>` : `<circle ${attrs}>${tip}</circle>`];
      if (layer.label !== undefined) out.push(sideLabel(f, x, layer.labelBelow ? y + layer.r + 11 : y - layer.r - 3, layer.label, 10, layer.labelColour ?? '#444', false, layer.r + 2));
      return out;
    }
  }
}
