/**
 * The charts of report.html: chart descriptions (svg/types.ts) built from plain rows prepared here
 * from the Summary, the downsampled time series and the latency histograms, drawn as static SVG
 * text by svg/chart.ts at report time (no browser, no script, no library). Text widths are
 * estimated, not measured, so the same run gives the same bytes; a test checks it.
 *
 * The number of marks is bounded whatever the length of the run (at most a few hundred bins).
 */
import type { HistogramView } from './build-summary.js';
import { humanMs, humanUsd } from './humanize.js';
import { fitLabel } from './svg/axis.js';
import { textWidth } from './svg/format.js';
import type { BacklogPoint } from './source-report.js';
import type { Summary } from './summary-types.js';
import type { ChartSeries } from './timeseries.js';
import type { ChartSpec, Layer, LegendItem, Panel, XY } from './svg/types.js';

/** Width of the plotting area of a full-width chart (px). */
const WIDTH = 800;
/** Number of latency quantiles read from a histogram to draw its distribution (each 0.1% of requests). */
const LATENCY_QUANTILES = 1000;
/** Bars of a latency distribution. */
const LATENCY_BARS = 48;

/**
 * Colours: functions in scenario order (Tableau 10, then the darker Tableau 20 tones), so the 12
 * functions the charts show at most never share a colour; the account total in grey.
 */
const PALETTE = [
  '#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#ff9da6', '#9d755d', '#bab0ac',
  '#1f3f66', '#a34f00', '#2a6b23', '#6b3d63', '#9c1f1d', '#2f6f6a', '#8a7000', '#b8556a', '#5c4030', '#6e6762',
];
const ACCOUNT_COLOUR = '#9a9a9a';
const LIMIT_COLOUR = '#d62728';

/** How simulated time is shown on the x axes: the unit that keeps the numbers readable. */
export interface TimeAxis {
  /** Divide us by this to get the axis value. */
  divisorUs: number;
  /** Axis title. */
  title: string;
}

/** Seconds up to 3 minutes, minutes up to 3 hours, hours up to 3 days, then days (a 30-day run reads 0-30, not 0-700). */
export function timeAxis(durationUs: number): TimeAxis {
  if (durationUs <= 180e6) return { divisorUs: 1e6, title: 'simulated time (s)' };
  if (durationUs <= 3 * 3600e6) return { divisorUs: 60e6, title: 'simulated time (min)' };
  if (durationUs <= 3 * 86400e6) return { divisorUs: 3600e6, title: 'simulated time (h)' };
  return { divisorUs: 86400e6, title: 'simulated time (days)' };
}

/** "1 s", "7.5 s", "2 min", "3 h": a bin width for chart subtitles. */
export function widthText(us: number): string {
  const trim = (n: number): string => String(Number(n.toFixed(3)));
  if (us < 1000) return `${us} µs`;
  if (us < 1e6) return `${trim(us / 1000)} ms`;
  if (us < 60e6 || us % 60e6 !== 0) return `${trim(us / 1e6)} s`;
  if (us < 3600e6 || us % 3600e6 !== 0) return `${trim(us / 60e6)} min`;
  return `${trim(us / 3600e6)} h`;
}

/** The colour of function `fn` (scenario order). */
export function functionColour(fn: number): string {
  return PALETTE[fn % PALETTE.length];
}

/** Legend lines of all functions together (grey, drawn first) and of each function. */
function functionLegend(functions: readonly string[], withAccount: boolean): LegendItem[] {
  const items: LegendItem[] = withAccount ? [{ label: 'all functions', colour: ACCOUNT_COLOUR, shape: 'line' }] : [];
  return [...items, ...functions.map((label, fn): LegendItem => ({ label, colour: functionColour(fn), shape: 'line' }))];
}

/**
 * A limit is drawn, and the y scale stretched to it, when it is at most this many times the highest
 * thing drawn; a limit further away would flatten the data into the x axis (a function at 14 on a
 * 0-1,000 axis), so it is named in the subtitle as off the scale instead.
 */
const LIMIT_REACH = 2.5;

