/**
 * The provisioned concurrency of one function (lambda-behavior.md sections 1.11, 3.5, 4): the
 * scheduled levels, the environments they keep initialised, and their statistics.
 *
 * An idle provisioned environment serves a request before any on-demand one (no cold start, no
 * scaling token). Raising the level allocates environments, ready together once all are allocated
 * and initialised (at once for the level configured before the run); lowering it removes idle ones
 * now and busy or initialising ones when they next become free. A provisioned environment is never
 * reclaimed for idleness; when recycled it runs a billed INIT again.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { Rng } from '../kernel/random.js';
import { sampleUs, type Sampler } from '../kernel/distributions.js';
import { TimeWeighted } from '../metrics/time-weighted.js';
import { billedDurationMs } from '../billing/rounding.js';
import type { ConcurrencyShare } from './account.js';
import type { ModelContext } from './context.js';
import { Field, ROW } from './environment.js';
import type { Environments } from './environments.js';
import { createIdlePool, type IdlePool } from './idle-pool.js';
import type { ProvisionedStep } from './input.js';
import type { ProvisionedResults } from './results.js';
import type { ReclaimQueue } from './reclaim-heap.js';
import type { FunctionSpec } from './function-spec.js';
import { allocationTimeUs, provisionedConcurrencyMs } from './provisioned.js';
import { provisionedInitCapUs } from './init-phase.js';

/**
 * INIT attempts of a provisioned environment before it is given up on (never ready). AWS documents
 * the limit (max(130 s, timeout)) but not how often it retries; 3 is our choice, stated in docs/model.md.
 */
export const PROVISIONED_INIT_ATTEMPTS = 3;

const STEP = 1;
const READY = 2;

/** The parts of its function the pool shares: environments, reclaim queue, concurrency and INIT draws. */
export interface PoolParts {
  readonly environments: Environments;
  readonly reclaim: ReclaimQueue;
  readonly share: ConcurrencyShare;
  /** The function's INIT sampler (shared: a sampler may keep a spare normal deviate per stream). */
  readonly initSampler: Sampler;
}

export class ProvisionedPool implements EventHandler {
  /** ProvisionedConcurrencyInvocations. */
  private invocations = 0;
  /** On-demand invocations while a level was configured. */
  private spillover = 0;
  /** Billed ms at the provisioned price: invocations on provisioned environments and their INITs. */
  billedMs = 0;
  /** Provisioned environments ready to serve (idle or busy). */
  private readonly ready = new TimeWeighted(0);
  /** Provisioned environments busy. */
  private readonly busy = new TimeWeighted(0);
  /** Highest ProvisionedConcurrencyUtilization seen (busy / ready). */
  private utilizationMax = 0;
  /** Start of the measured period (the end of the warm-up; 0 without one). */
  private measuredFrom = 0;
  /** Environments that exist (initialising, idle or busy). */
  private allocated = 0;
  /** Environments to remove when they next become free (a level was lowered). */
  private excess = 0;
  /** The configured level now. */
  private target = 0;
  /** INIT attempts that passed the limit max(130 s, timeout) (counted into the function's initTimeouts). */
  initTimeouts = 0;
  /** That limit, us. */
  private readonly initCapUs: number;
  private readonly idle: IdlePool;
  private readonly initRng: Rng;
  private readonly kernel: Kernel;
  private readonly steps: readonly ProvisionedStep[];
  /** The levels configured over time, for the bill: the scheduled steps and the changes made at run time, by time. */
  private readonly levels: ProvisionedStep[];
  /** Per entry of `levels`, the number of run-time changes made before it (-1: a scheduled step). */
  private readonly levelChange: number[];
  /** Run-time changes made so far (changeLevel). */
  changes = 0;

  constructor(
    ctx: ModelContext,
    private readonly spec: FunctionSpec,
    private readonly parts: PoolParts,
  ) {
    this.kernel = ctx.kernel;
    this.steps = spec.config.provisionedConcurrency ?? [];
    this.levels = [...this.steps];
    this.levelChange = this.steps.map(() => -1);
    this.initRng = ctx.randoms.stream(`fn:${spec.name}:provisionedInit`);
    this.initCapUs = provisionedInitCapUs(spec.config.timeout);
    this.idle = createIdlePool(spec.config.environmentSelection, parts.environments, ctx.randoms.stream(`fn:${spec.name}:provisionedSelect`));
  }

