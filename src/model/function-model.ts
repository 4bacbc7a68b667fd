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
 * Provisioned concurrency lives in ProvisionedPool, the environment table in Environments, the
 * counters in FunctionStats. Hot path: `invoke` and the END event. No allocation there except when
 * the number of environments reaches a new peak.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import { KeyedRng, seedFrom } from '../kernel/keyed-random.js';
import { createSampler, sampleUs, type Sampler } from '../kernel/distributions.js';
import { createDurationSampler, durationScale } from './cpu-scaling.js';
import { reportedMemoryMb } from './memory-use.js';
import { defaultMemoryUsed } from './runtime-defaults.js';
import type { FunctionUsage } from '../billing/types.js';
import { snapStartCharged } from '../billing/snapstart.js';
import { Histogram } from '../metrics/histogram.js';
import type { RequestSink } from '../workload/arrivals.js';
import { ConcurrencyShare } from './account.js';
import type { ModelContext } from './context.js';
import { Field, Flag, INT_ROW, IntField, ROW } from './environment.js';
import { Environments } from './environments.js';
import { FunctionStats } from './function-stats.js';
import type { FunctionSpec } from './function-spec.js';
import { createIdlePool, type IdlePool } from './idle-pool.js';
import type { FunctionInput } from './input.js';
import type { FunctionResults } from './results.js';
import { ThrottleReason, type InvocationEnd, type InvocationObserver } from './observer.js';
import { ProvisionedPool } from './provisioned-pool.js';
import type { ClientCallCounts } from './client-calls.js';
import { ReclaimQueue } from './reclaim-heap.js';
import { AsyncInvoker } from './async-invoker.js';
import { coldStartDistribution, InitPhase, InitStatus } from './init-phase.js';
import type { DependencyUser, DependencyUserHost } from './dependency-user.js';
import type { InvokeTarget } from './invoke-target.js';

const END = 1;
/** The largest INIT an environment row holds as an int32 (environment.ts IntField.InitUs). */
const INT32_MAX = 2 ** 31 - 1;
const REAP = 2;

/** `invoke`'s `firstAt` for a call first made now (no time is negative). */
const FIRST_MADE_NOW = -1;

/** What a request's draw is for: the `purpose` of its keyed uniforms (keyed-random.ts). */
const DRAW_DURATION = 0;
const DRAW_ERROR = 1;
const DRAW_INIT = 2;
const DRAW_KEEP_ALIVE = 3;
/** Max Memory Used: a purpose of its own, so adding it moved no other draw. */
const DRAW_MEMORY = 4;

/** Keys of one event source lie in [space, space + KEY_SPACE): disjoint from arrival keys and each other. */
const KEY_SPACE = 2 ** 40;

/**
 * A caller that wants to hear how its invocation ended (client retries, async and event sources).
 * Plain synchronous workloads pass null and pay nothing.
 */
export interface InvocationClient {
  /** True for callers exempt from the request-rate quota (async events from AWS services). */
  readonly bypassesRateQuota?: boolean;
  /**
   * True for a synchronous caller with client retries: the wait before its final attempt is retry
   * time; for others (async, event sources) it is queue wait (stages.ts).
   */
  readonly waitIsRetry?: boolean;
  /**
   * The invocation the caller started with `token` (any number it chose: an attempt number, a slot)
   * for the call first made at `firstAt` ended now. Returns true when this is the caller's final
   * answer (its latency is then recorded).
   */
  invocationEnded(firstAt: number, token: number, isError: boolean, isTimeout?: boolean): boolean;
}

export class FunctionModel implements EventHandler, RequestSink, DependencyUserHost, InvokeTarget {
  /** Position in the scenario's `functions` (observers identify functions by it). */
  readonly index: number;
  readonly name: string;
  readonly config: FunctionInput;
  /** Counters and distributions; callers report retries and extra requests through its methods. */
  readonly stats: FunctionStats;

