/**
 * The `pipelines` section of summary.json: per chain end (a function reached through async
 * destinations that sends no success onward, src/model/chain.ts), the latency of its pipeline from
 * the first function's acceptance of the original event to the chain end's successful end.
 */
import type { Results } from '../model/results.js';
import { shortDistribution } from './histogram-summary.js';
import { shortDuration as time } from './humanize.js';
import type { ShortDistributionSummary, Summary } from './summary-types.js';
import { groupThousands } from './text-table.js';

/** `{pipelines: {<chain end>: {samples, mean, p50, p99, max}}}`, or nothing when no function ends a chain. */
export function summarizePipelines(results: Results): { pipelines?: Record<string, ShortDistributionSummary> } {
  const out: Record<string, ShortDistributionSummary> = Object.create(null);
  let any = false;
  for (const f of results.functions) {
    const h = f.async?.pipeline;
    if (h === undefined) continue;
    out[f.name] = shortDistribution(h, `pipelines.${f.name}`);
    any = true;
  }
  return any ? { pipelines: out } : {};
}

/** summary.txt / summary.md: one line per chain end, e.g. `pipeline to notify: 34,772 events, p50 310 ms, p99 1.02 min, max 3.03 min`. */
export function pipelineLines(summary: Summary): string[] {
  return Object.entries(summary.pipelines ?? {}).map(
    ([end, p]) => `pipeline to ${end}: ${groupThousands(p.samples)} events, p50 ${time(p.p50)}, p99 ${time(p.p99)}, max ${time(p.max)} (from the first function's event)`,
  );
}
