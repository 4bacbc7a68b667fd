/**
 * One Lambda function: its execution environments and what happens to a synchronous request.
 *
 * A request that the account admits reuses an idle environment (warm) or creates one (cold: INIT
 * first). The environment is busy for INIT + duration; the duration is capped at `timeout` (a
 * timed-out invocation is billed the full timeout and its environment is discarded, section 10 and
 * section 1.5 of lambda-behavior.md). Afterwards it idles until reused or reclaimed after a drawn
 * keep-alive (section 2.1), and it is recycled once older than `maxLifetime`, never in the middle of
 * an invocation.
 *
 * Hot path: `arrive` and the END event. No allocation there except when the number of environments
 * reaches a new peak.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { RandomStreams, Rng } from '../kernel/random.js';
import { createSampler, type Sampler } from '../kernel/distributions.js';
import { Histogram } from '../metrics/histogram.js';
import { TimeWeighted } from '../metrics/time-weighted.js';
import { billedDurationMs } from '../billing/rounding.js';
import type { FunctionUsage } from '../billing/types.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { Account } from './account.js';
import { Environment, EnvState } from './environment.js';
import { createIdlePool, type IdlePool } from './idle-pool.js';
import { createReclaimHeap } from './reclaim-heap.js';
import type { IntrusiveHeap } from './intrusive-heap.js';
import type { BillingInput, FunctionInput } from './input.js';
import type { FunctionResults, ThrottleCounts } from './results.js';
import { ThrottleReason, type InvocationEnd, type InvocationObserver } from './observer.js';
import { defaultInitDistribution } from './runtime-defaults.js';

const END = 1;
const REAP = 2;

/** Draw a non-negative whole number of microseconds. */
function drawUs(sampler: Sampler, rng: Rng): number {
  const x = Math.round(sampler.sample(rng));
  return x > 0 ? x : 0;
}

export class FunctionModel implements EventHandler, RequestSink {
  // Counters (see FunctionResults for definitions).
  requests = 0;
  invocations = 0;
  successes = 0;
  errors = 0;
  timeouts = 0;
  coldStarts = 0;
  readonly throttleReasons: ThrottleCounts = { account: 0, reserved: 0, scaling: 0, rate: 0 };
  environmentsCreated = 0;
  environmentsReclaimed = 0;
  /** Environments recycled at maxLifetime (also counted in environmentsReclaimed). */
  environmentsRecycled = 0;
  /** Environments discarded after a timeout. */
  environmentsDiscarded = 0;
  billedMs = 0;

  readonly duration = new Histogram();
  readonly initDuration = new Histogram();
  readonly latency = new Histogram();
  /** Busy environments (INIT or invoking) of this function. */
  readonly busy = new TimeWeighted(0);
  /** Alive environments (busy or idle). */
  readonly alive = new TimeWeighted(0);

  private readonly durationSampler: Sampler;
  private readonly initSampler: Sampler;
  private readonly keepAliveSampler: Sampler;
  private readonly durationRng: Rng;
  private readonly initRng: Rng;
  private readonly errorRng: Rng;
  private readonly keepAliveRng: Rng;
  private readonly idle: IdlePool;
  private readonly reclaim: IntrusiveHeap<Environment> = createReclaimHeap();
  private readonly envs: Environment[] = [];
  private readonly freeEnvs: Environment[] = [];
  private nextEnvId = 0;
  /** Time of the earliest pending REAP event (Infinity when none). */
  private reaperAt = Infinity;
  /** Invocations started so far (sequence numbers for observers). */
  private startedCount = 0;
  /** Reused record handed to the observer at each END. */
  private readonly endRecord: InvocationEnd;

  constructor(
    /** Position in the scenario's `functions` (observers identify functions by it). */
    readonly index: number,
    readonly name: string,
    readonly config: FunctionInput,
    private readonly kernel: Kernel,
    streams: RandomStreams,
    private readonly account: Account,
    private readonly billing: BillingInput,
    private readonly observer: InvocationObserver | null = null,
  ) {
    const stream = (purpose: string): Rng => streams.stream(`fn:${name}:${purpose}`);
    this.durationSampler = createSampler(config.duration);
    this.initSampler = createSampler(config.init ?? defaultInitDistribution(config.runtime, config.architecture));
    this.keepAliveSampler = createSampler(config.keepAlive);
    this.durationRng = stream('duration');
    this.initRng = stream('init');
    this.errorRng = stream('error');
    this.keepAliveRng = stream('keepAlive');
    this.idle = createIdlePool(config.environmentSelection, stream('select'));
    this.endRecord = {
      fn: index,
      seq: 0,
      requestAt: 0,
      endAt: 0,
      initUs: 0,
      durationUs: 0,
      billedMs: 0,
      memoryMb: config.memorySize,
      isError: false,
      isTimeout: false,
      envId: 0,
    };
  }

  /** A synchronous request arrives now. */
  arrive(): void {
    const now = this.kernel.now;
    this.requests++;
    const observer = this.observer;
    if (observer !== null) observer.request(this.index, now);
    if (!this.account.admit()) {
      this.throttleReasons.account++;
      if (observer !== null) observer.throttle(this.index, now, ThrottleReason.Account);
      return;
    }
    this.account.acquire(now);

    let env = this.idle.take();
    let initUs = 0;
    let cold = false;
    if (env !== null) {
      this.reclaim.remove(env);
    } else {
      env = this.createEnvironment(now);
      initUs = drawUs(this.initSampler, this.initRng);
      cold = true;
      this.coldStarts++;
    }

    let durationUs = drawUs(this.durationSampler, this.durationRng);
    const isTimeout = durationUs > this.config.timeout;
    if (isTimeout) durationUs = this.config.timeout;
    // Draw even on a timeout so that the error stream stays aligned across what-if variants.
    const isError = this.config.errorRate > 0 && this.errorRng.next() < this.config.errorRate;

    env.state = EnvState.Busy;
    env.requestAt = now;
    env.initUs = initUs;
    env.durationUs = durationUs;
    env.isTimeout = isTimeout;
    env.isError = isError || isTimeout;
    env.seq = this.startedCount++;
    env.cold = cold;
    this.busy.add(now, 1);
    if (observer !== null) observer.start(this.index, now, cold, this.busy.value);
    this.kernel.schedule(now + initUs + durationUs, this, END, env.slot);
  }