  private readonly ctx: ModelContext;
  private readonly kernel: Kernel;
  private readonly observer: InvocationObserver | null;
  /** The observer when it wants each request, throttle and start (logs and a time series read counters instead); else null. */
  private readonly requestHooks: InvocationObserver | null;
  /** The observer when it wants each invocation's end (logs; the time series counts ends by their start in FunctionStats.endsByStart); else null. */
  private readonly endHooks: InvocationObserver | null;
  private readonly spec: FunctionSpec;
  private readonly share: ConcurrencyShare;
  private readonly environments: Environments;
  private readonly reclaim: ReclaimQueue;
  /**
   * Null while the function has no provisioned concurrency (the hot path then skips it); created on
   * the first {@link setProvisionedLevel} when the scenario configured none.
   */
  private provisioned: ProvisionedPool | null;
  /** What the handler does with its downstream dependencies; null when it uses none (the hot path skips it). */
  private readonly uses: DependencyUser | null;
  /** The async event queue of this function, once a workload sends it events. */
  private asyncQueue: AsyncInvoker | null = null;

  private readonly durationSampler: Sampler;
  /** The memory scaling of the duration, for the per-item time of a batch (`invoke`'s `itemsUs`). */
  private readonly itemsScale: number;
  private readonly initSampler: Sampler;
  /** The on-demand INIT limit, failures and VPC delay (init-phase.ts). */
  private readonly initPhase: InitPhase;
  private readonly keepAliveSampler: Sampler;
  private readonly memorySampler: Sampler;
  /** Lambda service time before each invocation (us, unbilled; 0 by default). */
  private readonly overheadUs: number;
  /**
   * Per-request draws (duration, error, INIT, keep-alive), found by the request's key and run rather
   * than in execution order, so two variants give the same request the same draws (common random
   * numbers, docs/model.md "Random streams").
   */
  private readonly draws: KeyedRng;
  /** Key of the next request that arrives (sync, client-retried or async), in arrival order. */
  private nextKey = 0;
  /** Event-source key spaces handed out so far. */
  private keySpaces = 0;
  private readonly idle: IdlePool;
  /** Invocations started so far (sequence numbers for observers). */
  private startedCount = 0;
  /** Environments created idle at time 0 by `prewarm`. */
  private prewarmed = 0;
  /** Start of the measured period: the end of the warm-up (0 without one). */
  private measuredFrom = 0;
  /** Reused record handed to the observer at each END. */
  private readonly endRecord: InvocationEnd;
  /**
   * Where the final answers of requests in each key space (by number, key / KEY_SPACE) are also
   * recorded: the latency of an alias that routes here (alias-router.ts). Null while no alias does,
   * so a function without one pays a single test per answer.
   */
  private latencyBySpace: (Histogram | undefined)[] | null = null;

