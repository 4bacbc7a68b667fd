/**
 * timeseries.csv, streamed: an {@link InvocationObserver} that counts requests, invocations,
 * errors, throttles and cold starts per bucket of simulated time (`reports.timeseries`) and per
 * function, tracks the peak concurrency of each bucket (per function and for the account), the
 * backlogs (async event queues, SQS queues) and the stream iterator ages, and hands each finished
 * bucket to a sink as soon as it can no longer change. It also keeps a downsampled copy (at most
 * `chartPoints` points per series) for the charts of report.html.
 *
 * Rows: per bucket, in this order, each identified by `kind` (and `name`):
 * - `function` (one per function, scenario order): the counts, `concurrency_max`, `limit` = the
 *   reserved concurrency (empty without), `async_queue_depth_max` (functions with async workloads),
 *   `latency_p50_ms` and `latency_p99_ms` (empty in a bucket in which no call got its answer).
 * - `account` (one): `concurrency_max` of all functions together, `limit` = the account limit.
 * - `queue` (one per SQS queue, scenario order): `messages_visible_max`, `messages_in_flight_max`.
 * - `stream` (one per stream, scenario order): `iterator_age_max_ms` (empty in a bucket in which
 *   no batch was handed to the function: IteratorAge has no data point then, as in CloudWatch).
 * Cells that do not apply to a row's kind are empty, so the per-function sums stay the summary's.
 *
 * Which bucket counts what (CloudWatch's rule: a metric's timestamp is the invocation time):
 * - `requests`, `throttles`, `cold_starts`: the bucket of the request.
 * - `invocations`, `errors`: the bucket in which the invocation STARTED (its end minus its INIT and
 *   duration), counted when it ends; an invocation still
 *   running at the end of simulated time is in flight, not an invocation, exactly as in the summary.
 * - `latency_p50_ms`, `latency_p99_ms`: the bucket in which the call got its answer (the invocation
 *   ENDED), the same latency as the summary's (from the request to the answer), from a histogram per
 *   function that is reset each bucket, so memory does not grow with invocations.
 * - every `*_max` level (concurrency, queue depths): the largest value at any instant of the
 *   bucket, the value carried in at the bucket's start included (the same rule as the summary's
 *   maxima, so the maximum over buckets equals them). `iterator_age_max_ms` is the largest age
 *   recorded in the bucket (a sample per batch, not a level: nothing is carried in).
 *
 * Memory: a bucket is written once simulated time has passed it and every invocation that started
 * in it has ended, so the observer holds the buckets of the last (timeout + INIT) of simulated time
 * at most, never the whole run. Invocations still in flight at the end are flushed by `finish`.
 */
import { Histogram } from '../metrics/histogram.js';
import type { ProvisionedStep, SimulationInput } from '../model/input.js';
import type { InvocationEnd, InvocationObserver } from '../model/observer.js';
import { plainNumber, usToMs } from './format-number.js';

/** The header of timeseries.csv (rows per bucket: functions, account, queues, streams; buckets in time order). */
export const TIMESERIES_CSV_HEADER =
  'bucket_start_ms,function,requests,invocations,errors,throttles,cold_starts,concurrency_max,' +
  'kind,name,limit,async_queue_depth_max,messages_visible_max,messages_in_flight_max,iterator_age_max_ms,' +
  'latency_p50_ms,latency_p99_ms';

/** Default bound on the points of each chart series (the CSV keeps every bucket). */
export const DEFAULT_CHART_POINTS = 480;

/** Counters of the per-bucket fields of a function, in the order of the internal arrays. */
const REQ = 0;
const INV = 1;
const ERR = 2;
const THR = 3;
const COLD = 4;
const CONC = 5;
const ASYNC = 6;
/** Latency quantiles (us) of the calls answered in the bucket; -1 for none. */
const P50 = 7;
const P99 = 8;
const FIELDS = 9;

