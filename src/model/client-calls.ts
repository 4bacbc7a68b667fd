/**
 * The calls of callers with client retries (clientRetries), as their users see them: calls made,
 * calls whose every attempt was throttled (the caller gave up, no answer), calls answered with an
 * error after their retries. Kept by the target the callers name (a function or an alias), so calls
 * routed to different versions over a run are counted in one place.
 */
export class ClientCallCounts {
  /** A caller with client retries names this target: its counts are reported, even none. */
  used = false;
  calls = 0;
  gaveUp = 0;
  failed = 0;
  /** Start of the measured period: a call made before it counts in none of the three. */
  private from = 0;

  called(): void {
    this.calls++;
  }

  /** The call first made at `firstAt` got no answer: its last attempt was throttled. */
  gaveUpOn(firstAt: number): void {
    if (firstAt >= this.from) this.gaveUp++;
  }

  /** The call first made at `firstAt` was answered with an error. */
  answeredWithError(firstAt: number): void {
    if (firstAt >= this.from) this.failed++;
  }

  /** The warm-up ended now: count again from zero, calls made from now on only. */
  restart(now: number): void {
    this.calls = this.gaveUp = this.failed = 0;
    this.from = now;
  }

  /** The counts for the report; undefined when no retrying caller names the target. */
  results(): { calls: number; gaveUp: number; failed: number } | undefined {
    return this.used ? { calls: this.calls, gaveUp: this.gaveUp, failed: this.failed } : undefined;
  }
}
