/**
 * An API Gateway API (one stage) in front of Lambda functions: the front door of a synchronous
 * workload (`via:`). What it does to a request, in order (docs/front-doors.md):
 *
 * 1. Throttle: a token from the stage's bucket (if it has one) and from the account's bucket, shared
 *    by every API of the account in the Region; without both the client gets 429 and Lambda never
 *    sees the request (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html).
 *    A request refused by one bucket takes no token from the other (a project choice: AWS does not say).
 * 2. Invoke the route's function synchronously. API Gateway never retries a Lambda invocation; a
 *    Lambda throttle (or any refused invocation) is a 500 at once, a function error a 502
 *    (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html).
 * 3. The integration timeout: an invocation not answered `integrationTimeout` after the request
 *    reached the integration is a 504 to the client at that instant, while the invocation runs to its
 *    own end and is billed in full. An answer at exactly the timeout is too late.
 *
 * To its client (a plain workload or a RetryingCaller) a 429 is a throttle (invoke returns false, a
 * retrying client retries it); 500, 502 and 504 are errors (retried only with retryOnErrors).
 *
 * Requests under way live in slots of parallel arrays reused through a free list; their deadlines
 * are in forwarding order (one timeout for the API), so one timer event serves them all. Memory
 * grows with the requests under way, never with the requests handled.
 */
import type { ClientCallCounts } from './client-calls.js';
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import { Histogram } from '../metrics/histogram.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { Invokable } from './client-retries.js';
import type { ModelContext } from './context.js';
import { Deque } from './esm-deque.js';
import type { InvocationClient } from './function-model.js';
import type { InvokeTarget } from './invoke-target.js';
import type { ApiGatewayInput } from './input.js';
import type { RateBucket } from './rate-bucket.js';
import type { ApiGatewayResults } from './results.js';

/** A slot's state. */
const FREE = 0;
/** Forwarded; neither answered nor timed out. */
const PENDING = 1;
/** The client has its answer; the slot waits for the timer queue to pass it. */
const ANSWERED = 2;
/** 504 sent; the slot waits for the invocation's end. */
const TIMED_OUT = 3;

const TIMER = 1;

export class ApiGateway implements InvocationClient, EventHandler {
  requests = 0;
  throttles = 0;
  timeouts = 0;
  lambdaThrottles = 0;
  functionErrors = 0;
  successes = 0;
  /** Forwarded and not answered. */
  pending = 0;
  readonly latency = new Histogram();
  private pendingAtStart: number | undefined;

  private readonly kernel: Kernel;
  private readonly timeout: number;
  // Per-request slots.
  private state: number[] = [];
  private sentAt: number[] = [];
  private firstAt: number[] = [];
  private token: number[] = [];
  private client: (InvocationClient | null)[] = [];
  private readonly freeSlots: number[] = [];
  /** Slots in forwarding order, so in deadline order. */
  private readonly deadlines = new Deque(1);
  private timerArmed = false;

  /**
   * @param stage    the stage's own bucket, null for none
   * @param account  the account's bucket (shared by every API), null for none
   */
  constructor(
    ctx: ModelContext,
    readonly name: string,
    readonly config: ApiGatewayInput,
    private readonly stage: RateBucket | null,
    private readonly account: RateBucket | null,
  ) {
    this.kernel = ctx.kernel;
    this.timeout = config.integrationTimeout;
  }

  /** The route of this API to `fn`: what a workload's arrivals (or its retrying caller) call. */
  route(fn: InvokeTarget): ApiRoute {
    return new ApiRoute(this, fn, this.kernel);
  }

  /** A request for `fn` arrives now (see the file comment); false = 429. */
  forward(fn: InvokeTarget, firstAt: number, client: InvocationClient | null, token: number, forceError: boolean, key: number, run: number): boolean {
    const now = this.kernel.now;
    this.requests++;
    const stage = this.stage;
    const account = this.account;
    if ((stage !== null && !stage.hasToken(now)) || (account !== null && !account.hasToken(now))) {
      this.throttles++;
      return false;
    }
    stage?.take();
    account?.take();
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.state.length;
    this.state[slot] = PENDING;
    this.sentAt[slot] = now;
    this.firstAt[slot] = firstAt;
    this.token[slot] = token;
    this.client[slot] = client;
    if (!fn.invoke(firstAt, this, slot, forceError, key, run)) {
      // Lambda refused it: API Gateway answers 500 at once (an error to the client, not a 429).
      this.lambdaThrottles++;
      this.latency.record(0);
      this.free(slot);
      if (client !== null) client.invocationEnded(firstAt, token, true);
      return true;
    }
    this.pending++;
    this.deadlines.pushBack(slot);
    if (!this.timerArmed) {
      this.timerArmed = true;
      this.kernel.schedule(now + this.timeout, this, TIMER);
    }
    return true;
  }