/** The step points of a provisioned concurrency schedule on the time axis, from 0 to the end. */
function levelSteps(steps: readonly { atUs: number; value: number }[], durationUs: number, divisorUs: number): { t: number; value: number }[] {
  const points: { t: number; value: number }[] = [];
  if (steps.length === 0 || steps[0].atUs > 0) points.push({ t: 0, value: 0 });
  for (const step of steps) {
    if (step.atUs < durationUs) points.push({ t: step.atUs / divisorUs, value: step.value });
  }
  points.push({ t: durationUs / divisorUs, value: points[points.length - 1].value });
  return points;
}

/**
 * Concurrency over time: the peak busy environments of each function per chart bin and of all
 * functions together, scaled to the data, with the limits that bind it: the account limit and each
 * reserved concurrency (dashed red, when within reach of the data) and each provisioned concurrency
 * schedule (dotted, in the function's colour, as configured over time).
 */
export function concurrencySpec(series: ChartSeries, accountLimit: number): ChartSpec {
  const axis = timeAxis(series.durationUs);
  const end = series.durationUs / axis.divisorUs;
  const multi = series.functions.length > 1;
  const ts = series.startUs.map((start) => start / axis.divisorUs);
  // All functions first, wide and light, so a function that carries all the traffic shows on top of it.
  const lines: Layer[] = multi ? [{ kind: 'line', points: ts.map((t, i): XY => [t, series.accountConcurrencyMax[i]]), colour: ACCOUNT_COLOUR, width: 4, step: 'after', extendTo: end }] : [];
  for (let fn = 0; fn < series.functions.length; fn++) {
    lines.push({ kind: 'line', points: ts.map((t, i): XY => [t, series.concurrencyMax[fn][i]]), colour: functionColour(fn), step: 'after', extendTo: end });
  }
  const levels: Layer[] = [];
  const levelTops: string[] = [];
  series.provisioned.forEach((steps, fn) => {
    if (steps === null || !steps.some((s) => s.value > 0)) return;
    const points = levelSteps(steps, series.durationUs, axis.divisorUs).map((p): XY => [p.t, p.value]);
    levels.push({ kind: 'line', points, colour: functionColour(fn), width: 2, dash: '2 3', step: 'after' });
    levelTops.push(`${series.functions[fn]} up to ${Math.max(...steps.map((s) => s.value)).toLocaleString('en-US')}`);
  });

  const levelValues = levels.flatMap((l) => (l.kind === 'line' ? l.points.map((p) => p[1]) : []));
  const dataTop = Math.max(1, ...series.accountConcurrencyMax, ...levelValues);
  const limits = [
    { limit: accountLimit, label: `account limit ${accountLimit.toLocaleString('en-US')}` },
    ...series.reserved.flatMap((r, fn) => (r === null ? [] : [{ limit: r, label: `${series.functions[fn]} reserved ${r.toLocaleString('en-US')}` }])),
  ];
  const drawn = limits.filter((l) => l.limit <= LIMIT_REACH * dataTop);
  const offScale = limits.filter((l) => l.limit > LIMIT_REACH * dataTop);
  const top = Math.max(dataTop, ...drawn.map((l) => l.limit)) * 1.08;
  const peak = Math.max(0, ...series.accountConcurrencyMax);

  const subtitle = [`Peak busy environments (INIT or invoking) per ${widthText(series.binUs)}, scaled to the data`];
  if (drawn.length > 0) subtitle.push(`dashed red: ${drawn.map((l) => l.label).join(', ')}`);
  // Named here rather than on the chart, where the busy lines cross any label put by the level.
  if (levelTops.length > 0) subtitle.push(`dotted: provisioned concurrency as configured over time (${levelTops.join(', ')})`);
  if (offScale.length > 0) {
    subtitle.push(
      `off the scale: ${offScale.map((l) => l.label).join(', ')} (peak ${peak.toLocaleString('en-US')}, ` +
        `${((peak / offScale[0].limit) * 100).toPrecision(2)}% of the ${offScale[0].label.replace(/ [\d,]+$/, '')})`,
    );
  }
  const rules: Layer[] = drawn.map((l) => ({ kind: 'hrule', y: l.limit, colour: LIMIT_COLOUR, dash: '6 4', width: 1.5, label: l.label }));
  return {
    title: 'Concurrency and its limits',
    subtitle,
    width: WIDTH,
    x: { title: axis.title, domain: [0, end] },
    legend: functionLegend(series.functions, multi),
    panels: [{ height: 240, y: { title: 'busy environments', domain: [0, top] }, layers: [...lines, ...levels, ...rules] }],
  };
}

