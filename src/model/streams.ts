/**
 * Kinesis data streams and DynamoDB streams with their event source mapping (lambda-behavior.md
 * section 9).
 *
 * A record gets a partition key (uniform over the producer's `partitionKeys`), and the key's hash
 * picks the shard (an integer mix stands in for Kinesis's MD5: both spread keys evenly). Each shard
 * is read through lanes; a lane hands its records out strictly in order:
 * - parallelizationFactor 1: one lane per shard, one batch at a time (section 9.1);
 * - `ordering: partition-key` (default; the 2019 launch blog and current docs, section 9.4): P lanes
 *   per shard, a key always in the same lane, so up to P batches per shard run at once and each key
 *   keeps its order;
 * - `ordering: shard` (the 2022 doc's wording): one lane per shard that may run up to P batches at
 *   once, cut from the shard in order; a failing batch holds the shard (no new batch starts until
 *   it is resolved). Records are handed out in shard order; completions may interleave.
 *
 * A lane starts a batch when it has `batchSize` records, or else at max(next poll of the shard,
 * oldest record + maximumBatchingWindow); polls are every 1 s for Kinesis and every 250 ms for
 * DynamoDB streams (section 9.2) on a grid from time 0. startingPosition makes no difference: the
 * stream and the mapping both start empty at time 0.
 *
 * Errors (section 9.5-9.6): an invocation fails as a whole with the function's errorRate; a
 * "poison" record (itemFailureRate / poisonItems) fails every time. Without reportBatchItemFailures a
 * batch holding one fails as a whole; with it, the records before the first poison one are
 * checkpointed and the rest is retried (section 9.8). A failed batch is retried at once, holding its
 * lane, until it succeeds; with bisectBatchOnFunctionError a failing batch of two or more records is
 * split in halves, first half first (a split is not a retry; each half counts its own retries);
 * past maximumRetryAttempts (-1 = never) or maximumRecordAge the batch is discarded: `failed`, and one
 * message per discarded batch goes to the onFailure queue. Records older than the retention are
 * `lost` (found when their lane reaches them, or at the end). A throttled batch is retried after 1 s
 * and does not count as a retry (section 6).
 *
 * IteratorAge (section 9.9, disagreement 7: we take the metrics page's reading) is the age of the
 * last record of a batch when the batch is handed to the function; retries hand it again.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import { uniformInt, type Rng } from '../kernel/random.js';
import { US_PER_SECOND } from '../kernel/time.js';
import { Histogram } from '../metrics/histogram.js';
import type { RequestSink } from '../workload/arrivals.js';
import { mix32 } from './esm-deque.js';
import type { ModelContext } from './context.js';
import type { EventSource, MessageSink, SourceDirectory } from './event-source.js';
import { PoisonPicker, THROTTLE_BACKOFF_US } from './esm-rules.js';
import type { InvocationClient } from './function-model.js';
import type { InvokeTarget } from './invoke-target.js';
import type { EventSourceMappingInput, ProducerInput, StreamInput, StreamMappingInput } from './input.js';
import type { SourceProbe } from './observer.js';
import type { StreamResults } from './results.js';
import { STATE_BUDGET, StateLimitError } from './state-budget.js';
import { StreamRecords } from './stream-records.js';

/** GetRecords polling interval per shard: Kinesis 1/s, DynamoDB Streams 4/s. lambda-behavior.md 9.2 (GH22 with-kinesis.md, with-ddb.md). */
export const POLL_INTERVAL_US = { kinesis: 1_000_000, dynamodb: 250_000 } as const;

/**
 * Kinesis's write limit: "A shard supports 1 MB/s and 1000 records per second for writes"
 * (https://docs.aws.amazon.com/streams/latest/dev/working-with-streams.html). Records here have no
 * size, so only the count is checked. DynamoDB streams are written by the table, not by producers:
 * no limit of this kind applies.
 */
export const SHARD_WRITES_PER_SECOND = 1000;

/** The time-series column of a stream (src/report/stream-report.ts): a sample per batch handed out. */
export const ITERATOR_AGE = 0;