  /** Schedule the steps; a step at time 0 is ready when the run starts. */
  begin(): void {
    this.steps.forEach((step, i) => {
      if (step.at === 0) this.setLevel(step.value, true);
      else this.kernel.schedule(step.at, this, STEP, i);
    });
  }

  handleEvent(kind: number, a: number): void {
    if (kind === STEP) this.setLevel(this.steps[a].value, false);
    else this.envReady(a);
  }

  /** Set the level now (FunctionModel.setProvisionedLevel); `readyNow`: allocated and initialised at once. */
  changeLevel(level: number, readyNow: boolean): void {
    // The level in effect already: no change, so no new billing period (each level is rounded up to
    // 5 minutes; a rollback before any traffic moved re-applies the level it found).
    if (level === this.target && !readyNow) return;
    const now = this.kernel.now;
    // After every level set at or before now: a later scheduled step still overrides it.
    let i = this.levels.length;
    while (i > 0 && this.levels[i - 1].at > now) i--;
    this.levels.splice(i, 0, { at: now, value: level });
    this.levelChange.splice(i, 0, this.changes++);
    this.setLevel(level, readyNow);
  }

  /** The configured level now. */
  get level(): number {
    return this.target;
  }

  /** The slot of an idle provisioned environment for a request arriving now (busy from now), or -1. */
  take(now: number): number {
    if (this.allocated === 0) return -1;
    const env = this.idle.take();
    if (env < 0) return -1;
    this.parts.reclaim.remove(env);
    this.invocations++;
    this.busy.add(now, 1);
    this.noteUtilization();
    return env;
  }

  /** An on-demand invocation started (a spillover one if a level is configured). */
  onDemandStarted(): void {
    if (this.target > 0) this.spillover++;
  }

  /** An invocation on a provisioned environment was billed `billedMs`. */
  bill(billedMs: number): void {
    this.billedMs += billedMs;
  }

  /** The invocation on provisioned `env` ended now; `crashed` when it timed out. */
  release(env: number, now: number, crashed: boolean): void {
    this.busy.add(now, -1);
    this.noteUtilization();
    this.envFree(env, now, crashed);
  }

  /** Idle provisioned `env` reached the end of its lifetime (it was due in the reclaim queue). */
  lifetimeOver(env: number, now: number): void {
    this.idle.remove(env);
    this.envFree(env, now, false);
  }

  /**
   * Set the level. Raising it allocates new environments, ready together once all are allocated and
   * initialised (or at once for the level configured before the run); lowering it removes idle ones
   * now and busy or initialising ones when they next become free.
   */
  private setLevel(target: number, beforeRun: boolean): void {
    const now = this.kernel.now;
    this.target = target;
    let remaining = this.allocated - this.excess;
    if (target > remaining) {
      const cancel = Math.min(this.excess, target - remaining);
      this.excess -= cancel;
      remaining += cancel;
      const count = target - remaining;
      if (count === 0) return;
      const fresh: number[] = [];
      let slowestInit = 0;
      for (let i = 0; i < count; i++) {
        const env = this.parts.environments.create(now, true);
        const initUs = beforeRun ? 0 : this.initialise();
        if (initUs > slowestInit && initUs !== Infinity) slowestInit = initUs;
        // An environment whose INIT never succeeded stays initialising (init-phase.ts): never ready.
        if (initUs !== Infinity) fresh.push(env);
      }
      this.allocated += count;
      this.parts.share.take(count);
      if (beforeRun) {
        for (const env of fresh) this.envReady(env);
        return;
      }
      const readyAt = now + allocationTimeUs(count, this.spec.scalingRule, this.spec.region) + slowestInit;
      for (const env of fresh) this.kernel.schedule(readyAt, this, READY, env);
    } else if (target < remaining) {
      let excess = remaining - target;
      while (excess > 0 && this.idle.size > 0) {
        const env = this.idle.take();
        this.parts.reclaim.remove(env);
        this.ready.add(now, -1);
        this.remove(env, now);
        excess--;
      }
      this.excess += excess;
    }
  }

  /** A provisioned environment finished INIT (allocation or recycling). */
  private envReady(env: number): void {
    const now = this.kernel.now;
    if (this.excess > 0) {
      this.excess--;
      this.remove(env, now);
      return;
    }
    this.becomeIdle(env);
    this.ready.add(now, 1);
    this.noteUtilization();
  }

