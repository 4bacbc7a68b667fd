/**
 * One CodeDeploy deployment of an alias, run on the kernel: allocate the new version's provisioned
 * concurrency ahead (when asked), shift traffic step by step (deployment-plan.ts), judge the alarms
 * at the end of each period (deployment-alarm.ts), roll back or complete, and keep the counts of
 * the alias's traffic before, during and after the shift (deployment-window.ts).
 *
 * Provisioned concurrency. The alias's PC follows its routing (alias-router.ts: split in proportion
 * to the weights, moved with each step, so the new version's share is allocated, and INITs, as
 * traffic reaches it, and all of it moves at completion: "changing an alias's version moves the PC",
 * lambda-behavior.md section 5.1). With `allocateBeforeUs` the deployment places it instead: the new
 * version gets the alias's whole level that long before the shift (billed from then, as PC is billed
 * while configured: https://aws.amazon.com/lambda/pricing/), the old one keeps its level during the
 * shift, and at completion the old one's is released; on rollback the new one's is.
 *
 * The steady-state baseline: the later half of the `before` phase (from the midpoint between the end
 * of the warm-up, or time 0, and the shift), so the run's own first cold starts (no environment
 * exists at time 0) are not taken for the steady rate. Shorter than BASELINE_MIN_US: no baseline.
 *
 * Alarms and steps due at the same instant: the alarms are judged first (their period ended before
 * the step), so a breach at the instant of the last step still rolls back.
 *
 * Lifecycle hooks (deployment-hook.ts): with a preTraffic hook the deployment starts at `at` by running
 * it, and the shift (its steps and the alarms' periods) starts when it succeeds; with a postTraffic
 * hook, the last step moves all traffic and the deployment completes when the hook succeeds, its
 * alarms still judged meanwhile. A failed hook rolls the deployment back.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import { AlarmState, alarmValue, type AlarmSpec } from './deployment-alarm.js';
import { DeploymentHook, type HookKind, type HookResult } from './deployment-hook.js';
import { deploymentPlan, type PlanStep, type TrafficShift } from './deployment-plan.js';
import type { InvokeTarget } from './invoke-target.js';
import { CounterMark, WindowCounts, type VersionCounters } from './deployment-window.js';
import { US_PER_MINUTE } from '../kernel/time.js';

/** The alias's traffic split, as the deployment drives it (AliasRouter implements it). */
export interface TrafficSplit {
  /** From now on, `secondaryWeight` (0..1) of requests go to `secondary`, the rest to `primary`. */
  setRouting(primary: string, secondary: string | null, secondaryWeight: number): void;
  /** While held, routing changes leave the alias's provisioned concurrency where it is (the deployment places it). */
  holdProvisioned(hold: boolean): void;
}

/** A version of the function, as the deployment sees it. */
export interface DeployedVersion {
  readonly stats: VersionCounters;
  /** Provisioned concurrency of this version from now on (0 releases it). */
  setProvisionedLevel(level: number): void;
  /** Run-time PC changes so far, and the billed PC env-ms beyond what it would be without those from a mark on. */
  readonly provisionedChanges: number;
  provisionedMsBeyond(endUs: number, fromChange: number): number;
}

/** A deployment as the scenario gives it (times in us). */
export interface DeploymentInput {
  readonly function: string;
  readonly alias: string;
  /** Version the alias points to when the shift starts. */
  readonly from: string;
  readonly to: string;
  /** When the shift starts. */
  readonly atUs: number;
  /** The strategy as written (a predefined name, or `canary 20% every 10m` for a custom one). */
  readonly strategy: string;
  readonly shift: TrafficShift;
  /** The alias's provisioned concurrency (0: none). */
  readonly provisionedConcurrency: number;
  /** Allocate the alias's PC on the new version this long before the shift; null: at completion. */
  readonly allocateBeforeUs: number | null;
  readonly alarms: readonly AlarmSpec[];
  /** Lifecycle hook functions, by name (an alias deployment only). */
  readonly hooks?: { readonly preTraffic?: string; readonly postTraffic?: string };
}