/** Test hooks, each with (shard, partition key, sequence number) of a record. */
export interface StreamTracer {
  /** The record is handed to the function for the first time. */
  firstHanded(shard: number, key: number, seq: number): void;
  /** The record was processed (in processing order). */
  processed(shard: number, key: number, seq: number): void;
}

/**
 * h % n for integers 0 <= h < 2^32 and 1 <= n < 2^32, without `%`: mix32 returns values past V8's
 * small integers, and `%` on such a double is a call to fmod, a fifth of a record's cost. The
 * quotient of two such integers never rounds up to the next integer in a double (it is at least
 * 2^-32 below it, far above the 2^-53 of rounding), so floor gives the exact remainder.
 */
function remainder(h: number, n: number): number {
  return h - Math.floor(h / n) * n;
}

const TIMER = 1;
const RETRY = 2;
const NEXT = 3;

/** Records of one shard read in order (the lane is their ring), with the batches running on them. */
class Lane extends StreamRecords {
  /** The batches running on this lane, oldest first (the first one holds the lane's oldest records). */
  readonly running: StreamBatch[] = [];
  /** Batches of this lane that failed and are being retried (ordering: shard holds the lane). */
  held = 0;
  timerAt = Infinity;
  /**
   * Until this time, while the lane holds fewer than `fullAt` records, a put needs no pump: the
   * last pump found the lane waiting for its timer (already set), and neither the head's readiness
   * nor its expiry can come sooner; or it found the lane running all the batches it may, and only
   * a batch's end (which pumps) can change that (both Infinity then). StreamPoller.pump sets them;
   * everything else that changes the lane pumps it. Most records of a busy stream then cost an
   * append only.
   */
  quietUntil = 0;
  fullAt = 0;
  constructor(
    readonly index: number,
    readonly shard: number,
    keys: boolean,
    poison: boolean,
  ) {
    super(keys, poison);
  }
}

/**
 * A batch: a run of its lane's record positions (the records stay in the lane, see
 * stream-records.ts) and the segments still to process.
 */
class StreamBatch {
  /** Position of the batch's first record: the lane holds its records from here on until it ends. */
  start = 0;
  /** The current segment: positions lo .. hi - 1. */
  lo = 0;
  hi = 0;
  /** Pending segments after the current one, pushed as (hi, lo) pairs; the last pushed is next. */
  stack: number[] = [];
  retries = 0;
  /** Invocations of this batch that ran (with the first record, they pick the draws). */
  runs = 0;
  lane: Lane | null = null;
  /** The batch failed and holds its lane (counted in lane.held) until it ends. */
  holding = false;
  constructor(readonly slot: number) {}
}

export class KinesisStream implements EventSource {
  records = 0;
  processed = 0;
  lost = 0;
  failed = 0;
  batchesStarted = 0;
  readonly iteratorAge = new Histogram();
  /** The counters when the warm-up ended (null without one). */
  private base: { records: number; processed: number; lost: number; failed: number; batches: number } | null = null;
  poller: StreamPoller | null = null;
  readonly lanes: Lane[] = [];
  lanesPerShard = 1;
  private readonly kernel: Kernel;
  /** First key id of the next producer (producers of one stream use disjoint key ids). */
  private nextKeyOffset = 0;
  /** The mapping may mark records poison (each put asks its picker). */
  private pickPoison = false;
  /** Lanes keep put time and sequence only (no tracer, no poison): a put writes two cells, asks nothing. */
  private plain: boolean;
  /** The put of this sequence number checks the state budget (see checkBudget). */
  private checkBudgetAt = 0;
  /**
   * Writes per shard and second, on the 1-s grid from time 0 (Kinesis only; Infinity for DynamoDB):
   * the first put at or after `writesUntil` closes the seconds before it (closeWriteSeconds), so a
   * record costs one compare. `putsBefore[s]`: records put on shard s before the open second.
   */
  private writesUntil: number;
  private readonly putsBefore: Float64Array;
  /** The most records put on one shard in one second, and in one second on the whole stream. */
  peakShardWrites = 0;
  peakStreamWrites = 0;
  /** Records beyond the shard limit, summed over shard-seconds (what AWS would have refused), and those shard-seconds. */
  writesOverLimit = 0;
  shardSecondsOverLimit = 0;

