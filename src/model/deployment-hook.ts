/**
 * A lifecycle hook of a Lambda deployment: CodeDeploy runs a validation function once before traffic
 * moves (BeforeAllowTraffic, SAM's PreTraffic) or once after all of it has moved (AfterAllowTraffic,
 * PostTraffic), and the deployment goes on only when the function reports Succeeded; Failed rolls it
 * back (https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html,
 * "AppSpec 'hooks' section for an AWS Lambda deployment").
 *
 * Modelled as one invocation of the hook function, by a caller that hears its end:
 * - it succeeds: the hook reports Succeeded when the invocation ends;
 * - it fails or times out: Failed, at its end (reported as `failed` or `timedOut`) (our choice: a validation that fails its test reports
 *   Failed and returns; one that crashes never reports, and CodeDeploy would fail the hook only
 *   after its one-hour limit, which we do not wait for);
 * - it is throttled: Failed at once (our choice: CodeDeploy's invoke is refused, and AWS documents
 *   no retry of it).
 * The invocation is the function's like any other: it may start cold, it is billed, and it counts
 * in the function's rows.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { InvocationClient } from './function-model.js';
import type { InvokeTarget } from './invoke-target.js';

export type HookKind = 'preTraffic' | 'postTraffic';

/** running: invoked, no answer yet (the run ended first); the others are final. */
export type HookStatus = 'running' | 'succeeded' | 'failed' | 'timedOut' | 'throttled';

/** One hook's run, as the deployment reports it. */
export interface HookResult {
  readonly hook: HookKind;
  /** The hook function as the scenario names it. */
  readonly function: string;
  readonly startUs: number;
  /** When it reported (null while running). */
  readonly endUs: number | null;
  readonly status: HookStatus;
}

const DONE = 1;

export class DeploymentHook implements InvocationClient, EventHandler {
  private startUs = -1;
  private endUs: number | null = null;
  private status: HookStatus = 'running';
  /** The key of the hook's request, in a key space of its own so the function's other requests keep their draws. */
  private readonly key: number;

  /**
   * @param done  told, at the instant the hook reports (in an event of its own), whether it succeeded
   */
  constructor(
    private readonly kernel: Kernel,
    readonly kind: HookKind,
    private readonly target: InvokeTarget,
    private readonly done: (succeeded: boolean) => void,
  ) {
    this.key = target.keySpace();
  }

  /** Invoke the hook function now. */
  run(): void {
    const now = this.kernel.now;
    this.startUs = now;
    if (!this.target.invoke(now, this, 0, false, this.key, 0)) this.report('throttled');
  }

  invocationEnded(_firstAt: number, _token: number, isError: boolean, isTimeout = false): boolean {
    this.report(isTimeout ? 'timedOut' : isError ? 'failed' : 'succeeded');
    return true;
  }

  /**
   * The verdict reaches the deployment in an event of its own at the same instant, so the deployment
   * does not move traffic (and provisioned concurrency) from inside the hook function's handler.
   */
  private report(status: HookStatus): void {
    this.status = status;
    this.endUs = this.kernel.now;
    this.kernel.schedule(this.kernel.now, this, DONE);
  }

  handleEvent(): void {
    this.done(this.status === 'succeeded');
  }

  /** What happened; null when the hook never ran. */
  result(): HookResult | null {
    if (this.startUs < 0) return null;
    return { hook: this.kind, function: this.target.name, startUs: this.startUs, endUs: this.endUs, status: this.status };
  }
}