/** Rate unit of a traffic chart: per second for short bins, per minute for bins of a minute or more. */
function rateUnit(binUs: number): { perUs: number; label: string } {
  return binUs >= 60e6 ? { perUs: 60e6, label: 'per minute' } : { perUs: 1e6, label: 'per second' };
}


/**
 * Traffic of one function over time: requests, throttles, errors and cold starts, each as a rate
 * in its own row with its own y scale and unit (throttles and cold starts are often a thousandth of
 * the requests and would vanish on a shared scale).
 */
export function trafficSpec(series: ChartSeries, fn: number): ChartSpec {
  const axis = timeAxis(series.durationUs);
  const end = series.durationUs / axis.divisorUs;
  const unit = rateUnit(series.binUs);
  const metrics: [string, number[], { perUs: number; label: string } | null][] = [
    [`requests ${unit.label}`, series.requests[fn], unit],
    [`throttles ${unit.label}`, series.throttles[fn], unit],
    [`errors ${unit.label}`, series.errors[fn], unit],
    // Counted per bin: a rate would turn 13 cold starts in one 2 s bin into "400 per minute".
    [`cold starts per ${widthText(series.binUs)}`, series.coldStarts[fn], null],
  ];
  const colour = functionColour(fn);
  const panels: Panel[] = metrics.map(([metric, values, u]) => ({
    header: metric,
    height: 64,
    // Including 0 and 1 keeps an all-zero row (no errors at all) drawable, with a 0..1 scale.
    y: { include: [0, 1], ticks: 3, format: 'si' },
    layers: [
      {
        kind: 'area',
        // The last bin may be cut short by the end of the run: divide by the time it really covers.
        points: series.startUs.map((start, i): XY => [start / axis.divisorUs, u === null ? values[i] : (values[i] * u.perUs) / Math.min(series.binUs, series.durationUs - start)]),
        colour,
        opacity: 0.25,
        step: 'after',
        extendTo: end,
      },
    ],
  }));
  return {
    title: `Traffic of ${series.functions[fn]}`,
    subtitle: [`Requests, throttles and errors averaged over ${widthText(series.binUs)}, cold starts counted in it; each row has its own scale and unit`],
    width: WIDTH,
    x: { title: axis.title, domain: [0, end] },
    panels,
  };
}

/** Whether the series has anything for {@link backlogSpec}: async functions, or event sources with chart rows. */
export function hasBacklog(series: ChartSeries): boolean {
  return series.asyncDepthMax.some((a) => a !== null) || series.sources.some((k) => k.names.length > 0 && k.report.chart !== undefined);
}

/** The backlog chart's title: its rows are queues and streams, and dependencies when the scenario has some. */
export function backlogTitle(series: ChartSeries): string {
  const dependencies = series.sources.some((k) => k.report.section === 'dependencies' && k.names.length > 0);
  return dependencies ? 'Queues, streams and dependencies' : 'Queues and streams';
}

/**
 * Backlogs over time, one row each with its own scale: per async function the events accepted and
 * not finished (waiting or running), then each kind of event source's rows from its report (per SQS
 * queue the messages visible and in flight, per stream the iterator age). Peaks per bin (the largest
 * bucket of timeseries.csv in it), so a planner sees whether each backlog drains.
 */