  /**
   * @param probe  its time-series rows (column {@link ITERATOR_AGE}); null costs nothing
   * @param tracer  test hooks (record order checks); null costs nothing
   */
  constructor(
    readonly name: string,
    readonly config: StreamInput,
    ctx: ModelContext,
    readonly probe: SourceProbe | null = null,
    readonly tracer: StreamTracer | null = null,
  ) {
    this.kernel = ctx.kernel;
    this.plain = tracer === null;
    this.writesUntil = config.type === 'kinesis' ? US_PER_SECOND : Infinity;
    this.putsBefore = new Float64Array(config.shards);
    this.makeLanes(1, false);
  }

  /** `poison`: the mapping may mark records poison (the lanes keep the mark). */
  private makeLanes(perShard: number, poison: boolean): void {
    this.lanesPerShard = perShard;
    this.lanes.length = 0;
    const keys = this.tracer !== null;
    for (let s = 0; s < this.config.shards; s++) for (let l = 0; l < perShard; l++) this.lanes.push(new Lane(this.lanes.length, s, keys, poison));
  }

  link(): void {}

  /** The mapping decides the lanes per shard (records are put only once every source is connected). */
  connect(mapping: EventSourceMappingInput, fn: InvokeTarget, ctx: ModelContext, sources: SourceDirectory): void {
    if (mapping.kind !== 'stream') throw new Error(`stream ${this.name}: a ${mapping.kind} mapping`);
    if (this.poller !== null) throw new Error(`stream ${this.name}: more than one event source mapping`);
    const onFailure = mapping.onFailure === undefined ? null : sources.messageSink(mapping.onFailure, `stream ${this.name}: onFailure`);
    this.poller = new StreamPoller(this, fn, mapping, ctx, ctx.randoms.stream(`esm:${this.name}:poison`), onFailure);
    this.pickPoison = this.poller.poison.active;
    this.makeLanes(mapping.ordering === 'partition-key' ? mapping.parallelizationFactor : 1, this.pickPoison);
    this.plain = !this.pickPoison && this.tracer === null;
  }

  producer(p: ProducerInput, ctx: ModelContext): RequestSink {
    const offset = this.nextKeyOffset;
    this.nextKeyOffset += p.partitionKeys;
    return new StreamProducer(this, p.partitionKeys, offset, ctx.randoms.stream(`wl:${p.name}:keys`));
  }

  begin(): void {}

  /**
   * Writes over Kinesis's shard limit (results() has closed the last second): AWS would have refused
   * them, the simulation took them all (as a producer that retries would, later), so the consumer's
   * figures are those of a stream that could take the load.
   */
  notes(): string[] {
    // Notes are taken before results(): the last second is counted here too (a second call counts nothing more).
    if (this.writesUntil !== Infinity) this.closeWriteSeconds(this.kernel.now);
    if (this.writesOverLimit === 0) return [];
    const n = (x: number): string => x.toLocaleString('en-US');
    const shards = Math.ceil(this.peakStreamWrites / SHARD_WRITES_PER_SECOND);
    return [
      `stream ${this.name}: writes exceed Kinesis's ${n(SHARD_WRITES_PER_SECOND)} records/s per shard in ${n(this.shardSecondsOverLimit)} shard-seconds ` +
        `(busiest: ${n(this.peakShardWrites)} records); AWS would refuse ${n(this.writesOverLimit)} writes (ProvisionedThroughputExceededException), ` +
        `the simulation took them all; its busiest second had ${n(this.peakStreamWrites)} records: at least ${n(shards)} shards with evenly spread keys`,
    ];
  }

