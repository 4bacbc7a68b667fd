/**
 * timeseries.csv, streamed: an {@link InvocationObserver} that counts requests, invocations,
 * errors, throttles and cold starts per bucket of simulated time (`reports.timeseries`) and per
 * function, tracks the peak concurrency of each bucket, and hands each finished row to a sink as
 * soon as the bucket can no longer change. It also keeps a downsampled copy (at most
 * `chartPoints` points per series) for the charts of report.html.
 *
 * Which bucket counts what (CloudWatch's rule: a metric's timestamp is the invocation time):
 * - `requests`, `throttles`, `cold_starts`: the bucket of the request.
 * - `invocations`, `errors`: the bucket in which the invocation STARTED (its end minus its INIT and
 *   duration), counted when it ends; an invocation still
 *   running at the end of simulated time is in flight, not an invocation, exactly as in the summary.
 * - `concurrency_max`: the largest number of busy environments (INIT or invoking) of the function
 *   at any instant of the bucket, the value carried in at the bucket's start included (the same
 *   rule as `concurrency.max` of the summary, so the maximum over buckets equals it).
 *
 * Memory: a bucket is written once simulated time has passed it and every invocation that started
 * in it has ended, so the observer holds the buckets of the last (timeout + INIT) of simulated time
 * at most, never the whole run. Invocations still in flight at the end are flushed by `finish`.
 * Columns for queue depth and iterator age will come with queues and streams (not modelled yet).
 */
import type { InvocationEnd, InvocationObserver } from '../model/observer.js';
import { plainNumber } from './format-number.js';

/** The header of timeseries.csv (one row per bucket and function, buckets in time order). */
export const TIMESERIES_CSV_HEADER = 'bucket_start_ms,function,requests,invocations,errors,throttles,cold_starts,concurrency_max';

/** Default bound on the points of each chart series (the CSV keeps every bucket). */
export const DEFAULT_CHART_POINTS = 480;

/** Counters of the per-bucket fields, in the order of the internal arrays. */
const REQ = 0;
const INV = 1;
const ERR = 2;
const THR = 3;
const COLD = 4;
const CONC = 5;
const FIELDS = 6;

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
}

/** A CSV cell for a function name: quoted only when it needs to be (names are [A-Za-z0-9_-] today). */
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

  /** Ring of open buckets: `FIELDS * nFn` counters per slot. */
  private capacity = 64;
  private counts: Float64Array;
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
  private finished = false;

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
    this.counts = new Float64Array(this.capacity * FIELDS * this.nFn);
    this.outstanding = new Float64Array(this.capacity);
    this.accountMax = new Float64Array(this.capacity);
    this.busy = new Float64Array(this.nFn);

    const maxPoints = Math.max(1, Math.floor(options.chartPoints ?? DEFAULT_CHART_POINTS));
    this.bucketsPerBin = Math.ceil(this.nBuckets / maxPoints);
    const bins = Math.ceil(this.nBuckets / this.bucketsPerBin);
    const perFn = (): number[][] => this.names.map(() => new Array<number>(bins).fill(0));
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
      accountConcurrencyMax: new Array<number>(bins).fill(0),
    };
    if (this.sink !== null) this.sink(`${TIMESERIES_CSV_HEADER}\n`);
  }

  /** Number of buckets (rows per function) of the whole run. */
  get bucketCount(): number {
    return this.nBuckets;
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
    this.flush(this.cur);
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.advance(this.durationUs);
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
   * Open every bucket up to the one holding `now`, carrying the current concurrency into each.
   * Each bucket left behind is complete in time, so it is written as soon as its invocations have
   * ended: a long quiet stretch never piles up empty buckets in memory.
   */
  private advance(now: number): void {
    const target = this.bucketOf(now);
    while (this.cur < target) {
      this.flush(this.cur + 1);
      const bucket = this.cur + 1;
      if (bucket - this.head + 1 > this.capacity) this.grow(bucket - this.head + 1);
      const slot = bucket % this.capacity;
      this.counts.fill(0, slot * this.nFn * FIELDS, (slot + 1) * this.nFn * FIELDS);
      for (let fn = 0; fn < this.nFn; fn++) this.counts[(slot * this.nFn + fn) * FIELDS + CONC] = this.busy[fn];
      this.outstanding[slot] = 0;
      this.accountMax[slot] = this.busyTotal;
      this.cur = bucket;
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
    let rows = '';
    const startMs = plainNumber(bucket * this.bucketUs / 1000);
    for (let fn = 0; fn < this.nFn; fn++) {
      const b = (slot * this.nFn + fn) * FIELDS;
      const counts = this.counts;
      c.requests[fn][bin] += counts[b + REQ];
      c.invocations[fn][bin] += counts[b + INV];
      c.errors[fn][bin] += counts[b + ERR];
      c.throttles[fn][bin] += counts[b + THR];
      c.coldStarts[fn][bin] += counts[b + COLD];
      if (counts[b + CONC] > c.concurrencyMax[fn][bin]) c.concurrencyMax[fn][bin] = counts[b + CONC];
      if (this.sink !== null) {
        rows += `${startMs},${csvCell(this.names[fn])},${counts[b + REQ]},${counts[b + INV]},${counts[b + ERR]},${counts[b + THR]},${counts[b + COLD]},${counts[b + CONC]}\n`;
      }
    }
    if (this.accountMax[slot] > c.accountConcurrencyMax[bin]) c.accountConcurrencyMax[bin] = this.accountMax[slot];
    if (this.sink !== null) this.sink(rows);
  }

  /** Enlarge the ring to hold at least `needed` buckets, keeping open buckets at their indices. */
  private grow(needed: number): void {
    let capacity = this.capacity;
    while (capacity < needed) capacity *= 2;
    const counts = new Float64Array(capacity * FIELDS * this.nFn);
    const outstanding = new Float64Array(capacity);
    const accountMax = new Float64Array(capacity);
    const per = this.nFn * FIELDS;
    for (let bucket = this.head; bucket <= this.cur; bucket++) {
      const from = bucket % this.capacity;
      const to = bucket % capacity;
      counts.set(this.counts.subarray(from * per, (from + 1) * per), to * per);
      outstanding[to] = this.outstanding[from];
      accountMax[to] = this.accountMax[from];
    }
    this.capacity = capacity;
    this.counts = counts;
    this.outstanding = outstanding;
    this.accountMax = accountMax;
  }
}
