/**
 * The lines under the terminal table that answer "why": throttles by reason and retries, provisioned
 * concurrency use, async backlogs, queues and streams, pipelines of chained functions. Only what the scenario has is shown.
 */
import type { SourceReport } from './source-report.js';
import { SOURCE_REPORTS, summarySection } from './source-reports.js';
import type { AliasSummary, StagesSummary, Summary } from './summary-types.js';
import { humanMs } from './humanize.js';
import { groupThousands } from './text-table.js';
import { shortDuration as time } from './humanize.js';
import { finalFailures, throttleOutcome } from './throttle-outcome.js';
import { pipelineLines } from './pipeline-report.js';
import { deploymentLines } from './deployment-report.js';
import { backlogTrendWords } from './backlog-trend.js';

const n = groupThousands;
const pct = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;

/** Above this share of the p99 tail's time in execution, the tail is the function's own: no line. */
const TAIL_EXECUTION_SHARE = 0.8;

/** Stage names as the terminal prints them, in StagesSummary order. */
const STAGE_NAMES = [
  ['queueWait', 'queue wait'],
  ['serviceOverhead', 'service overhead'],
  ['init', 'INIT'],
  ['execution', 'execution'],
  ['retryWait', 'client retry wait'],
] as const;

/**
 * "p99 tail (>= 1.20 s, 31 answers): INIT 71%, execution 29%" when something other than the
 * function's own execution takes a fifth or more of the tail's time (less is the usual cold-start
 * share of a busy function's tail, not worth a line per function): then the tail is driven by cold
 * starts, queueing or retries, which is worth a line; otherwise nothing (summary.json has it all).
 */
function tailText(stages: StagesSummary, snapStart: boolean): string | undefined {
  if (stages.tailRequests === 0 || stages.execution.tailShare > TAIL_EXECUTION_SHARE) return undefined;
  const parts = STAGE_NAMES.filter(([key]) => stages[key].tailShare >= 0.005)
    .sort((a, b) => stages[b[0]].tailShare - stages[a[0]].tailShare)
    // A SnapStart function's cold starts are restores (the `init` stage holds them).
    .map(([key, label]) => `${key === 'init' && snapStart ? 'restore' : label} ${Math.round(stages[key].tailShare * 100)}%`);
  return `p99 tail (answers of ${humanMs(stages.tailFromMs)} or more, ${n(stages.tailRequests)} of them) spent ${parts.join(', ')}`;
}

/**
 * "api: always-on cheaper: 2 x m7g.large $117.50/month (62.5% utilised) against Lambda $483.84/month;
 * the same cost at 0.243x this traffic": the headline of summary.json's `breakEven`, per function.
 */
function breakEvenLines(summary: Summary): string[] {
  const b = summary.breakEven;
  if (b === undefined) return [];
  const money = (usd: number) => `$${groupThousands(usd.toFixed(2))}/month`;
  return Object.entries(b.functions).map(([name, f]) => {
    const fleet = `${n(f.instances)} x ${b.alternative.instance} ${money(f.alwaysOnPerMonth)} (${Number((f.utilization * 100).toPrecision(3))}% utilised)`;
    const where =
      f.breakEvenMultiplier === null ? `no break-even up to ${Number(f.searchedUpTo.toPrecision(3))}x this traffic`
      : `the same cost at ${Number(f.breakEvenMultiplier.toPrecision(3))}x this traffic`;
    return `${name}: ${f.cheaper === 'lambda' ? 'Lambda' : 'always-on'} cheaper: Lambda ${money(f.lambdaPerMonth)} against ${fleet}; ${where}`;
  });
}

/** One line per queue, stream and other event source (each kind's report writes it), in summary order. */
export function sourceLines(summary: Summary, sources: readonly SourceReport[] = SOURCE_REPORTS): string[] {
  const out: string[] = [];
  for (const report of sources) {
    for (const [name, entry] of Object.entries(summarySection(summary, report.section))) out.push(report.detail(name, entry));
  }
  return out;
}

/**
 * Detail lines (without indentation), empty when there is nothing beyond the table.
 * @param sources  the reports of the kinds of event source: one line per source, each kind's own
 */
