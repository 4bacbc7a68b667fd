/**
 * The INIT phase of a new environment: its time limit, what happens past it, INIT failures and the
 * VPC attachment delay (issue #15, "Cold-start anatomy"). FunctionModel asks {@link InitPhase} once
 * per on-demand cold start; ProvisionedPool uses {@link provisionedInitCapUs}.
 *
 * Rules (lambda-behavior.md section 1.2-1.3; https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html):
 * - On-demand INIT is limited to 10 s. Past it the INIT times out (the log shows
 *   `INIT_REPORT Init Duration: 10000.00 ms  Phase: init  Status: timeout`) and Lambda runs INIT again
 *   inside the first invocation, now bounded by the function's timeout ("suppressed init"). We model the
 *   second INIT as taking the same drawn time (same code, same draw): the invoke phase is
 *   re-INIT + handler, capped at the timeout.
 * - Provisioned concurrency is limited to max(130 s, timeout).
 * - SnapStart (issue #14): INIT runs when the version is published, not at a cold start, so a cold
 *   start restores the snapshot (the `restore` draw) and runs the afterRestore hooks instead, with no
 *   10 s limit (lambda-behavior.md 1.3) and no failure modelled (the scenario refuses INIT failures
 *   with SnapStart). Restore Duration = restore + hooks, billed: the hooks only (Billed Restore
 *   Duration), added to the invocation's billed duration rounded on its own: public SnapStart REPORT
 *   lines show Billed Duration = ceil(Duration) + Billed Restore Duration (e.g. Duration 149.53 ms,
 *   Billed Restore Duration 163 ms, Billed Duration 313 ms); snapstart-monitoring.html: "You are not
 *   charged for the time it takes to restore a snapshot".
 * - A failing INIT (initErrorRate, initFails: always) fails after its drawn time in the init phase
 *   (`Phase: init  Status: error`), is run again inside the invocation and fails again
 *   (`Phase: invoke  Status: error`); the invocation ends in an error after min(INIT, timeout) and the
 *   environment is discarded. This double INIT_REPORT pattern is what public CloudWatch logs of
 *   Runtime.ImportModuleError / Runtime.InvalidEntrypoint show (docs/model.md, "INIT limits and failures").
 *
 * Billing (decided here, stated in docs/model.md): an INIT attempt that timed out or failed is not
 * billed as INIT; the invoke phase that contains the second attempt is billed as duration. Source: the
 * one published measurement of a >10 s INIT (bitesizedserverless.com, "When is the Lambda Init Phase
 * Free, and when is it Billed?", 2022: no Init Duration, Duration 12079.53 ms, Billed 12080 ms) and
 * public logs of failing INITs (Billed = ceil(Duration)). AWS's 2025-08-01 INIT billing change does not
 * say otherwise; a successful INIT is billed per `billing.billInit` as before.
 */
import { createSampler, sampleUs, type Sampler } from '../kernel/distributions.js';
import type { KeyedRng } from '../kernel/keyed-random.js';
import { US_PER_SECOND } from '../kernel/time.js';
import type { DistSpec } from '../kernel/dist-spec.js';
import { billedDurationMs } from '../billing/rounding.js';
import type { BillingInput, FunctionInput } from './input.js';

/** On-demand INIT limit: 10 s (lambda-behavior.md 1.2). */
export const ON_DEMAND_INIT_LIMIT_US = 10 * US_PER_SECOND;
/** Provisioned-concurrency / SnapStart INIT limit floor: 130 s (lambda-behavior.md 1.3). */
export const PROVISIONED_INIT_LIMIT_FLOOR_US = 130 * US_PER_SECOND;

/**
 * Pre-2019 VPC attachment: an ENI created per cold start, "~1-3 s per community reports"
 * (lambda-behavior.md 2.2); drawn uniformly in that range. Historical option only: since the
 * Hyperplane rollout (Sep 2019, https://aws.amazon.com/blogs/compute/announcing-improved-vpc-networking-for-aws-lambda-functions/)
 * the ENI is created with the function, not per cold start.
 */
export const LEGACY_ENI_DELAY = { dist: 'uniform', min: 1 * US_PER_SECOND, max: 3 * US_PER_SECOND } as const;

/** The INIT limit of a provisioned-concurrency environment: max(130 s, timeout) (lambda-behavior.md 1.3). */
export function provisionedInitCapUs(timeoutUs: number): number {
  return timeoutUs > PROVISIONED_INIT_LIMIT_FLOOR_US ? timeoutUs : PROVISIONED_INIT_LIMIT_FLOOR_US;
}

/** How the INIT of an invocation went (Environment.initStatus, InvocationEnd.initStatus). */
export const enum InitStatus {
  /** Warm start, or an INIT that finished within its limit. */
  Ok = 0,
  /** The init-phase INIT passed 10 s; it ran again inside the invocation ("suppressed init"). */
  TimedOut = 1,
  /** The INIT failed (twice: init phase, then inside the invocation); the invocation is an error. */
  Failed = 2,
}

