/**
 * The charts of report.html: Vega-Lite specifications, compiled to Vega and rendered to SVG text
 * in Node at report time (no browser, no canvas, no network). Vega's SVG output is a pure
 * function of the spec and the data (text widths are estimated, not measured), so the same run
 * gives the same bytes; a test checks it.
 *
 * Every chart reads plain rows prepared here from the Summary, the downsampled time series and
 * the latency histograms, so the number of marks is bounded whatever the length of the run.
 *
 * Vega and Vega-Lite are imported on the first chart, not with this module: they take most of a
 * second to load, and only report.html needs them (`sim --version` or a run without html must not).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { HistogramView } from './build-summary.js';
import type { BacklogPoint } from './source-report.js';
import type { Summary } from './summary-types.js';
import type { ChartSeries } from './timeseries.js';

/** Width of the plotting area of a full-width chart (px). */
const WIDTH = 800;
/** Number of latency quantiles read from a histogram to draw its distribution (each 0.1% of requests). */
const LATENCY_QUANTILES = 1000;
/** Bars of a latency distribution. */
const LATENCY_BARS = 48;

/** Colours: functions in scenario order (Tableau 10), the account total in black. */
const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#ff9da6', '#9d755d', '#bab0ac'];
const ACCOUNT_COLOUR = '#222222';
const LIMIT_COLOUR = '#d62728';

/** Shared look: system fonts, light grid, no border. */
const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e8e8e8', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', orient: 'top' },
  title: { fontSize: 14, anchor: 'start', fontWeight: 'bold', subtitleFontSize: 12, subtitleColor: '#555' },
} as const;

/** Vega and Vega-Lite, loaded once, when the first chart is rendered. */
let libraries: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;

/** Renders one Vega-Lite spec to an SVG string. */
export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  libraries ??= Promise.all([import('vega'), import('vega-lite')]);
  const [{ Error: LOG_ERROR, logger, parse, View }, { compile }] = await libraries;
  // Vega-Lite and Vega log warnings to the console (stdout): keep only errors, which throw anyway.
  const vega = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec, { logger: logger(LOG_ERROR) }).spec;
  const view = new View(parse(vega), { renderer: 'none', logLevel: LOG_ERROR });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** How simulated time is shown on the x axes: the unit that keeps the numbers readable. */
export interface TimeAxis {
  /** Divide us by this to get the axis value. */
  divisorUs: number;
  /** Axis title. */
  title: string;
}

/** Seconds up to 3 minutes, minutes up to 3 hours, then hours. */
export function timeAxis(durationUs: number): TimeAxis {
  if (durationUs <= 180e6) return { divisorUs: 1e6, title: 'simulated time (s)' };
  if (durationUs <= 3 * 3600e6) return { divisorUs: 60e6, title: 'simulated time (min)' };
  return { divisorUs: 3600e6, title: 'simulated time (h)' };
}

/** "1 s", "7.5 s", "2 min", "3 h": a bin width for chart subtitles. */
export function widthText(us: number): string {
  const trim = (n: number): string => String(Number(n.toFixed(3)));
  if (us < 1000) return `${us} us`;
  if (us < 1e6) return `${trim(us / 1000)} ms`;
  if (us < 60e6 || us % 60e6 !== 0) return `${trim(us / 1e6)} s`;
  if (us < 3600e6 || us % 3600e6 !== 0) return `${trim(us / 60e6)} min`;
  return `${trim(us / 3600e6)} h`;
}

