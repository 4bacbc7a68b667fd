/**
 * The sentences every human-readable report shares about what its numbers cover: the measured
 * period (after a warm-up), what the latency columns measure, and a warning when the throttles are
 * an artefact of the cold start of the run rather than of the steady state.
 */
import type { FunctionSummary, Summary } from './summary-types.js';
import { groupThousands, humanDuration } from './text-table.js';

/** "simulated 1h" or "simulated 1h, measured from 2m (warm-up excluded)". */
export function periodText(summary: Summary): string {
  const simulated = `simulated ${humanDuration(summary.simulatedMs)}`;
  return summary.warmupMs === undefined ? simulated : `${simulated}, measured from ${humanDuration(summary.warmupMs)} (warm-up excluded)`;
}

/** The period costs and counts cover, for sentences such as "the measured 58m". */
export function coveredText(summary: Summary): string {
  return summary.measuredMs === undefined ? `simulated ${humanDuration(summary.simulatedMs)}` : `measured ${humanDuration(summary.measuredMs)}`;
}

/** What the p50 / p99 columns are, and where the stages are. */
export const LATENCY_CAPTION =
  "p50, p99: end-to-end latency, from the event's arrival to the final answer = wait + INIT (cold starts) + duration " +
  '(each stage is in summary.json: wait, initDuration, duration)';

/**
 * A warning when more than half of a function's throttles fell in the first seconds of the measured
 * period: at a cold start of the whole account every environment is created at full load, so
 * those throttles say little about the steady state. Undefined otherwise.
 */
export function earlyThrottleText(name: string, f: FunctionSummary, summary: Summary): string | undefined {
  const early = f.earlyThrottles;
  if (early === undefined || f.throttles === 0 || early.count * 2 <= f.throttles) return undefined;
  const share = early.count === f.throttles ? 'all' : `${groupThousands(early.count)} of`;
  const where = summary.warmupMs === undefined ? 'of the run' : 'after the warm-up';
  return (
    `${name}: ${share} ${groupThousands(f.throttles)} throttles happened in the first ${humanDuration(early.withinMs)} ${where}, ` +
    'while environments were being created at full load; to measure the steady state add `warmup:` (e.g. warmup: 2m) ' +
    'or start warm with `prewarm: auto`'
  );
}