  /**
   * Fill `keys` with partition keys drawn from `rng`, uniform over offset .. offset + count - 1,
   * and `lanes` with their lanes: the key's hash picks the shard (a power-of-two shard count takes
   * the hash's low bits: the same remainder, no division); with several lanes per shard, a second
   * hash picks one of them. One loop for both: the draws are a chain (each waits for the one
   * before), and the hashing, independent of it, runs in its shadow instead of in a loop of its own.
   */
  drawKeys(rng: Rng, count: number, offset: number, keys: Float64Array, lanes: Int32Array): void {
    const shards = this.config.shards;
    const per = this.lanesPerShard;
    const mask = (shards & (shards - 1)) === 0 ? shards - 1 : -1;
    for (let i = 0; i < keys.length; i++) {
      const key = offset + uniformInt(rng, count);
      keys[i] = key;
      const h = mix32(key);
      const shard = mask >= 0 ? h & mask : remainder(h, shards);
      lanes[i] = per === 1 ? shard : shard * per + remainder(mix32(key ^ 0x5bd1e995), per);
    }
  }

  /** Put one record with partition key `key` (in its lane, see drawKeys) now. */
  put(key: number, lane: number): void {
    const seq = this.records++;
    if (seq >= this.checkBudgetAt) this.checkBudget();
    const poller = this.poller;
    const now = this.kernel.now;
    if (now >= this.writesUntil) this.closeWriteSeconds(now);
    const l = this.lanes[lane];
    if (this.plain) l.pushPlain(now, seq);
    else l.push(now, seq, key, this.pickPoison ? poller!.poison.pick(seq) : 0);
    if (poller !== null && !(now < l.quietUntil && l.size < l.fullAt)) poller.pump(l);
  }

  /**
   * The seconds before the one holding `now` are over: count each shard's writes in the last second
   * that had any (the lanes' positions only grow, one per record put), then open `now`'s second.
   * Out of line: called once per second with puts, not per record.
   */
  private closeWriteSeconds(now: number): void {
    const per = this.lanesPerShard;
    let total = 0;
    for (let s = 0; s < this.config.shards; s++) {
      let put = 0;
      for (let l = s * per; l < (s + 1) * per; l++) put += this.lanes[l].head + this.lanes[l].size;
      const n = put - this.putsBefore[s];
      this.putsBefore[s] = put;
      total += n;
      if (n > this.peakShardWrites) this.peakShardWrites = n;
      if (n > SHARD_WRITES_PER_SECOND) {
        this.writesOverLimit += n - SHARD_WRITES_PER_SECOND;
        this.shardSecondsOverLimit++;
      }
    }
    if (total > this.peakStreamWrites) this.peakStreamWrites = total;
    this.writesUntil = (Math.floor(now / US_PER_SECOND) + 1) * US_PER_SECOND;
  }

  /**
   * Throw once more records wait than the state budget allows; else say from which sequence number
   * on that can happen next (processed, lost and failed only grow, so not before). Out of line: a
   * put costs one compare.
   */
  private checkBudget(): void {
    const settled = this.processed + this.lost + this.failed;
    const pending = this.records - settled;
    if (pending > STATE_BUDGET.pendingItems) {
      throw new StateLimitError(`stream "${this.name}"`, `${pending.toLocaleString('en-US')} unprocessed records`, this.kernel.now, STATE_BUDGET.pendingItems);
    }
    this.checkBudgetAt = settled + STATE_BUDGET.pendingItems;
  }

  /**
   * The counters are also sequence numbers and checkpoints, so they keep running: the warm-up's
   * share is subtracted in `results`.
   */
  warmupEnded(): void {
    this.base = { records: this.records, processed: this.processed, lost: this.lost, failed: this.failed, batches: this.batchesStarted };
    this.iteratorAge.reset();
    // The write peaks restart too: the second the warm-up ends in counts after it.
    this.peakShardWrites = this.peakStreamWrites = this.writesOverLimit = this.shardSecondsOverLimit = 0;
  }

  /** Records not yet processed, failed or found lost (expired records are found when their lane reaches them). */
  backlog(): { pending: number; arrived: number } {
    return { pending: this.records - this.processed - this.lost - this.failed, arrived: this.records };
  }