export interface TimeSeriesOptions {
  /** Function names in the scenario's order (= the `fn` index of the observer calls). */
  functions: readonly string[];
  /** Bucket width (us), > 0. */
  bucketUs: number;
  /** Simulated time (us), > 0: the last bucket may be shorter than `bucketUs`. */
  durationUs: number;
  /** Receives timeseries.csv in pieces, in order (header first); null keeps only the chart data. */
  sink: ((text: string) => void) | null;
  /** At most this many points per chart series (default {@link DEFAULT_CHART_POINTS}). */
  chartPoints?: number;
  /** Per function: its reserved concurrency (the `limit` of its rows), undefined for none. */
  reserved?: readonly (number | undefined)[];
  /** Per function: whether it receives async events (its rows then fill `async_queue_depth_max`). */
  asyncFunctions?: readonly boolean[];
  /** The account concurrency limit (the `limit` of the account rows); empty cells when undefined. */
  accountLimit?: number;
  /** Per function: its provisioned concurrency schedule, undefined for none (charts only). */
  provisioned?: readonly (readonly ProvisionedStep[] | undefined)[];
  /** SQS queue names in the scenario's order (= the `queue` index of `queueDepth`). */
  queues?: readonly string[];
  /** Stream names in the scenario's order (= the `stream` index of `iteratorAge`). */
  streams?: readonly string[];
}

/** The options a scenario implies (everything but the sink, bucket width and chart points). */
export function timeSeriesShape(
  input: SimulationInput,
): Pick<TimeSeriesOptions, 'functions' | 'durationUs' | 'reserved' | 'asyncFunctions' | 'accountLimit' | 'provisioned' | 'queues' | 'streams'> {
  const functions = Object.keys(input.functions);
  const asyncNames = new Set(input.workloads.filter((w) => w.invocation === 'async').map((w) => w.function));
  return {
    functions,
    durationUs: input.duration,
    reserved: functions.map((name) => input.functions[name].reservedConcurrency),
    asyncFunctions: functions.map((name) => asyncNames.has(name)),
    accountLimit: input.account.concurrencyLimit,
    provisioned: functions.map((name) => input.functions[name].provisionedConcurrency),
    queues: Object.keys(input.queues ?? {}),
    streams: Object.keys(input.streams ?? {}),
  };
}

/** The downsampled series for charts: `points` bins of `binUs` each, every bin holding whole buckets. */
export interface ChartSeries {
  functions: string[];
  /** Width of one chart bin (us): a whole number of buckets. */
  binUs: number;
  /** Bucket width of timeseries.csv (us). */
  bucketUs: number;
  durationUs: number;
  /** Start (us) of each bin. */
  startUs: number[];
  /** Per function, per bin: sums over the bin's buckets. */
  requests: number[][];
  invocations: number[][];
  errors: number[][];
  throttles: number[][];
  coldStarts: number[][];
  /** Per function, per bin: the largest bucket `concurrency_max`. */
  concurrencyMax: number[][];
  /** Per bin: peak busy environments of all functions together (what the account limit caps). */
  accountConcurrencyMax: number[];
  /** Per function: its reserved concurrency, null for none. */
  reserved: (number | null)[];
  /** Per function: its provisioned concurrency schedule (levels from `atUs` on), null for none. */
  provisioned: ({ atUs: number; value: number }[] | null)[];
  /** Per function, per bin: p50 and p99 latency (us) of the calls answered in the bin; null for none. */
  latencyP50Us: (number | null)[][];
  latencyP99Us: (number | null)[][];
  /** Per function: per bin, the largest async queue depth; null for a function without async events. */
  asyncDepthMax: (number[] | null)[];
  /** SQS queue names, and per queue and bin the largest visible and in-flight message counts. */
  queues: string[];
  queueVisibleMax: number[][];
  queueInFlightMax: number[][];
  /** Stream names, and per stream and bin the largest iterator age (us); null when no batch was handed out. */
  streams: string[];
  iteratorAgeMaxUs: (number | null)[][];
}

/** A latency cell (ms) from a quantile in us; empty for -1 (no call answered in the bucket). */
function latencyCell(us: number, field: string): string {
  return us < 0 ? '' : plainNumber(usToMs(us, field));
}

