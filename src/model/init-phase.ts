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
 * - Provisioned concurrency (and SnapStart, not modelled) is limited to max(130 s, timeout).
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
import type { FunctionInput } from './input.js';

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

  private readonly errorRate: number;
  private readonly alwaysFails: boolean;
  private readonly vpcSampler: Sampler | null;

  constructor(config: FunctionInput) {
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
}
