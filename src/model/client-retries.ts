/**
 * A synchronous caller that retries by itself (`clientRetries`), as AWS SDKs do: throttles (429) are
 * retried, function errors only when asked, up to `maxAttempts` attempts in all, after a backoff of
 * `base` (constant) or `min(cap, base x 2^(n-1))` before attempt n+1 (exponential), with jitter
 * none, full (uniform in [0, d]) or equal (d/2 + uniform in [0, d/2]) — the schemes of the AWS
 * Architecture Blog "Exponential Backoff And Jitter" (2015).
 *
 * This is how retry storms show up: every retry is another request that can be throttled again.
 * Latency counts from the first attempt to the final answer.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { Rng } from '../kernel/random.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { ModelContext } from './context.js';
import type { FunctionModel, InvocationClient } from './function-model.js';
import type { ClientRetriesInput } from './input.js';

const RETRY = 1;

/** The caller's token for an invocation is its attempt number (1-based). */
export class RetryingCaller implements RequestSink, InvocationClient, EventHandler {
  private readonly kernel: Kernel;
  private readonly rng: Rng;

  /** @param workload  name of the workload that calls (names its random stream) */
  constructor(
    ctx: ModelContext,
    private readonly fn: FunctionModel,
    workload: string,
    private readonly config: ClientRetriesInput,
  ) {
    this.kernel = ctx.kernel;
    this.rng = ctx.randoms.stream(`wl:${workload}:retry`);
  }

  arrive(): void {
    this.attempt(this.kernel.now, 1);
  }

  invocationEnded(firstAt: number, attempt: number, isError: boolean): boolean {
    if (isError && this.config.retryOnErrors && attempt < this.config.maxAttempts) {
      this.scheduleRetry(firstAt, attempt);
      return false;
    }
    return true;
  }

  handleEvent(_kind: number, firstAt: number, attempt: number): void {
    this.fn.stats.retryStarted();
    this.attempt(firstAt, attempt);
  }

  private attempt(firstAt: number, attempt: number): void {
    const admitted = this.fn.invoke(firstAt, this, attempt);
    if (!admitted && attempt < this.config.maxAttempts) this.scheduleRetry(firstAt, attempt);
  }

  /** Schedule attempt `attempt + 1` after the backoff that follows attempt `attempt`. */
  private scheduleRetry(firstAt: number, attempt: number): void {
    this.fn.stats.retryScheduled(true);
    this.kernel.schedule(this.kernel.now + this.backoffUs(attempt), this, RETRY, firstAt, attempt + 1);
  }

  /** The wait (us) after failed attempt `attempt` (1-based). */
  backoffUs(attempt: number): number {
    const { base, cap, backoff, jitter } = this.config;
    const d = backoff === 'constant' ? base : Math.min(cap, base * 2 ** (attempt - 1));
    if (jitter === 'full') return Math.round(this.rng.next() * d);
    if (jitter === 'equal') return Math.round(d / 2 + (this.rng.next() * d) / 2);
    return Math.round(d);
  }
}
