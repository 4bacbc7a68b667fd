/**
 * One Lambda function: its execution environments and what happens to a synchronous request.
 *
 * Admission, in order (lambda-behavior.md sections 3, 4, 5, 6):
 * 1. the Region's request-rate quota (10 x the concurrency limit per second);
 * 2. an idle provisioned environment, if any, serves the request (no cold start, no scaling token);
 * 3. otherwise on-demand ("spillover" when provisioned concurrency is configured): the function's
 *    reservation, or else the unreserved pool, must have room;
 * 4. an idle on-demand environment is reused (warm); otherwise a new one needs a token from the
 *    scaling-rate bucket and runs INIT first (cold).
 * A request that fails a step is throttled (429) with that step's reason.
 *
 * The environment is busy for INIT + duration; the duration is capped at `timeout` (a timed-out
 * invocation is billed the full timeout and its environment is reset, sections 10 and 1.5). Afterwards
 * an on-demand environment idles until reused or reclaimed after a drawn keep-alive (section 2.1); every
 * environment is recycled once older than `maxLifetime`, never in the middle of an invocation. A
 * provisioned environment is never reclaimed for idleness; when recycled it runs a billed INIT again
 * (section 1.11) and is unavailable meanwhile.
 *
 * Hot path: `invoke` and the END event. No allocation there except when the number of environments
 * reaches a new peak.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { RandomStreams, Rng } from '../kernel/random.js';
import { createSampler, sampleUs, type Sampler } from '../kernel/distributions.js';
import { createDurationSampler } from './cpu-scaling.js';
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
import type { BillingInput, FunctionInput, ProvisionedStep, ScalingRule } from './input.js';
import type { FunctionResults, ProvisionedResults, ThrottleCounts } from './results.js';
import { ThrottleReason, type InvocationEnd, type InvocationObserver } from './observer.js';
import { defaultInitDistribution } from './runtime-defaults.js';
import type { TokenBucket } from './scaling.js';
import { allocationTimeUs, provisionedConcurrencyMs } from './provisioned.js';
import type { AsyncInvoker } from './async-invoker.js';

const END = 1;
const REAP = 2;
const PC_STEP = 3;
const PC_READY = 4;


/**
 * A caller that wants to hear how its invocation ended (client retries, later async and event
 * sources). Plain synchronous workloads pass null and pay nothing.
 */
export interface InvocationClient {
  /** True for callers exempt from the request-rate quota (async events from AWS services). */
  readonly bypassesRateQuota?: boolean;
  /**
   * The invocation started by attempt `attempt` of the call first made at `firstAt` ended now.
   * Returns true when this is the caller's final answer (its latency is then recorded).
   */
  invocationEnded(firstAt: number, attempt: number, isError: boolean): boolean;
}

export class FunctionModel implements EventHandler, RequestSink {
  // Counters (see FunctionResults for definitions).
  requests = 0;
  invocations = 0;
  successes = 0;
  errors = 0;
  timeouts = 0;
  coldStarts = 0;
  retries = 0;
  /** Client retries scheduled and not yet attempted (calls waiting between attempts). */
  retriesPending = 0;
  readonly throttleReasons: ThrottleCounts = { account: 0, reserved: 0, scaling: 0, rate: 0 };
  environmentsCreated = 0;
  environmentsReclaimed = 0;
  /** Environments recycled at maxLifetime (also counted in environmentsReclaimed). */
  environmentsRecycled = 0;
  /** Environments discarded after a timeout. */
  environmentsDiscarded = 0;
  /** Requests billed beyond one per invocation (async payloads above 256 KB). */
  extraBilledRequests = 0;
  /** The async event queue of this function, once a workload sends it events. */
  asyncInvoker: AsyncInvoker | null = null;
  /** Billed ms of on-demand invocations. */
  billedMs = 0;
  /** Billed ms of invocations on provisioned environments, and of their INITs. */
  provisionedBilledMs = 0;
  provisionedInvocations = 0;
  spilloverInvocations = 0;