export function backlogSpec(series: ChartSeries): ChartSpec {
  const axis = timeAxis(series.durationUs);
  const end = series.durationUs / axis.divisorUs;
  const rows: BacklogPoint[] = [];
  const order: string[] = [];
  const colours: Record<string, string> = { 'async events': '#888888' };
  // An async function's backlog is drawn in the function's colour, as in every other chart.
  const rowColour = new Map<string, string>();
  const t = (i: number): number => series.startUs[i] / axis.divisorUs;
  series.asyncDepthMax.forEach((bins, fn) => {
    if (bins === null) return;
    const row = `${series.functions[fn]}: async events accepted, not finished`;
    order.push(row);
    rowColour.set(row, functionColour(fn));
    bins.forEach((value, i) => rows.push({ t: t(i), row, what: 'async events', value }));
  });
  for (const { report, names, settings, bins } of series.sources) {
    if (names.length === 0 || report.chart === undefined) continue;
    const part = report.chart(names, bins, t, settings);
    order.push(...part.order);
    for (const p of part.points) rows.push(p);
    Object.assign(colours, part.colours);
  }
  const kinds = Object.keys(colours).filter((k) => rows.some((r) => r.what === k));
  // One panel per row name, one line per kind in it; Maps, as row names are user-chosen.
  const byRow = new Map<string, Map<string, XY[]>>(order.map((row) => [row, new Map()]));
  for (const r of rows) {
    const lines = byRow.get(r.row);
    if (lines === undefined) continue;
    const points = lines.get(r.what) ?? [];
    points.push([r.t, r.value]);
    lines.set(r.what, points);
  }
  const panels: Panel[] = [...byRow].map(([row, lines]) => ({
    header: row,
    height: 80,
    y: { include: [0, 1], ticks: 3 },
    layers: kinds.flatMap((k): Layer[] => {
      const points = lines.get(k);
      const colour = k === 'async events' ? (rowColour.get(row) ?? colours[k]) : colours[k];
      return points === undefined ? [] : [{ kind: 'line', points, colour, step: 'after', extendTo: end }];
    }),
  }));
  return {
    title: backlogTitle(series),
    subtitle: [`Peak per ${widthText(series.binUs)}; a backlog that returns to 0 has drained; each row has its own scale`],
    width: WIDTH,
    x: { title: axis.title, domain: [0, end] },
    legend: kinds.map((k) => ({ label: k === 'async events' ? "async events (in the function's colour)" : k, colour: colours[k], shape: 'line' })),
    panels,
  };
}

/** One bar of a latency distribution: [fromMs, toMs) and the share of requests in it. */
export interface LatencyBar {
  fromMs: number;
  toMs: number;
  share: number;
}

/**
 * The latency distribution of a histogram (values in us) as bars on log-spaced latency bins.
 * Read through 999 quantiles (each 0.1% of the requests) plus the exact min and max, so it works
 * on any histogram that answers quantiles and costs the same for a million or a billion requests.
 */
export function latencyBars(h: HistogramView): LatencyBar[] {
  if (h.count === 0) return [];
  const values: number[] = [];
  for (let i = 1; i < LATENCY_QUANTILES; i++) values.push(h.quantile(i / LATENCY_QUANTILES) / 1000);
  const lo = Math.max(h.min / 1000, 0.001);
  const hi = Math.max(h.max / 1000, lo * 1.001);
  const logLo = Math.log10(lo);
  const step = (Math.log10(hi) - logLo) / LATENCY_BARS;
  const shares = new Array<number>(LATENCY_BARS).fill(0);
  for (const v of values) {
    const k = Math.min(LATENCY_BARS - 1, Math.max(0, Math.floor((Math.log10(Math.max(v, lo)) - logLo) / step)));
    shares[k] += 1 / (LATENCY_QUANTILES - 1);
  }
  return shares.map((share, k) => ({
    fromMs: Number(Math.pow(10, logLo + k * step).toPrecision(6)),
    toMs: Number(Math.pow(10, logLo + (k + 1) * step).toPrecision(6)),
    share: Number(share.toFixed(6)),
  }));
}

/** Narrowest latency bar drawn (px): a histogram of one constant latency is one bar, not a hairline. */
const MIN_BAR_PX = 6;