  /** `env` waits in the idle pool, and in the reclaim queue until its lifetime is over. */
  private becomeIdle(env: number): void {
    const rows = this.parts.environments.rows;
    rows[env * ROW + Field.ReclaimAt] = rows[env * ROW + Field.RetireAt];
    this.idle.add(env);
    this.parts.reclaim.add(env);
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
  private envFree(env: number, now: number, crashed: boolean): void {
    if (this.excess > 0) {
      this.excess--;
      this.ready.add(now, -1);
      this.noteUtilization();
      this.remove(env, now);
      return;
    }
    if (crashed) {
      this.ready.add(now, -1);
      this.noteUtilization();
      this.parts.environments.recycle(env, now);
      const initUs = this.initialise();
      if (initUs !== Infinity) this.kernel.schedule(now + initUs, this, READY, env);
      return;
    }
    if (now >= this.parts.environments.rows[env * ROW + Field.RetireAt]) {
      this.parts.environments.recycle(env, now);
      // Make-before-break: the replacement's INIT is billed; one that never succeeds is not modelled
      // as a capacity loss (the old environment keeps serving).
      this.initialise();
    }
    this.becomeIdle(env);
  }

  private remove(env: number, now: number): void {
    this.allocated--;
    this.parts.share.take(-1);
    this.parts.environments.reclaim(env, now);
  }

  /**
   * Run the INIT of a provisioned environment: draw it and bill it; an attempt past the limit
   * max(130 s, timeout) (lambda-behavior.md 1.3) is cut there, billed that long and tried again with a
   * new draw, up to PROVISIONED_INIT_ATTEMPTS. Returns the time until the environment is ready, or
   * Infinity when every attempt timed out.
   */
  private initialise(): number {
    const cap = this.initCapUs;
    let spentUs = 0;
    for (let attempt = 0; attempt < PROVISIONED_INIT_ATTEMPTS; attempt++) {
      const initUs = sampleUs(this.parts.initSampler, this.initRng);
      if (initUs <= cap) {
        this.billInit(initUs);
        return spentUs + initUs;
      }
      this.billInit(cap);
      this.initTimeouts++;
      spentUs += cap;
    }
    return Infinity;
  }

  /** Provisioned INIT is billed at the provisioned duration price (sections 1.11 and 12.3). */
  private billInit(initUs: number): void {
    this.billedMs += billedDurationMs(initUs, this.spec.billing.granularityMs);
  }

  private noteUtilization(): void {
    const ready = this.ready.value;
    if (ready > 0) {
      const u = this.busy.value / ready;
      if (u > this.utilizationMax) this.utilizationMax = u;
    }
  }

  /** Billed provisioned capacity of the measured period up to `endUs`, environment-ms. */
  concurrencyMs(endUs: number): number {
    return provisionedConcurrencyMs(this.levels, endUs, this.measuredFrom);
  }

  /** `concurrencyMs` for the monthly projection: the level still on at `endUs` unrounded (provisioned.ts). */
  concurrencyMonthMs(endUs: number): number {
    return provisionedConcurrencyMs(this.levels, endUs, this.measuredFrom, 'unrounded');
  }

  /**
   * What `concurrencyMs` would be had the run-time changes from the `fromChange`-th on not been made
   * (a deployment's counterfactual: the level it found stays; deployment-controller.ts).
   */
  concurrencyMsWithout(endUs: number, fromChange: number): number {
    return provisionedConcurrencyMs(this.levels.filter((_, i) => this.levelChange[i] < fromChange), endUs, this.measuredFrom);
  }

  /** The warm-up ends now: counts and the bill start again from zero, time averages restart. */
  warmupEnded(now: number): void {
    this.measuredFrom = now;
    this.invocations = 0;
    this.spillover = 0;
    this.billedMs = 0;
    this.initTimeouts = 0;
    this.ready.restart(now);
    this.busy.restart(now);
    this.utilizationMax = 0;
    this.noteUtilization();
  }

  results(endUs: number): ProvisionedResults {
    const readyMean = this.ready.mean(endUs);
    return {
      configuredMax: Math.max(...this.levels.map((s) => s.value)),
      readyMax: this.ready.max,
      invocations: this.invocations,
      spilloverInvocations: this.spillover,
      utilizationMean: readyMean > 0 ? this.busy.mean(endUs) / readyMean : 0,
      utilizationMax: this.utilizationMax,
      billedMs: this.billedMs,
      concurrencyMs: this.concurrencyMs(endUs),
    };
  }
}
