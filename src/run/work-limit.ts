/**
 * The refusal of a run that would take hours or days (issue #20, group 5): the expected work
 * (work-estimate.ts) is compared with a limit before anything runs, and a run above it stops with
 * one line that gives the estimate and the option that raises the limit (docs/limits.md).
 */
import { estimateWork, type WorkInput } from './work-estimate.js';
import { WorkLimitError } from './work-limit-error.js';

export { WorkLimitError } from './work-limit-error.js';

/**
 * Default limit on expected invocations (requests, messages and records): 1e9 takes about 15
 * minutes at the ~1.1 million arrivals a second the largest example runs at (checkout-peak-hour:
 * 20 M requests in 18 s on one core), and is 50 times the largest example scenario.
 */
export const DEFAULT_MAX_INVOCATIONS = 1e9;

/** Arrivals simulated per second of wall clock, measured on checkout-peak-hour (for the time in the message). */
const ARRIVALS_PER_SECOND = 1.1e6;

/** 4.3e9 -> "4.3e9", 12000 -> "12000": short and exact enough for a refusal line. */
function count(n: number): string {
  return n < 1e6 ? String(Math.round(n)) : n.toExponential(1).replace('e+', 'e');
}

/** A wall-clock span in words: "15 minutes", "3.2 hours", "41 days". */
function span(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} minutes`;
  if (seconds < 86400 * 2) return `${(seconds / 3600).toFixed(1)} hours`;
  return `${count(seconds / 86400)} days`;
}

/**
 * Refuse `scenario` when its expected invocations are above `limit`.
 *
 * @param option  the option that raises the limit, named in the message (`--max-invocations`)
 * @throws WorkLimitError whose message is the one line to print
 */
export function checkWorkLimit(scenario: WorkInput, limit: number, option = '--max-invocations'): void {
  const work = estimateWork(scenario);
  if (!(work.invocations > limit)) return;
  const largest = work.largest === null ? '' : ` (workload "${work.largest.name}": ${count(work.largest.arrivals)})`;
  const error = new WorkLimitError(work.invocations, limit);
  error.message =
    `this run would take about ${span(work.invocations / ARRIVALS_PER_SECOND)}: ${count(work.invocations)} expected invocations${largest}, ` +
    `above the limit of ${count(limit)}; shorten the duration or lower the rate, or raise the limit with ${option} ${count(Math.ceil(work.invocations * 1.01))}`;
  throw error;
}
