/**
 * Draws a {@link ChartSpec} as one SVG string: title and subtitle (wrapped to the chart's width),
 * the legend, then each panel (its header, y axis, grid and layers) and the shared x axis under
 * the last panel. No script, no ids, no fonts to load; text widths are estimated, not measured, so
 * the same chart gives the same bytes everywhere. The root has a viewBox and a width, so the page's
 * CSS can shrink it to a phone's width.
 */
import { AXIS_COLOUR, resolveAxis, scaleOf, xAxisHeight, xAxisSvg, xGridSvg, yAxisSvg, yAxisWidth, type ResolvedAxis } from './axis.js';
import { escapeHtml } from './escape.js';
import { px, textWidth } from './format.js';
import { labelTurnsLeft, layerSvg } from './layers.js';
import { legendSvg } from './legend.js';
import type { ChartSpec, Layer, Panel } from './types.js';

const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const PAD = 6;
const TITLE_SIZE = 14;
const SUBTITLE_SIZE = 12;
const HEADER_SIZE = 12;
/** Space between stacked panels (px). */
const SPACING = 8;

/** The words of `text` in lines of at most `width` px. */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(next, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The data values a layer puts on the x axis, or on the (left or right) y axis. */
function xValues(layer: Layer): number[] {
  switch (layer.kind) {
    case 'line':
    case 'area':
      return [...layer.points.map((p) => p[0]), ...(layer.extendTo === undefined ? [] : [layer.extendTo])];
    case 'hrule':
      return [];
    case 'vrule':
      return [layer.x];
    case 'rect':
      return [layer.x0, layer.x1];
    case 'point':
      return [layer.x];
  }
}

function yValues(layer: Layer, right: boolean): number[] {
  const onAxis = (layer.kind === 'line' || layer.kind === 'point') && layer.right === true;
  if (onAxis !== right) return [];
  switch (layer.kind) {
    case 'line':
      return layer.points.map((p) => p[1]);
    case 'area':
      return [0, ...layer.points.map((p) => p[1])];
    case 'hrule':
      return [layer.y];
    case 'vrule':
      return [];
    case 'rect':
      return [...(layer.y0 === undefined ? [] : [layer.y0]), ...(layer.y1 === undefined ? [] : [layer.y1])];
    case 'point':
      return [layer.y];
  }
}

/** Rule labels that would touch the label of the rule just above go under their rule instead. */
function spreadRuleLabels(layers: readonly Layer[], y: (v: number) => number): Layer[] {
  const labelled = layers.flatMap((l) => (l.kind === 'hrule' && l.label !== undefined ? [y(l.y)] : [])).sort((a, b) => a - b);
  return layers.map((l) => {
    if (l.kind !== 'hrule' || l.label === undefined) return l;
    const at = y(l.y);
    const crowded = labelled.some((other) => other < at && at - other < 14);
    return crowded ? { ...l, labelBelow: true } : l;
  });
}

/** A label's box in panel pixels. */
interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * Point labels in layer order, each above its point, else under it, else left out (its tooltip
 * keeps the text) when it would cross a label already placed: two points close together (the
 * simulated costs of Lambda and the fleet, neighbouring sweep points) no longer print one over the other.
 */
function placePointLabels(layers: readonly Layer[], x: (v: number) => number, y: (v: number) => number, yRight: ((v: number) => number) | undefined, width: number): Layer[] {
  const boxes: Box[] = [];
  const crosses = (a: Box): boolean => boxes.some((b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1);
  return layers.map((l) => {
    if (l.kind !== 'point' || l.label === undefined) return l;
    const px = x(l.x);
    const py = (l.right === true && yRight !== undefined ? yRight : y)(l.y);
    const w = textWidth(l.label, 10);
    const x0 = labelTurnsLeft(px, width) ? px - l.r - 2 - w : px + l.r + 2;
    for (const below of [false, true]) {
      const base = below ? py + l.r + 11 : py - l.r - 3;
      const box = { x0, x1: x0 + w, y0: base - 9, y1: base + 2 };
      if (!crosses(box)) {
        boxes.push(box);
        return below ? { ...l, labelBelow: true } : l;
      }
    }
    return { ...l, label: undefined };
  });
}

/** A panel with its axes resolved. */
interface Laid {
  panel: Panel;
  y: ResolvedAxis;
  yRight?: ResolvedAxis;
}

/** The SVG text of `chart`. */
export function renderChart(chart: ChartSpec): string {
  const x = resolveAxis(chart.x, chart.panels.flatMap((p) => p.layers.flatMap(xValues)), Math.max(2, Math.round(chart.width / 80)));
  const laid: Laid[] = chart.panels.map((panel) => {
    const count = Math.max(2, Math.round(panel.height / 40));
    const y = resolveAxis(panel.y, panel.layers.flatMap((l) => yValues(l, false)), count);
    const yRight = panel.yRight === undefined ? undefined : resolveAxis(panel.yRight, panel.layers.flatMap((l) => yValues(l, true)), count);
    return { panel, y, yRight };
  });
  const left = PAD + Math.max(0, ...laid.map((l) => yAxisWidth(l.y)));
  const lastLabel = x.spec.categories === undefined && x.labels.length > 0 ? textWidth(x.labels[x.labels.length - 1], 11) / 2 : 0;
  const right = PAD + Math.max(lastLabel, 4, ...laid.map((l) => (l.yRight === undefined ? 0 : yAxisWidth(l.yRight))));
  const total = left + chart.width + right;

  const body: string[] = [];
  let y = PAD;
  body.push(`<text x="${PAD}" y="${px(y + TITLE_SIZE)}" font-size="${TITLE_SIZE}" font-weight="bold" fill="#1d1d1f">${escapeHtml(chart.title)}</text>`);
  y += TITLE_SIZE + 6;
  for (const line of chart.subtitle.flatMap((s) => wrapText(s, SUBTITLE_SIZE, total - 2 * PAD))) {
    body.push(`<text x="${PAD}" y="${px(y + SUBTITLE_SIZE)}" font-size="${SUBTITLE_SIZE}" fill="#555">${escapeHtml(line)}</text>`);
    y += SUBTITLE_SIZE + 4;
  }
  y += 4;
  if (chart.legend !== undefined && chart.legend.length > 0) {
    const legend = legendSvg(chart.legend, left, y, chart.width);
    body.push(...legend.svg);
    y += legend.height + 6;
  }
  const xScale = scaleOf(x, [0, chart.width]);
  laid.forEach((l, i) => {
    if (i > 0) y += SPACING;
    if (l.panel.header !== undefined) {
      body.push(`<text x="${px(left)}" y="${px(y + HEADER_SIZE)}" font-size="${HEADER_SIZE}" font-weight="bold" fill="#333">${escapeHtml(l.panel.header)}</text>`);
      y += HEADER_SIZE + 6;
    } else {
      y += 6;
    }
    const h = l.panel.height;
    // Categories read from the top (the first bar first); values grow upwards.
    const yScale = scaleOf(l.y, l.y.spec.categories === undefined ? [h, 0] : [0, h]);
    const yRight = l.yRight === undefined ? undefined : scaleOf(l.yRight, [h, 0]);
    body.push(...xGridSvg(x, xScale, left, y, h));
    body.push(...yAxisSvg(l.y, yScale, left, y, chart.width, h, 'left'));
    if (l.yRight !== undefined && yRight !== undefined) body.push(...yAxisSvg(l.yRight, yRight, left, y, chart.width, h, 'right'));
    const frame = { left, top: y, width: chart.width, height: h, x: xScale, y: yScale, yRight };
    const placed = placePointLabels(spreadRuleLabels(l.panel.layers, yScale.map), xScale.map, yScale.map, yRight?.map, chart.width);
    for (const layer of placed) body.push(...layerSvg(layer, frame));
    y += h;
    if (i < laid.length - 1) body.push(`<line x1="${px(left)}" y1="${px(y)}" x2="${px(left + chart.width)}" y2="${px(y)}" stroke="${AXIS_COLOUR}"/>`);
  });
  body.push(...xAxisSvg(x, xScale, left, y, chart.width));
  y += xAxisHeight(x, chart.width) + PAD;
  const w = px(total);
  const h = px(y);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${FONT_FAMILY}" role="img" aria-label="${escapeHtml(chart.title)}">` +
    `\n${body.join('\n')}\n</svg>`
  );
}