  results(endUs: number): StreamResults {
    // The last second (whole or not) has its writes counted; a second call counts nothing more.
    if (this.writesUntil !== Infinity) this.closeWriteSeconds(endUs);
    let pending = 0;
    let lost = this.lost;
    const retention = this.config.retention;
    const count = (putAt: number): void => {
      if (putAt + retention <= endUs) lost++;
      else pending++;
    };
    for (const lane of this.lanes) for (let i = 0; i < lane.size; i++) count(lane.putAt(i));
    if (this.poller !== null) this.poller.forEachHeld(count);
    const b = this.base ?? { records: 0, processed: 0, lost: 0, failed: 0, batches: 0 };
    return {
      name: this.name,
      records: this.records - b.records,
      processed: this.processed - b.processed,
      lost: lost - b.lost,
      failed: this.failed - b.failed,
      pendingAtEnd: pending,
      ...(this.base !== null ? { pendingAtStart: b.records - b.processed - b.lost - b.failed } : {}),
      batches: this.batchesStarted - b.batches,
      iteratorAge: this.iteratorAge,
      ...(this.config.type === 'kinesis'
        ? { writes: { peakPerShardSecond: this.peakShardWrites, peakPerSecond: this.peakStreamWrites, overShardLimit: this.writesOverLimit, shardSecondsOverLimit: this.shardSecondsOverLimit } }
        : {}),
    };
  }
}

/** Keys (and their lanes) a producer draws ahead. */
const AHEAD = 256;

/**
 * A stream producer: picks a key uniformly among its own `partitionKeys` distinct keys.
 *
 * Keys are drawn {@link AHEAD} at a time, with their lanes, in a tight loop (KinesisStream.drawKeys): `rng` is this
 * producer's own stream (`wl:<name>:keys`), so drawing ahead changes no other draw and the keys are
 * the same; a record then costs two array reads here instead of a draw and a hash.
 */
export class StreamProducer implements RequestSink {
  private readonly keysAhead = new Float64Array(AHEAD);
  private readonly lanesAhead = new Int32Array(AHEAD);
  private pos = AHEAD;
  constructor(
    private readonly stream: KinesisStream,
    private readonly keys: number,
    /** First key id of this producer (producers of one stream use disjoint key ids). */
    private readonly keyOffset: number,
    private readonly rng: Rng,
  ) {}
  arrive(): void {
    if (this.pos === AHEAD) this.refill();
    const i = this.pos++;
    this.stream.put(this.keysAhead[i], this.lanesAhead[i]);
  }
  private refill(): void {
    this.stream.drawKeys(this.rng, this.keys, this.keyOffset, this.keysAhead, this.lanesAhead);
    this.pos = 0;
  }
}

export class StreamPoller implements InvocationClient, EventHandler {
  readonly poison: PoisonPicker;
  private readonly maxInFlight: number;
  private readonly pollUs: number;
  private readonly batches: StreamBatch[] = [];
  private readonly freeBatches: StreamBatch[] = [];
  private readonly kernel: Kernel;
  /** Request keys of this stream's invocations: key space + record sequence number (function-model.ts). */
  private readonly keySpace: number;

  constructor(
    readonly stream: KinesisStream,
    readonly fn: InvokeTarget,
    readonly config: StreamMappingInput,
    ctx: ModelContext,
    poisonRng: Rng,
    private readonly onFailure: MessageSink | null,
  ) {
    this.kernel = ctx.kernel;
    this.keySpace = fn.keySpace();
    this.poison = new PoisonPicker(config.itemFailureRate, config.poisonItems, poisonRng);
    this.maxInFlight = config.ordering === 'shard' ? config.parallelizationFactor : 1;
    this.pollUs = POLL_INTERVAL_US[stream.config.type];
  }

  /** Visit the put time of every record held by a running or retrying batch (for end-of-run counts). */
  forEachHeld(visit: (putAt: number) => void): void {
    for (const lane of this.stream.lanes) {
      for (const b of lane.running) {
        for (let i = b.lo; i < b.hi; i++) visit(lane.putOf(i));
        for (let k = 0; k < b.stack.length; k += 2) for (let i = b.stack[k + 1]; i < b.stack[k]; i++) visit(lane.putOf(i));
      }
    }
  }