export function detailLines(summary: Summary, sources: readonly SourceReport[] = SOURCE_REPORTS): string[] {
  const out: string[] = [];
  for (const [name, f] of Object.entries(summary.functions)) {
    if (f.throttles > 0 || f.retries > 0) {
      const reasons = Object.entries(f.throttleReasons)
        .filter(([, count]) => count > 0)
        .map(([reason, count]) => `${reason} ${n(count)}`)
        .join(', ');
      const o = throttleOutcome(f);
      // Async throttles are retried by Lambda's event queue: say so, and how the events that failed finally ended.
      const throttled =
        f.throttles === 0 ? 'no throttles'
        : o.retriedAsync === 0 ? `throttled ${n(f.throttles)} (${reasons})`
        : `throttled attempts ${n(f.throttles)} (${reasons}), ${o.retriedAsync === f.throttles ? 'all' : n(o.retriedAsync)} retried by Lambda's async queue, ${finalFailures(o, n)}`;
      // What the users of retrying callers saw in the end: calls that never got an answer, or an error.
      const c = f.clientCalls;
      const lost = c === undefined || c.gaveUp + c.failed === 0 ? '' : `; client calls failed for good ${n(c.gaveUp + c.failed)} of ${n(c.calls)} (${n(c.gaveUp)} gave up after every attempt was throttled, ${n(c.failed)} answered with an error)`;
      out.push(`${name}: ${throttled}${f.retries > 0 ? `, retries ${n(f.retries)}` : ''}${lost}`);
    }
    const initErrors = f.initErrors ?? 0;
    const initTimeouts = f.initTimeouts ?? 0;
    if (initErrors > 0 || initTimeouts > 0) {
      const what = [
        ...(initErrors > 0 ? [`INIT failed ${n(initErrors)} times (counted in errors)`] : []),
        ...(initTimeouts > 0 ? [`INIT ran past its limit ${n(initTimeouts)} times`] : []),
      ];
      out.push(`${name}: ${what.join(', ')}`);
    }
    if (f.outOfMemory > 0) {
      out.push(`${name}: out of memory ${n(f.outOfMemory)} times (Runtime.OutOfMemory, counted in errors); max memory used p99 ${f.memoryUsed.p99 ?? '-'} MB`);
    }
    const tail = tailText(f.stages, f.restores !== undefined);
    if (tail !== undefined) out.push(`${name}: ${tail}`);
    const pc = f.provisionedConcurrency;
    if (pc !== undefined && pc.configuredMax > 0) {
      out.push(
        `${name}: provisioned up to ${n(pc.configuredMax)}, ${n(pc.provisionedConcurrencyInvocations)} invocations on it, ` +
          `${n(pc.provisionedConcurrencySpilloverInvocations)} spilled over, utilization mean ${pct(pc.provisionedConcurrencyUtilization.mean)}`,
      );
    }
    if (f.async !== undefined) out.push(asyncLine(name, f.async));
  }
  out.push(...breakEvenLines(summary));
  out.push(...sourceLines(summary, sources));
  out.push(...pipelineLines(summary));
  for (const [name, a] of Object.entries(summary.aliases ?? {})) {
    out.push(aliasLine(name, a));
    // An alias's own async event queue (events sent to fn:alias), as a function's.
    if (a.async !== undefined) out.push(asyncLine(name, a.async));
  }
  out.push(...deploymentLines(summary));
  return out;
}

/** `thumbs async: received ..., queue depth max ..., event age p99 ...` of a function's or an alias's event queue. */
function asyncLine(name: string, a: NonNullable<AliasSummary['async']>): string {
  return (
    // async.dropped (AsyncEventsDropped) counts the events sent to the DLQ or onFailure too: said apart.
    `${name} async: received ${n(a.received)}, succeeded ${n(a.succeeded)}, failed finally ${n(a.dropped)}` +
    ` (${n(a.deadLettered)} to the DLQ, ${n(a.onFailureDeliveries)} to the onFailure destination, ${n(a.dropped - a.deadLettered - a.onFailureDeliveries)} dropped),` +
    ` queue depth max ${n(a.queueDepth.max)},` +
    ` event age p99 ${time(a.eventAge.p99)}` +
    backlogTrendWords(a.backlogTrend)
  );
}

/** `checkout:live: routed 1 108,439 (90.1%), 2 11,949 (9.9%); latency p50 60 ms, p99 260 ms; at the end 1 + 2 at 10%, provisioned 20`. */
function aliasLine(name: string, a: AliasSummary): string {
  const total = Object.values(a.routed).reduce((x, y) => x + y, 0);
  const routed = Object.entries(a.routed).map(([v, count]) => `${v} ${n(count)} (${pct(total > 0 ? count / total : 0)})`).join(', ');
  const r = a.routing;
  const now = r.secondary === null ? r.primary : `${r.primary} + ${r.secondary} at ${pct(r.weight)}`;
  const latency = a.latency.p99 === null ? '' : `; latency p50 ${time(a.latency.p50)}, p99 ${time(a.latency.p99)}`;
  return `${name}: routed ${routed}${a.throttles > 0 ? `, throttled ${n(a.throttles)}` : ''}${latency}; at the end ${now}${a.provisionedConcurrency > 0 ? `, provisioned ${n(a.provisionedConcurrency)}` : ''}`;
}