  /** The function's invocation for `slot` ended now. */
  invocationEnded(_firstAt: number, slot: number, isError: boolean): boolean {
    if (this.state[slot] === TIMED_OUT) {
      // The client had its 504; nobody hears this answer.
      this.free(slot);
      return false;
    }
    const elapsed = this.kernel.now - this.sentAt[slot];
    if (elapsed >= this.timeout) {
      // Due at this very instant, before the timer event of this instant ran.
      this.state[slot] = ANSWERED;
      this.timeOut(slot);
      return false;
    }
    this.state[slot] = ANSWERED;
    this.pending--;
    if (isError) this.functionErrors++;
    else this.successes++;
    this.latency.record(elapsed);
    return this.answer(slot, isError);
  }

  /** The earliest deadlines have come: 504 for those still pending; free the answered ones passed. */
  handleEvent(): void {
    const now = this.kernel.now;
    const queue = this.deadlines;
    while (queue.size > 0) {
      const slot = queue.get(0, 0);
      if (this.state[slot] === PENDING) {
        if (this.sentAt[slot] + this.timeout > now) break;
        queue.popFront();
        this.state[slot] = TIMED_OUT;
        this.timeOut(slot);
      } else {
        queue.popFront();
        this.free(slot);
      }
    }
    if (queue.size > 0) this.kernel.schedule(this.sentAt[queue.get(0, 0)] + this.timeout, this, TIMER);
    else this.timerArmed = false;
  }

  /** Answer 504 for `slot` now. */
  private timeOut(slot: number): void {
    this.pending--;
    this.timeouts++;
    this.latency.record(this.timeout);
    this.answer(slot, true);
  }

  /** Tell the slot's client; true when that was its final answer (no client: always). */
  private answer(slot: number, isError: boolean): boolean {
    const client = this.client[slot];
    this.client[slot] = null;
    return client === null || client.invocationEnded(this.firstAt[slot], this.token[slot], isError);
  }

  private free(slot: number): void {
    this.state[slot] = FREE;
    this.client[slot] = null;
    this.freeSlots.push(slot);
  }

  /** The warm-up ends now: counts restart, the requests under way are the `pendingAtStart` stock. */
  warmupEnded(): void {
    this.pendingAtStart = this.pending;
    this.requests = this.throttles = this.timeouts = this.lambdaThrottles = this.functionErrors = this.successes = 0;
    this.latency.reset();
  }

  results(cost: number, costPerMonth: number | undefined): ApiGatewayResults {
    return {
      name: this.name,
      type: this.config.type,
      requests: this.requests,
      throttles: this.throttles,
      timeouts: this.timeouts,
      lambdaThrottles: this.lambdaThrottles,
      functionErrors: this.functionErrors,
      successes: this.successes,
      pendingAtEnd: this.pending,
      ...(this.pendingAtStart !== undefined ? { pendingAtStart: this.pendingAtStart } : {}),
      latency: this.latency,
      integrationTimeoutUs: this.timeout,
      cost,
      ...(costPerMonth !== undefined ? { costPerMonth } : {}),
    };
  }
}

/** One route of an API to one function: a request sink for plain workloads, an Invokable for retrying callers. */
export class ApiRoute implements Invokable, RequestSink {
  constructor(
    private readonly api: ApiGateway,
    private readonly fn: InvokeTarget,
    private readonly kernel: Kernel,
  ) {}

  /** A retrying caller's calls are its target's, as without a front door. */
  get clientCalls(): ClientCallCounts {
    return this.fn.clientCalls;
  }

  /** Retries are counted on the function, as without a front door. */
  get stats(): Invokable['stats'] {
    return this.fn.stats;
  }

  newRequestKey(): number {
    return this.fn.newRequestKey();
  }

  invoke(firstAt: number, client: InvocationClient | null, token: number, forceError = false, key = -1, run = 0): boolean {
    return this.api.forward(this.fn, firstAt, client, token, forceError, key, run);
  }

  arrive(): void {
    this.api.forward(this.fn, this.kernel.now, null, 0, false, -1, 0);
  }
}