export type DeploymentOutcome = 'completed' | 'rolledBack' | 'inProgress' | 'notStarted';

/** Counts of the alias's traffic (both versions) over one phase. */
export interface PhaseResults {
  readonly fromUs: number;
  readonly toUs: number;
  readonly invocations: number;
  readonly errors: number;
  readonly throttles: number;
  readonly coldStarts: number;
  /** Sum of the INIT durations of the cold starts (us). */
  readonly initUs: number;
  /** p99 of end-to-end latency of the phase's final answers (us); null without any (an empty phase has no p99). */
  readonly p99LatencyUs: number | null;
}

export interface DeploymentResults {
  readonly input: DeploymentInput;
  /** Steps as applied: when, and the percentage on the new version from then. */
  readonly steps: readonly { readonly atUs: number; readonly percent: number }[];
  readonly outcome: DeploymentOutcome;
  /** When it completed or rolled back; null otherwise. */
  readonly endUs: number | null;
  /** The alarm that rolled it back: its index in `alarms`, and the value of its last period. */
  readonly alarm: { readonly index: number; readonly observed: number } | null;
  /** The hook whose failure rolled it back (null: none did). */
  readonly failedHook: HookKind | null;
  /** The hooks that ran, in order. */
  readonly hooks: readonly HookResult[];
  readonly before: PhaseResults;
  /** The later half of `before` (the steady-state baseline); null when shorter than BASELINE_MIN_US or not started. */
  readonly baseline: PhaseResults | null;
  readonly during: PhaseResults;
  readonly after: PhaseResults;
  /**
   * PC of the new version held while the old one still had the alias's PC: from the allocation
   * ahead to completion or rollback (concurrency x us); 0 without allocateBefore.
   */
  readonly provisionedAheadUs: number;
  readonly provisionedAheadFromUs: number | null;
  /**
   * PC environment-ms the bill charged for both versions beyond what it would have, had the alias's
   * level stayed on the old version (the levels as the deployment found them): what the bill
   * actually charged, with each level rounded up to 5 minutes. Can be negative only by rounding.
   */
  readonly provisionedExtraMs: number;
}

/** A deployment's results with what its costs are priced by (deployments.ts adds them). */
export interface PricedDeploymentResults extends DeploymentResults {
  /** The new version's memory (MB) and architecture: what the extras are priced at. */
  readonly memoryMb: number;
  readonly architecture: 'x86_64' | 'arm64';
  /** Whether INIT is billed (billing.billInit). */
  readonly initBilled: boolean;
}

const ALLOCATE = 1;
const TICK = 2;
const BASELINE = 3;
/** A baseline shorter than a minute gives no steady rate worth extrapolating (our choice). */
export const BASELINE_MIN_US = US_PER_MINUTE;

export class DeploymentController implements EventHandler {
  private readonly kernel: Kernel;
  private readonly plan: PlanStep[];
  private readonly alarms: AlarmState[];
  /** Next step to apply. */
  private nextStep = 0;
  /** When the tick of the next step is scheduled (-1: none yet). */
  private stepTickAt = -1;
  /** Per alarm, when its current period ends. */
  private readonly alarmDue: number[];
  /** Per alarm, its marks of the new version's counters at the start of its current period. */
  private readonly alarmMarks: CounterMark[];
  private readonly scratch = new WindowCounts();
  private readonly applied: { atUs: number; percent: number }[] = [];
  private outcome: DeploymentOutcome = 'notStarted';
  private endUs: number | null = null;
  private alarm: { index: number; observed: number } | null = null;
  private failedHook: HookKind | null = null;
  /** The previous deployment of the same alias, which must end before this one starts (null: none). */
  private previous: DeploymentController | null = null;
  /** The next deployment of the same alias, waiting for this one to end. */
  private waiting: DeploymentController | null = null;
  /** Its allocation ahead fell due while the previous deployment still ran: allocate at the start. */
  private allocateWhenStarting = false;
  private preHook: DeploymentHook | null = null;
  private postHook: DeploymentHook | null = null;
  /** When the shift started (its steps and alarm periods count from then): `at`, or the end of the preTraffic hook. */
  private shiftAt: number;
  private aheadFromUs: number | null = null;
  private aheadUntilUs: number | null = null;
  /** The versions' PC change counts when the deployment first changed PC; null before. */
  private pcMark: [number, number] | null = null;
  /** Marks of [from, to] at the start of the measured period, of the shift, at its end, and of the baseline. */
  private readonly marks: CounterMark[][] = [0, 1, 2, 3].map(() => [new CounterMark(), new CounterMark()]);
  private phaseStart = [0, 0, 0, -1];
  private beforeCounts: PhaseResults | null = null;
  private baselineCounts: PhaseResults | null = null;
  private duringCounts: PhaseResults | null = null;

