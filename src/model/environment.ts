/**
 * One execution environment (a Firecracker micro-VM sandbox in AWS's words): it runs one request at
 * a time, goes INIT -> busy -> idle -> reused or reclaimed (lambda-behavior.md section 1).
 *
 * An environment is a slot number: a row in its function's table (environments.ts), not an object.
 * With 100k environments alive, objects scattered over the heap cost several cache misses each time
 * an invocation ended (the record's two cache lines plus a box per field holding a non-small number,
 * such as `retireAt`), and the END handler took a third of the run. A row is 16 float64 (128 bytes,
 * two adjacent cache lines) holding every number the invocation's start and end read or write; the
 * idle pools and the reclaim heap keep their links and positions in the row too, as slot numbers.
 *
 * Row layout: `Field` (float64 places: the invocation in progress, the environment's life), then
 * `IntField` (int32 places: flags, small numbers of the invocation, the intrusive links).
 */
export const ROW = 16;

export const enum Field {
  /** Arrival of the request being served (for latency). */
  RequestAt = 0,
  /** INIT time of this invocation when it does not fit IntField.InitUs (Flag.LongInit). */
  LongInitUs = 1,
  /** Sequence number of the invocation within its function. */
  Seq = 2,
  /** The caller's token for the call being served, handed back to it at the end (see InvocationClient). */
  Token = 3,
  /** Key and run of the request being served: they pick its keep-alive draw when it ends. */
  RequestKey = 4,
  Run = 5,
  /** Creation order within the function: larger is newer (a new one on recycling). */
  Id = 6,
  /** The environment must be recycled at or after this time (created + maxLifetime). */
  RetireAt = 7,
  /** When an idle environment will be reclaimed (min of keep-alive expiry and max lifetime). */
  ReclaimAt = 8,
  /** The reclaim heap's key for this slot: at most ReclaimAt while it is watched (reclaim-heap.ts). */
  ReapKey = 9,
  // 10 and 11 unused; 12 to 15 hold the int32 fields below.
}

/**
 * The small integers of a row, read through an Int32Array over the same memory (`ints`, 32 per
 * row, these in the last four float64 places). Kept as int32 because they flow into integer work:
 * bit tests, slot links, and the duration's billing remainder (a float64 there made `%` a call).
 */
export const INT_ROW = 2 * ROW;

export const enum IntField {
  /** Outcome bits of the invocation and what kind of environment this is (`Flag`). */
  Flags = 24,
  /** Execution time (us) after the timeout cap: at most 900 s, so it fits in an int32. */
  DurationUs = 25,
  /** Max Memory Used of the invocation (MB, at most memorySize). */
  MemoryUsedMb = 26,
  /**
   * INIT time of this invocation (0 when warm). An INIT of 2^31 us (36 min) or more (only a
   * SnapStart restore drawn from a wild distribution) sets Flag.LongInit and lives in
   * Field.LongInitUs: that branch never runs in practice, so V8 keeps the sums int32.
   */
  InitUs = 27,
  /** Most-recent idle pool: the neighbours' slots (-1 for none). */
  Prev = 28,
  Next = 29,
  /** Position in a creation-order or random idle pool (-1 when not in one). */
  PoolPos = 30,
  /** Position in the reclaim heap (-1 when not in it). */
  ReapPos = 31,
}

/** Bits of `IntField.Flags`. */
export const enum Flag {
  /** A provisioned-concurrency environment (never reclaimed for idleness); kept across invocations. */
  Provisioned = 1,
  // The rest describe the invocation in progress and are set afresh at its start.
  Error = 2,
  Timeout = 4,
  /** The invocation ran out of memory (Runtime.OutOfMemory): an error, and the environment is discarded. */
  OutOfMemory = 8,
  /** The invocation started with INIT. */
  Cold = 16,
  /** A caller wants to hear of the end (its InvocationClient is in the table's `clients`). */
  Client = 32,
  /** Its INIT time is in Field.LongInitUs (see IntField.InitUs). */
  LongInit = 256,
  /** Idle and watched by the reclaim queue (its heap entry may outlive this bit: reclaim-heap.ts). */
  Watched = 512,
  /** How its INIT went (init-phase.ts InitStatus: 0 ok, 1 timed out and ran again, 2 failed), shifted. */
  InitStatusShift = 6,
  InitStatusMask = 3 << 6,
}
