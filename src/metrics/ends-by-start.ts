/**
 * Ended invocations (and the failed ones among them) counted by the bucket of simulated time in
 * which each STARTED: the time series' `invocations` and `errors` (CloudWatch's rule, the
 * timestamp of a metric is the invocation's). The model counts here as an invocation ends (one
 * field increment for a success that started in the newest bucket, no call out of the model: a
 * call per invocation cost the time series a few per cent of a busy run); the reader
 * (src/report/timeseries.ts) calls `sync` before it reads, opens each bucket, reads its counts
 * once nothing more can start in it, and sizes the ring to hold every bucket it has not yet written.
 *
 * Buckets are numbered from 0 at time 0, `bucketUs` wide; bucket b lives in slot `b & (capacity - 1)`,
 * so a reader whose own ring has the same capacity reads `ended[slot]` with its own slot numbers.
 *
 * With a service overhead, an invocation starts that long after Lambda accepted it, and the reader
 * counts invocations started by the bucket of their acceptance (all it can see at a bucket's
 * boundary): so ended invocations are also counted by that bucket (`settled`), which the reader
 * balances against; counted by start alone, a bucket whose last acceptances start in the next one
 * would never balance and would be held until the run ends.
 */
export class EndsByStart {
  /**
   * Per slot: invocations that started in its bucket and have ended (the newest bucket's successes
   * counted by the one-increment path only after {@link sync}), and those of them that failed.
   */
  ended: Float64Array;
  errors: Float64Array;
  /**
   * Per slot: invocations ACCEPTED in its bucket (their start minus the service overhead) that have
   * ended, what the reader balances against the invocations it saw start; `ended` itself without overhead.
   */
  settled: Float64Array;
  private mask: number;
  /** The newest open bucket, its start (us) and slot: most invocations started in it, so no division then. */
  private curBucket = 0;
  /**
   * Times (us) start as doubles (-0, not 0): a field V8 first sees holding a small integer is
   * kept as one, and the first start past 2^30 us (17.9 simulated minutes) then changes the
   * object's layout, which throws away the model's optimized end of invocation that reads it.
   */
  private curStartUs = -0;
  /** The newest bucket's slot in the rings. */
  private curSlot = 0;
  /**
   * Successes that started in the newest bucket, counted by the one-increment path (the model's
   * `fast++`: one field, cheaper than an element of `ended`); moved into `ended` by {@link sync}.
   */
  fast = 0;
  /**
   * Where the one-increment path starts: the newest bucket's start, never with a service overhead
   * (Infinity). A double from the start, as `curStartUs`.
   */
  fastFrom = -0;
  /** The oldest bucket not yet written by the reader: an invocation of an older one ending is a bug. */
  private oldest = 0;

  /** Bucket width (us): a double from the start, as `curStartUs` (`open` multiplies it past 2^31). */
  readonly bucketUs: number = -0;

  /**
   * @param bucketUs  bucket width (us), > 0
   * @param overheadUs  the function's service overhead (us, >= 0): its invocations start that long after they are accepted
   * @param capacity  slots, a power of two (grown with {@link resize}); bucket 0 is open
   */
  constructor(
    bucketUs: number,
    private readonly overheadUs = 0,
    capacity = 64,
  ) {
    this.bucketUs = bucketUs;
    this.ended = new Float64Array(capacity);
    this.errors = new Float64Array(capacity);
    this.settled = overheadUs > 0 ? new Float64Array(capacity) : this.ended;
    this.mask = capacity - 1;
    this.fastFrom = overheadUs > 0 ? Infinity : -0;
  }

  /**
   * An invocation that started at `startAt` (us) ended now, with an error or not. The usual case (a
   * success that started in the newest bucket, no service overhead) is one increment, which the
   * model makes itself (FunctionModel.finishInvocation: `startAt >= fastFrom && !isError` then
   * `fast++`, else `countAny`): a call here, even one V8 could inline, was not inlined in
   * a busy run (the model's end of invocation spends its inlining budget on callees it reaches
   * first), and past 2^30 us it cost a heap number for `startAt` per invocation besides the call.
   */
  count(startAt: number, isError: boolean): void {
    if (startAt >= this.fastFrom && !isError) this.fast++;
    else this.countAny(startAt, isError);
  }

  /** Adds the one-increment path's count to `ended`: call before reading `ended` or `settled`. */
  sync(): void {
    if (this.fast === 0) return;
    this.ended[this.curSlot] += this.fast;
    this.fast = 0;
  }

  /** `count` for any invocation: an error, one that started in an older bucket, or a function with a service overhead. */
  countAny(startAt: number, isError: boolean): void {
    let slot = this.curSlot;
    if (startAt < this.curStartUs) {
      const bucket = Math.floor(startAt / this.bucketUs);
      if (bucket < this.oldest) this.refuse(bucket);
      slot = bucket & this.mask;
    }
    this.ended[slot]++;
    if (isError) this.errors[slot]++;
    if (this.overheadUs > 0) this.settle(startAt - this.overheadUs);
  }

  /** An invocation accepted at `acceptedAt` ended (out of line: only functions with a service overhead come here). */
  private settle(acceptedAt: number): void {
    const bucket = Math.floor(acceptedAt / this.bucketUs);
    if (bucket < this.oldest) this.refuse(bucket);
    this.settled[bucket & this.mask]++;
  }

  /**
   * Bucket `bucket` opens, the newest: its slot starts from zero. Every invocation that starts from
   * now on counts in it or a later one (a later `open` moves on). The slot must be free: the ring
   * holds every bucket from `oldest` on ({@link resize}).
   */
  open(bucket: number): void {
    this.sync();
    const slot = bucket & this.mask;
    this.ended[slot] = 0;
    this.errors[slot] = 0;
    this.settled[slot] = 0;
    this.curBucket = bucket;
    this.curStartUs = bucket * this.bucketUs;
    this.curSlot = slot;
    this.fastFrom = this.overheadUs > 0 ? Infinity : this.curStartUs;
  }

  /** The buckets before `bucket` are written: their slots are free, and none of their invocations may end any more. */
  release(bucket: number): void {
    this.oldest = bucket;
  }

  /** Hold `capacity` slots (a power of two), keeping the counts of buckets `first` .. `last`. */
  resize(capacity: number, first: number, last: number): void {
    this.sync();
    const ended = new Float64Array(capacity);
    const errors = new Float64Array(capacity);
    const settled = this.overheadUs > 0 ? new Float64Array(capacity) : ended;
    const to = capacity - 1;
    for (let bucket = first; bucket <= last; bucket++) {
      ended[bucket & to] = this.ended[bucket & this.mask];
      errors[bucket & to] = this.errors[bucket & this.mask];
      settled[bucket & to] = this.settled[bucket & this.mask];
    }
    this.ended = ended;
    this.errors = errors;
    this.settled = settled;
    this.mask = to;
    this.curSlot = this.curBucket & to;
  }

  /** Out of line, so the message's code does not weigh on inlining `count` into the model's hot path. */
  private refuse(bucket: number): never {
    throw new Error(`timeseries: an invocation of bucket ${bucket} ended after that bucket was written`);
  }
}