  constructor(
    kernel: Kernel,
    readonly input: DeploymentInput,
    private readonly split: TrafficSplit,
    private readonly from: DeployedVersion,
    private readonly to: DeployedVersion,
  ) {
    this.kernel = kernel;
    this.plan = deploymentPlan(input.shift);
    this.alarms = input.alarms.map((spec) => new AlarmState(spec));
    this.shiftAt = input.atUs;
    this.alarmDue = input.alarms.map(() => Infinity);
    this.alarmMarks = input.alarms.map(() => new CounterMark());
  }

  /**
   * `previous` deploys the same alias earlier. The load-time check keeps their shifts apart, but
   * hooks make a deployment last as long as they take: one still running when this one is due
   * holds it back until it ends, as CodeDeploy runs one deployment of an alias at a time.
   */
  after(previous: DeploymentController): void {
    this.previous = previous;
  }

  /** The hook functions, once every target exists (before the run starts). */
  connectHooks(pre: InvokeTarget | null, post: InvokeTarget | null): void {
    if (pre !== null) this.preHook = new DeploymentHook(this.kernel, 'preTraffic', pre, (ok) => this.preTrafficDone(ok));
    if (post !== null) this.postHook = new DeploymentHook(this.kernel, 'postTraffic', post, (ok) => this.postTrafficDone(ok));
  }

  /** Schedule the allocation ahead and the start of the shift (before the run starts). */
  begin(): void {
    const { atUs, allocateBeforeUs, provisionedConcurrency } = this.input;
    if (allocateBeforeUs !== null && provisionedConcurrency > 0) {
      this.kernel.schedule(Math.max(this.kernel.now, atUs - allocateBeforeUs), this, ALLOCATE);
    }
    this.kernel.schedule(atUs, this, TICK);
    this.scheduleBaseline(this.kernel.now);
  }

  /** The baseline starts halfway from `measuredFrom` to the shift (the latest such mark wins). */
  private scheduleBaseline(measuredFrom: number): void {
    const { atUs } = this.input;
    if (atUs - measuredFrom >= 2 * BASELINE_MIN_US) this.kernel.schedule(measuredFrom + Math.floor((atUs - measuredFrom) / 2), this, BASELINE);
  }

  /** The warm-up ended now: the versions' counters restarted from zero, so do the marks. */
  warmupEnded(now: number): void {
    for (const pair of this.marks) for (const m of pair) m.zero();
    for (const m of this.alarmMarks) m.zero();
    this.phaseStart[0] = now;
    this.phaseStart[3] = -1;
    this.scheduleBaseline(now);
  }

