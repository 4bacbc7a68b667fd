/**
 * report.html: one self-contained page for people. Inline CSS, charts as inline SVG rendered at
 * report time (charts.ts), no script, no font, image or stylesheet from anywhere, and a
 * Content-Security-Policy that forbids every fetch, so it opens offline and behind any firewall.
 *
 * Sections, in the order a capacity planner reads them: the verdict and key numbers, the summary
 * table with the `expect:` lines, concurrency against the account limit, traffic over time per
 * function, latency distributions with p50 and p99, cost by component, and the scenario itself.
 * The page has no timestamp and no generated id, so the same run gives the same bytes.
 */
import type { Summary } from './summary-types.js';
import type { HistogramView } from './build-summary.js';
import type { ChartSeries } from './timeseries.js';
import {
  backlogSpec,
  backlogTitle,
  costSpec,
  functionColour,
  concurrencySpec,
  hasBacklog,
  hasLatencyOverTime,
  latencyBars,
  latencyOverTimeSpec,
  latencySpec,
  stagesSpec,
  trafficSpec,
  widthText,
} from './charts.js';
import { actualText, expectationsVerdict, functionRow, HEADER, totalRow } from './summary-txt.js';
import { humanMs } from './humanize.js';
import { finalFailures, throttlesLostWork, totalThrottleOutcome } from './throttle-outcome.js';
import { groupThousands, humanDuration } from './text-table.js';
import { coveredText, periodText } from './measured-period.js';
import { breakEvenSection } from './break-even-html.js';
import { deploymentSection } from './deployment-html.js';
import { frontDoorsHtml, servicesCostHtml } from './services-html.js';
import { renderChart } from './svg/chart.js';
import { escapeHtml } from './svg/escape.js';
import { sourceLines } from './summary-details.js';

/** What the page shows besides the Summary. */
export interface HtmlReportInput {
  summary: Summary;
  /** Latency histograms (us) per function, in the Summary's function order. */
  latency: readonly HistogramView[];
  /** Downsampled time series; null leaves the time charts out (with a sentence saying why). */
  series: ChartSeries | null;
  /** The account concurrency limit, drawn on the concurrency chart. */
  accountLimit: number;
  /** The scenario as written, shown at the end. */
  scenario?: {
    /** File name (no folder, so the page does not depend on where it was run). */
    fileName: string;
    text: string;
    /** `--set` overrides and `--seed` applied on top of the file, as typed. */
    overrides: readonly string[];
    description?: string;
  };
}

