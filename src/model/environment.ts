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
 * Row layout (`Field`): the invocation in progress, the environment's life, then the intrusive links.
 */
export const ROW = 16;

export const enum Field {
  /** Arrival of the request being served (for latency). */
  RequestAt = 0,
  /** Execution time (us) after the timeout cap. */
  DurationUs = 1,
  /** INIT time of this invocation (0 when warm; for a provisioned one, its last INIT, Infinity when it never succeeded). */
  InitUs = 2,
  /** Max Memory Used of the invocation (MB, at most memorySize). */
  MemoryUsedMb = 3,
  /** Sequence number of the invocation within its function. */
  Seq = 4,
  /** The caller's token for the call being served, handed back to it at the end (see InvocationClient). */
  Token = 5,
  /** Key and run of the request being served: they pick its keep-alive draw when it ends. */
  RequestKey = 6,
  Run = 7,
  /** Outcome bits of the invocation and what kind of environment this is (`Flag`). */
  Flags = 8,
  /** Creation order within the function: larger is newer (a new one on recycling). */
  Id = 9,
  /** The environment must be recycled at or after this time (created + maxLifetime). */
  RetireAt = 10,
  /** When an idle environment will be reclaimed (min of keep-alive expiry and max lifetime). */
  ReclaimAt = 11,
  /** Most-recent idle pool: the neighbours' slots (-1 for none). */
  Prev = 12,
  Next = 13,
  /** Position in a creation-order or random idle pool (-1 when not in one). */
  PoolPos = 14,
  /** Position in the reclaim heap (-1 when not in it). */
  ReapPos = 15,
}

/** Bits of `Field.Flags`. */
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
  /** How its INIT went (init-phase.ts InitStatus: 0 ok, 1 timed out and ran again, 2 failed), shifted. */
  InitStatusShift = 6,
  InitStatusMask = 3 << 6,
}