  handleEvent(kind: number): void {
    const now = this.kernel.now;
    if (kind === BASELINE) {
      if (this.outcome === 'notStarted') this.mark(3, now);
      return;
    }
    if (kind === ALLOCATE) {
      // While an earlier deployment of the alias still runs, the PC it places is its own: allocate
      // ahead only once it ended (at this one's start, then).
      if (this.previousRunning()) {
        this.allocateWhenStarting = true;
        return;
      }
      this.allocateAhead(now);
      return;
    }
    if (this.outcome === 'completed' || this.outcome === 'rolledBack') return;
    if (this.outcome === 'notStarted') {
      if (this.previousRunning()) {
        this.previous!.waiting = this;
        return;
      }
      if (this.allocateWhenStarting) this.allocateAhead(now);
      this.start(now);
      if (this.preHook !== null) this.preHook.run();
      else this.startShift(now);
      return;
    }
    if (this.judgeAlarms(now)) return;
    this.applySteps(now);
  }

  /** The previous deployment of the alias has not ended. */
  private previousRunning(): boolean {
    return this.previous !== null && this.previous.underway;
  }

  /** Started and not ended, or waiting behind an earlier deployment of the alias (which will start it). */
  private get underway(): boolean {
    return this.endUs === null && (this.outcome === 'inProgress' || this.previous?.waiting === this);
  }

  private allocateAhead(now: number): void {
    this.markProvisioned();
    this.aheadFromUs = now;
    this.split.holdProvisioned(true);
    this.to.setProvisionedLevel(this.input.provisionedConcurrency);
  }

  private preTrafficDone(succeeded: boolean): void {
    if (this.outcome !== 'inProgress') return;
    const now = this.kernel.now;
    if (succeeded) this.startShift(now);
    else this.hookFailed('preTraffic', now);
  }

  private postTrafficDone(succeeded: boolean): void {
    // An alarm may have rolled the deployment back while the hook ran.
    if (this.outcome !== 'inProgress') return;
    const now = this.kernel.now;
    if (succeeded) this.complete(now);
    else this.hookFailed('postTraffic', now);
  }

  private hookFailed(hook: HookKind, now: number): void {
    this.failedHook = hook;
    this.rollBack(now);
  }

  private markProvisioned(): void {
    if (this.pcMark === null) this.pcMark = [this.from.provisionedChanges, this.to.provisionedChanges];
  }

  private start(now: number): void {
    this.markProvisioned();
    this.outcome = 'inProgress';
    this.beforeCounts = this.phase(0, now);
    if (this.phaseStart[3] > 0 && now - this.phaseStart[3] >= BASELINE_MIN_US) this.baselineCounts = this.phase(3, now);
    this.mark(1, now);
  }

  /** Traffic starts to move now: the steps and the alarms' periods count from here. */
  private startShift(now: number): void {
    this.shiftAt = now;
    for (let i = 0; i < this.alarms.length; i++) {
      this.alarmMarks[i].take(this.to.stats);
      this.alarmDue[i] = now + this.alarms[i].spec.windowUs;
      this.kernel.schedule(this.alarmDue[i], this, TICK);
    }
    this.applySteps(now);
  }

  /** Judge every alarm whose period ends now; true when one rolled the deployment back. */
  private judgeAlarms(now: number): boolean {
    for (let i = 0; i < this.alarms.length; i++) {
      if (this.alarmDue[i] !== now) continue;
      const w = this.scratch;
      w.clear();
      this.alarmMarks[i].addSince(this.to.stats, w);
      const value = alarmValue(this.alarms[i].spec.metric, w);
      if (this.alarms[i].judge(value)) {
        this.alarm = { index: i, observed: value! };
        this.rollBack(now);
        return true;
      }
      this.alarmMarks[i].take(this.to.stats);
      this.alarmDue[i] = now + this.alarms[i].spec.windowUs;
      this.kernel.schedule(this.alarmDue[i], this, TICK);
    }
    return false;
  }