/** What a cold start draws: the snapshot restore with SnapStart, else the INIT. */
export function coldStartDistribution(config: FunctionInput): DistSpec {
  return config.snapStart !== undefined ? config.snapStart.restore : config.init;
}

/**
 * SnapStart's Billed Restore Duration (ms): the afterRestore hooks rounded up on their own; 0 without
 * hooks or without SnapStart. The REPORT line prints it; every restore bills it.
 */
export function billedRestoreMs(config: FunctionInput, granularityMs: 1 | 100): number {
  const hooksUs = config.snapStart?.afterRestore ?? 0;
  return hooksUs > 0 ? billedDurationMs(hooksUs, granularityMs) : 0;
}

/** Draw purposes of the INIT extras (keyed-random.ts purposes; FunctionModel uses 0..3). */
const DRAW_INIT_ERROR = 4;
const DRAW_VPC = 5;

/**
 * One function's on-demand INIT rules. `resolve` leaves its answer in the public fields (no
 * allocation per cold start).
 */
export class InitPhase {
  /** Time before the invoke phase starts (us): the INIT, or the 10 s it was given before timing out. */
  initUs = 0;
  /** INIT run again inside the invoke phase (us); 0 unless the status is TimedOut or Failed. */
  reInitUs = 0;
  status: InitStatus = InitStatus.Ok;

  /** Whether cold starts restore a SnapStart snapshot instead of running INIT. */
  readonly snapStart: boolean;
  /** SnapStart: the afterRestore hooks (us), part of every restore. */
  private readonly afterRestoreUs: number;
  /** SnapStart: Billed Restore Duration (ms), the hooks rounded up on their own; 0 without hooks. */
  readonly billedRestoreMs: number;

  private readonly errorRate: number;
  private readonly alwaysFails: boolean;
  private readonly vpcSampler: Sampler | null;

  constructor(config: FunctionInput, granularityMs: 1 | 100) {
    this.snapStart = config.snapStart !== undefined;
    this.afterRestoreUs = config.snapStart?.afterRestore ?? 0;
    this.billedRestoreMs = billedRestoreMs(config, granularityMs);
    this.errorRate = config.initErrorRate ?? 0;
    this.alwaysFails = config.initFails === 'always';
    this.vpcSampler = config.vpc === 'legacy-eni' ? createSampler(LEGACY_ENI_DELAY) : null;
  }

  /** Whether any INIT can fail (the function reports init errors then). */
  get canFail(): boolean {
    return this.alwaysFails || this.errorRate > 0;
  }

  /**
   * The cold start of request (`key`, `run`) whose INIT was drawn as `drawnUs`: sets initUs,
   * reInitUs and status.
   */
  resolve(drawnUs: number, draws: KeyedRng, key: number, run: number): void {
    if (this.snapStart) {
      this.status = InitStatus.Ok;
      this.initUs = drawnUs + this.afterRestoreUs;
      this.reInitUs = 0;
      return;
    }
    let initUs = drawnUs;
    if (this.vpcSampler !== null) initUs += sampleUs(this.vpcSampler, draws.at(key, run, DRAW_VPC));
    const fails = this.alwaysFails || (this.errorRate > 0 && draws.at(key, run, DRAW_INIT_ERROR).next() < this.errorRate);
    if (fails) {
      this.status = InitStatus.Failed;
      this.initUs = initUs > ON_DEMAND_INIT_LIMIT_US ? ON_DEMAND_INIT_LIMIT_US : initUs;
      this.reInitUs = initUs;
    } else if (initUs > ON_DEMAND_INIT_LIMIT_US) {
      this.status = InitStatus.TimedOut;
      this.initUs = ON_DEMAND_INIT_LIMIT_US;
      this.reInitUs = initUs;
    } else {
      this.status = InitStatus.Ok;
      this.initUs = initUs;
      this.reInitUs = 0;
    }
  }

  /**
   * The billed ms of an invocation that ran `durationUs` after a cold start (`cold`) whose INIT took
   * `initUs` with `status`: a restore bills its hooks (Billed Restore Duration); an INIT that timed
   * out or failed is not billed as INIT (see "Billing" above); a successful one per `billing.billInit`.
   */
  billedMs(cold: boolean, initUs: number, status: InitStatus, durationUs: number, billing: BillingInput): number {
    if (this.snapStart) return billedDurationMs(durationUs, billing.granularityMs) + (cold ? this.billedRestoreMs : 0);
    return billedDurationMs(durationUs, billing.granularityMs, billing.billInit && status === InitStatus.Ok ? initUs : 0);
  }
}