export { escapeHtml };

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d1d1f; background: #f5f5f7; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d2d2d7; }
.meta { color: #555; margin: 0 0 12px; }
.verdict { display: inline-block; padding: 4px 10px; border-radius: 6px; font-weight: 600; }
.verdict.ok { background: #e3f4e4; color: #1b5e20; }
.verdict.broken { background: #fde7e7; color: #b71c1c; }
.verdict.none { background: #eee; color: #444; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin: 16px 0; }
.card { background: #fff; border-radius: 8px; padding: 10px 12px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.card .v { font-size: 20px; font-weight: 600; }
.card .k { color: #555; font-size: 12px; }
.card.bad .v { color: #b71c1c; }
.panel { background: #fff; border-radius: 8px; padding: 14px; box-shadow: 0 1px 2px rgba(0,0,0,.08); margin: 12px 0; overflow-x: auto; }
.panel svg { display: block; max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 7px; font-size: 13px; border-bottom: 1px solid #e5e5ea; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { font-weight: 600; color: #333; border-bottom: 2px solid #c7c7cc; }
tr.total td { font-weight: 600; border-top: 2px solid #c7c7cc; }
td.ok { color: #1b5e20; font-weight: 600; } td.broken { color: #b71c1c; font-weight: 700; }
table.expect td { text-align: left; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #fff; border-radius: 8px; padding: 14px; overflow-x: auto; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.note { color: #555; font-size: 13px; }
ul.notes li { color: #8a5a00; }
ul.details { font-size: 0.9em; }
code { overflow-wrap: anywhere; }
pre { overflow-wrap: normal; }
/* A box that scrolls sideways shows a shadow on the side that has more (the tables on a phone). */
.scroll {
  background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)), linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) 100% 0,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.18), rgba(0,0,0,0)), radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.18), rgba(0,0,0,0)) 100% 0;
  background-color: #fff; background-repeat: no-repeat; background-size: 40px 100%, 40px 100%, 14px 100%, 14px 100%;
  background-attachment: local, local, scroll, scroll;
}
/* A phone: less padding; wide tables and the scenario scroll inside their own box, never the page. */
@media (max-width: 600px) {
  main { padding: 16px 10px 32px; }
  .panel, pre { padding: 10px; }
  .cards { grid-template-columns: repeat(2, 1fr); gap: 8px; }
  .card .v { font-size: 17px; }
  th, td { padding: 4px 5px; font-size: 12px; }
}
`;

function summaryTable(summary: Summary): string {
  const head = `<thead><tr>${HEADER.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = Object.entries(summary.functions)
    .map(([name, f]) => `<tr>${functionRow(name, f).map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  const total = `<tr class="total">${totalRow(summary).map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  return `<table>${head}<tbody>\n${body}\n${total}</tbody></table>`;
}

function expectationsTable(summary: Summary): string {
  if (summary.expectations.length === 0) return '<p class="note">No <code>expect:</code> lines in this scenario.</p>';
  const rows = summary.expectations
    .map(
      (e) =>
        `<tr><td class="${e.ok ? 'ok' : 'broken'}">${e.ok ? 'ok' : 'BROKEN'}</td><td><code>${escapeHtml(e.expr)}</code></td><td>${escapeHtml(actualText(e))}</td></tr>`,
    )
    .join('\n');
  return `<table class="expect"><thead><tr><th></th><th>expectation</th><th>actual</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function verdict(summary: Summary): string {
  const n = summary.expectations.length;
  const broken = summary.expectations.filter((e) => !e.ok).length;
  if (n === 0) return '<span class="verdict none">no expectations</span>';
  return `<span class="verdict ${broken === 0 ? 'ok' : 'broken'}">${expectationsVerdict(n, broken)}</span>`;
}

function cards(summary: Summary, accountPeak: number | null, accountLimit: number): string {
  const t = summary.total;
  const entries = Object.entries(summary.functions);
  const worst = entries.reduce<[string, number | null]>(
    (w, [name, f]) => (f.latency.p99 !== null && (w[1] === null || f.latency.p99 > w[1]) ? [name, f.latency.p99] : w),
    ['', null],
  );
  const peak = accountPeak ?? Math.max(0, ...entries.map(([, f]) => f.concurrency.max));
  const items: [string, string, boolean][] = [
    [groupThousands(t.requests), 'requests', false],
    throttleCard(summary),
    [groupThousands(t.coldStarts), `cold starts (${(t.coldStartRate * 100).toFixed(2)}% of invocations)`, false],
    [worst[1] === null ? '-' : humanMs(worst[1]), worst[1] === null ? 'p99 latency: no call finished' : entries.length > 1 ? `p99 latency of ${worst[0]} (the slowest)` : 'p99 latency', false],
    [
      `${groupThousands(peak)} / ${groupThousands(accountLimit)}`,
      accountPeak === null ? 'peak concurrency of one function / account limit' : 'peak concurrency / account limit',
      peak >= accountLimit,
    ],
    [
      `$${t.cost.total.toFixed(2)}`,
      `cost of the ${coveredText(summary)}` +
        (t.cost.perMonth === undefined ? '' : `; $${groupThousands(t.cost.perMonth.toFixed(2))} per month if repeated for 30 days`),
      false,
    ],
  ];
  return `<div class="cards">${items
    .map(([v, k, bad]) => `<div class="card${bad ? ' bad' : ''}"><div class="v">${escapeHtml(v)}</div><div class="k">${escapeHtml(k)}</div></div>`)
    .join('')}</div>`;
}

/** The throttles card: red only when work was finally refused or lost, not for async attempts Lambda retried. */
function throttleCard(summary: Summary): [string, string, boolean] {
  const o = totalThrottleOutcome(summary);
  const share = pct(o.throttles, summary.total.requests);
  if (o.retriedAsync === 0) return [groupThousands(o.throttles), `throttled (${share})`, o.throttles > 0];
  const retried = o.retriedAsync === o.throttles ? 'all' : groupThousands(o.retriedAsync);
  return [
    groupThousands(o.throttles),
    `throttled attempts (${share} of requests), ${retried} retried by Lambda's async queue; ${finalFailures(o, groupThousands)}`,
    throttlesLostWork(o),
  ];
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(2)}%`;
}

function panel(svg: string): string {
  return `<div class="panel">${svg}</div>`;
}

/**
 * The opening of a self-contained page (report.html, sweep.html) up to `</head>`: nothing may be
 * fetched, styles are inline, charts are inline SVG, there is no script.
 */
export function htmlHead(title: string, css: string): string[] {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
  ];
}

/**
 * Functions charted one by one at most (docs/limits.md): beyond it the charts show the functions
 * with the most requests, so 1,000 functions give a page of a few MB instead of 58 MB. The summary
 * table keeps every function, and the "all functions" line of the concurrency chart counts them all.
 */
export const MAX_CHARTED_FUNCTIONS = 12;

/** Indices (scenario order) of the functions to chart: all, or the MAX_CHARTED_FUNCTIONS with the most requests. */
function chartedFunctions(summary: HtmlReportInput['summary']): number[] {
  const requests = Object.values(summary.functions).map((f) => f.requests);
  const all = requests.map((_, i) => i);
  if (all.length <= MAX_CHARTED_FUNCTIONS) return all;
  const top = [...all].sort((a, b) => requests[b] - requests[a] || a - b).slice(0, MAX_CHARTED_FUNCTIONS);
  return top.sort((a, b) => a - b);
}

/** The chart series of the functions `keep` only (the account line and the sources unchanged). */
function keepFunctions(series: ChartSeries, keep: readonly number[]): ChartSeries {
  if (keep.length === series.functions.length) return series;
  const pick = <T>(list: readonly T[]): T[] => keep.map((fn) => list[fn]);
  return {
    ...series,
    functions: pick(series.functions),
    requests: pick(series.requests),
    invocations: pick(series.invocations),
    errors: pick(series.errors),
    throttles: pick(series.throttles),
    coldStarts: pick(series.coldStarts),
    concurrencyMax: pick(series.concurrencyMax),
    reserved: pick(series.reserved),
    provisioned: pick(series.provisioned),
    latencyP50Us: pick(series.latencyP50Us),
    latencyP99Us: pick(series.latencyP99Us),
    asyncDepthMax: pick(series.asyncDepthMax),
  };
}

/** The colour function `fn` has in the charts, when it is charted. */
function colourOfCharted(series: ChartSeries | null, fn: string): string | undefined {
  const k = series === null ? -1 : series.functions.indexOf(fn);
  return k < 0 ? undefined : functionColour(k);
}

/** Renders report.html (async for its callers, though it does no I/O). */
export async function renderReportHtml(input: HtmlReportInput): Promise<string> {
  const { summary } = input;
  const names = Object.keys(summary.functions);
  const charted = chartedFunctions(summary);
  const series = input.series === null ? null : keepFunctions(input.series, charted);
  const parts: string[] = [];
  const title = `${summary.scenario}: lambda-sim report`;
  parts.push(
    ...htmlHead(title, CSS),
    '<body><main>',
    `<h1>${escapeHtml(summary.scenario)}</h1>`,
  );
  if (input.scenario?.description) parts.push(`<p>${escapeHtml(input.scenario.description)}</p>`);
  parts.push(
    `<p class="meta">seed ${summary.seed} &middot; ${escapeHtml(periodText(summary))} &middot; ${escapeHtml(summary.simulator.name)} ${escapeHtml(summary.simulator.version)} &middot; ${verdict(summary)}</p>`,
    cards(summary, series === null ? null : Math.max(0, ...series.accountConcurrencyMax), input.accountLimit),
    '<h2 id="summary">Summary</h2>',
    `<div class="panel scroll">${summaryTable(summary)}</div>`,
    `<div class="panel scroll">${expectationsTable(summary)}</div>`,
  );
  if (summary.notes.length > 0) {
    parts.push(`<ul class="notes">${summary.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  }

  parts.push('<h2 id="concurrency">Concurrency</h2>');
  if (charted.length < names.length) {
    parts.push(
      `<p class="note">The charts show the ${charted.length} functions with the most requests of ${names.length.toLocaleString('en-US')}; ` +
        'the summary table above and the reports in CSV and JSON have every function.</p>',
    );
  }
  if (series === null) {
    parts.push('<p class="note">No time series was recorded for this run.</p>');
  } else {
    const idle = series.accountConcurrencyMax.every((v) => v === 0) && series.provisioned.every((p) => p === null || p.every((step) => step.value === 0));
    // An empty chart says nothing a line of text cannot: the same note as a latency with no answer.
    if (idle) {
      parts.push('<div class="panel"><p class="note">No environment was busy during the run (no invocation started).</p></div>');
    } else {
      parts.push(panel(renderChart(concurrencySpec(series, input.accountLimit))));
      parts.push(
        `<p class="note">Each point is the peak of a ${escapeHtml(widthText(series.binUs))} bin` +
          (series.binUs === series.bucketUs ? '' : ` (the chart shows at most a few hundred bins; timeseries.csv has every ${escapeHtml(widthText(series.bucketUs))} bucket)`) +
          '. Requests arriving when all functions together are at the limit are throttled.</p>',
      );
    }
    parts.push('<h2 id="traffic">Traffic over time</h2>');
    for (let fn = 0; fn < series.functions.length; fn++) {
      const quiet = [series.requests, series.throttles, series.errors, series.coldStarts].every((m) => m[fn].every((v) => v === 0));
      if (quiet) parts.push(`<div class="panel"><p class="note">${escapeHtml(series.functions[fn])}: no request, throttle, error or cold start in the run.</p></div>`);
      else parts.push(panel(renderChart(trafficSpec(series, fn))));
    }
    if (hasBacklog(series)) {
      parts.push(`<h2 id="backlog">${backlogTitle(series)}</h2>`, panel(renderChart(backlogSpec(series))));
      parts.push(
        '<p class="note">Async events count from acceptance to the end of their last attempt (waiting, in backoff or running); ' +
          'SQS in flight means received by a batch and not yet deleted or visible again; iterator age is the age of the last record of each batch handed to the function' +
          (backlogTitle(series) === 'Queues and streams' ? '.</p>' : '; a database\'s utilisation is its peak connections in use over its limit, rejections are calls refused, timed out or throttled in the bin.</p>'),
      );
      // Each source's line with its counts and whether it drains (the same as summary.txt's).
      const lines = sourceLines(summary);
      if (lines.length > 0) parts.push(`<ul class="details">${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`);
    }
  }

  parts.push(...deploymentSection(summary, (fn) => colourOfCharted(series, fn)));
  parts.push('<h2 id="latency">Latency</h2>');
  for (let k = 0; k < charted.length; k++) {
    // k: the function's place in the charted series; fn: in the scenario.
    const fn = charted[k];
    const f = summary.functions[names[fn]];
    const h = input.latency[fn];
    if (series !== null && hasLatencyOverTime(series, k)) parts.push(panel(renderChart(latencyOverTimeSpec(series, k))));
    if (h === undefined || h.count === 0) {
      parts.push(`<div class="panel"><p class="note">${escapeHtml(names[fn])}: no invocation finished.</p></div>`);
      continue;
    }
    parts.push(panel(renderChart(latencySpec(names[fn], k, latencyBars(h), f.latency.p50 ?? 0, f.latency.p99 ?? 0))));
  }
  parts.push(
    '<p class="note">Latency is end to end, from the event\'s arrival (the request, a retried call\'s first attempt, an async event\'s acceptance, ' +
      'the oldest message of an SQS batch, the first record of a stream batch) to the final answer: the wait before the invocation started, ' +
      'INIT on a cold start, and the execution duration (each stage is in summary.json as wait, initDuration and duration). ' +
      'Bars come from the streaming histogram (quantiles within 0.5%).</p>',
  );

  if (Object.values(summary.functions).some((f) => f.stages.requests > 0)) {
    parts.push('<h2 id="stages">Where the time went</h2>', panel(renderChart(stagesSpec(summary))));
    parts.push(
      '<p class="note">Each final answer\'s latency is split into queue wait (async queue, SQS, stream iterator), Lambda service overhead, ' +
        'INIT (cold starts), execution and client-retry wait; the stages add up to the latency. The p99 tail bar is the answers at or above ' +
        'the end-to-end p99 (from the lower edge of its 1/16-octave bucket). Numbers: summary.json <code>stages</code>.</p>',
    );
  }

  parts.push(...frontDoorsHtml(summary));
  const costChart =
    summary.total.cost.total === 0
      ? '<div class="panel"><p class="note">Nothing billed for the simulated time (no invocation, all throttled, or all inside the free tier): no chart.</p></div>'
      : panel(renderChart(costSpec(summary)));
  parts.push('<h2 id="cost">Cost</h2>', costChart, costTable(summary), ...servicesCostHtml(summary));
  if (summary.breakEven !== undefined) parts.push(...breakEvenSection(summary.breakEven));

  if (input.scenario !== undefined) {
    const s = input.scenario;
    parts.push('<h2 id="scenario">Scenario</h2>', `<p class="meta"><code>${escapeHtml(s.fileName)}</code></p>`);
    if (s.overrides.length > 0) {
      parts.push(`<p>Run with overrides applied on top of the file: ${s.overrides.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ')}</p>`);
    }
    parts.push(`<pre class="scroll">${escapeHtml(s.text)}</pre>`);
  }
  parts.push('</main></body>', '</html>');
  return parts.join('\n') + '\n';
}

function costTable(summary: Summary): string {
  // SnapStart's cache + restore charges get a column only when some function has SnapStart.
  const snap = summary.total.cost.snapStartCache !== undefined;
  const head = '<thead><tr><th>function</th><th>requests USD</th><th>compute USD</th><th>provisioned USD</th><th>storage USD</th>' +
    `${snap ? '<th>SnapStart USD</th>' : ''}<th>total USD</th><th>GB-s</th></tr></thead>`;
  const row = (name: string, c: Summary['total']['cost'], gbs: number, cls = ''): string => {
    const values = [c.requests, c.compute, c.provisioned, c.storage, ...(snap ? [(c.snapStartCache ?? 0) + (c.snapStartRestore ?? 0)] : []), c.total];
    return `<tr${cls}><td>${escapeHtml(name)}</td>${values.map((v) => `<td>${v.toFixed(6)}</td>`).join('')}<td>${gbs.toFixed(3)}</td></tr>`;
  };
  const rows = Object.entries(summary.functions).map(([name, f]) => row(name, f.cost, f.gbSeconds));
  rows.push(row('total', summary.total.cost, summary.total.gbSeconds, ' class="total"'));
  return `<div class="panel scroll"><table>${head}<tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}
