/** `schedule` arrivals: one request per firing of an EventBridge schedule. */
import type { ArrivalTimes } from './arrival-times.js';
import type { Schedule } from './schedule-expression.js';
import { US_PER_MS } from '../kernel/time.js';

/**
 * Firings inside [start, end). Simulated time 0 is the UTC instant `startTimeMs` (ms since the
 * epoch), so `cron(0 2 * * ? *)` fires at simulated times that are 02:00 UTC.
 *
 * A `rate(N unit)` fires at start, start + period, ...: EventBridge starts a rate schedule when the
 * rule is created (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html),
 * and we take the workload's start as that moment, firing at once. Firings are exact: EventBridge's
 * own delivery delay is not modelled.
 */
export class ScheduleTimes implements ArrivalTimes {
  /** Earliest time (us) the next firing may have. */
  private cursor: number;
  private k = 0;
  private readonly limitMs: number;

  constructor(
    private readonly schedule: Schedule,
    private readonly startTimeMs: number,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.cursor = start;
    this.limitMs = startTimeMs + end / US_PER_MS;
  }

  next(): number {
    if (this.schedule.kind === 'rate') {
      const t = this.start + this.k++ * this.schedule.periodMs * US_PER_MS;
      return t < this.end ? t : Infinity;
    }
    const fromMs = this.startTimeMs + this.cursor / US_PER_MS;
    const atMs = this.schedule.cron.nextAtOrAfter(fromMs, this.limitMs);
    if (atMs === Infinity) return Infinity;
    const t = Math.round((atMs - this.startTimeMs) * US_PER_MS);
    this.cursor = t + 1;
    return t < this.end ? t : Infinity;
  }
}
