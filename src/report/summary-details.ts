/**
 * The lines under the terminal table that answer "why": throttles by reason and retries, provisioned
 * concurrency use, async backlogs, queues and streams, pipelines of chained functions. Only what the scenario has is shown.
 */
import type { SourceReport } from './source-report.js';
import { SOURCE_REPORTS, summarySection } from './source-reports.js';
import type { Summary } from './summary-types.js';
import { groupThousands } from './text-table.js';
import { shortDuration as time } from './humanize.js';
import { throttleOutcome } from './throttle-outcome.js';
import { pipelineLines } from './pipeline-report.js';

const n = groupThousands;
const pct = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;

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
      // Async throttles are retried by Lambda's event queue: say so, and how many events were lost in the end.
      const throttled =
        f.throttles === 0 ? 'no throttles'
        : o.retriedAsync === 0 ? `throttled ${n(f.throttles)} (${reasons})`
        : `throttled attempts ${n(f.throttles)} (${reasons}), ${o.retriedAsync === f.throttles ? 'all' : n(o.retriedAsync)} retried by Lambda's async queue, ${n(o.eventsLost)} events finally lost`;
      out.push(`${name}: ${throttled}${f.retries > 0 ? `, retries ${n(f.retries)}` : ''}`);
    }
    const pc = f.provisionedConcurrency;
    if (pc !== undefined && pc.configuredMax > 0) {
      out.push(
        `${name}: provisioned up to ${n(pc.configuredMax)}, ${n(pc.provisionedConcurrencyInvocations)} invocations on it, ` +
          `${n(pc.provisionedConcurrencySpilloverInvocations)} spilled over, utilization mean ${pct(pc.provisionedConcurrencyUtilization.mean)}`,
      );
    }
    const a = f.async;
    if (a !== undefined) {
      out.push(
        `${name} async: received ${n(a.received)}, succeeded ${n(a.succeeded)}, dropped ${n(a.dropped)}` +
          ` (dead-lettered ${n(a.deadLettered)}, to onFailure ${n(a.onFailureDeliveries)}), queue depth max ${n(a.queueDepth.max)},` +
          ` event age p99 ${time(a.eventAge.p99)}`,
      );
    }
  }
  for (const report of sources) {
    for (const [name, entry] of Object.entries(summarySection(summary, report.section))) out.push(report.detail(name, entry));
  }
  out.push(...pipelineLines(summary));
  return out;
}