  /** Start batches on `lane` while it may run more and has records ready. */
  pump(lane: Lane): void {
    const now = this.kernel.now;
    const { batchSize, maximumBatchingWindow: window } = this.config;
    lane.quietUntil = 0;
    lane.fullAt = 0;
    for (;;) {
      if (!(lane.running.length < this.maxInFlight && lane.held === 0)) {
        // Only a batch's end (nextSegment pumps) can let this lane start another.
        lane.quietUntil = Infinity;
        lane.fullAt = Infinity;
        return;
      }
      this.dropExpired(lane, now);
      if (lane.size === 0) return;
      if (lane.size < batchSize) {
        const head = lane.putAt(0);
        const readyAt = Math.max(Math.ceil(head / this.pollUs) * this.pollUs, head + window);
        if (now < readyAt) {
          if (readyAt < lane.timerAt) {
            lane.timerAt = readyAt;
            this.kernel.schedule(readyAt, this, TIMER, lane.index);
          }
          // The head drops out (dropExpired) at put + retention, or once older than maximumRecordAge.
          const maxAge = this.config.maximumRecordAge;
          const expires = Math.min(head + this.stream.config.retention, maxAge === undefined ? Infinity : Math.floor(head + maxAge) + 1);
          lane.quietUntil = Math.min(readyAt, expires);
          lane.fullAt = batchSize;
          return;
        }
      }
      this.startBatch(lane, Math.min(lane.size, batchSize));
    }
  }

  /** Records at the head of a lane that are past retention (lost) or maximumRecordAge (failed). */
  private dropExpired(lane: Lane, now: number): void {
    const retention = this.stream.config.retention;
    const maxAge = this.config.maximumRecordAge;
    let failed = 0;
    while (lane.size > 0) {
      const put = lane.putAt(0);
      if (put + retention <= now) this.stream.lost++;
      else if (maxAge !== undefined && now - put > maxAge) failed++;
      else break;
      lane.shift();
    }
    if (failed > 0) this.discard(failed);
  }

  private startBatch(lane: Lane, n: number): void {
    let b = this.freeBatches.pop();
    if (b === undefined) {
      b = new StreamBatch(this.batches.length);
      this.batches.push(b);
    }
    // The records stay in the lane (no copy): the batch reads them by position.
    const start = lane.take(n);
    const tracer = this.stream.tracer;
    if (tracer !== null) for (let i = start; i < start + n; i++) tracer.firstHanded(lane.shard, lane.keyOf(i), lane.seqOf(i));
    b.start = start;
    b.lo = start;
    b.hi = start + n;
    b.stack.length = 0;
    b.retries = 0;
    b.runs = 0;
    b.lane = lane;
    lane.running.push(b);
    this.attempt(b);
  }

  /** Hand the current segment of `b` to the function (after dropping what expired meanwhile). */
  private attempt(b: StreamBatch): void {
    const now = this.kernel.now;
    const retention = this.stream.config.retention;
    const maxAge = this.config.maximumRecordAge;
    const lane = b.lane!;
    let failed = 0;
    while (b.lo < b.hi) {
      const put = lane.putOf(b.lo);
      if (put + retention <= now) this.stream.lost++;
      else if (maxAge !== undefined && now - put > maxAge) failed++;
      else break;
      b.lo++;
    }
    if (failed > 0) this.discard(failed);
    if (b.lo === b.hi) {
      this.nextSegment(b);
      return;
    }
    const age = now - lane.putOf(b.hi - 1);
    this.stream.iteratorAge.record(age);
    if (this.stream.probe !== null) this.stream.probe.record(now, ITERATOR_AGE, age);
    this.stream.batchesStarted++;
    let poisoned = false;
    if (this.poison.active) for (let i = b.lo; i < b.hi && !poisoned; i++) poisoned = lane.poisonOf(i) === 1;
    const forceError = poisoned && !this.config.reportBatchItemFailures;
    // Named by its first record and the batch's runs so far: unique, and stable across variants.
    const itemsUs = (b.hi - b.lo) * this.config.durationPerItem;
    if (this.fn.invoke(lane.putOf(b.lo), this, b.slot, forceError, this.keySpace + lane.seqOf(b.lo), b.runs, itemsUs)) b.runs++;
    else this.kernel.schedule(now + THROTTLE_BACKOFF_US, this, RETRY, b.slot);
  }