/** The unit of a latency axis: ms, or s or min when the values run large (no "1,000,000" ms). */
export function latencyUnit(hiMs: number): { title: string; ms: number } {
  if (hiMs >= 3 * 3600e3) return { title: 'latency (min)', ms: 60e3 };
  if (hiMs >= 1e4) return { title: 'latency (s)', ms: 1e3 };
  return { title: 'latency (ms)', ms: 1 };
}

/**
 * Latency distribution of one function on a log axis, with p50 and p99 marked. The axis spans at
 * least a decade around the values (a constant latency would otherwise fill the chart with one bar
 * of no width and no tick), and every bar is at least {@link MIN_BAR_PX} wide.
 */
export function latencySpec(name: string, fn: number, bars: readonly LatencyBar[], p50: number, p99: number): ChartSpec {
  const colour = functionColour(fn);
  const height = 150;
  // The labels take the top 30 px of the 150: the bars stop below them (a tall mode hid the p50 label).
  const shareTop = Math.max(0.01, ...bars.map((b) => b.share)) / (1 - 34 / height);
  // The x domain (ms): the bars and both marks, a little wider so the end bars do not touch the
  // frame, and at least a decade wide, centred on the values.
  const xs = [...bars.flatMap((b) => [b.fromMs, b.toMs]), p50, p99].filter((v) => v > 0);
  let lo = xs.length === 0 ? 1 : Math.min(...xs) / 1.1;
  let hi = xs.length === 0 ? 10 : Math.max(...xs) * 1.1;
  if (hi / lo < 10) {
    const mid = Math.sqrt(lo * hi);
    [lo, hi] = [mid / Math.sqrt(10), mid * Math.sqrt(10)];
  }
  const unit = latencyUnit(hi);
  const minSpan = (Math.log10(hi / lo) * MIN_BAR_PX) / WIDTH;
  const rects: Layer[] = bars.flatMap((b): Layer[] => {
    if (b.share === 0) return [];
    // Widened about its centre on the log axis when narrower than MIN_BAR_PX.
    const span = Math.log10(b.toMs / b.fromMs);
    const grow = span >= minSpan ? 1 : Math.pow(10, (minSpan - span) / 2);
    return [
      {
        kind: 'rect',
        x0: b.fromMs / grow / unit.ms,
        x1: (b.toMs * grow) / unit.ms,
        y0: 0,
        y1: b.share,
        colour,
        opacity: 0.8,
        tip: `${formatMs(b.fromMs)} to ${formatMs(b.toMs)}: ${(b.share * 100).toFixed(1)}% of invocations`,
      },
    ];
  });
  const marks: Layer[] = [
    { kind: 'vrule', x: p50 / unit.ms, colour: '#333', dash: '4 3', width: 1, label: `p50 ${formatMs(p50)}`, labelY: 2, labelSize: 12, labelBold: true },
    { kind: 'vrule', x: p99 / unit.ms, colour: '#333', dash: '4 3', width: 1, label: `p99 ${formatMs(p99)}`, labelY: 16, labelSize: 12, labelBold: true },
  ];
  return {
    title: `Latency of ${name}`,
    subtitle: ['Share of invocations by latency (log scale); p50 and p99 marked'],
    width: WIDTH,
    x: { title: unit.title, log: true, domain: [lo / unit.ms, hi / unit.ms] },
    panels: [{ height, y: { title: 'share of invocations', domain: [0, shareTop], format: 'percent', ticks: 4, tickMax: 1 }, layers: [...rects, ...marks] }],
  };
}

/** At most this many answered bins in a latency-over-time chart: each is also drawn as a point. */
const SPARSE_BINS = 40;

/** Whether the series has latency to draw for function `fn` (some call was answered). */
export function hasLatencyOverTime(series: ChartSeries, fn: number): boolean {
  return series.latencyP99Us[fn].some((v) => v !== null);
}

/**
 * Latency of one function over time: p50 and p99 of the calls answered in each chart bin, so a
 * reader sees WHEN latency was high (a cold-start burst, a backlog) rather than only the totals.
 * On a log scale when p99 runs far above p50 (a queue's retries beside its normal calls).
 */
