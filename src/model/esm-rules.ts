/** Rules every event source mapping shares (SQS and streams). */
import type { Rng } from '../kernel/random.js';

/** Wait before a throttled batch is invoked again (SQS and streams): AWS documents none; a project choice. */
export const THROTTLE_BACKOFF_US = 1_000_000;

/** Decides, per item in send order, whether the function always fails on it. */
export class PoisonPicker {
  private readonly listed: Set<number> | null;
  /** False when no item can be poison: `pick` would always say 0 and draw nothing. */
  readonly active: boolean;
  constructor(
    private readonly rate: number,
    listed: readonly number[] | undefined,
    private readonly rng: Rng,
  ) {
    this.listed = listed && listed.length > 0 ? new Set(listed) : null;
    this.active = this.listed !== null || rate > 0;
  }
  pick(index: number): number {
    if (this.listed !== null && this.listed.has(index)) return 1;
    return this.rate > 0 && this.rng.next() < this.rate ? 1 : 0;
  }
}

