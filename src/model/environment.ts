/**
 * One execution environment (a Firecracker micro-VM sandbox in AWS's words): it runs one request at
 * a time, goes INIT -> busy -> idle -> reused or reclaimed (lambda-behavior.md section 1).
 *
 * Environments are plain mutable records reused through a free list, so a long run allocates only
 * as many as were alive at once. The intrusive fields (`prev`, `next`, `poolPos`, `reapPos`) let the
 * idle pool and the reclaim heap remove an environment in O(1) / O(log n) without a Map.
 */
import type { InvocationClient } from './function-model.js';

export const enum EnvState {
  Free = 0,
  Busy = 1,
  Idle = 2,
  /** A provisioned environment running INIT (allocation or recycling): not usable yet. */
  Initializing = 3,
}

export class Environment {
  /** Index in the owning function's environment table (the END event's argument). */
  readonly slot: number;
  /** Creation order within the function: larger is newer. */
  id = 0;
  state: EnvState = EnvState.Free;
  createdAt = 0;
  /** When the environment went idle last. */
  idleSince = 0;
  /** When an idle environment will be reclaimed (min of keep-alive expiry and max lifetime). */
  reclaimAt = 0;
  /** The environment must be recycled at or after this time (created + maxLifetime). */
  retireAt = 0;

  // The invocation in progress.
  /** Arrival of the request being served (for latency). */
  requestAt = 0;
  /** INIT time of this invocation (0 when warm). */
  initUs = 0;
  /** Execution time (us) after the timeout cap. */
  durationUs = 0;
  isError = false;
  isTimeout = false;
  /** The invocation ran out of memory (Runtime.OutOfMemory): an error, and the environment is discarded. */
  isOutOfMemory = false;
  /** Max Memory Used of the invocation (MB, at most memorySize). */
  memoryUsedMb = 0;
  /** Sequence number of the invocation within its function. */
  seq = 0;
  /** Whether the invocation in progress started with INIT. */
  cold = false;
  /** How its INIT went (init-phase.ts InitStatus: 0 ok, 1 timed out and ran again, 2 failed). */
  initStatus = 0;
  /** The caller's token for the call being served, handed back to it at the end (see InvocationClient). */
  token = 0;
  /** Key and run of the request being served: they pick its keep-alive draw when it ends. */
  requestKey = 0;
  run = 0;
  /** Who to tell when the invocation ends (null for a plain sync caller). */
  client: InvocationClient | null = null;
  /** A provisioned-concurrency environment (never reclaimed for idleness). */
  provisioned = false;

  // Intrusive links for the idle pools and the reclaim heap.
  prev: Environment | null = null;
  next: Environment | null = null;
  poolPos = -1;
  reapPos = -1;

  constructor(slot: number) {
    this.slot = slot;
  }
}
