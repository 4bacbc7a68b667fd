/**
 * Where a request's time went (issue #15), the shape an X-Ray trace shows: every final answer's
 * end-to-end latency is split into five stages that add up to it exactly:
 *
 * - queue wait: arrival to the start of the answering invocation, for async events and event
 *   sources (async queue and its retry delays, SQS queue and batching window, stream iterator);
 * - service overhead: Lambda's own time before the invocation starts (`serviceOverhead`);
 * - INIT: the cold start of the answering invocation (0 when warm);
 * - execution: its duration;
 * - retry wait: for a synchronous caller with client retries, the time spent on earlier attempts and
 *   backoffs before the answering attempt.
 *
 * Per function the statistics are streamed, with no per-request memory: the stage sums (means), a
 * coarse log histogram of each stage (p99) and, per bucket of the end-to-end latency, the sum of
 * each stage's time (a fixed matrix). The tail share of a stage is its time in the buckets at or
 * above the bucket of the end-to-end p99, over all time there: which stage the slowest 1% of
 * requests spent their time in. Buckets are 1/16 of an octave wide (below 16 us: one per us), so
 * "the p99 tail" is the requests from the lower edge of the p99's bucket (at most 6.25% below the
 * p99) upwards, and a stage's p99 is its bucket's midpoint, within 3.2%, clamped to the stage's
 * exact extremes. Recording costs a few integer operations and adds per stage; nothing allocates.
 */

/** The stages, in the order of a request's life (the order of every per-stage array). */
export const STAGE_NAMES = ['queueWait', 'serviceOverhead', 'init', 'execution', 'retryWait'] as const;
export type StageName = (typeof STAGE_NAMES)[number];
const STAGES = STAGE_NAMES.length;
const QUEUE = 0;
const OVERHEAD = 1;
const INIT = 2;
const EXECUTION = 3;
const RETRY = 4;

/** Sub-buckets per octave (a power of two) and its log2. */
const SUB = 16;
const SUB_BITS = 4;
/** Values from 2^MAX_OCTAVE us (about 19 hours) up share the top bucket. */
const MAX_OCTAVE = 36;
/** Buckets 0..SUB-1 hold 0..SUB-1 us exactly; then SUB per octave from 2^SUB_BITS up. */
export const STAGE_BUCKETS = SUB + (MAX_OCTAVE - SUB_BITS) * SUB;
const TWO_POW_20 = 1 << 20;

/** The bucket of a non-negative integer number of microseconds: a few integer operations. */
export function stageBucket(us: number): number {
  if (us < SUB) return us < 0 ? 0 : us;
  let octave: number;
  let mantissa: number;
  if (us < 0x8000_0000) {
    octave = 31 - Math.clz32(us);
    mantissa = (us >>> (octave - SUB_BITS)) & (SUB - 1);
  } else {
    // Above 2^31 us (36 min) the 32-bit shifts overflow: drop 20 bits first (exact enough, the
    // mantissa keeps SUB_BITS bits of a number of at least 11 bits).
    const high = Math.floor(us / TWO_POW_20);
    if (high >= 0x8000_0000) return STAGE_BUCKETS - 1;
    const o = 31 - Math.clz32(high);
    octave = o + 20;
    mantissa = (high >>> (o - SUB_BITS)) & (SUB - 1);
  }
  const bucket = SUB + (octave - SUB_BITS) * SUB + mantissa;
  return bucket < STAGE_BUCKETS ? bucket : STAGE_BUCKETS - 1;
}

/** The lowest value (us) of a bucket. */
export function stageBucketLow(bucket: number): number {
  if (bucket < SUB) return bucket;
  const octave = SUB_BITS + Math.floor((bucket - SUB) / SUB);
  const mantissa = (bucket - SUB) % SUB;
  return (SUB + mantissa) * 2 ** (octave - SUB_BITS);
}

/** A bucket's midpoint (us): what a quantile falling in it reports. */
function midpoint(bucket: number): number {
  if (bucket < SUB) return bucket;
  return (stageBucketLow(bucket) + stageBucketLow(bucket + 1)) / 2;
}

/** One stage's mean, p99 (us) and share of the p99 tail's time (0..1). */
export interface StageStat {
  meanUs: number;
  p99Us: number;
  tailShare: number;
}

/** What {@link StageStats.summary} returns. */
export interface StagesResult {
  /** Final answers split into stages. */
  requests: number;
  /** Mean end-to-end latency of those answers (us): the sum of the stage means. */
  meanUs: number;
  /** Lower edge of the end-to-end bucket holding the p99 (us): the tail is every answer from it up. */
  tailFromUs: number;
  /** Answers in the tail. */
  tailRequests: number;
  stages: Record<StageName, StageStat>;
}

export class StageStats {
  /** Per end-to-end bucket: [count, stage 0 sum, ..., stage 4 sum]. */
  private readonly matrix = new Float64Array(STAGE_BUCKETS * (STAGES + 1));
  /** Per stage: a histogram of its non-zero values (zeros are n - recorded). */
  private readonly perStage = new Float64Array(STAGE_BUCKETS * STAGES);
  private readonly sums = new Float64Array(STAGES);
  private readonly nonZero = new Float64Array(STAGES);
  private readonly lo = new Float64Array(STAGES).fill(Infinity);
  private readonly hi = new Float64Array(STAGES);
  private n = 0;