  constructor(ctx: ModelContext, spec: FunctionSpec) {
    const { index, name, config } = spec;
    this.ctx = ctx;
    this.kernel = ctx.kernel;
    this.observer = ctx.observer;
    this.requestHooks = ctx.observer?.request !== undefined ? ctx.observer : null;
    this.endHooks = ctx.observer?.end !== undefined ? ctx.observer : null;
    this.spec = spec;
    this.index = index;
    this.name = name;
    this.config = config;
    this.stats = new FunctionStats(spec.measuredUs ?? Infinity, config.memorySize);
    const stream = (purpose: string) => ctx.randoms.stream(`fn:${name}:${purpose}`);
    this.durationSampler = createDurationSampler(config);
    this.itemsScale = durationScale(config);
    this.initSampler = createSampler(coldStartDistribution(config));
    this.initPhase = new InitPhase(config, spec.billing.granularityMs);
    this.keepAliveSampler = createSampler(config.keepAlive);
    this.memorySampler = createSampler(config.memoryUsed ?? defaultMemoryUsed(config.runtime));
    this.overheadUs = config.serviceOverhead ?? 0;
    this.draws = new KeyedRng(seedFrom(stream('requests')));
    // Versions of one function share its reservation (lambda-behavior.md section 3): the simulation hands them one share.
    this.share = spec.share ?? new ConcurrencyShare(spec.account, config.reservedConcurrency);
    this.environments = new Environments(config.maxLifetime, name);
    this.idle = createIdlePool(config.environmentSelection, this.environments, stream('select'));
    this.reclaim = new ReclaimQueue(this.environments, this.kernel, this, REAP);
    const steps = config.provisionedConcurrency ?? [];
    this.provisioned =
      steps.length === 0
        ? null
        : this.newPool();
    this.uses = spec.dependencies?.userFor(this, name, config) ?? null;
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
      isOutOfMemory: false,
      memoryUsedMb: 0,
      overheadUs: this.overheadUs,
      answered: true,
      envId: 0,
      initStatus: 0,
    };
  }

  private newPool(): ProvisionedPool {
    return new ProvisionedPool(this.ctx, this.spec, { environments: this.environments, reclaim: this.reclaim, share: this.share, initSampler: this.initSampler });
  }

  /**
   * Set the provisioned-concurrency level now (a deployment, an alias moving its PC): raising it
   * allocates environments that are ready after the allocation time and INIT, or at once with
   * `readyNow` (a level configured before the run); lowering it frees idle ones now (provisioned-pool.ts).
   */
  setProvisionedLevel(level: number, readyNow = false): void {
    if (this.provisioned === null) {
      if (level === 0) return;
      this.provisioned = this.newPool();
      if (this.measuredFrom > 0) this.provisioned.warmupEnded(this.measuredFrom);
    }
    this.provisioned.changeLevel(level, readyNow);
  }

  /** The provisioned-concurrency level configured now (0 without any). */
  get provisionedLevel(): number {
    return this.provisioned?.level ?? 0;
  }

  /** Run-time provisioned-concurrency changes so far (a mark for {@link provisionedMsBeyond}). */
  get provisionedChanges(): number {
    return this.provisioned?.changes ?? 0;
  }

  /** Billed PC environment-ms up to `endUs` beyond what it would be without the changes from the `fromChange`-th on. */
  provisionedMsBeyond(endUs: number, fromChange: number): number {
    const pool = this.provisioned;
    return pool === null ? 0 : pool.concurrencyMs(endUs) - pool.concurrencyMsWithout(endUs, fromChange);
  }

  /** Schedule the provisioned-concurrency steps; a step at time 0 is ready when the run starts. */
  begin(): void {
    this.provisioned?.begin();
  }

  /**
   * Start warm: `count` on-demand environments exist, idle, at time 0, as in a system that was
   * already running (so no cold start, no scaling token, no INIT billed: their INIT happened before
   * the simulated period). Their remaining lifetimes are spread evenly over `maxLifetime`, as the
   * ages of a running fleet would be, so they are not all recycled at the same instant. Call
   * before the run starts.
   */
  prewarm(count: number): void {
    const maxLifetime = this.config.maxLifetime;
    // Their keep-alives belong to no request: a stream of their own, drawn once each before the run.
    const keepAliveRng = this.ctx.randoms.stream(`fn:${this.name}:prewarmKeepAlive`);
    for (let i = 0; i < count; i++) {
      const env = this.environments.create(0, false);
      const rows = this.environments.rows;
      const retireAt = Math.max(1, Math.round((maxLifetime * (count - i)) / count));
      rows[env * ROW + Field.RetireAt] = retireAt;
      const keepAliveEnd = sampleUs(this.keepAliveSampler, keepAliveRng);
      rows[env * ROW + Field.ReclaimAt] = keepAliveEnd < retireAt ? keepAliveEnd : retireAt;
      this.idle.add(env);
      this.reclaim.add(env);
    }
    this.prewarmed += count;
  }

  /**
   * The warm-up ends now: counters and distributions start again from zero (see
   * FunctionStats.warmupEnded), for the environments, provisioned concurrency and async queue too.
   */
  warmupEnded(now: number): void {
    this.measuredFrom = now;
    this.stats.warmupEnded(now);
    this.environments.warmupEnded(now);
    this.provisioned?.warmupEnded(now);
    this.asyncQueue?.warmupEnded(now);
  }

  /** A synchronous request without client retries arrives now. */
  arrive(): void {
    // FIRST_MADE_NOW rather than kernel.now: a time past 2^30 us passed to a call V8 does not inline is boxed.
    this.invoke(FIRST_MADE_NOW, null, 0);
  }

  /**
   * The key of a request arriving now, for a caller that may invoke it more than once (client
   * retries, async events): pass it to every {@link invoke} of that request.
   */
  newRequestKey(): number {
    return this.nextKey++;
  }

  /**
   * A key space for an event source whose invocations have their own stable ids (a message id, a
   * record sequence number): its keys are `space + id`, id in [0, 2^40). Call once, at set-up.
   */
  keySpace(): number {
    return ++this.keySpaces * KEY_SPACE;
  }

  /**
   * The final answers of requests keyed in the key space at `space` (a {@link keySpace} result) are
   * also recorded into `latency`: an alias's latency, whichever of its versions served them.
   */
  recordLatencyOf(space: number, latency: Histogram): void {
    (this.latencyBySpace ??= [])[space / KEY_SPACE] = latency;
  }

  /** The function's async event queue, created when the first async workload needs it. */
  asyncEvents(): AsyncInvoker {
    if (this.asyncQueue === null) this.asyncQueue = new AsyncInvoker(this.ctx, this, this.config.asyncConfig);
    return this.asyncQueue;
  }

  /** The async event queue if a workload sends this function events, else null. */
  get asyncInvoker(): AsyncInvoker | null {
    return this.asyncQueue;
  }

  /**
   * A call first made at `firstAt` ({@link FIRST_MADE_NOW}: now) reaches the function now. Returns false when it is throttled (the
   * caller decides whether to retry), true when an invocation started; `client` then hears of its end
   * with `token`, a number the client chose (opaque to the function).
   * `forceError`: the invocation fails whatever `errorRate` draws (an event-source batch holding a
   * record the function always fails on).
   * `key` names the request (from {@link newRequestKey} or {@link keySpace}; -1: a new request
   * arriving now) and `run` counts its earlier invocations that ran (0 for the first): together they
   * pick this invocation's draws.
   * `itemsUs`: the handler's time for the items of a batch (an event source mapping's
   * durationPerItem x batch size, as written), added to the drawn duration and scaled with memory as it is.
   */
  invoke(firstAt: number, client: InvocationClient | null, token: number, forceError = false, key = -1, run = 0, itemsUs = 0): boolean {
    const now = this.kernel.now;
    if (firstAt === FIRST_MADE_NOW) firstAt = now;
    if (key < 0) key = this.nextKey++;
    const stats = this.stats;
    stats.requests++;
    const observer = this.requestHooks;
    if (observer !== null) observer.request!(this.index, now);
    if ((client === null || client.bypassesRateQuota !== true) && !this.spec.account.admitRate()) {
      return this.throttle(now, ThrottleReason.Rate);
    }

    // Most functions have no provisioned concurrency: skip the pool without a call.
    const pool = this.provisioned;
    let env = pool !== null ? pool.take(now) : -1;
    let initUs = 0;
    let reInitUs = 0;
    let initStatus: InitStatus = InitStatus.Ok;
    let cold = false;
    if (env < 0) {
      if (!this.share.hasRoom()) return this.throttle(now, this.share.refusal);
      env = this.idle.take();
      if (env >= 0) {
        this.reclaim.remove(env);
      } else {
        if (!this.spec.scaling.tryTake(now)) return this.throttle(now, ThrottleReason.Scaling);
        env = this.environments.create(now, false);
        const phase = this.initPhase;
        phase.resolve(sampleUs(this.initSampler, this.draws.at(key, run, DRAW_INIT)), this.draws, key, run);
        initUs = phase.initUs;
        reInitUs = phase.reInitUs;
        initStatus = phase.status;
        cold = true;
        stats.coldStarts++;
      }
      this.share.take(1);
      if (pool !== null) pool.onDemandStarted();
    }

    // A failed INIT never reaches the handler: the invoke phase is the second INIT attempt only. A
    // timed-out INIT runs again before the handler (init-phase.ts). Both count against the timeout.
    let drawnUs = initStatus === InitStatus.Failed ? reInitUs : reInitUs + sampleUs(this.durationSampler, this.draws.at(key, run, DRAW_DURATION));
    if (itemsUs > 0 && initStatus !== InitStatus.Failed) drawnUs += Math.round(itemsUs * this.itemsScale);
    const isTimeout = drawnUs > this.config.timeout;
    const durationUs = isTimeout ? this.config.timeout : drawnUs;
    const isError =
      initStatus === InitStatus.Failed ||
      forceError ||
      (this.config.errorRate > 0 && this.draws.at(key, run, DRAW_ERROR).chance(this.config.errorRate));
    const memoryMb = this.memorySampler.sample(this.draws.at(key, run, DRAW_MEMORY));
    const memorySize = this.config.memorySize;
    // A failed INIT never reaches the handler, so it cannot run out of memory in it.
    const isOutOfMemory = initStatus !== InitStatus.Failed && memoryMb > memorySize;

    const rows = this.environments.rows;
    const o = env * ROW;
    rows[o + Field.RequestAt] = firstAt;
    rows[o + Field.Token] = token;
    rows[o + Field.RequestKey] = key;
    rows[o + Field.Run] = run;
    rows[o + Field.Seq] = this.startedCount++;
    const ints = this.environments.ints;
    const i = env * INT_ROW;
    ints[i + IntField.DurationUs] = durationUs;
    ints[i + IntField.MemoryUsedMb] = reportedMemoryMb(memoryMb, memorySize);
    const longInit = initUs > INT32_MAX;
    if (longInit) rows[o + Field.LongInitUs] = initUs;
    ints[i + IntField.InitUs] = longInit ? 0 : initUs;
    ints[i + IntField.Flags] =
      (ints[i + IntField.Flags] & Flag.Provisioned) |
      (isError || isTimeout || isOutOfMemory ? Flag.Error : 0) |
      (isTimeout ? Flag.Timeout : 0) |
      (isOutOfMemory ? Flag.OutOfMemory : 0) |
      (cold ? Flag.Cold : 0) |
      (client !== null ? Flag.Client : 0) |
      (longInit ? Flag.LongInit : 0) |
      (initStatus << Flag.InitStatusShift);
    if (client !== null) this.environments.clients[env] = client;
    stats.busy.add(now, 1);
    if (observer !== null) observer.start!(this.index, now, cold, stats.busy.value);
    // With dependencies the handler may wait for them first: its user schedules the END (dependencyDone).
    if (this.uses !== null && initStatus !== InitStatus.Failed) this.uses.start(env, now + this.overheadUs + initUs, drawnUs);
    else this.kernel.schedule(now + this.overheadUs + initUs + durationUs, this, END, env);
    return true;
  }

  dependencyDone(slot: number, endAt: number, durationUs: number, isTimeout: boolean, failed: boolean): void {
    const ints = this.environments.ints;
    const i = slot * INT_ROW;
    ints[i + IntField.DurationUs] = durationUs;
    let flags = ints[i + IntField.Flags] & ~Flag.Timeout;
    if (isTimeout) flags |= Flag.Timeout;
    if (failed || isTimeout) flags |= Flag.Error;
    ints[i + IntField.Flags] = flags;
    this.kernel.schedule(endAt, this, END, slot);
  }

  handleEvent(kind: number, a: number): void {
    if (kind === END) this.finishInvocation(a);
    else this.reap();
  }

  /** Calls of retrying callers that name this function (client-calls.ts). */
  get clientCalls(): ClientCallCounts {
    return this.stats.clientCalls;
  }

  /** Invocations started so far (the time series reads it at bucket boundaries). */
  get invocationsStarted(): number {
    return this.startedCount;
  }

  /** Requests still running now. */
  get inFlight(): number {
    return this.stats.busy.value;
  }

  private throttle(now: number, reason: ThrottleReason): false {
    this.stats.throttled(reason, now);
    if (this.requestHooks !== null) this.requestHooks.throttle!(this.index, now, reason);
    return false;
  }

  private finishInvocation(env: number): void {
    const now = this.kernel.now;
    const stats = this.stats;
    stats.busy.add(now, -1);

    // The row's fields are read once, here: after the calls below the table may have grown.
    const rows = this.environments.rows;
    const ints = this.environments.ints;
    const o = env * ROW;
    const i = env * INT_ROW;
    const flags = ints[i + IntField.Flags];
    const cold = (flags & Flag.Cold) !== 0;
    const requestAt = rows[o + Field.RequestAt];
    const initUs = (flags & Flag.LongInit) === 0 ? ints[i + IntField.InitUs] : rows[o + Field.LongInitUs];
    const durationUs = ints[i + IntField.DurationUs];
    const retireAt = rows[o + Field.RetireAt];
    const isError = (flags & Flag.Error) !== 0;
    const isTimeout = (flags & Flag.Timeout) !== 0;
    const isOutOfMemory = (flags & Flag.OutOfMemory) !== 0;
    const provisioned = (flags & Flag.Provisioned) !== 0;
    const initStatus: InitStatus = (flags & Flag.InitStatusMask) >> Flag.InitStatusShift;

    stats.invocations++;
    if (isTimeout) stats.timeouts++;
    if (isOutOfMemory) stats.outOfMemory++;
    if (isError) stats.errors++;
    else stats.successes++;
    // The time series counts it in the bucket it started in (the start is its end minus INIT and
    // duration): EndsByStart.count's one increment written out here, where V8 cannot decline to inline it.
    const byStart = stats.endsByStart;
    if (byStart !== null) {
      const startAt = now - durationUs - initUs;
      if (startAt >= byStart.fastFrom && !isError) byStart.fast++;
      else byStart.countAny(startAt, isError);
    }
    stats.duration.record(durationUs);
    stats.memoryUsed.record(ints[i + IntField.MemoryUsedMb]);
    if (cold) stats.initDuration.record(initUs);
    if (initStatus === InitStatus.TimedOut) stats.initTimeouts++;
    else if (initStatus === InitStatus.Failed) stats.initErrors++;
    const billing = this.spec.billing;
    const billed = this.initPhase.billedMs(cold, initUs, initStatus, durationUs, billing);
    if (provisioned) this.provisioned!.bill(billed);
    else stats.billedMs += billed;
    let client: InvocationClient | null = null;
    if ((flags & Flag.Client) !== 0) {
      client = this.environments.clients[env];
      this.environments.clients[env] = null;
    }
    const token = rows[o + Field.Token];
    const requestKey = rows[o + Field.RequestKey];
    const run = rows[o + Field.Run];
    // The caller decides first (it may schedule a retry), so the observer knows whether this is the answer.
    const answered = client === null || client.invocationEnded(requestAt, token, isError, isTimeout);
    if (answered) {
      // The final answer: end-to-end latency and the wait before this invocation started, so that
      // latency = wait + service overhead + INIT + duration for every final answer.
      const waitUs = now - this.overheadUs - initUs - durationUs - requestAt;
      stats.latency.record(now - requestAt);
      stats.wait.record(waitUs);
      stats.stages.record(waitUs, client !== null && client.waitIsRetry === true, this.overheadUs, initUs, durationUs);
      if (this.latencyBySpace !== null) this.recordBySpace(env);
    }
    if (this.endHooks !== null) this.notifyEnd(env, now, billed, answered);

    // A timeout, running out of memory or a failed INIT resets the environment (section 1.5;
    // Runtime.OutOfMemory kills the runtime process): we model it as a new environment next time,
    // which runs INIT again (a cold start).
    const reset = isTimeout || isOutOfMemory || initStatus === InitStatus.Failed;
    if (provisioned) {
      this.provisioned!.release(env, now, reset);
      return;
    }
    this.share.take(-1);
    if (reset) {
      this.environments.discard(env, now);
      return;
    }
    if (now >= retireAt) {
      this.environments.reclaim(env, now);
      return;
    }
    const keepAliveEnd = now + sampleUs(this.keepAliveSampler, this.draws.at(requestKey, run, DRAW_KEEP_ALIVE));
    this.environments.rows[o + Field.ReclaimAt] = keepAliveEnd < retireAt ? keepAliveEnd : retireAt;
    this.idle.add(env);
    this.reclaim.add(env);
  }

  /** The answer of the request on `env` in its key space's latency too, if an alias watches that space. */
  private recordBySpace(env: number): void {
    // The clock read here, not passed: a time past 2^30 us crossing a call V8 does not inline is boxed.
    const now = this.kernel.now;
    const o = env * ROW;
    const rows = this.environments.rows;
    const latency = this.latencyBySpace![Math.floor(rows[o + Field.RequestKey] / KEY_SPACE)];
    if (latency !== undefined) latency.record(now - rows[o + Field.RequestAt]);
  }

  private notifyEnd(env: number, now: number, billedMs: number, answered: boolean): void {
    const observer = this.endHooks!;
    const rows = this.environments.rows;
    const o = env * ROW;
    const ints = this.environments.ints;
    const i = env * INT_ROW;
    const flags = ints[i + IntField.Flags];
    const initUs = (flags & Flag.LongInit) === 0 ? ints[i + IntField.InitUs] : rows[o + Field.LongInitUs];
    const durationUs = ints[i + IntField.DurationUs];
    const isError = (flags & Flag.Error) !== 0;
    const r = this.endRecord;
    r.seq = rows[o + Field.Seq];
    r.requestAt = rows[o + Field.RequestAt];
    r.endAt = now;
    r.initUs = initUs;
    r.durationUs = durationUs;
    r.billedMs = billedMs;
    r.isError = isError;
    r.isTimeout = (flags & Flag.Timeout) !== 0;
    r.isOutOfMemory = (flags & Flag.OutOfMemory) !== 0;
    r.memoryUsedMb = ints[i + IntField.MemoryUsedMb];
    r.answered = answered;
    r.envId = rows[o + Field.Id];
    r.initStatus = (flags & Flag.InitStatusMask) >> Flag.InitStatusShift;
    observer.end!(r);
  }

  /** Reclaim every idle environment whose time has come, then wait for the next one. */
  private reap(): void {
    const now = this.kernel.now;
    const reclaim = this.reclaim;
    reclaim.reaperFired(now);
    for (let env = reclaim.takeDue(now); env >= 0; env = reclaim.takeDue(now)) {
      if ((this.environments.ints[env * INT_ROW + IntField.Flags] & Flag.Provisioned) !== 0) {
        // Idle provisioned environments are only ever due for recycling.
        this.provisioned!.lifetimeOver(env, now);
        continue;
      }
      this.idle.remove(env);
      this.environments.reclaim(env, now);
    }
    reclaim.rearm();
  }

  // --- Results -------------------------------------------------------------------------------------

  /** What this function used, for the bill (provisioned capacity up to `endUs`). */
  usage(endUs: number): FunctionUsage {
    const pool = this.provisioned;
    return {
      name: this.name,
      architecture: this.config.architecture,
      memoryMb: this.config.memorySize,
      ephemeralStorageMb: this.config.ephemeralStorage,
      requests: this.stats.invocations + this.stats.extraBilledRequests,
      billedMs: this.stats.billedMs,
      provisionedBilledMs: pool !== null ? pool.billedMs : 0,
      provisionedConcurrencyMs: pool !== null ? pool.concurrencyMs(endUs) : 0,
      ...(pool !== null ? { provisionedConcurrencyMonthMs: pool.concurrencyMonthMs(endUs) } : {}),
      // SnapStart: the version is active for the measured period; every cold start is a restore.
      ...(this.initPhase.snapStart
        ? { snapStart: { activeMs: (endUs - this.measuredFrom) / 1000, restores: this.stats.coldStarts, charged: snapStartCharged(this.config.runtime) } }
        : {}),
    };
  }

  /** Counters and distributions at the end of the run (cost is filled in by the caller). */
  results(endUs: number): Omit<FunctionResults, 'gbSeconds' | 'cost'> {
    const s = this.stats;
    const pool = this.provisioned;
    const async = this.asyncQueue;
    return {
      name: this.name,
      runtime: this.config.runtime,
      architecture: this.config.architecture,
      memorySize: this.config.memorySize,
      ephemeralStorage: this.config.ephemeralStorage,
      requests: s.requests,
      invocations: s.invocations,
      successes: s.successes,
      errors: s.errors,
      timeouts: s.timeouts,
      throttles: s.throttles,
      throttleReasons: { ...s.throttleReasons },
      coldStarts: s.coldStarts,
      ...initCounts(this.initPhase.canFail, s.initErrors, s.initTimeouts + (pool !== null ? pool.initTimeouts : 0)),
      retries: s.retries,
      retriesPendingAtEnd: s.retriesPending,
      ...(s.clientCalls.used ? { clientCalls: s.clientCalls.results()! } : {}),
      deadLettered: async ? async.deadLettered + async.onFailureDeliveries : 0,
      dropped: async ? async.dropped : 0,
      inFlightAtEnd: this.inFlight,
      ...(this.measuredFrom > 0 ? { inFlightAtStart: s.inFlightAtStart } : {}),
      earlyThrottles: s.earlyThrottles(),
      concurrencyMax: s.busy.max,
      concurrencyMean: s.busy.mean(endUs),
      environmentsCreated: this.environments.created,
      environmentsReclaimed: this.environments.reclaimed,
      environmentsMaxAlive: this.environments.alive.max,
      environmentsMeanAlive: this.environments.alive.mean(endUs),
      duration: s.duration,
      // A SnapStart function's cold starts are restores: no INIT during the run (it ran at publish).
      initDuration: this.initPhase.snapStart ? new Histogram() : s.initDuration,
      ...(this.initPhase.snapStart ? { restores: s.coldStarts, restoreDuration: s.initDuration } : {}),
      latency: s.latency,
      wait: s.wait,
      outOfMemory: s.outOfMemory,
      memoryUsed: s.memoryUsed,
      stages: s.stages.summary(),
      ...(this.prewarmed > 0 ? { environmentsPrewarmed: this.prewarmed } : {}),
      billedDurationMs: s.billedMs + (pool !== null ? pool.billedMs : 0),
      reservedConcurrency: this.share.reserved,
      provisioned: pool !== null ? pool.results(endUs) : undefined,
      ...(async ? { async: async.results(endUs) } : {}),
    };
  }
}

/**
 * The INIT failure counts of a function's results: present when its INIT can fail or either count is
 * above 0, absent otherwise (so reports of functions without INIT trouble keep their shape).
 */
function initCounts(canFail: boolean, initErrors: number, initTimeouts: number): { initErrors?: number; initTimeouts?: number } {
  return canFail || initErrors > 0 || initTimeouts > 0 ? { initErrors, initTimeouts } : {};
}
