/**
 * What throttles meant in the end. For asynchronous invocation Lambda keeps a throttled event in
 * its queue and retries it (up to maximumEventAge), so a throttle there is a delayed attempt, not
 * a lost request: 361,236 throttles with 0 events dropped is a backlog, not an outage. Reports say
 * how many throttled attempts were retried that way and how many events failed finally: those sent
 * to the dead-letter queue or on-failure destination (kept there, not lost) and those dropped with
 * no record; only those (or a sync throttle, which the caller receives as a 429) count as bad.
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
  /** Async events that failed finally and went to the dead-letter queue or the on-failure destination. */
  eventsToDestination: number;
  /** Async events that failed finally with nowhere to go (AsyncEventsDropped less the above), 0 without async. */
  eventsLost: number;
}

/** One function's throttles by outcome. */
export function throttleOutcome(f: FunctionSummary): ThrottleOutcome {
  const a = f.async;
  const retriedAsync = a === undefined ? 0 : Math.min(f.throttles, a.throttleRetries);
  // AsyncEventsDropped counts the events sent to a DLQ or on-failure destination too (summary-types.ts).
  const eventsToDestination = a === undefined ? 0 : a.deadLettered + a.onFailureDeliveries;
  return { throttles: f.throttles, retriedAsync, other: f.throttles - retriedAsync, eventsToDestination, eventsLost: (a?.dropped ?? 0) - eventsToDestination };
}

/** All functions' throttles by outcome. */
export function totalThrottleOutcome(summary: Summary): ThrottleOutcome {
  const out: ThrottleOutcome = { throttles: 0, retriedAsync: 0, other: 0, eventsToDestination: 0, eventsLost: 0 };
  for (const f of Object.values(summary.functions)) {
    const o = throttleOutcome(f);
    out.throttles += o.throttles;
    out.retriedAsync += o.retriedAsync;
    out.other += o.other;
    out.eventsToDestination += o.eventsToDestination;
    out.eventsLost += o.eventsLost;
  }
  return out;
}

/** "failed finally: N to the DLQ/on-failure destination, M dropped", with `n` formatting counts. */
export function finalFailures(o: ThrottleOutcome, n: (count: number) => string): string {
  return `failed finally: ${n(o.eventsToDestination)} to the DLQ/on-failure destination, ${n(o.eventsLost)} dropped`;
}

/** True when something was finally refused or failed (a sync throttle, an async event dead-lettered or dropped). */
export function throttlesLostWork(o: ThrottleOutcome): boolean {
  return o.other > 0 || o.eventsToDestination > 0 || o.eventsLost > 0;
}
