/**
 * A token bucket with continuous refill in exact integer arithmetic: API Gateway's throttle
 * ("API Gateway throttles requests to your API using the token bucket algorithm, where a token
 * counts for a request", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html).
 *
 * The level is kept in micro-tokens (1 token = 10^6), so a rate of r requests per second refills
 * exactly r micro-tokens per microsecond: no rounding, and admission counts follow from the
 * arithmetic (constant arrivals above the rate admit exactly floor(burst + rate x t) by time t).
 * The bucket starts full. scaling.ts has the float bucket of Lambda's scaling rate; this one is
 * integer because its counts are checked exactly.
 */

/** Micro-tokens per token. */
const UNIT = 1_000_000;

export class RateBucket {
  private level: number;
  private last = 0;
  private readonly capacity: number;

  /**
   * @param rate   steady requests per second (a whole number >= 1)
   * @param burst  bucket size in requests (a whole number >= 1)
   */
  constructor(
    readonly rate: number,
    readonly burst: number,
  ) {
    if (!(Number.isInteger(rate) && rate >= 1 && Number.isInteger(burst) && burst >= 1)) {
      throw new RangeError(`a throttle needs whole numbers >= 1, got rate ${rate}/s and burst ${burst}`);
    }
    this.capacity = burst * UNIT;
    if (!Number.isSafeInteger(this.capacity)) throw new RangeError(`throttle burst ${burst} is too large`);
    this.level = this.capacity;
  }

  /** Refill up to `now` (us, never earlier than the last call). */
  private refill(now: number): void {
    const dt = now - this.last;
    if (dt <= 0) return;
    this.last = now;
    const room = this.capacity - this.level;
    // dt * rate can pass 2^53 after a long idle gap: compare through the division first.
    this.level = dt >= Math.ceil(room / this.rate) ? this.capacity : this.level + dt * this.rate;
  }

  /** Whether a token is there at `now` (refills first, takes nothing). */
  hasToken(now: number): boolean {
    this.refill(now);
    return this.level >= UNIT;
  }

  /** Take the token {@link hasToken} found. */
  take(): void {
    this.level -= UNIT;
  }

  /**
   * Take a token at `now` even when none is there: the level goes below zero, so later calls queue
   * behind this one. Returns the us until this token exists (0 when it was there): the wait of a
   * caller whose SDK retries until it is admitted (a downstream table, dependency-table.ts).
   */
  reserve(now: number): number {
    this.refill(now);
    this.level -= UNIT;
    return this.level >= 0 ? 0 : Math.ceil(-this.level / this.rate);
  }

  /** Tokens at `now` (fractional; for tests). */
  tokens(now: number): number {
    this.refill(now);
    return this.level / UNIT;
  }
}
