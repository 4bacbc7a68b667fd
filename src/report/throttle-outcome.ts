/**
 * What throttles meant in the end. For asynchronous invocation Lambda keeps a throttled event in
 * its queue and retries it (up to maximumEventAge), so a throttle there is a delayed attempt, not
 * a lost request: 361,236 throttles with 0 events dropped is a backlog, not an outage. Reports say
 * how many throttled attempts were retried that way and how many events were finally lost, and
 * only the latter (or a sync throttle, which the caller receives as a 429) counts as bad.
 */
import type { FunctionSummary, Summary } from './summary-types.js';

/** Throttles of one function or of all, split by what became of them. */
export interface ThrottleOutcome {
  /** CloudWatch Throttles: every throttled attempt. */
  throttles: number;
  /** Throttled async attempts that Lambda put back in the event queue (AsyncEvents throttle retries). */
  retriedAsync: number;
  /** Throttled attempts not retried by Lambda's async queue (sync 429s and the like). */
  other: number;
  /** Async events finally dropped (AsyncEventsDropped: retries exhausted, event too old), 0 without async. */
  eventsLost: number;
}

/** One function's throttles by outcome. */
export function throttleOutcome(f: FunctionSummary): ThrottleOutcome {
  const retriedAsync = f.async === undefined ? 0 : Math.min(f.throttles, f.async.throttleRetries);
  return { throttles: f.throttles, retriedAsync, other: f.throttles - retriedAsync, eventsLost: f.async?.dropped ?? 0 };
}

/** All functions' throttles by outcome. */
export function totalThrottleOutcome(summary: Summary): ThrottleOutcome {
  const out: ThrottleOutcome = { throttles: 0, retriedAsync: 0, other: 0, eventsLost: 0 };
  for (const f of Object.values(summary.functions)) {
    const o = throttleOutcome(f);
    out.throttles += o.throttles;
    out.retriedAsync += o.retriedAsync;
    out.other += o.other;
    out.eventsLost += o.eventsLost;
  }
  return out;
}

/** True when something was finally refused or lost (a sync throttle, a dropped async event). */
export function throttlesLostWork(o: ThrottleOutcome): boolean {
  return o.other > 0 || o.eventsLost > 0;
}