  /**
   * The function answered for batch `slot`. Nothing is invoked from inside this callback (the
   * environment is not free yet): the next step runs as an event at the same instant.
   */
  invocationEnded(_firstAt: number, slot: number, isError: boolean): boolean {
    const b = this.batches[slot];
    const now = this.kernel.now;
    if (!isError) {
      let firstPoison = b.hi;
      if (this.config.reportBatchItemFailures && this.poison.active) {
        const lane = b.lane!;
        for (let i = b.lo; i < b.hi; i++) {
          if (lane.poisonOf(i) === 1) {
            firstPoison = i;
            break;
          }
        }
      }
      this.process(b, b.lo, firstPoison);
      if (firstPoison === b.hi) {
        this.kernel.schedule(now, this, NEXT, b.slot);
        return true;
      }
      // Partial batch response: checkpoint before the first failure, retry from there.
      b.lo = firstPoison;
      this.retryOrDiscard(b, now);
      return true;
    }
    if (this.config.bisectBatchOnFunctionError && b.hi - b.lo > 1) {
      const mid = b.lo + Math.floor((b.hi - b.lo) / 2);
      b.stack.push(b.hi, mid);
      b.hi = mid;
      b.retries = 0;
      this.holdLane(b);
      this.kernel.schedule(now, this, RETRY, b.slot);
      return false;
    }
    this.retryOrDiscard(b, now);
    return false;
  }

  private retryOrDiscard(b: StreamBatch, now: number): void {
    b.retries++;
    const max = this.config.maximumRetryAttempts;
    if (max >= 0 && b.retries > max) {
      this.discard(b.hi - b.lo);
      b.lo = b.hi;
      this.kernel.schedule(now, this, NEXT, b.slot);
      return;
    }
    this.holdLane(b);
    this.kernel.schedule(now, this, RETRY, b.slot);
  }

  /** A failing batch holds its lane (ordering: shard) until resolved; counted once per batch. */
  private holdLane(b: StreamBatch): void {
    if (!b.holding) {
      b.holding = true;
      b.lane!.held++;
    }
  }

  private process(b: StreamBatch, from: number, to: number): void {
    this.stream.processed += to - from;
    const tracer = this.stream.tracer;
    if (tracer === null) return;
    const lane = b.lane!;
    for (let i = from; i < to; i++) tracer.processed(lane.shard, lane.keyOf(i), lane.seqOf(i));
  }

  /** `count` records discarded (retries spent or too old): failed, and one on-failure message. */
  private discard(count: number): void {
    this.stream.failed += count;
    if (this.onFailure !== null) this.onFailure.send(this.kernel.now, 0);
  }

  /** The current segment is done: start the next one, or finish the batch. */
  private nextSegment(b: StreamBatch): void {
    if (b.stack.length > 0) {
      b.lo = b.stack.pop()!;
      b.hi = b.stack.pop()!;
      b.retries = 0;
      this.attempt(b);
      return;
    }
    const lane = b.lane!;
    if (b.holding) {
      b.holding = false;
      lane.held--;
    }
    this.releaseRecords(lane, b);
    b.lane = null;
    this.freeBatches.push(b);
    this.pump(lane);
  }

  /**
   * Batch `b` of `lane` ended: its records may go, up to the oldest record of the lane's next
   * running batch (ordering: shard runs several; they end in any order, the lane frees in order).
   */
  private releaseRecords(lane: Lane, b: StreamBatch): void {
    const running = lane.running;
    const at = running.indexOf(b);
    for (let i = at + 1; i < running.length; i++) running[i - 1] = running[i];
    running.pop();
    lane.release(running.length > 0 ? running[0].start : lane.head);
  }

  handleEvent(kind: number, a: number): void {
    if (kind === TIMER) {
      const lane = this.stream.lanes[a];
      if (this.kernel.now >= lane.timerAt) lane.timerAt = Infinity;
      this.pump(lane);
    } else if (kind === RETRY) {
      this.attempt(this.batches[a]);
    } else if (kind === NEXT) {
      this.nextSegment(this.batches[a]);
    }
  }
}