function colourScale(functions: readonly string[], withAccount: boolean): { domain: string[]; range: string[] } {
  const domain = [...functions];
  const range = functions.map((_, i) => PALETTE[i % PALETTE.length]);
  if (withAccount) {
    domain.push('all functions');
    range.push(ACCOUNT_COLOUR);
  }
  return { domain, range };
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
export function concurrencySpec(series: ChartSeries, accountLimit: number): TopLevelSpec {
  const axis = timeAxis(series.durationUs);
  const end = series.durationUs / axis.divisorUs;
  const rows: { t: number; series: string; value: number }[] = [];
  const multi = series.functions.length > 1;
  series.startUs.forEach((start, i) => {
    const t = start / axis.divisorUs;
    series.functions.forEach((name, fn) => rows.push({ t, series: name, value: series.concurrencyMax[fn][i] }));
    if (multi) rows.push({ t, series: 'all functions', value: series.accountConcurrencyMax[i] });
  });
  const levels: { t: number; series: string; value: number }[] = [];
  const levelTops: string[] = [];
  series.provisioned.forEach((steps, fn) => {
    if (steps === null || !steps.some((s) => s.value > 0)) return;
    const name = series.functions[fn];
    const points = levelSteps(steps, series.durationUs, axis.divisorUs);
    for (const p of points) levels.push({ ...p, series: name });
    levelTops.push(`${name} up to ${Math.max(...steps.map((s) => s.value)).toLocaleString('en-US')}`);
  });

  const dataTop = Math.max(1, ...series.accountConcurrencyMax, ...levels.map((l) => l.value));
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
  const x = { field: 't', type: 'quantitative', title: axis.title, scale: { domain: [0, end], nice: false } };
  const y = { field: 'value', type: 'quantitative', title: 'busy environments', scale: { domain: [0, top], nice: false } };
  const colour = { field: 'series', type: 'nominal', title: null, scale: colourScale(series.functions, multi), sort: null, legend: { symbolType: 'stroke' } };
  const layer: unknown[] = [
    { data: { values: rows }, mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 }, encoding: { x, y, color: colour } },
  ];
  if (levels.length > 0) {
    layer.push({
      data: { values: levels },
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, strokeDash: [2, 3] },
      encoding: { x, y, color: colour, detail: { field: 'series' } },
    });
  }
  if (drawn.length > 0) {
    layer.push({
      data: { values: drawn },
      layer: [
        { mark: { type: 'rule', color: LIMIT_COLOUR, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: { field: 'limit', type: 'quantitative' } } },
        {
          mark: { type: 'text', color: LIMIT_COLOUR, align: 'right', baseline: 'bottom', dy: -3, x: WIDTH - 4, fontSize: 11 },
          encoding: { y: { field: 'limit', type: 'quantitative' }, text: { field: 'label' } },
        },
      ],
    });
  }
  return { width: WIDTH, height: 240, title: { text: 'Concurrency and its limits', subtitle }, layer } as TopLevelSpec;
}

/** Rate unit of a traffic chart: per second for short bins, per minute for bins of a minute or more. */
function rateUnit(binUs: number): { perUs: number; label: string } {
  return binUs >= 60e6 ? { perUs: 60e6, label: 'per minute' } : { perUs: 1e6, label: 'per second' };
}

/** Cold starts are counted per minute whatever the bin: a few per second would read as 0.02. */
const PER_MINUTE = { perUs: 60e6, label: 'per minute' };

/**
 * Traffic of one function over time: requests, throttles, errors and cold starts, each as a rate
 * in its own row with its own y scale and unit (throttles and cold starts are often a thousandth of
 * the requests and would vanish on a shared scale).
 */