export function latencyOverTimeSpec(series: ChartSeries, fn: number): ChartSpec {
  const axis = timeAxis(series.durationUs);
  const end = series.durationUs / axis.divisorUs;
  const known = (v: number | null): v is number => v !== null;
  const p99s = series.latencyP99Us[fn].filter(known);
  const p50s = series.latencyP50Us[fn].filter(known);
  const inSeconds = Math.max(0, ...p99s) >= 10e6;
  const divisor = inSeconds ? 1e6 : 1e3;
  const log = Math.max(1, ...p99s) / Math.max(1, Math.min(...p50s)) > 30;
  const y = (v: number): number => Number((v / divisor).toPrecision(6));
  const binEnd = (i: number): number => (i + 1 < series.startUs.length ? series.startUs[i + 1] : series.durationUs) / axis.divisorUs;
  // Each answered bin holds its value to its end; a bin without an answer breaks the line (NaN), so
  // no line is drawn across time with no call, nor past the last answered bin.
  const line = (values: readonly (number | null)[]): XY[] =>
    series.startUs.flatMap((start, i): XY[] => {
      const v = values[i];
      if (v === null) return [];
      const run: XY[] = [[start / axis.divisorUs, y(v)]];
      if (i + 1 >= values.length || values[i + 1] === null) run.push([binEnd(i), y(v)], [binEnd(i), NaN]);
      return run;
    });
  // Few answered bins: each is also a point, as a bin's short step alone would be hard to see.
  const sparse = p99s.length <= SPARSE_BINS;
  const dots = (values: readonly (number | null)[], label: string, colour: string): Layer[] =>
    !sparse
      ? []
      : series.startUs.flatMap((start, i): Layer[] => {
          const v = values[i];
          if (v === null) return [];
          const t = (start / axis.divisorUs + binEnd(i)) / 2;
          return [{ kind: 'point', x: t, y: y(v), colour, filled: true, r: 2.5, tip: `${label} ${formatMs(v / 1000)} in the bin from ${Number((start / axis.divisorUs).toPrecision(6))}` }];
        });
  const colour = functionColour(fn);
  // p99 dashed and on top: where p50 equals p99 both stay visible.
  const q = [
    { label: 'p50', colour, values: series.latencyP50Us[fn], dash: undefined, shape: 'line' as const },
    { label: 'p99', colour: '#333333', values: series.latencyP99Us[fn], dash: '5 3', shape: 'dash' as const },
  ];
  return {
    title: `Latency of ${series.functions[fn]} over time`,
    subtitle: [`p50 and p99 of the calls answered in each ${widthText(series.binUs)}; no line where no call was answered` + (log ? ' (log scale)' : '')],
    width: WIDTH,
    x: { title: axis.title, domain: [0, end] },
    legend: q.map((l) => ({ label: l.label, colour: l.colour, shape: l.shape })),
    panels: [
      {
        height: 130,
        y: { title: inSeconds ? 'latency (s)' : 'latency (ms)', ...(log ? { log: true } : { include: [0] }), ticks: 4 },
        layers: [
          ...q.map((l): Layer => ({ kind: 'line', points: line(l.values), colour: l.colour, width: 1.5, step: 'after', ...(l.dash === undefined ? {} : { dash: l.dash }) })),
          ...q.flatMap((l) => dots(l.values, l.label, l.colour)),
        ],
      },
    ],
  };
}

/** "45.0 ms", "1.80 s", "28.7 min": three significant figures, never in exponent notation. */
export function formatMs(ms: number): string {
  return humanMs(ms).replace(/(\d) us$/, '$1 µs');
}

const COST_PARTS = ['requests', 'compute', 'provisioned', 'storage'] as const;

/** One horizontal bar of stacked parts: its label, and each part's value and tooltip. */
interface StackedBar {
  label: string;
  parts: readonly { value: number; tip: string }[];
}

