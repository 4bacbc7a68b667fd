/**
 * The description of one chart, built by the chart builders (charts.ts, break-even-chart.ts,
 * deployment-html.ts, sweep-html.ts) and drawn by {@link renderChart} (chart.ts) as plain SVG text.
 * All positions are data values; the renderer owns the pixels. A chart is one or more panels stacked
 * vertically that share the x axis (a facet: each row has its own y scale).
 */
import type { TickFormat } from './format.js';

/** One axis: a fixed or data-driven domain, linear or log, or categories (one tick per name). */
export interface AxisSpec {
  title?: string;
  /** Fixed domain; without it the domain comes from the layers' values. */
  domain?: readonly [number, number];
  /** Widen a data-driven domain to round ticks (default true). */
  nice?: boolean;
  /** Values a data-driven domain must include (0 for a zero-based axis; 0 and 1 keep an all-zero row drawable). */
  include?: readonly number[];
  log?: boolean;
  /** About how many ticks (default 5). */
  ticks?: number;
  /** No tick above this value (a share axis with headroom for labels stops its ticks at 100%). */
  tickMax?: number;
  format?: TickFormat;
  /** Category names: value i is the i-th name (bars of a bar chart, grid points of a sweep). */
  categories?: readonly string[];
  /** Colour of the title (a right-hand axis names its series by colour). */
  colour?: string;
  /** Width kept for category labels before they are cut short (px). */
  labelLimit?: number;
}

/** A point of a line or area. */
export type XY = readonly [number, number];

/** What a panel draws, in data values. */
export type Layer =
  | {
      kind: 'line';
      /** A point whose y is NaN breaks the line there (no data). */
      points: readonly XY[];
      colour: string;
      width?: number;
      /** SVG stroke-dasharray, e.g. "6 4". */
      dash?: string;
      /** Step-after: the value holds until the next point; step-before: the next point's value applies from the previous x. */
      step?: 'after' | 'before';
      /** Continue the last value to this x (a bin's value holds to the end of the run). */
      extendTo?: number;
      /** The right-hand y axis. */
      right?: boolean;
    }
  | { kind: 'area'; points: readonly XY[]; colour: string; opacity: number; step?: 'after'; extendTo?: number }
  | {
      kind: 'hrule';
      y: number;
      colour: string;
      dash?: string;
      width?: number;
      /** Right-aligned above the rule (under it when another rule's label sits just above). */
      label?: string;
      labelBelow?: boolean;
    }
  | { kind: 'vrule'; x: number; colour: string; dash?: string; width?: number; label?: string; labelBold?: boolean; labelSize?: number; labelY?: number }
  | { kind: 'rect'; x0: number; x1: number; y0?: number; y1?: number; colour: string; opacity?: number; tip?: string }
  | {
      kind: 'point';
      x: number;
      y: number;
      colour: string;
      filled: boolean;
      r: number;
      tip?: string;
      /** Beside the point, above it; under it, or left out (the tooltip keeps it), when another label is in the way. */
      label?: string;
      labelBelow?: boolean;
      labelColour?: string;
      right?: boolean;
    };

/** One row of a chart: its own y axis (and an optional right-hand one), its layers and an optional header. */
export interface Panel {
  /** Bold header above the row (a facet's name). */
  header?: string;
  /** Plot height (px). */
  height: number;
  y: AxisSpec;
  yRight?: AxisSpec;
  layers: Layer[];
}

/** A legend entry: what the colour (and shape) means. */
export interface LegendItem {
  label: string;
  colour: string;
  shape: 'line' | 'dash' | 'square' | 'circle' | 'ring';
}

/** A whole chart. */
export interface ChartSpec {
  title: string;
  subtitle: readonly string[];
  /** Plot width (px), without the axes' labels. */
  width: number;
  x: AxisSpec;
  panels: Panel[];
  legend?: LegendItem[];
}