  readonly duration = new Histogram();
  readonly initDuration = new Histogram();
  readonly latency = new Histogram();
  /** Busy environments (INIT or invoking) of this function. */
  readonly busy = new TimeWeighted(0);
  /** Alive environments (busy or idle, provisioned included). */
  readonly alive = new TimeWeighted(0);
  /** Provisioned environments ready to serve (idle or busy). */
  readonly provisionedReady = new TimeWeighted(0);
  /** Provisioned environments busy. */
  readonly provisionedBusy = new TimeWeighted(0);
  /** Highest ProvisionedConcurrencyUtilization seen (busy / ready). */
  provisionedUtilizationMax = 0;

  /** Reservation (undefined: the function uses the unreserved pool). */
  private readonly reserved: number | undefined;
  /** Concurrency this function takes from its reservation or the unreserved pool. */
  private used = 0;
  /** Provisioned environments that exist (initialising, idle or busy). */
  private provisionedAllocated = 0;
  /** Provisioned environments to remove when they next become free (a level was lowered). */
  private provisionedExcess = 0;
  /** The configured provisioned level now. */
  private provisionedTarget = 0;
  private readonly provisionedSteps: readonly ProvisionedStep[];

  private readonly durationSampler: Sampler;
  private readonly initSampler: Sampler;
  private readonly keepAliveSampler: Sampler;
  private readonly durationRng: Rng;
  private readonly initRng: Rng;
  private readonly provisionedInitRng: Rng;
  private readonly errorRng: Rng;
  private readonly keepAliveRng: Rng;
  private readonly idle: IdlePool;
  private readonly provisionedIdle: IdlePool;
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
    private readonly scaling: TokenBucket,
    private readonly scalingRule: ScalingRule,
    private readonly region: string,
    private readonly observer: InvocationObserver | null = null,
  ) {
    const stream = (purpose: string): Rng => streams.stream(`fn:${name}:${purpose}`);
    this.durationSampler = createDurationSampler(config);
    this.initSampler = createSampler(config.init ?? defaultInitDistribution(config.runtime, config.architecture));
    this.keepAliveSampler = createSampler(config.keepAlive);
    this.durationRng = stream('duration');
    this.initRng = stream('init');
    this.provisionedInitRng = stream('provisionedInit');
    this.errorRng = stream('error');
    this.keepAliveRng = stream('keepAlive');
    this.idle = createIdlePool(config.environmentSelection, stream('select'));
    this.provisionedIdle = createIdlePool(config.environmentSelection, stream('provisionedSelect'));
    this.reserved = config.reservedConcurrency;
    this.provisionedSteps = config.provisionedConcurrency ?? [];
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

  /** Schedule the provisioned-concurrency steps; a step at time 0 is ready when the run starts. */
  begin(): void {
    this.provisionedSteps.forEach((step, i) => {
      if (step.at === 0) this.setProvisioned(step.value, true);
      else this.kernel.schedule(step.at, this, PC_STEP, i);
    });
  }

  /** A synchronous request without client retries arrives now. */
  arrive(): void {
    this.invoke(this.kernel.now, null, 1);
  }

  /**
   * Attempt `attempt` of a call first made at `firstAt` reaches the function now. Returns false when
   * it is throttled (the caller decides whether to retry), true when an invocation started.
   * `forceError`: the invocation fails whatever `errorRate` draws (an event-source batch holding a
   * record the function always fails on; see src/model/esm-batch.ts).
   */
  invoke(firstAt: number, client: InvocationClient | null, attempt: number, forceError = false): boolean {
    const now = this.kernel.now;
    this.requests++;
    const observer = this.observer;
    if (observer !== null) observer.request(this.index, now);
    if ((client === null || client.bypassesRateQuota !== true) && !this.account.admitRate(now)) {
      return this.throttle(now, ThrottleReason.Rate);
    }

    // Most functions have no provisioned concurrency: skip the pool without a call.
    let env = this.provisionedAllocated > 0 ? this.provisionedIdle.take() : null;
    let initUs = 0;
    let cold = false;
    if (env !== null) {
      this.reclaim.remove(env);
      this.provisionedInvocations++;
      this.provisionedBusy.add(now, 1);
      this.noteUtilization();
    } else {
      if (this.reserved !== undefined) {
        if (this.used >= this.reserved) return this.throttle(now, ThrottleReason.Reserved);
      } else if (!this.account.unreservedHasRoom()) {
        return this.throttle(now, ThrottleReason.Account);
      }
      env = this.idle.take();
      if (env !== null) {
        this.reclaim.remove(env);
      } else {
        if (!this.scaling.tryTake(now)) return this.throttle(now, ThrottleReason.Scaling);
        env = this.createEnvironment(now);
        initUs = sampleUs(this.initSampler, this.initRng);
        cold = true;
        this.coldStarts++;
      }
      this.takeConcurrency(1);
      if (this.provisionedTarget > 0) this.spilloverInvocations++;
    }
    this.account.acquire(now);

    let durationUs = sampleUs(this.durationSampler, this.durationRng);
    const isTimeout = durationUs > this.config.timeout;
    if (isTimeout) durationUs = this.config.timeout;
    const isError = forceError || (this.config.errorRate > 0 && this.errorRng.next() < this.config.errorRate);

    env.state = EnvState.Busy;
    env.requestAt = firstAt;
    env.attempt = attempt;
    env.client = client;
    env.initUs = initUs;
    env.durationUs = durationUs;
    env.isTimeout = isTimeout;
    env.isError = isError || isTimeout;
    env.seq = this.startedCount++;
    env.cold = cold;
    this.busy.add(now, 1);
    if (observer !== null) observer.start(this.index, now, cold, this.busy.value);
    this.kernel.schedule(now + initUs + durationUs, this, END, env.slot);
    return true;
  }

  handleEvent(kind: number, a: number): void {
    switch (kind) {
      case END:
        this.finishInvocation(this.envs[a]);
        break;
      case REAP:
        this.reap();
        break;
      case PC_STEP:
        this.setProvisioned(this.provisionedSteps[a].value, false);
        break;
      case PC_READY:
        this.provisionedEnvReady(this.envs[a]);
        break;
    }
  }

  /** Requests still running now. */
  get inFlight(): number {
    return this.busy.value;
  }

  private throttle(now: number, reason: ThrottleReason): false {
    const t = this.throttleReasons;
    if (reason === ThrottleReason.Account) t.account++;
    else if (reason === ThrottleReason.Reserved) t.reserved++;
    else if (reason === ThrottleReason.Scaling) t.scaling++;
    else t.rate++;
    if (this.observer !== null) this.observer.throttle(this.index, now, reason);
    return false;
  }

  /** Take (or give back, with a negative count) concurrency from the reservation or the unreserved pool. */
  private takeConcurrency(count: number): void {
    this.used += count;
    if (this.reserved === undefined) this.account.unreservedUsed += count;
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
    const billed = billedDurationMs(env.durationUs, this.billing.granularityMs, this.billing.billInit ? env.initUs : 0);
    if (env.provisioned) this.provisionedBilledMs += billed;
    else this.billedMs += billed;
    if (this.observer !== null) this.notifyEnd(env, now, billed);

    const client = env.client;
    env.client = null;
    if (client === null || client.invocationEnded(env.requestAt, env.attempt, env.isError)) {
      this.latency.record(now - env.requestAt);
    }

    if (env.provisioned) {
      this.provisionedBusy.add(now, -1);
      this.noteUtilization();
      this.provisionedEnvFree(env, now, env.isTimeout);
      return;
    }
    this.takeConcurrency(-1);
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
    const keepAliveEnd = now + sampleUs(this.keepAliveSampler, this.keepAliveRng);
    env.reclaimAt = keepAliveEnd < env.retireAt ? keepAliveEnd : env.retireAt;
    this.idle.add(env);
    this.addToReclaim(env);
  }

  private addToReclaim(env: Environment): void {
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
      if (env.provisioned) {
        // Idle provisioned environments are only ever due for recycling.
        this.provisionedIdle.remove(env);
        this.provisionedEnvFree(env, now, false);
        continue;
      }
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
    env.provisioned = false;
    this.environmentsCreated++;
    this.alive.add(now, 1);
    return env;
  }

  private destroy(env: Environment, now: number): void {
    env.state = EnvState.Free;
    this.freeEnvs.push(env);
    this.alive.add(now, -1);
  }

  // --- Provisioned concurrency -------------------------------------------------------------------

  /**
   * Set the provisioned level. Raising it allocates new environments, ready together once all are
   * allocated and initialised (or at once for the level configured before the run); lowering it
   * removes idle ones now and busy or initialising ones when they next become free.
   */
  private setProvisioned(target: number, beforeRun: boolean): void {
    const now = this.kernel.now;
    this.provisionedTarget = target;
    let remaining = this.provisionedAllocated - this.provisionedExcess;
    if (target > remaining) {
      const cancel = Math.min(this.provisionedExcess, target - remaining);
      this.provisionedExcess -= cancel;
      remaining += cancel;
      const count = target - remaining;
      if (count === 0) return;
      const fresh: Environment[] = [];
      let slowestInit = 0;
      for (let i = 0; i < count; i++) {
        const env = this.createEnvironment(now);
        env.provisioned = true;
        env.state = EnvState.Initializing;
        env.initUs = beforeRun ? 0 : sampleUs(this.initSampler, this.provisionedInitRng);
        if (env.initUs > slowestInit) slowestInit = env.initUs;
        fresh.push(env);
      }
      this.provisionedAllocated += count;
      this.takeConcurrency(count);
      if (beforeRun) {
        for (const env of fresh) this.provisionedEnvReady(env);
        return;
      }
      const readyAt = now + allocationTimeUs(count, this.scalingRule, this.region) + slowestInit;
      for (const env of fresh) {
        this.billProvisionedInit(env.initUs);
        this.kernel.schedule(readyAt, this, PC_READY, env.slot);
      }
    } else if (target < remaining) {
      let excess = remaining - target;
      while (excess > 0 && this.provisionedIdle.size > 0) {
        const env = this.provisionedIdle.take()!;
        this.reclaim.remove(env);
        this.provisionedReady.add(now, -1);
        this.removeProvisioned(env, now);
        excess--;
      }
      this.provisionedExcess += excess;
    }
  }

  /** A provisioned environment finished INIT (allocation or recycling). */
  private provisionedEnvReady(env: Environment): void {
    const now = this.kernel.now;
    if (this.provisionedExcess > 0) {
      this.provisionedExcess--;
      this.removeProvisioned(env, now);
      return;
    }
    env.state = EnvState.Idle;
    env.idleSince = now;
    env.reclaimAt = env.retireAt;
    this.provisionedReady.add(now, 1);
    this.noteUtilization();
    this.provisionedIdle.add(env);
    this.addToReclaim(env);
  }

  /**
   * A provisioned environment stopped being busy, or reached the end of its lifetime while idle.
   * - The level was lowered: remove it.
   * - Its invocation timed out (`crashed`): the environment resets and runs INIT again in place, billed
   *   and unavailable meanwhile (section 1.5).
   * - Its lifetime is over: Lambda recycles provisioned environments "every few hours" with a billed
   *   INIT (section 1.11). We model the recycling as make-before-break: the replacement initialises
   *   alongside and takes over, so provisioned capacity never dips (recycling the whole allocated batch
   *   at once would otherwise drop it all together every maxLifetime). The INIT is billed and the
   *   environment counts as recycled; the moment two environments coexist is not modelled.
   * Otherwise it goes back to the idle provisioned pool.
   */
  private provisionedEnvFree(env: Environment, now: number, crashed: boolean): void {
    if (this.provisionedExcess > 0) {
      this.provisionedExcess--;
      this.provisionedReady.add(now, -1);
      this.noteUtilization();
      this.removeProvisioned(env, now);
      return;
    }
    if (crashed) {
      this.provisionedReady.add(now, -1);
      this.noteUtilization();
      this.environmentsRecycled++;
      this.environmentsReclaimed++;
      this.renewProvisioned(env, now);
      env.state = EnvState.Initializing;
      env.initUs = sampleUs(this.initSampler, this.provisionedInitRng);
      this.billProvisionedInit(env.initUs);
      this.kernel.schedule(now + env.initUs, this, PC_READY, env.slot);
      return;
    }
    if (now >= env.retireAt) {
      this.environmentsRecycled++;
      this.environmentsReclaimed++;
      this.renewProvisioned(env, now);
      this.billProvisionedInit(sampleUs(this.initSampler, this.provisionedInitRng));
    }
    env.state = EnvState.Idle;
    env.idleSince = now;
    env.reclaimAt = env.retireAt;
    this.provisionedIdle.add(env);
    this.addToReclaim(env);
  }

  /** A recycled provisioned environment starts a new life (a new id for the selection policies). */
  private renewProvisioned(env: Environment, now: number): void {
    env.id = this.nextEnvId++;
    env.createdAt = now;
    env.retireAt = now + this.config.maxLifetime;
  }

  private removeProvisioned(env: Environment, now: number): void {
    this.provisionedAllocated--;
    this.takeConcurrency(-1);
    this.environmentsReclaimed++;
    this.destroy(env, now);
  }

  /** Provisioned INIT is billed at the provisioned duration price (sections 1.11 and 12.3). */
  private billProvisionedInit(initUs: number): void {
    this.provisionedBilledMs += billedDurationMs(initUs, this.billing.granularityMs);
  }

  private noteUtilization(): void {
    const ready = this.provisionedReady.value;
    if (ready > 0) {
      const u = this.provisionedBusy.value / ready;
      if (u > this.provisionedUtilizationMax) this.provisionedUtilizationMax = u;
    }
  }

  // --- Results -------------------------------------------------------------------------------------

  /** What this function used, for the bill (provisioned capacity up to `endUs`). */
  usage(endUs: number): FunctionUsage {
    return {
      name: this.name,
      architecture: this.config.architecture,
      memoryMb: this.config.memorySize,
      ephemeralStorageMb: this.config.ephemeralStorage,
      requests: this.invocations + this.extraBilledRequests,
      billedMs: this.billedMs,
      provisionedBilledMs: this.provisionedBilledMs,
      provisionedConcurrencyMs: provisionedConcurrencyMs(this.provisionedSteps, endUs),
    };
  }

  private provisionedResults(endUs: number): ProvisionedResults | undefined {
    if (this.provisionedSteps.length === 0) return undefined;
    const readyMean = this.provisionedReady.mean(endUs);
    return {
      configuredMax: Math.max(...this.provisionedSteps.map((s) => s.value)),
      readyMax: this.provisionedReady.max,
      invocations: this.provisionedInvocations,
      spilloverInvocations: this.spilloverInvocations,
      utilizationMean: readyMean > 0 ? this.provisionedBusy.mean(endUs) / readyMean : 0,
      utilizationMax: this.provisionedUtilizationMax,
      billedMs: this.provisionedBilledMs,
      concurrencyMs: provisionedConcurrencyMs(this.provisionedSteps, endUs),
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
      retries: this.retries,
      retriesPendingAtEnd: this.retriesPending,
      deadLettered: this.asyncInvoker ? this.asyncInvoker.deadLettered + this.asyncInvoker.onFailureDeliveries : 0,
      dropped: this.asyncInvoker ? this.asyncInvoker.dropped : 0,
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
      billedDurationMs: this.billedMs + this.provisionedBilledMs,
      reservedConcurrency: this.reserved,
      provisioned: this.provisionedResults(endUs),
      ...(this.asyncInvoker ? { async: this.asyncInvoker.results(endUs) } : {}),
    };
  }
}