export function trafficSpec(series: ChartSeries, fn: number): TopLevelSpec {
  const axis = timeAxis(series.durationUs);
  const unit = rateUnit(series.binUs);
  const metrics: [string, number[], { perUs: number; label: string }][] = [
    [`requests ${unit.label}`, series.requests[fn], unit],
    [`throttles ${unit.label}`, series.throttles[fn], unit],
    [`errors ${unit.label}`, series.errors[fn], unit],
    ['cold starts per minute', series.coldStarts[fn], PER_MINUTE],
  ];
  const rows: { t: number; metric: string; rate: number }[] = [];
  series.startUs.forEach((start, i) => {
    // The last bin may be cut short by the end of the run: divide by the time it really covers.
    const span = Math.min(series.binUs, series.durationUs - start);
    for (const [metric, values, u] of metrics) rows.push({ t: start / axis.divisorUs, metric, rate: (values[i] * u.perUs) / span });
  });
  const colour = PALETTE[fn % PALETTE.length];
  return {
    title: {
      text: `Traffic of ${series.functions[fn]}`,
      subtitle: `Requests, throttles, errors and cold starts, averaged over ${widthText(series.binUs)}; each row has its own scale and unit`,
    },
    data: { values: rows },
    facet: {
      row: {
        field: 'metric',
        type: 'nominal',
        sort: metrics.map(([m]) => m),
        title: null,
        header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontSize: 12, labelFontWeight: 'bold' },
      },
    },
    spacing: 6,
    spec: {
      width: WIDTH,
      height: 64,
      mark: { type: 'area', interpolate: 'step-after', line: { color: colour, strokeWidth: 1.2 }, color: colour, opacity: 0.25 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: axis.title, scale: { domain: [0, series.durationUs / axis.divisorUs], nice: false } },
        // unionWith keeps an all-zero row (no errors at all) drawable, with a 0..1 scale.
        y: { field: 'rate', type: 'quantitative', title: null, scale: { domain: { unionWith: [0, 1] } }, axis: { tickCount: 3, format: '~s' } },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
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
export function backlogSpec(series: ChartSeries): TopLevelSpec {
  const axis = timeAxis(series.durationUs);
  const rows: BacklogPoint[] = [];
  const order: string[] = [];
  const colours: Record<string, string> = { 'async events': '#54a24b' };
  const t = (i: number): number => series.startUs[i] / axis.divisorUs;
  series.asyncDepthMax.forEach((bins, fn) => {
    if (bins === null) return;
    const row = `${series.functions[fn]}: async events accepted, not finished`;
    order.push(row);
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
  return {
    title: {
      text: backlogTitle(series),
      subtitle: `Peak per ${widthText(series.binUs)}; a backlog that returns to 0 has drained; each row has its own scale`,
    },
    data: { values: rows },
    facet: {
      row: {
        field: 'row',
        type: 'nominal',
        sort: order,
        title: null,
        header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontSize: 12, labelFontWeight: 'bold' },
      },
    },
    spacing: 6,
    spec: {
      width: WIDTH,
      height: 80,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: axis.title, scale: { domain: [0, series.durationUs / axis.divisorUs], nice: false } },
        y: { field: 'value', type: 'quantitative', title: null, scale: { domain: { unionWith: [0, 1] } }, axis: { tickCount: 3 } },
        color: { field: 'what', type: 'nominal', title: null, scale: { domain: kinds, range: kinds.map((k) => colours[k]) }, sort: null, legend: { labelLimit: 400 } },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
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

/** Latency distribution of one function on a log axis, with p50 and p99 marked. */
export function latencySpec(name: string, fn: number, bars: readonly LatencyBar[], p50: number, p99: number): TopLevelSpec {
  const colour = PALETTE[fn % PALETTE.length];
  // The labels take the top 30 px of the 150: the bars stop below them (a tall mode hid the p50 label).
  const shareTop = Math.max(0.01, ...bars.map((b) => b.share)) / (1 - 34 / 150);
  const marks = [
    { ms: p50, label: `p50 ${formatMs(p50)}`, y: 2 },
    { ms: p99, label: `p99 ${formatMs(p99)}`, y: 16 },
  ];
  return {
    width: WIDTH,
    height: 150,
    title: { text: `Latency of ${name}`, subtitle: 'Share of invocations by latency (log scale); p50 and p99 marked' },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'rect', color: colour, opacity: 0.8 },
        encoding: {
          x: { field: 'fromMs', type: 'quantitative', scale: { type: 'log' }, title: 'latency (ms)', axis: { format: '~g', grid: true } },
          x2: { field: 'toMs' },
          y: { field: 'share', type: 'quantitative', title: 'share of invocations', axis: { format: '.0%' }, scale: { domain: [0, shareTop], nice: false } },
        },
      },
      {
        data: { values: marks },
        layer: [
          { mark: { type: 'rule', color: '#333', strokeDash: [4, 3] }, encoding: { x: { field: 'ms', type: 'quantitative' } } },
          {
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, fontSize: 12, fontWeight: 'bold', color: '#333' },
            encoding: { x: { field: 'ms', type: 'quantitative' }, y: { field: 'y', type: 'quantitative', scale: null }, text: { field: 'label' } },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}

/** Whether the series has latency to draw for function `fn` (some call was answered). */
export function hasLatencyOverTime(series: ChartSeries, fn: number): boolean {
  return series.latencyP99Us[fn].some((v) => v !== null);
}

/**
 * Latency of one function over time: p50 and p99 of the calls answered in each chart bin, so a
 * reader sees WHEN latency was high (a cold-start burst, a backlog) rather than only the totals.
 * On a log scale when p99 runs far above p50 (a queue's retries beside its normal calls).
 */
export function latencyOverTimeSpec(series: ChartSeries, fn: number): TopLevelSpec {
  const axis = timeAxis(series.durationUs);
  const known = (v: number | null): v is number => v !== null;
  const p99s = series.latencyP99Us[fn].filter(known);
  const p50s = series.latencyP50Us[fn].filter(known);
  const inSeconds = Math.max(0, ...p99s) >= 10e6;
  const divisor = inSeconds ? 1e6 : 1e3;
  const log = Math.max(1, ...p99s) / Math.max(1, Math.min(...p50s)) > 30;
  const rows: { t: number; q: string; value: number }[] = [];
  series.startUs.forEach((start, i) => {
    const t = start / axis.divisorUs;
    const p50 = series.latencyP50Us[fn][i];
    const p99 = series.latencyP99Us[fn][i];
    if (p50 !== null) rows.push({ t, q: 'p50', value: Number((p50 / divisor).toPrecision(6)) });
    if (p99 !== null) rows.push({ t, q: 'p99', value: Number((p99 / divisor).toPrecision(6)) });
  });
  const colour = PALETTE[fn % PALETTE.length];
  return {
    width: WIDTH,
    height: 130,
    title: {
      text: `Latency of ${series.functions[fn]} over time`,
      subtitle: `p50 and p99 of the calls answered in each ${widthText(series.binUs)}` + (log ? ' (log scale)' : ''),
    },
    data: { values: rows },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.3 },
    encoding: {
      x: { field: 't', type: 'quantitative', title: axis.title, scale: { domain: [0, series.durationUs / axis.divisorUs], nice: false } },
      y: {
        field: 'value',
        type: 'quantitative',
        title: inSeconds ? 'latency (s)' : 'latency (ms)',
        scale: log ? { type: 'log' } : { zero: true },
        axis: { tickCount: 4, format: ',~f' },
      },
      color: { field: 'q', type: 'nominal', title: null, scale: { domain: ['p50', 'p99'], range: [colour, '#333333'] } },
    },
  } as TopLevelSpec;
}

/** "45.0 ms", "1.80 s". */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  return `${ms.toPrecision(3)} ms`;
}

const COST_PARTS = ['requests', 'compute', 'provisioned', 'storage'] as const;

/** Cost of each function, stacked by component (requests, compute, provisioned, storage). */
export function costSpec(summary: Summary): TopLevelSpec {
  const rows: { fn: string; order: number; part: string; k: number; usd: number }[] = [];
  Object.entries(summary.functions).forEach(([name, f], order) => {
    COST_PARTS.forEach((part, k) => rows.push({ fn: name, order, part, k, usd: f.cost[part] }));
  });
  return {
    width: WIDTH,
    height: { step: 28 },
    title: {
      text: 'Cost by function',
      subtitle: `USD for the simulated ${summary.simulatedMs >= 3600e3 ? 'period' : 'time'}, by component; total ${summary.total.cost.total.toFixed(2)} USD`,
    },
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      // Report order by a number, not `sort: names`: Vega looks a sort list up in a plain object,
      // so functions named `constructor` or `toString` broke the chart.
      y: { field: 'fn', type: 'nominal', title: null, sort: { field: 'order', op: 'min' } },
      x: { field: 'usd', type: 'quantitative', title: 'USD', stack: 'zero' },
      color: {
        field: 'part',
        type: 'nominal',
        title: null,
        scale: { domain: [...COST_PARTS], range: ['#9ecae9', '#4c78a8', '#f58518', '#54a24b'] },
      },
      order: { field: 'k', sort: 'ascending' },
    },
  } as TopLevelSpec;
}

const STAGE_PARTS = ['queueWait', 'serviceOverhead', 'init', 'execution', 'retryWait'] as const;
const STAGE_LABELS = ['queue wait', 'service overhead', 'INIT', 'execution', 'retry wait'];

/**
 * Where the time went (summary.json `stages`): per function, two stacked bars of stage shares, one
 * for all final answers (stage mean / latency mean) and one for the p99 tail (the stage's tail
 * share), so a planner sees whether queueing, cold starts or execution drives the tail.
 */
export function stagesSpec(summary: Summary): TopLevelSpec {
  const rows: { row: string; order: number; stage: string; k: number; share: number; ms: string }[] = [];
  let order = 0;
  for (const [name, f] of Object.entries(summary.functions)) {
    const s = f.stages;
    if (s.requests === 0) continue;
    const all = `${name} · all (mean ${formatMs(s.meanMs)})`;
    const tail = `${name} · p99 tail (≥ ${formatMs(s.tailFromMs)})`;
    STAGE_PARTS.forEach((part, k) => {
      rows.push({ row: all, order, stage: STAGE_LABELS[k], k, share: s.meanMs === 0 ? 0 : s[part].meanMs / s.meanMs, ms: formatMs(s[part].meanMs) });
      rows.push({ row: tail, order: order + 1, stage: STAGE_LABELS[k], k, share: s[part].tailShare, ms: `p99 ${formatMs(s[part].p99Ms)}` });
    });
    order += 2;
  }
  return {
    width: WIDTH,
    height: { step: 24 },
    title: {
      text: 'Where the time went',
      subtitle: 'Share of final answers\' latency by stage: all answers (stage means), and the answers at or above the p99',
    },
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      // Report order by a number (see costSpec): names are user-chosen.
      y: { field: 'row', type: 'nominal', title: null, sort: { field: 'order', op: 'min' }, axis: { labelLimit: 360 } },
      x: { field: 'share', type: 'quantitative', title: 'share of latency', stack: 'zero', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: {
        field: 'stage',
        type: 'nominal',
        title: null,
        scale: { domain: STAGE_LABELS, range: ['#9ecae9', '#bab0ac', '#e45756', '#4c78a8', '#f58518'] },
      },
      order: { field: 'k', sort: 'ascending' },
    },
  } as TopLevelSpec;
}
