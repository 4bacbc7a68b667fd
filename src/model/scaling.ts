/**
 * The scaling rate: how fast a function may add execution environments. Both of AWS's rules are
 * token buckets (lambda-behavior.md section 4); a new environment takes one token, a warm reuse none.
 *
 * - per-function (since 2023-11-27): each function has its own bucket of 1,000 tokens refilled
 *   continuously at 100 per second, never above 1,000 ("1,000 execution environments every 10 seconds",
 *   https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html).
 * - regional-burst (before): one bucket for the whole Region, holding the burst quota (3,000 in
 *   us-east-1, us-west-2, eu-west-1; 1,000 in ap-northeast-1, eu-central-1, us-east-2; 500 elsewhere),
 *   refilled at 500 per minute (GH22 invocation-scaling.md; the AWS forum's token-bucket reading).
 */
import { US_PER_MINUTE, US_PER_SECOND } from '../kernel/time.js';
import type { ScalingRule } from './input.js';

/** A token bucket refilled continuously; time in us. Refill is computed lazily on each take. */
export class TokenBucket {
  private tokens: number;
  private last = 0;

  /**
   * @param capacity  tokens when full (the bucket starts full)
   * @param perUs     refill rate, tokens per microsecond
   */
  constructor(
    readonly capacity: number,
    private readonly perUs: number,
  ) {
    this.tokens = capacity;
  }

  /** Take one token at `now` if there is one. */
  tryTake(now: number): boolean {
    if (now > this.last) {
      const t = this.tokens + (now - this.last) * this.perUs;
      this.tokens = t < this.capacity ? t : this.capacity;
      this.last = now;
    }
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Tokens available at `now` (for tests and reports). */
  available(now: number): number {
    return Math.min(this.capacity, this.tokens + Math.max(0, now - this.last) * this.perUs);
  }
}

/** Per-function rule: 1,000 environments, refilled at 100 per second (section 4.2). */
export const PER_FUNCTION_BURST = 1000;
export const PER_FUNCTION_REFILL_PER_SECOND = 100;

/** Regional-burst rule: refill of 500 environments per minute after the burst (section 4.1). */
export const REGIONAL_REFILL_PER_MINUTE = 500;

const BURST_3000 = ['us-east-1', 'us-west-2', 'eu-west-1'];
const BURST_1000 = ['ap-northeast-1', 'eu-central-1', 'us-east-2'];

/** The old rule's Regional burst quota (section 4.1). */
export function regionalBurst(region: string): number {
  if (BURST_3000.includes(region)) return 3000;
  if (BURST_1000.includes(region)) return 1000;
  return 500;
}

/** Hands each function the bucket it draws new environments from. */
export class ScalingBuckets {
  private readonly shared: TokenBucket | null;

  constructor(rule: ScalingRule, region: string) {
    this.shared =
      rule === 'regional-burst' ? new TokenBucket(regionalBurst(region), REGIONAL_REFILL_PER_MINUTE / US_PER_MINUTE) : null;
  }

  /** The bucket for one function: its own (per-function) or the Region's (regional-burst). */
  forFunction(): TokenBucket {
    return this.shared ?? new TokenBucket(PER_FUNCTION_BURST, PER_FUNCTION_REFILL_PER_SECOND / US_PER_SECOND);
  }
}