  handleEvent(kind: number, a: number): void {
    if (kind === END) this.finishInvocation(this.envs[a]);
    else this.reap();
  }

  /** Requests still running now. */
  get inFlight(): number {
    return this.busy.value;
  }

  private finishInvocation(env: Environment): void {
    const now = this.kernel.now;
    this.account.release(now);
    this.busy.add(now, -1);

    this.invocations++;
    if (env.isTimeout) this.timeouts++;
    if (env.isError) this.errors++;
    else this.successes++;
    this.duration.record(env.durationUs);
    if (env.cold) this.initDuration.record(env.initUs);
    this.latency.record(now - env.requestAt);
    const billed = billedDurationMs(env.durationUs, this.billing.granularityMs, this.billing.billInit ? env.initUs : 0);
    this.billedMs += billed;
    if (this.observer !== null) this.notifyEnd(env, now, billed);

    if (env.isTimeout) {
      // A timeout resets the environment (section 1.5); we model it as a new environment next time.
      this.environmentsDiscarded++;
      this.destroy(env, now);
      return;
    }
    if (now >= env.retireAt) {
      this.environmentsRecycled++;
      this.environmentsReclaimed++;
      this.destroy(env, now);
      return;
    }
    env.state = EnvState.Idle;
    env.idleSince = now;
    const keepAliveEnd = now + drawUs(this.keepAliveSampler, this.keepAliveRng);
    env.reclaimAt = keepAliveEnd < env.retireAt ? keepAliveEnd : env.retireAt;
    this.idle.add(env);
    this.reclaim.add(env);
    if (env.reclaimAt < this.reaperAt) this.scheduleReaper(env.reclaimAt);
  }

  private notifyEnd(env: Environment, now: number, billedMs: number): void {
    const r = this.endRecord;
    r.seq = env.seq;
    r.requestAt = env.requestAt;
    r.endAt = now;
    r.initUs = env.initUs;
    r.durationUs = env.durationUs;
    r.billedMs = billedMs;
    r.isError = env.isError;
    r.isTimeout = env.isTimeout;
    r.envId = env.id;
    this.observer!.end(r);
  }

  /** Reclaim every idle environment whose time has come, then wait for the next one. */
  private reap(): void {
    const now = this.kernel.now;
    if (this.reaperAt <= now) this.reaperAt = Infinity;
    for (let env = this.reclaim.peek(); env !== null && env.reclaimAt <= now; env = this.reclaim.peek()) {
      this.reclaim.remove(env);
      this.idle.remove(env);
      if (env.reclaimAt === env.retireAt) this.environmentsRecycled++;
      this.environmentsReclaimed++;
      this.destroy(env, now);
    }
    const next = this.reclaim.peek();
    if (next !== null && next.reclaimAt < this.reaperAt) this.scheduleReaper(next.reclaimAt);
  }

  private scheduleReaper(at: number): void {
    this.reaperAt = at;
    this.kernel.schedule(at, this, REAP);
  }

  private createEnvironment(now: number): Environment {
    let env = this.freeEnvs.pop();
    if (env === undefined) {
      env = new Environment(this.envs.length);
      this.envs.push(env);
    }
    env.id = this.nextEnvId++;
    env.createdAt = now;
    env.retireAt = now + this.config.maxLifetime;
    this.environmentsCreated++;
    this.alive.add(now, 1);
    return env;
  }

  private destroy(env: Environment, now: number): void {
    env.state = EnvState.Free;
    this.freeEnvs.push(env);
    this.alive.add(now, -1);
  }

  /** What this function used, for the bill. */
  usage(): FunctionUsage {
    return {
      name: this.name,
      architecture: this.config.architecture,
      memoryMb: this.config.memorySize,
      ephemeralStorageMb: this.config.ephemeralStorage,
      requests: this.invocations,
      billedMs: this.billedMs,
    };
  }

  /** Counters and distributions at the end of the run (cost is filled in by the caller). */
  results(endUs: number): Omit<FunctionResults, 'gbSeconds' | 'cost'> {
    const t = this.throttleReasons;
    return {
      name: this.name,
      runtime: this.config.runtime,
      architecture: this.config.architecture,
      memorySize: this.config.memorySize,
      ephemeralStorage: this.config.ephemeralStorage,
      requests: this.requests,
      invocations: this.invocations,
      successes: this.successes,
      errors: this.errors,
      timeouts: this.timeouts,
      throttles: t.account + t.reserved + t.scaling + t.rate,
      throttleReasons: { ...t },
      coldStarts: this.coldStarts,
      retries: 0,
      deadLettered: 0,
      dropped: 0,
      inFlightAtEnd: this.inFlight,
      concurrencyMax: this.busy.max,
      concurrencyMean: this.busy.mean(endUs),
      environmentsCreated: this.environmentsCreated,
      environmentsReclaimed: this.environmentsReclaimed,
      environmentsMaxAlive: this.alive.max,
      environmentsMeanAlive: this.alive.mean(endUs),
      duration: this.duration,
      initDuration: this.initDuration,
      latency: this.latency,
      billedDurationMs: this.billedMs,
    };
  }
}
