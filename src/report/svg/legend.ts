/** A chart's legend: one row (wrapped when long) of symbols and labels under the subtitle. */
import { escapeHtml } from './escape.js';
import { px, textWidth } from './format.js';
import type { LegendItem } from './types.js';

const FONT = 12;
const ROW = 18;
const SYMBOL = 16;
const GAP = 16;

/** The legend laid out in `width` px from (`left`, `top`): its SVG and its height. */
export function legendSvg(items: readonly LegendItem[], left: number, top: number, width: number): { svg: string[]; height: number } {
  if (items.length === 0) return { svg: [], height: 0 };
  const svg: string[] = [];
  let x = left;
  let y = top + ROW / 2;
  for (const item of items) {
    const w = SYMBOL + 5 + textWidth(item.label, FONT);
    if (x > left && x + w > left + width) {
      x = left;
      y += ROW;
    }
    svg.push(symbol(item, x, y), `<text x="${px(x + SYMBOL + 5)}" y="${px(y + FONT * 0.35)}" font-size="${FONT}" fill="#333">${escapeHtml(item.label)}</text>`);
    x += w + GAP;
  }
  return { svg, height: y - top + ROW / 2 };
}

function symbol(item: LegendItem, x: number, y: number): string {
  const c = escapeHtml(item.colour);
  const mid = x + SYMBOL / 2;
  switch (item.shape) {
    case 'line':
      return `<line x1="${px(x)}" y1="${px(y)}" x2="${px(x + SYMBOL)}" y2="${px(y)}" stroke="${c}" stroke-width="2"/>`;
    case 'dash':
      return `<line x1="${px(x)}" y1="${px(y)}" x2="${px(x + SYMBOL)}" y2="${px(y)}" stroke="${c}" stroke-width="2" stroke-dasharray="2 3"/>`;
    case 'square':
      return `<rect x="${px(mid - 5)}" y="${px(y - 5)}" width="10" height="10" fill="${c}"/>`;
    case 'circle':
      return `<circle cx="${px(mid)}" cy="${px(y)}" r="4.5" fill="${c}"/>`;
    case 'ring':
      return `<circle cx="${px(mid)}" cy="${px(y)}" r="4.5" fill="none" stroke="${c}" stroke-width="2"/>`;
  }
}