  /**
   * One final answer: its pre-start wait (arrival to the invocation's start, service overhead
   * excluded), which is a retry wait when `waitIsRetry`, else a queue wait; then overhead, INIT and
   * execution (us). The end-to-end latency is their sum.
   *
   * A stage at 0 is skipped outright (most answers have only an execution): adding 0 to a sum
   * changes nothing, and its histogram counts zeros as n - nonZero. When execution is the only
   * stage, its bucket is the end-to-end one, found once.
   */
  record(waitUs: number, waitIsRetry: boolean, overheadUs: number, initUs: number, executionUs: number): void {
    const e2e = waitUs + overheadUs + initUs + executionUs;
    const bucket = stageBucket(e2e);
    const row = bucket * (STAGES + 1);
    const m = this.matrix;
    m[row]++;
    this.n++;
    if (waitUs !== 0) {
      const stage = waitIsRetry ? RETRY : QUEUE;
      m[row + 1 + stage] += waitUs;
      this.add(stage, waitUs, stageBucket(waitUs));
    }
    if (overheadUs !== 0) {
      m[row + 1 + OVERHEAD] += overheadUs;
      this.add(OVERHEAD, overheadUs, stageBucket(overheadUs));
    }
    if (initUs !== 0) {
      m[row + 1 + INIT] += initUs;
      this.add(INIT, initUs, stageBucket(initUs));
    }
    if (executionUs !== 0) {
      m[row + 1 + EXECUTION] += executionUs;
      this.add(EXECUTION, executionUs, executionUs === e2e ? bucket : stageBucket(executionUs));
    }
  }

  /** A stage's non-zero time `us` in bucket `bucket` (a negative one, a bug upstream, reaches the matrix only). */
  private add(stage: number, us: number, bucket: number): void {
    if (us < 0) return;
    this.sums[stage] += us;
    this.nonZero[stage]++;
    this.perStage[stage * STAGE_BUCKETS + bucket]++;
    if (us < this.lo[stage]) this.lo[stage] = us;
    if (us > this.hi[stage]) this.hi[stage] = us;
  }

  /** Answers recorded. */
  get count(): number {
    return this.n;
  }

  /** Forgets everything (the warm-up ended). */
  reset(): void {
    this.matrix.fill(0);
    this.perStage.fill(0);
    this.sums.fill(0);
    this.nonZero.fill(0);
    this.lo.fill(Infinity);
    this.hi.fill(0);
    this.n = 0;
  }

  /** Nearest rank of quantile q among n values. */
  private static rank(q: number, n: number): number {
    const product = q * n;
    return Math.max(1, Math.ceil(product - product * 1e-12));
  }

  /** The p99 of one stage over all answers (zeros included), us. */
  private stageP99(stage: number): number {
    const n = this.n;
    if (n === 0) return 0;
    const rank = StageStats.rank(0.99, n);
    const zeros = n - this.nonZero[stage];
    if (rank <= zeros) return 0;
    const base = stage * STAGE_BUCKETS;
    let seen = zeros;
    for (let b = 0; b < STAGE_BUCKETS; b++) {
      seen += this.perStage[base + b];
      if (seen >= rank) return Math.min(this.hi[stage], Math.max(this.lo[stage], midpoint(b)));
    }
    return this.hi[stage];
  }

  /** Means, p99s and tail shares of every stage (all 0 when nothing was recorded). */
  summary(): StagesResult {
    const n = this.n;
    const m = this.matrix;
    const width = STAGES + 1;
    // The end-to-end p99's bucket.
    let tailBucket = 0;
    if (n > 0) {
      const rank = StageStats.rank(0.99, n);
      let seen = 0;
      for (let b = 0; b < STAGE_BUCKETS; b++) {
        seen += m[b * width];
        if (seen >= rank) {
          tailBucket = b;
          break;
        }
      }
    }
    const tail = new Float64Array(STAGES);
    let tailRequests = 0;
    for (let b = tailBucket; b < STAGE_BUCKETS && n > 0; b++) {
      tailRequests += m[b * width];
      for (let s = 0; s < STAGES; s++) tail[s] += m[b * width + 1 + s];
    }
    const tailTotal = tail.reduce((a, v) => a + v, 0);
    const total = this.sums.reduce((a, v) => a + v, 0);
    const stages = Object.create(null) as Record<StageName, StageStat>;
    STAGE_NAMES.forEach((name, s) => {
      stages[name] = {
        meanUs: n === 0 ? 0 : this.sums[s] / n,
        p99Us: this.stageP99(s),
        tailShare: tailTotal === 0 ? 0 : tail[s] / tailTotal,
      };
    });
    return {
      requests: n,
      meanUs: n === 0 ? 0 : total / n,
      tailFromUs: n === 0 ? 0 : stageBucketLow(tailBucket),
      tailRequests,
      stages,
    };
  }
}
