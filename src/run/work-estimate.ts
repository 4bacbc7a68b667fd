/**
 * How much work a scenario is, before it runs: the expected number of arrivals (requests sent to
 * functions, messages sent to queues, records put on streams) from each arrival spec, and the
 * kernel events they cost. `sim run` refuses a run above a limit (docs/limits.md) instead of running
 * for days; the what-if engine can balance points by the same figure.
 *
 * Pure and cheap: no random draws, no simulation. An expectation, not a bound: Poisson counts
 * vary around their mean, and retries (client retries, async retries, redrives, batch retries)
 * add work the arrival specs do not show.
 */
import { US_PER_MINUTE, US_PER_SECOND } from '../kernel/time.js';
import type { ArrivalSpec } from '../workload/arrival-spec.js';
import { parseScheduleExpression } from '../workload/schedule-expression.js';

/** The parts of a scenario the estimate reads (a {@link Scenario} is one). */
export interface WorkInput {
  duration: number;
  workloads: readonly { name: string; start: number; end: number; arrivals: ArrivalSpec }[];
  producers?: readonly { name: string; start: number; end: number; arrivals: ArrivalSpec }[];
}

/** The estimate of {@link estimateWork}. */
export interface WorkEstimate {
  /** Expected requests to functions plus messages and records sent to event sources. */
  invocations: number;
  /** Expected kernel events ({@link EVENTS_PER_ARRIVAL} per arrival). */
  events: number;
  /** The workload (or producer) that sends the most, and its expected arrivals. */
  largest: { name: string; arrivals: number } | null;
}

/**
 * Kernel events per arrival, measured on the example scenarios (scenarios/): 2.0 for most (the
 * arrival and the invocation's end), 1.1 for stream records handed over in batches, 2.9 for a FIFO
 * queue, 5.4 for async events retried after throttles (async-thumbnails). The typical value.
 */
export const EVENTS_PER_ARRIVAL = 2;

/** A cron schedule is followed this many firings; a longer run is extrapolated from their rate. */
const CRON_SAMPLE_FIRINGS = 10_000;

/** Expected arrivals of `spec` inside the window [start, end) (us). */
export function expectedArrivals(spec: ArrivalSpec, start: number, end: number): number {
  const window = Math.max(0, end - start);
  switch (spec.process) {
    case 'constant':
      return window === 0 ? 0 : Math.ceil((window / US_PER_SECOND) * spec.rate);
    case 'poisson': {
      // The diurnal factor averages 1 over a period; a ramp is linear from rate to `to`, then `to`.
      const ramp = spec.ramp === undefined ? 0 : Math.min(spec.ramp.over, window);
      const rampEndRate = spec.ramp === undefined ? spec.rate : spec.rate + ((spec.ramp.to - spec.rate) * ramp) / spec.ramp.over;
      const after = spec.ramp === undefined ? spec.rate : spec.ramp.to;
      return ((ramp / US_PER_SECOND) * (spec.rate + rampEndRate)) / 2 + ((window - ramp) / US_PER_SECOND) * after;
    }
    case 'burst':
      return spec.at >= start && spec.at < end ? spec.count : 0;
    case 'schedule':
      return scheduleFirings(spec.expression, spec.startTime, start, end);
    case 'trace': {
      // The trace plays from `offset` at the workload's start: the units inside the window count.
      let raw = 0;
      if (spec.format === 'per-minute-counts') {
        const first = Math.floor(spec.offset / US_PER_MINUTE);
        const last = Math.ceil((spec.offset + window) / US_PER_MINUTE);
        for (let m = first; m < Math.min(last, spec.counts.length); m++) raw += spec.counts[m];
      } else {
        for (const t of spec.times) if (t >= spec.offset && t - spec.offset < window) raw++;
      }
      return raw * spec.scale;
    }
  }
}

/** Firings of an EventBridge schedule in [start, end); a long cron run is extrapolated from its first firings. */
function scheduleFirings(expression: string, startTimeMs: number, start: number, end: number): number {
  if (end <= start) return 0;
  const schedule = parseScheduleExpression(expression);
  if (schedule.kind === 'rate') return Math.ceil((end - start) / (schedule.periodMs * 1000));
  const fromMs = startTimeMs + start / 1000;
  const limitMs = startTimeMs + end / 1000;
  let at = fromMs;
  for (let n = 0; n < CRON_SAMPLE_FIRINGS; n++) {
    const next = schedule.cron.nextAtOrAfter(at, limitMs);
    if (next === Infinity || next >= limitMs) return n;
    at = next + 1;
  }
  return CRON_SAMPLE_FIRINGS * ((limitMs - fromMs) / (at - fromMs));
}

/** The work of a scenario: expected arrivals over every workload and producer, and their kernel events. */
export function estimateWork(scenario: WorkInput): WorkEstimate {
  let invocations = 0;
  let largest: WorkEstimate['largest'] = null;
  for (const w of [...scenario.workloads, ...(scenario.producers ?? [])]) {
    const n = expectedArrivals(w.arrivals, w.start, Math.min(w.end, scenario.duration));
    invocations += n;
    if (largest === null || n > largest.arrivals) largest = { name: w.name, arrivals: n };
  }
  return { invocations, events: invocations * EVENTS_PER_ARRIVAL, largest };
}
