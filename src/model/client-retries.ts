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
import { KeyedRng, seedFrom } from '../kernel/keyed-random.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { ModelContext } from './context.js';
import type { ClientCallCounts } from './client-calls.js';
import type { InvocationClient } from './function-model.js';
import type { ClientRetriesInput } from './input.js';

const RETRY = 1;

/**
 * The caller's token packs the request's key (from the function, at its first attempt), its runs so
 * far (attempts that ran and failed: they pick the next run's draws) and the attempt number
 * (1-based): key * 2^14 + runs * 2^7 + attempt. maxAttempts <= 100 keeps both counts under 2^7,
 * and keys stay far below 2^39, so the token is an exact integer.
 */
const FIELD = 128;
const KEY_UNIT = FIELD * FIELD;

export function retryToken(key: number, runs: number, attempt: number): number {
  return key * KEY_UNIT + runs * FIELD + attempt;
}

/**
 * What a retrying caller calls: a function, or a front door in front of one (an API Gateway route,
 * api-gateway.ts). `invoke` has FunctionModel.invoke's contract: false = throttled (retried), true =
 * under way (the client hears of its end); retries are counted on `stats`.
 */
export interface Invokable {
  newRequestKey(): number;
  invoke(firstAt: number, client: InvocationClient | null, token: number, forceError?: boolean, key?: number, run?: number): boolean;
  readonly stats: { retryStarted(): void; retryScheduled(waiting: boolean): void };
  /** Where the calls are counted as their users see them: the named function's or alias's own. */
  readonly clientCalls: ClientCallCounts;
}

export class RetryingCaller implements RequestSink, InvocationClient, EventHandler {
  /** A synchronous caller: its answers' wait before the final attempt is client-retry time. */
  readonly waitIsRetry = true;
  private readonly kernel: Kernel;
  /** Backoff jitter per (request, attempt): the same waits in every variant (common random numbers). */
  private readonly jitter: KeyedRng;

  /** @param workload  name of the workload that calls (names its random stream) */
  constructor(
    ctx: ModelContext,
    private readonly fn: Invokable,
    workload: string,
    private readonly config: ClientRetriesInput,
  ) {
    this.kernel = ctx.kernel;
    this.jitter = new KeyedRng(seedFrom(ctx.randoms.stream(`wl:${workload}:retry`)));
    // So summary.json has the calls block from the start, and an expect line on it checks before the run.
    fn.clientCalls.used = true;
  }

  arrive(): void {
    this.fn.clientCalls.called();
    this.attempt(this.kernel.now, retryToken(this.fn.newRequestKey(), 0, 1));
  }

  invocationEnded(firstAt: number, token: number, isError: boolean): boolean {
    // The attempt ran: the next one (if any) is the request's next run.
    if (isError && this.config.retryOnErrors && token % FIELD < this.config.maxAttempts) {
      this.scheduleRetry(firstAt, token + FIELD);
      return false;
    }
    if (isError) this.fn.clientCalls.answeredWithError(firstAt);
    return true;
  }

  handleEvent(_kind: number, firstAt: number, token: number): void {
    this.fn.stats.retryStarted();
    this.attempt(firstAt, token);
  }

  private attempt(firstAt: number, token: number): void {
    const key = Math.floor(token / KEY_UNIT);
    const runs = Math.floor(token / FIELD) % FIELD;
    const admitted = this.fn.invoke(firstAt, this, token, false, key, runs);
    if (admitted) return;
    if (token % FIELD < this.config.maxAttempts) this.scheduleRetry(firstAt, token);
    else this.fn.clientCalls.gaveUpOn(firstAt);
  }

  /** Schedule the attempt after the one `token` names, after the backoff that follows it. */
  private scheduleRetry(firstAt: number, token: number): void {
    this.fn.stats.retryScheduled(true);
    const attempt = token % FIELD;
    this.kernel.schedule(this.kernel.now + this.backoffUs(attempt, Math.floor(token / KEY_UNIT)), this, RETRY, firstAt, token + 1);
  }

  /** The wait (us) after failed attempt `attempt` (1-based) of request `key`. */
  backoffUs(attempt: number, key: number): number {
    const { base, cap, backoff, jitter } = this.config;
    const d = backoff === 'constant' ? base : Math.min(cap, base * 2 ** (attempt - 1));
    if (jitter === 'full') return Math.round(this.jitter.at(key, attempt, 0).next() * d);
    if (jitter === 'equal') return Math.round(d / 2 + (this.jitter.at(key, attempt, 0).next() * d) / 2);
    return Math.round(d);
  }
}