/** A CSV cell for a name: quoted only when it needs to be (names are [A-Za-z0-9_-] today). */
function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export class TimeSeriesObserver implements InvocationObserver {
  private readonly nFn: number;
  private readonly names: string[];
  private readonly bucketUs: number;
  private readonly durationUs: number;
  private readonly nBuckets: number;
  private readonly sink: ((text: string) => void) | null;
  private readonly limitCells: string[];
  private readonly isAsync: boolean[];
  private readonly accountLimitCell: string;
  private readonly queueNames: string[];
  private readonly streamNames: string[];
  private readonly nQ: number;
  private readonly nS: number;
  /** Per slot, the queue and stream fields: visible (nQ), in flight (nQ), iterator age (nS, -1 = none). */
  private readonly nExtra: number;

  /** Ring of open buckets: `FIELDS * nFn` counters per slot. */
  private capacity = 64;
  private counts: Float64Array;
  /** Per slot: `nExtra` queue and stream fields. */
  private extra: Float64Array;
  /** Per slot: invocations started in the bucket and not yet ended (all functions). */
  private outstanding: Float64Array;
  /** Per slot: peak busy environments of all functions. */
  private accountMax: Float64Array;
  /** Oldest bucket not yet written. */
  private head = 0;
  /** Newest bucket opened (-1 before the first). */
  private cur = -1;
  /** Busy environments now, per function and in total. */
  private readonly busy: Float64Array;
  private busyTotal = 0;
  /** Levels now: async depth per function, visible and in-flight messages per queue. */
  private readonly asyncNow: Float64Array;
  private readonly visibleNow: Float64Array;
  private readonly inFlightNow: Float64Array;
  private finished = false;
  /** Per function: latencies (us) of the calls answered in the current bucket, and in the current chart bin. */
  private readonly bucketLatency: Histogram[];
  private readonly binLatency: Histogram[];

  private readonly chart: ChartSeries;
  private readonly bucketsPerBin: number;

  constructor(options: TimeSeriesOptions) {
    if (!(Number.isInteger(options.bucketUs) && options.bucketUs > 0)) {
      throw new Error(`timeseries: bucket width must be a positive whole number of us, got ${options.bucketUs}`);
    }
    if (!(options.durationUs > 0)) throw new Error(`timeseries: duration must be positive, got ${options.durationUs}`);
    this.names = [...options.functions];
    this.nFn = this.names.length;
    this.bucketUs = options.bucketUs;
    this.durationUs = options.durationUs;
    this.nBuckets = Math.ceil(options.durationUs / options.bucketUs);
    this.sink = options.sink;
    this.limitCells = this.names.map((_, fn) => {
      const r = options.reserved?.[fn];
      return r === undefined ? '' : plainNumber(r);
    });
    this.isAsync = this.names.map((_, fn) => options.asyncFunctions?.[fn] === true);
    this.accountLimitCell = options.accountLimit === undefined ? '' : plainNumber(options.accountLimit);
    this.queueNames = [...(options.queues ?? [])];
    this.streamNames = [...(options.streams ?? [])];
    this.nQ = this.queueNames.length;
    this.nS = this.streamNames.length;
    this.nExtra = 2 * this.nQ + this.nS;
    this.counts = new Float64Array(this.capacity * FIELDS * this.nFn);
    this.extra = new Float64Array(this.capacity * this.nExtra);
    this.outstanding = new Float64Array(this.capacity);
    this.accountMax = new Float64Array(this.capacity);
    this.busy = new Float64Array(this.nFn);
    this.asyncNow = new Float64Array(this.nFn);
    this.visibleNow = new Float64Array(this.nQ);
    this.inFlightNow = new Float64Array(this.nQ);
    this.bucketLatency = this.names.map(() => new Histogram());
    this.binLatency = this.names.map(() => new Histogram());

    const maxPoints = Math.max(1, Math.floor(options.chartPoints ?? DEFAULT_CHART_POINTS));
    this.bucketsPerBin = Math.ceil(this.nBuckets / maxPoints);
    const bins = Math.ceil(this.nBuckets / this.bucketsPerBin);
    const zeros = (): number[] => new Array<number>(bins).fill(0);
    const perFn = (): number[][] => this.names.map(zeros);
    const binUs = this.bucketsPerBin * this.bucketUs;
    this.chart = {
      functions: [...this.names],
      binUs,
      bucketUs: this.bucketUs,
      durationUs: this.durationUs,
      startUs: Array.from({ length: bins }, (_, i) => i * binUs),
      requests: perFn(),
      invocations: perFn(),
      errors: perFn(),
      throttles: perFn(),
      coldStarts: perFn(),
      concurrencyMax: perFn(),
      accountConcurrencyMax: zeros(),
      reserved: this.names.map((_, fn) => options.reserved?.[fn] ?? null),
      provisioned: this.names.map((_, fn) => options.provisioned?.[fn]?.map((p) => ({ atUs: p.at, value: p.value })) ?? null),
      latencyP50Us: this.names.map(() => new Array<number | null>(bins).fill(null)),
      latencyP99Us: this.names.map(() => new Array<number | null>(bins).fill(null)),
      asyncDepthMax: this.isAsync.map((a) => (a ? zeros() : null)),
      queues: [...this.queueNames],
      queueVisibleMax: this.queueNames.map(zeros),
      queueInFlightMax: this.queueNames.map(zeros),
      streams: [...this.streamNames],
      iteratorAgeMaxUs: this.streamNames.map(() => new Array<number | null>(bins).fill(null)),
    };
    if (this.sink !== null) this.sink(`${TIMESERIES_CSV_HEADER}\n`);
  }

  /** Number of buckets of the whole run. */
  get bucketCount(): number {
    return this.nBuckets;
  }

  /** Rows per bucket: functions, the account, queues and streams. */
  get rowsPerBucket(): number {
    return this.nFn + 1 + this.nQ + this.nS;
  }

  /** Buckets held in memory now (for tests of the memory bound). */
  get openBuckets(): number {
    return this.cur - this.head + 1;
  }

  /** The chart data; complete after `finish`. */
  chartSeries(): ChartSeries {
    return this.chart;
  }

  request(fn: number, now: number): void {
    this.advance(now);
    this.counts[this.base(this.cur, fn) + REQ]++;
  }

  throttle(fn: number, now: number): void {
    this.advance(now);
    this.counts[this.base(this.cur, fn) + THR]++;
  }

  start(fn: number, now: number, cold: boolean, concurrency: number): void {
    this.advance(now);
    const b = this.base(this.cur, fn);
    if (cold) this.counts[b + COLD]++;
    this.outstanding[this.cur % this.capacity]++;
    this.busyTotal += concurrency - this.busy[fn];
    this.busy[fn] = concurrency;
    if (concurrency > this.counts[b + CONC]) this.counts[b + CONC] = concurrency;
    const slot = this.cur % this.capacity;
    if (this.busyTotal > this.accountMax[slot]) this.accountMax[slot] = this.busyTotal;
  }

  end(r: InvocationEnd): void {
    this.advance(r.endAt);
    // The invocation started INIT + duration before it ended (requestAt is the FIRST attempt of
    // a call that a client may have retried, so it is not the start of this one).
    const bucket = this.bucketOf(r.endAt - r.durationUs - r.initUs);
    if (bucket < this.head) {
      throw new Error(`timeseries: an invocation of bucket ${bucket} ended after that bucket was written`);
    }
    const b = this.base(bucket, r.fn);
    this.counts[b + INV]++;
    if (r.isError) this.counts[b + ERR]++;
    this.outstanding[bucket % this.capacity]--;
    this.busy[r.fn]--;
    this.busyTotal--;
    if (r.answered) this.bucketLatency[r.fn].record(r.endAt - r.requestAt);
    this.flush(this.cur);
  }

  asyncDepth(fn: number, now: number, depth: number): void {
    this.advance(now);
    this.asyncNow[fn] = depth;
    const b = this.base(this.cur, fn) + ASYNC;
    if (depth > this.counts[b]) this.counts[b] = depth;
  }

  queueDepth(queue: number, now: number, visible: number, inFlight: number): void {
    this.advance(now);
    this.visibleNow[queue] = visible;
    this.inFlightNow[queue] = inFlight;
    const e = (this.cur % this.capacity) * this.nExtra;
    if (visible > this.extra[e + queue]) this.extra[e + queue] = visible;
    if (inFlight > this.extra[e + this.nQ + queue]) this.extra[e + this.nQ + queue] = inFlight;
  }

  iteratorAge(stream: number, now: number, ageUs: number): void {
    this.advance(now);
    const k = (this.cur % this.capacity) * this.nExtra + 2 * this.nQ + stream;
    if (ageUs > this.extra[k]) this.extra[k] = ageUs;
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.advance(this.durationUs);
    this.closeLatency(this.cur);
    this.flush(this.nBuckets);
  }

  private bucketOf(us: number): number {
    const b = Math.floor(us / this.bucketUs);
    return b < this.nBuckets ? b : this.nBuckets - 1;
  }

  private base(bucket: number, fn: number): number {
    return ((bucket % this.capacity) * this.nFn + fn) * FIELDS;
  }

  /**
   * Open every bucket up to the one holding `now`, carrying the current levels (concurrency, queue
   * depths) into each. Each bucket left behind is complete in time, so it is written as soon as
   * its invocations have ended: a long quiet stretch never piles up empty buckets in memory.
   */
  private advance(now: number): void {
    const target = this.bucketOf(now);
    while (this.cur < target) {
      if (this.cur >= 0) this.closeLatency(this.cur);
      this.flush(this.cur + 1);
      const bucket = this.cur + 1;
      if (bucket - this.head + 1 > this.capacity) this.grow(bucket - this.head + 1);
      const slot = bucket % this.capacity;
      this.counts.fill(0, slot * this.nFn * FIELDS, (slot + 1) * this.nFn * FIELDS);
      for (let fn = 0; fn < this.nFn; fn++) {
        const b = (slot * this.nFn + fn) * FIELDS;
        this.counts[b + CONC] = this.busy[fn];
        this.counts[b + ASYNC] = this.asyncNow[fn];
      }
      const e = slot * this.nExtra;
      this.extra.set(this.visibleNow, e);
      this.extra.set(this.inFlightNow, e + this.nQ);
      this.extra.fill(-1, e + 2 * this.nQ, e + this.nExtra);
      this.outstanding[slot] = 0;
      this.accountMax[slot] = this.busyTotal;
      this.cur = bucket;
    }
  }

  /**
   * Time has left `bucket`: its latency quantiles go into its slot, its histograms into the chart
   * bin's (whose quantiles are taken when the bin's last bucket closes), and they start again empty.
   */
  private closeLatency(bucket: number): void {
    const slot = bucket % this.capacity;
    const binEnds = (bucket + 1) % this.bucketsPerBin === 0 || bucket === this.nBuckets - 1;
    const bin = Math.floor(bucket / this.bucketsPerBin);
    for (let fn = 0; fn < this.nFn; fn++) {
      const b = (slot * this.nFn + fn) * FIELDS;
      const h = this.bucketLatency[fn];
      this.counts[b + P50] = h.count === 0 ? -1 : h.quantile(0.5);
      this.counts[b + P99] = h.count === 0 ? -1 : h.quantile(0.99);
      const binH = this.binLatency[fn];
      if (h.count > 0) {
        binH.merge(h);
        h.reset();
      }
      if (binEnds && binH.count > 0) {
        this.chart.latencyP50Us[fn][bin] = binH.quantile(0.5);
        this.chart.latencyP99Us[fn][bin] = binH.quantile(0.99);
        binH.reset();
      }
    }
  }

  /**
   * Write the buckets before `limit` (exclusive) whose invocations have all ended; at the end of
   * the run (`limit` = bucket count) every opened bucket goes, in flight or not.
   */
  private flush(limit: number): void {
    const all = limit >= this.nBuckets;
    while (this.head < limit && this.head <= this.cur && (all || this.outstanding[this.head % this.capacity] === 0)) {
      this.emit(this.head);
      this.head++;
    }
  }

  private emit(bucket: number): void {
    const slot = bucket % this.capacity;
    const bin = Math.floor(bucket / this.bucketsPerBin);
    const c = this.chart;
    const write = this.sink !== null;
    let rows = '';
    const startMs = plainNumber(bucket * this.bucketUs / 1000);
    const counts = this.counts;
    for (let fn = 0; fn < this.nFn; fn++) {
      const b = (slot * this.nFn + fn) * FIELDS;
      c.requests[fn][bin] += counts[b + REQ];
      c.invocations[fn][bin] += counts[b + INV];
      c.errors[fn][bin] += counts[b + ERR];
      c.throttles[fn][bin] += counts[b + THR];
      c.coldStarts[fn][bin] += counts[b + COLD];
      if (counts[b + CONC] > c.concurrencyMax[fn][bin]) c.concurrencyMax[fn][bin] = counts[b + CONC];
      const asyncBins = c.asyncDepthMax[fn];
      if (asyncBins !== null && counts[b + ASYNC] > asyncBins[bin]) asyncBins[bin] = counts[b + ASYNC];
      if (write) {
        const name = csvCell(this.names[fn]);
        rows +=
          `${startMs},${name},${counts[b + REQ]},${counts[b + INV]},${counts[b + ERR]},${counts[b + THR]},${counts[b + COLD]},${counts[b + CONC]},` +
          `function,${name},${this.limitCells[fn]},${asyncBins !== null ? counts[b + ASYNC] : ''},,,,` +
          `${latencyCell(counts[b + P50], 'latency_p50_ms')},${latencyCell(counts[b + P99], 'latency_p99_ms')}\n`;
      }
    }
    if (this.accountMax[slot] > c.accountConcurrencyMax[bin]) c.accountConcurrencyMax[bin] = this.accountMax[slot];
    if (write) rows += `${startMs},,,,,,,${this.accountMax[slot]},account,,${this.accountLimitCell},,,,,,\n`;
    const e = slot * this.nExtra;
    for (let q = 0; q < this.nQ; q++) {
      const visible = this.extra[e + q];
      const inFlight = this.extra[e + this.nQ + q];
      if (visible > c.queueVisibleMax[q][bin]) c.queueVisibleMax[q][bin] = visible;
      if (inFlight > c.queueInFlightMax[q][bin]) c.queueInFlightMax[q][bin] = inFlight;
      if (write) rows += `${startMs},,,,,,,,queue,${csvCell(this.queueNames[q])},,,${visible},${inFlight},,,\n`;
    }
    for (let s = 0; s < this.nS; s++) {
      const age = this.extra[e + 2 * this.nQ + s];
      const ages = c.iteratorAgeMaxUs[s];
      if (age >= 0 && (ages[bin] === null || age > ages[bin]!)) ages[bin] = age;
      if (write) rows += `${startMs},,,,,,,,stream,${csvCell(this.streamNames[s])},,,,,${age >= 0 ? plainNumber(usToMs(age, 'iterator_age_max_ms')) : ''},,\n`;
    }
    if (write) this.sink!(rows);
  }

  /** Enlarge the ring to hold at least `needed` buckets, keeping open buckets at their indices. */
  private grow(needed: number): void {
    let capacity = this.capacity;
    while (capacity < needed) capacity *= 2;
    const counts = new Float64Array(capacity * FIELDS * this.nFn);
    const extra = new Float64Array(capacity * this.nExtra);
    const outstanding = new Float64Array(capacity);
    const accountMax = new Float64Array(capacity);
    const per = this.nFn * FIELDS;
    const perExtra = this.nExtra;
    for (let bucket = this.head; bucket <= this.cur; bucket++) {
      const from = bucket % this.capacity;
      const to = bucket % capacity;
      counts.set(this.counts.subarray(from * per, (from + 1) * per), to * per);
      extra.set(this.extra.subarray(from * perExtra, (from + 1) * perExtra), to * perExtra);
      outstanding[to] = this.outstanding[from];
      accountMax[to] = this.accountMax[from];
    }
    this.capacity = capacity;
    this.counts = counts;
    this.extra = extra;
    this.outstanding = outstanding;
    this.accountMax = accountMax;
  }
}