  private applySteps(now: number): void {
    const { from, to } = this.input;
    const atUs = this.shiftAt;
    while (this.nextStep < this.plan.length && atUs + this.plan[this.nextStep].offsetUs <= now) {
      const step = this.plan[this.nextStep++];
      this.applied.push({ atUs: now, percent: step.percent });
      if (step.percent === 100) {
        if (this.postHook === null) {
          this.complete(now);
        } else {
          // All traffic on the new version while the hook validates it; completion waits for its report.
          this.split.setRouting(to, null, 0);
          this.postHook.run();
        }
        return;
      }
      this.split.setRouting(from, to, step.percent / 100);
    }
    if (this.nextStep === this.plan.length) return;
    // An alarm's tick at the same instant as a step's finds the step already scheduled.
    const next = atUs + this.plan[this.nextStep].offsetUs;
    if (next !== this.stepTickAt) {
      this.stepTickAt = next;
      this.kernel.schedule(next, this, TICK);
    }
  }

  private complete(now: number): void {
    // With a postTraffic hook the last step moved the traffic already.
    if (this.postHook === null) this.split.setRouting(this.input.to, null, 0);
    if (this.aheadFromUs !== null) {
      this.from.setProvisionedLevel(0);
      this.split.holdProvisioned(false);
    }
    this.finish(now, 'completed');
  }

  private rollBack(now: number): void {
    this.split.setRouting(this.input.from, null, 0);
    if (this.aheadFromUs !== null) {
      this.to.setProvisionedLevel(0);
      this.split.holdProvisioned(false);
    }
    this.finish(now, 'rolledBack');
  }

  private finish(now: number, outcome: DeploymentOutcome): void {
    this.outcome = outcome;
    this.endUs = now;
    if (this.aheadFromUs !== null) this.aheadUntilUs = now;
    this.duringCounts = this.phase(1, now);
    this.mark(2, now);
    if (this.waiting !== null) this.kernel.schedule(now, this.waiting, TICK);
  }

  private mark(k: number, now: number): void {
    this.phaseStart[k] = now;
    this.marks[k][0].take(this.from.stats);
    this.marks[k][1].take(this.to.stats);
  }

  /** Counts of both versions since mark k. */
  private phase(k: number, now: number): PhaseResults {
    const w = this.scratch;
    w.clear();
    this.marks[k][0].addSince(this.from.stats, w);
    this.marks[k][1].addSince(this.to.stats, w);
    return {
      fromUs: this.phaseStart[k],
      toUs: now,
      invocations: w.invocations,
      errors: w.errors,
      throttles: w.throttles,
      coldStarts: w.coldStarts,
      initUs: w.initUs,
      p99LatencyUs: w.latency.count === 0 ? null : w.latency.quantile(0.99),
    };
  }

  /** What happened, up to `endUs` (the end of the run). */
  results(endUs: number): DeploymentResults {
    const empty = (fromUs: number): PhaseResults => ({ fromUs, toUs: fromUs, invocations: 0, errors: 0, throttles: 0, coldStarts: 0, initUs: 0, p99LatencyUs: null });
    let before = this.beforeCounts;
    let during = this.duringCounts;
    let after: PhaseResults;
    if (before === null) {
      before = this.phase(0, endUs);
      during = empty(endUs);
      after = empty(endUs);
    } else if (during === null) {
      during = this.phase(1, endUs);
      after = empty(endUs);
    } else {
      after = this.phase(2, endUs);
    }
    const aheadFrom = this.aheadFromUs;
    const aheadUntil = this.aheadUntilUs ?? endUs;
    return {
      input: this.input,
      steps: this.applied.slice(),
      outcome: this.outcome,
      endUs: this.endUs,
      alarm: this.alarm,
      failedHook: this.failedHook,
      hooks: [this.preHook?.result(), this.postHook?.result()].filter((h): h is HookResult => h !== null && h !== undefined),
      before,
      baseline: this.baselineCounts,
      during,
      after,
      provisionedAheadUs: aheadFrom === null ? 0 : this.input.provisionedConcurrency * (aheadUntil - aheadFrom),
      provisionedAheadFromUs: aheadFrom,
      provisionedExtraMs:
        this.pcMark === null || this.from === this.to ? 0 : this.from.provisionedMsBeyond(endUs, this.pcMark[0]) + this.to.provisionedMsBeyond(endUs, this.pcMark[1]),
    };
  }
}
