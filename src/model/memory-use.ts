/**
 * Memory used by invocations (issue #15): each invocation draws its peak memory (REPORT's `Max
 * Memory Used`, MB) from the function's `memoryUsed` distribution; a draw above `memorySize` is an
 * out-of-memory error (`Runtime.OutOfMemory`): the invocation fails and its environment is
 * discarded, as a timeout's is (lambda-behavior.md 1.5). A memory sweep therefore shows the floor
 * below which a function fails, and the share failing there is P(memoryUsed > memorySize).
 *
 * The draw has its own purpose in the request's keyed stream (function-model.ts), so adding it
 * changed no other draw; with the default (a constant baseline) it uses no uniform at all.
 */

/**
 * Max Memory Used as REPORT prints it: a whole number of MB (rounded up, as a partly used MB is in
 * use), at most `memorySize` (an invocation that ran out of memory reports its limit).
 */
export function reportedMemoryMb(drawMb: number, memorySize: number): number {
  if (!(drawMb > 0)) return 0;
  const mb = Math.ceil(drawMb);
  return mb < memorySize ? mb : memorySize;
}

/**
 * The distribution of Max Memory Used over invocations, exactly: one counter per whole MB from 0 to
 * `memorySize` (at most 10,241 counters, allocated once), so recording is an increment and every
 * quantile is exact. Quantiles are nearest-rank, as the latency histogram's.
 */
export class MemoryUse {
  private readonly counts: Float64Array;
  private n = 0;
  private total = 0;
  private hi = 0;

  /** @param memorySize - The function's configured memory (MB): the largest value recorded. */
  constructor(memorySize: number) {
    this.counts = new Float64Array(memorySize + 1);
  }

  /** Adds one invocation's Max Memory Used (a whole number of MB from {@link reportedMemoryMb}). */
  record(mb: number): void {
    this.counts[mb]++;
    this.n++;
    this.total += mb;
    if (mb > this.hi) this.hi = mb;
  }

  get count(): number {
    return this.n;
  }

  /** Largest value recorded (MB); 0 when empty. */
  get max(): number {
    return this.hi;
  }

  /** Mean MB; 0 when empty. */
  mean(): number {
    return this.n === 0 ? 0 : this.total / this.n;
  }

  /** The q-quantile (nearest rank, exact); 0 when empty. */
  quantile(q: number): number {
    if (this.n === 0) return 0;
    const product = q * this.n;
    const rank = Math.max(1, Math.ceil(product - product * 1e-12));
    let seen = 0;
    for (let mb = 0; mb <= this.hi; mb++) {
      seen += this.counts[mb];
      if (seen >= rank) return mb;
    }
    return this.hi;
  }

  /** Forgets every value (the warm-up ended). */
  reset(): void {
    this.counts.fill(0, 0, this.hi + 1);
    this.n = 0;
    this.total = 0;
    this.hi = 0;
  }
}