/** A chart of horizontal stacked bars, one row per bar, `step` px per row, the part colours in a legend. */
function stackedBars(
  head: { title: string; subtitle: string },
  bars: readonly StackedBar[],
  parts: readonly { label: string; colour: string }[],
  x: ChartSpec['x'],
  step: number,
  labelLimit: number,
): ChartSpec {
  const layers = bars.flatMap((bar, i) => {
    let at = 0;
    return bar.parts.map((p, k): Layer => {
      const from = at;
      at += p.value;
      return { kind: 'rect', x0: from, x1: at, y0: i + 0.4, y1: i - 0.4, colour: parts[k].colour, tip: p.tip };
    });
  });
  return {
    title: head.title,
    subtitle: [head.subtitle],
    width: WIDTH,
    x,
    legend: parts.map((p) => ({ label: p.label, colour: p.colour, shape: 'square' })),
    // Category i at the top for i = 0: the rows read in report order.
    panels: [{ height: step * Math.max(1, bars.length), y: { categories: bars.map((b) => b.label), labelLimit }, layers }],
  };
}

/** Cost of each function, stacked by component (requests, compute, provisioned, storage). */
export function costSpec(summary: Summary): ChartSpec {
  const colours = ['#9ecae9', '#4c78a8', '#f58518', '#54a24b'];
  const bars = Object.entries(summary.functions).map(([name, f]) => ({
    label: name,
    parts: COST_PARTS.map((part) => ({ value: f.cost[part], tip: `${name}: ${part} ${f.cost[part].toFixed(6)} USD` })),
  }));
  return stackedBars(
    {
      title: 'Cost by function',
      subtitle: `USD for the simulated ${summary.simulatedMs >= 3600e3 ? 'period' : 'time'}, by component; total ${humanUsd(summary.total.cost.total)}`,
    },
    bars,
    COST_PARTS.map((label, k) => ({ label, colour: colours[k] })),
    { title: 'USD', include: [0] },
    28,
    200,
  );
}

const STAGE_PARTS = ['queueWait', 'serviceOverhead', 'init', 'execution', 'retryWait'] as const;
const STAGE_LABELS = ['queue wait', 'service overhead', 'INIT', 'execution', 'retry wait'];
const STAGE_COLOURS = ['#9ecae9', '#bab0ac', '#e45756', '#4c78a8', '#f58518'];

/** Width kept for the stage bars' labels (px). */
const STAGE_LABEL_PX = 360;

/** "name · what": a long name is cut short, never the value after it. */
export function stageLabel(name: string, what: string): string {
  const tail = ` · ${what}`;
  return `${fitLabel(name, Math.max(40, STAGE_LABEL_PX - textWidth(tail, 11)))}${tail}`;
}

/**
 * Where the time went (summary.json `stages`): per function, two stacked bars of stage shares, one
 * for all final answers (stage mean / latency mean) and one for the p99 tail (the stage's tail
 * share), so a planner sees whether queueing, cold starts or execution drives the tail.
 */
export function stagesSpec(summary: Summary): ChartSpec {
  const bars: StackedBar[] = [];
  for (const [name, f] of Object.entries(summary.functions)) {
    const s = f.stages;
    if (s.requests === 0) continue;
    bars.push({
      label: stageLabel(name, `all (mean ${formatMs(s.meanMs)})`),
      parts: STAGE_PARTS.map((part, k) => ({ value: s.meanMs === 0 ? 0 : s[part].meanMs / s.meanMs, tip: `${name}, all answers: ${STAGE_LABELS[k]} mean ${formatMs(s[part].meanMs)}` })),
    });
    bars.push({
      label: stageLabel(name, `p99 tail (≥ ${formatMs(s.tailFromMs)})`),
      parts: STAGE_PARTS.map((part, k) => ({ value: s[part].tailShare, tip: `${name}, p99 tail: ${STAGE_LABELS[k]} ${(s[part].tailShare * 100).toFixed(1)}% of its time (the stage's own p99 over all answers: ${formatMs(s[part].p99Ms)})` })),
    });
  }
  return stackedBars(
    { title: 'Where the time went', subtitle: "Share of final answers' latency by stage: all answers (stage means), and the answers at or above the p99" },
    bars,
    STAGE_LABELS.map((label, k) => ({ label, colour: STAGE_COLOURS[k] })),
    { title: 'share of latency', domain: [0, 1], format: 'percent' },
    24,
    STAGE_LABEL_PX,
  );
}
