/**
 * A CloudFront distribution with Lambda@Edge triggers (docs/edge-and-break-even.md). Each viewer
 * request, in order:
 *
 * 1. comes from an edge Region (drawn by the Regions' shares) and is a cache hit or a miss (drawn
 *    with the hit ratio); both draws come from streams of their own, one uniform per request in
 *    arrival order, so request n is a hit at 0.6 whenever it is one at 0.9 (common random numbers);
 * 2. viewer-request trigger; on a miss: origin-request trigger, the origin fetch (`originLatency`),
 *    origin-response trigger; then viewer-response trigger. Each trigger is one synchronous
 *    invocation of its function's instance in the request's Region (`fn@region`, its own
 *    concurrency pool), started when the step before it ended: the triggers of one request run one
 *    after the other, so the time each adds is its invocation's receipt-to-answer.
 *
 * A trigger refused (throttled) or failing ends the request at once with an error (CloudFront
 * answers 5xx: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-5xx-errors.html);
 * the later triggers do not run. Requests under way live in slots of parallel arrays reused through
 * a free list: nothing is allocated per request once the pool has grown to the requests in flight.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import { createSampler, sampleUs, type Sampler } from '../kernel/distributions.js';
import type { Rng } from '../kernel/random.js';
import { Histogram } from '../metrics/histogram.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { ModelContext } from './context.js';
import type { FunctionModel, InvocationClient } from './function-model.js';
import type { CloudFrontInput, EdgeTriggerKey } from './input.js';

/** Trigger indices, in the order a request meets them; FETCH is the origin fetch between 1 and 2. */
export const TRIGGER_KEYS: readonly EdgeTriggerKey[] = ['viewerRequest', 'originRequest', 'originResponse', 'viewerResponse'];
const VIEWER_REQUEST = 0;
const ORIGIN_REQUEST = 1;
const FETCH = 4;
const ORIGIN_RESPONSE = 2;
const VIEWER_RESPONSE = 3;

/** The step after `step` on a miss (a hit goes from viewer-request straight to viewer-response). */
const NEXT_ON_MISS = [ORIGIN_REQUEST, FETCH, VIEWER_RESPONSE, -1, ORIGIN_RESPONSE];

const FETCH_DONE = 1;

export class CloudFrontDistribution implements RequestSink, InvocationClient, EventHandler {
  viewerRequests = 0;
  hits = 0;
  misses = 0;
  /** Requests ended by a trigger that was throttled or failed. */
  failed = 0;
  completed = 0;
  inFlight = 0;
  /** Invocations started per trigger (TRIGGER_KEYS order). */
  readonly invocations = [0, 0, 0, 0];
  /** Invocations refused (throttled) and failed per trigger. */
  readonly throttles = [0, 0, 0, 0];
  readonly errors = [0, 0, 0, 0];
  /** Time each trigger added to a viewer request, on a hit and on a miss (us). */
  readonly addedOnHit = TRIGGER_KEYS.map(() => new Histogram());
  readonly addedOnMiss = TRIGGER_KEYS.map(() => new Histogram());
  /** Viewer request, arrival to answer, of completed requests (us). */
  readonly latencyHit = new Histogram();
  readonly latencyMiss = new Histogram();

  private readonly kernel: Kernel;
  private readonly cumulative: number[];
  private readonly regionRng: Rng;
  private readonly hitRng: Rng;
  private readonly originRng: Rng;
  private readonly origin: Sampler;
  // Per-request slots.
  private step: number[] = [];
  private region: number[] = [];
  private hit: boolean[] = [];
  private arrivedAt: number[] = [];
  private stepStart: number[] = [];
  private readonly freeSlots: number[] = [];

  /**
   * @param fns  per trigger (TRIGGER_KEYS order), per Region (`regions` order): the function
   *   instance that runs there, or null when the trigger has no function
   */
  constructor(
    ctx: ModelContext,
    readonly name: string,
    readonly config: CloudFrontInput,
    readonly regions: readonly string[],
    private readonly fns: readonly (readonly FunctionModel[] | null)[],
  ) {
    this.kernel = ctx.kernel;
    let sum = 0;
    this.cumulative = regions.map((r) => (sum += config.regions[r]));
    this.regionRng = ctx.randoms.stream(`cf:${name}:region`);
    this.hitRng = ctx.randoms.stream(`cf:${name}:hit`);
    this.originRng = ctx.randoms.stream(`cf:${name}:origin`);
    this.origin = createSampler(config.originLatency);
  }

  /** A viewer request arrives now. */
  arrive(): void {
    const now = this.kernel.now;
    this.viewerRequests++;
    const u = this.regionRng.next() * this.cumulative[this.cumulative.length - 1];
    let region = 0;
    while (region < this.cumulative.length - 1 && u >= this.cumulative[region]) region++;
    const hit = this.hitRng.next() < this.config.cacheHitRatio;
    if (hit) this.hits++;
    else this.misses++;
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.step.length;
    this.region[slot] = region;
    this.hit[slot] = hit;
    this.arrivedAt[slot] = now;
    this.inFlight++;
    this.run(slot, VIEWER_REQUEST);
  }

  /** Start `step` of the request in `slot` now, skipping triggers without a function. */
  private run(slot: number, step: number): void {
    const now = this.kernel.now;
    while (step >= 0) {
      this.step[slot] = step;
      this.stepStart[slot] = now;
      if (step === FETCH) {
        this.kernel.schedule(now + sampleUs(this.origin, this.originRng), this, FETCH_DONE, slot);
        return;
      }
      const fns = this.fns[step];
      if (fns !== null) {
        this.invocations[step]++;
        if (fns[this.region[slot]].invoke(now, this, slot)) return;
        this.throttles[step]++;
        this.end(slot, true);
        return;
      }
      step = this.nextStep(slot, step);
    }
    this.end(slot, false);
  }

  private nextStep(slot: number, step: number): number {
    return this.hit[slot] ? (step === VIEWER_REQUEST ? VIEWER_RESPONSE : -1) : NEXT_ON_MISS[step];
  }

  /** A trigger's invocation for `slot` ended now. */
  invocationEnded(_firstAt: number, slot: number, isError: boolean): boolean {
    const step = this.step[slot];
    (this.hit[slot] ? this.addedOnHit : this.addedOnMiss)[step].record(this.kernel.now - this.stepStart[slot]);
    if (isError) {
      this.errors[step]++;
      this.end(slot, true);
    } else {
      this.run(slot, this.nextStep(slot, step));
    }
    return true;
  }

  /** The origin answered the request in slot `a`. */
  handleEvent(_kind: number, slot: number): void {
    this.run(slot, this.nextStep(slot, FETCH));
  }

  private end(slot: number, failed: boolean): void {
    this.inFlight--;
    if (failed) this.failed++;
    else {
      this.completed++;
      (this.hit[slot] ? this.latencyHit : this.latencyMiss).record(this.kernel.now - this.arrivedAt[slot]);
    }
    this.freeSlots.push(slot);
  }

  /** The warm-up ends now: counts and distributions restart (requests under way finish into the new ones). */
  warmupEnded(): void {
    this.viewerRequests = this.hits = this.misses = this.failed = this.completed = 0;
    for (let t = 0; t < 4; t++) {
      this.invocations[t] = this.throttles[t] = this.errors[t] = 0;
      this.addedOnHit[t].reset();
      this.addedOnMiss[t].reset();
    }
    this.latencyHit.reset();
    this.latencyMiss.reset();
  }
}
