/**
 * timeseries.csv, streamed: an {@link InvocationObserver} that counts requests, invocations,
 * errors, throttles and cold starts per bucket of simulated time (`reports.timeseries`) and per
 * function by reading the model's own counters at each bucket boundary (`readCounters`), so no
 * request or invocation costs it a call: requests, throttles, cold starts, concurrency and latency
 * from FunctionStats, invocations and errors from the ring in which the model counts each ended
 * invocation by the bucket it started in (EndsByStart). It tracks the peak concurrency of each bucket (per function and for the account), the
 * backlogs (async event queues, SQS queues) and the stream iterator ages, and hands each finished
 * bucket to a sink as soon as it can no longer change. It also keeps a downsampled copy (at most
 * `chartPoints` points per series) for the charts of report.html. Event sources report through
 * one probe each (`source()`), and each kind's columns, row kind and chart come from its report
 * (source-report.ts), so a new kind adds rows and columns without an edit here.
 *
 * Rows: per bucket, in this order, each identified by `kind` (and `name`):
 * - `function` (one per function, scenario order): the counts, `concurrency_max`, `limit` = the
 *   reserved concurrency (empty without), `async_queue_depth_max` (functions with async workloads),
 *   `latency_p50_ms` and `latency_p99_ms` (empty in a bucket in which no call got its answer).
 * - `account` (one): `concurrency_max` of all functions together, `limit` = the account limit.
 * - per kind of event source, in table order (source-reports.ts), one row per source (scenario
 *   order), its own columns filled: `queue`: `messages_visible_max`, `messages_in_flight_max`;
 *   `stream`: `iterator_age_max_ms` (empty in a bucket in which no batch was handed to the
 *   function: IteratorAge has no data point then, as in CloudWatch). Each kind's columns follow
 *   the built-in ones, in table order.
 * Cells that do not apply to a row's kind are empty, so the per-function sums stay the summary's.
 *
 * Which bucket counts what (CloudWatch's rule: a metric's timestamp is the invocation time):
 * - `requests`, `throttles`, `cold_starts`: the bucket of the request.
 * - `invocations`, `errors`: the bucket in which the invocation STARTED (its end minus its INIT and
 *   duration; not its requestAt, the FIRST attempt of a call a client may have retried), counted
 *   by the model when it ends; an invocation still
 *   running at the end of simulated time is in flight, not an invocation, exactly as in the summary.
 * - `latency_p50_ms`, `latency_p99_ms`: the bucket in which the call got its answer (the invocation
 *   ENDED), the same latency as the summary's (from the request to the answer): the difference of
 *   the function's latency histogram between the bucket's ends, in a histogram per function that is
 *   reset each bucket, so memory does not grow with invocations.
 * - every `*_max` level (concurrency, queue depths): the largest value at any instant of the
 *   bucket, the value carried in at the bucket's start included (the same rule as the summary's
 *   maxima, so the maximum over buckets equals them). A sample column (`iterator_age_max_ms`)
 *   is the largest reading in the bucket (one per batch, not a level: nothing is carried in).
 *
 * Memory: a bucket is written once simulated time has passed it and every invocation that started
 * in it has ended, so the observer holds the buckets of the last (service overhead + INIT + timeout) of simulated time
 * at most, never the whole run. Invocations still in flight at the end are flushed by `finish`.
 */
import type { EndsByStart } from '../metrics/ends-by-start.js';
import { Histogram } from '../metrics/histogram.js';
import type { ProvisionedStep, SimulationInput } from '../model/input.js';
import type { WindowLevel } from '../metrics/time-weighted.js';
import type { FunctionCounters, InvocationObserver, SourceProbe } from '../model/observer.js';
import { plainNumber, usToMs } from './format-number.js';
import type { SourceReport } from './source-report.js';
import { SOURCE_REPORTS, hasSeriesColumns, sourceNames } from './source-reports.js';

/**
 * The header of timeseries.csv for the given kinds of source: the built-in columns, then each kind's,
 * then the per-bucket latency quantiles of functions (added last, so earlier readers keep working).
 */
export function timeseriesHeader(sources: readonly SourceReport[]): string {
  const own = sources.flatMap((s) => s.columns.map((c) => `,${c.header}`)).join('');
  return (
    'bucket_start_ms,function,requests,invocations,errors,throttles,cold_starts,concurrency_max,kind,name,limit,async_queue_depth_max' +
    own +
    ',latency_p50_ms,latency_p99_ms'
  );
}

/** The header of timeseries.csv (rows per bucket: functions, account, queues, streams; buckets in time order). */
export const TIMESERIES_CSV_HEADER = timeseriesHeader(SOURCE_REPORTS.filter((r) => hasSeriesColumns(r, [])));

/**
 * Most rows timeseries.csv may have (about 60 MB): a longer run, or a narrower `reports.timeseries`,
 * gets wider buckets (docs/limits.md). Every example scenario stays far below it (the largest,
 * nightly-report-cold-starts, a day at 1 s with two functions, has 172,801 rows).
 */
export const MAX_TIMESERIES_ROWS = 1_000_000;

/** Bucket widths (us) a widened bucket may take: 1-2-5 steps below a second, clock steps above, then whole days. */
const NICE_WIDTHS_US = [
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5],
  ...[1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1e6),
];

/**
 * The bucket width (us) of a run: the requested one when the file stays within `maxRows`, else the
 * smallest of the nice widths (then whole days) that keeps it there, so a 1,000-day run or a 1 us
 * bucket cannot write gigabytes. `rowsPerBucket` is functions + 1 (account) + event sources.
 */
export function timeseriesBucketUs(requestedUs: number, durationUs: number, rowsPerBucket: number, maxRows = MAX_TIMESERIES_ROWS): number {
  const maxBuckets = Math.max(1, Math.floor(maxRows / Math.max(1, rowsPerBucket)));
  if (Math.ceil(durationUs / requestedUs) <= maxBuckets) return requestedUs;
  const needed = durationUs / maxBuckets;
  const nice = NICE_WIDTHS_US.find((w) => w >= needed && w > requestedUs);
  if (nice !== undefined) return nice;
  const day = NICE_WIDTHS_US[NICE_WIDTHS_US.length - 1];
  return Math.ceil(needed / day) * day;
}

/** Default bound on the points of each chart series (the CSV keeps every bucket). */
export const DEFAULT_CHART_POINTS = 480;

/**
 * Counters of the per-bucket fields of a function, in the order of the internal arrays (its
 * invocations and errors are the model's, in its EndsByStart ring).
 */
const REQ = 0;
const THR = 1;
const COLD = 2;
const CONC = 3;
const ASYNC = 4;
/** Latency quantiles (us) of the calls answered in the bucket; -1 for none. */
const P50 = 5;
const P99 = 6;
const FIELDS = 7;

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
  /**
   * Keep the downsampled chart data (default true). Without report.html nothing reads it, and a run
   * without it saves a histogram merge and two quantile scans per chart bin and function.
   */
  charts?: boolean;
  /** Per function: its reserved concurrency (the `limit` of its rows), undefined for none. */
  reserved?: readonly (number | undefined)[];
  /** Per function: whether it receives async events (its rows then fill `async_queue_depth_max`). */
  asyncFunctions?: readonly boolean[];
  /** The account concurrency limit (the `limit` of the account rows); empty cells when undefined. */
  accountLimit?: number;
  /** Per function: its provisioned concurrency schedule, undefined for none (charts only). */
  provisioned?: readonly (readonly ProvisionedStep[] | undefined)[];
  /**
   * Per kind of event source (its report, table order), its source names in scenario order (= the
   * index of `source()`). Default: the built-in kinds without sources.
   */
  sources?: readonly SourceRows[];
}

/** One kind of event source in the time series: its report, its sources' names and (for its chart) their settings. */
export interface SourceRows {
  report: SourceReport;
  names: readonly string[];
  /** Each source's settings from the input (its section's entry), in `names` order; absent: none. */
  settings?: readonly unknown[];
}

/**
 * The options a scenario implies (everything but the sink, bucket width and chart points).
 * @param sources  the reports of the kinds of event source (a test may add its own)
 */
export function timeSeriesShape(
  input: SimulationInput,
  sources: readonly SourceReport[] = SOURCE_REPORTS,
): Pick<TimeSeriesOptions, 'functions' | 'durationUs' | 'reserved' | 'asyncFunctions' | 'accountLimit' | 'provisioned' | 'sources'> {
  const functions = Object.keys(input.functions);
  const asyncNames = new Set(input.workloads.filter((w) => w.invocation === 'async').map((w) => w.function));
  // Functions subscribed to an SNS topic are invoked asynchronously too.
  for (const topic of Object.values(input.topics ?? {})) for (const name of topic.functions) asyncNames.add(name);
  // So are functions an S3 bucket notifies.
  for (const bucket of Object.values(input.buckets ?? {})) for (const t of bucket.notifications) if (t.kind === 'function') asyncNames.add(t.name);
  // And functions an EventBridge rule targets.
  for (const bus of Object.values(input.buses ?? {})) for (const rule of Object.values(bus.rules)) for (const t of rule.targets) if (t.kind === 'function') asyncNames.add(t.name);
  return {
    functions,
    durationUs: input.duration,
    reserved: functions.map((name) => input.functions[name].reservedConcurrency),
    asyncFunctions: functions.map((name) => asyncNames.has(name)),
    accountLimit: input.account.concurrencyLimit,
    provisioned: functions.map((name) => input.functions[name].provisionedConcurrency),
    sources: sources
      .map((report) => {
        const names = sourceNames(input, report.section);
        const section = (input as unknown as Record<string, Record<string, unknown> | undefined>)[report.section];
        return { report, names, settings: names.map((n) => section?.[n]) };
      })
      .filter((k) => hasSeriesColumns(k.report, k.names)),
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
  /** Per kind of event source (table order): per column, per source, per bin the largest bucket value (null: a sample column without a reading). */
  sources: { report: SourceReport; names: string[]; settings: readonly unknown[]; bins: (number | null)[][][] }[];
}

/** A latency cell (ms) from a quantile in us; empty for -1 (no call answered in the bucket). */
function latencyCell(us: number, field: string): string {
  return us < 0 ? '' : msText(us, field);
}

/**
 * `plainNumber(usToMs(us, field))`, the same text, without their rare paths in the row writer's
 * optimized code (V8 compiles each bucket's rows, and those paths were most of that compile):
 * whole us over 1000 is 0 or at least 0.001, and String() prints no exponent for 0 and from 1e-6
 * to below 1e21, where plainNumber is String(). Anything else (never in a run) goes the long way.
 */
function msText(us: number, field: string): string {
  const ms = Math.round(us) / 1000;
  return (ms >= 0.001 || ms === 0) && ms < 1e21 ? `${ms}` : plainNumber(usToMs(us, field));
}

/** A CSV cell for a name: quoted only when it needs to be (names are [A-Za-z0-9_-] today). */
function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export class TimeSeriesObserver implements InvocationObserver {
  private readonly nFn: number;
  private readonly names: string[];
  /**
   * Bucket width and run length (us): doubles from the start (-0), so that V8 compiles the bucket
   * times computed from them (`bucket * bucketUs`) as doubles, not as 32-bit integers that
   * overflow, and deoptimize the bucket code, at 35.8 simulated minutes.
   */
  private readonly bucketUs: number = -0;
  private readonly durationUs: number = -0;
  private readonly nBuckets: number;
  private readonly sink: ((text: string) => void) | null;
  private readonly limitCells: string[];
  /** The CSV cells of the functions' names and, per kind, of its sources' names (made once, written every bucket). */
  private readonly nameCells: string[];
  private readonly sourceNameCells: string[][];
  private readonly isAsync: boolean[];
  private readonly accountLimitCell: string;
  /** The kinds of event source with their names; where each kind's fields start in a slot of `extra`. */
  private readonly sources: (SourceRows & { settings: readonly unknown[] })[];
  private readonly sourceAt: number[];
  /** Per slot, the event source fields: per kind, per source, per column. */
  private readonly nExtra: number;
  /** Per source field: 1 for a level column (carried into the next bucket), 0 for a sample column. */
  private readonly isLevel: Uint8Array;
  /** Per kind: the empty cells before and after its own columns in its rows. */
  private readonly leadCells: string[];
  private readonly trailCells: string[];
  /** The empty source cells that end a function or account row. */
  private readonly noSourceCells: string;

  /** Ring of open buckets: `FIELDS * nFn` counters per slot; a power of two, so a slot is `bucket & mask`. */
  private capacity = 64;
  private mask = 63;
  private counts: Float64Array;
  /** Per slot: `nExtra` event source fields (-1 in a sample field: no reading yet). */
  private extra: Float64Array;
  /** Per slot: invocations started in the bucket (all functions); the bucket is complete once as many have ended. */
  private started: Float64Array;
  /**
   * Per function, its ended invocations by the bucket they started in (the model counts them; this
   * observer opens the buckets and sizes the rings to its own capacity, so slots match). Taken at
   * the first read; empty before.
   */
  private ends: EndsByStart[] = [];
  /** Per slot: peak busy environments of all functions. */
  private accountMax: Float64Array;
  /** Oldest bucket not yet written. */
  private head = 0;
  /** Newest bucket opened (-1 before the first). */
  private cur = -1;
  /** The next bucket's start (Infinity after the last bucket) and the newest bucket's first counter. */
  private nextStartUs = -Infinity;
  private curBase = 0;
  /** Busy environments at the last read, per function and in total (what the next bucket starts with). */
  private readonly busy: Float64Array;
  private busyTotal = 0;
  /**
   * Per function, the counters as of the last read (the next read adds the difference to the
   * current bucket): requests, throttles, cold starts, invocations started, and a copy of its
   * latency histogram's counts.
   */
  private readonly seenRequests: Float64Array;
  private readonly seenThrottles: Float64Array;
  private readonly seenColdStarts: Float64Array;
  private readonly seenStarted: Float64Array;
  private readonly seenLatency: Histogram[];
  /** Levels now: async depth per function; per source field its level (-1 in sample fields, what a bucket starts with). */
  private readonly asyncNow: Float64Array;
  private readonly levelNow: Float64Array;
  private finished = false;
  /** Per function: latencies (us) of the calls answered in the current bucket, and in the current chart bin (none without charts). */
  private readonly bucketLatency: Histogram[];
  private readonly binLatency: Histogram[];
  /** Whether some function's `bucketLatency` holds latencies of the current bucket (read more than once), for closeLatency. */
  private latencyHeld = false;
  /** Scratch for the two quantiles of a bucket. */
  private readonly quantiles = new Float64Array(2);

  /** Null without charts (`charts: false`). */
  private readonly chart: ChartSeries | null;
  private readonly bucketsPerBin: number;
  /** The simulation calls `readCounters` at every bucket boundary. */
  readonly readEveryUs: number;

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
    this.nameCells = this.names.map(csvCell);
    this.limitCells = this.names.map((_, fn) => {
      const r = options.reserved?.[fn];
      return r === undefined ? '' : plainNumber(r);
    });
    this.isAsync = this.names.map((_, fn) => options.asyncFunctions?.[fn] === true);
    this.accountLimitCell = options.accountLimit === undefined ? '' : plainNumber(options.accountLimit);
    this.sources = (options.sources ?? SOURCE_REPORTS.filter((r) => hasSeriesColumns(r, [])).map((report): SourceRows => ({ report, names: [] }))).map((k) => ({ report: k.report, names: [...k.names], settings: k.settings ?? [] }));
    this.sourceNameCells = this.sources.map((k) => k.names.map(csvCell));
    this.sourceAt = [];
    const fields: boolean[] = [];
    for (const { report, names } of this.sources) {
      this.sourceAt.push(fields.length);
      for (let s = 0; s < names.length; s++) for (const c of report.columns) fields.push(c.aggregate === 'level');
    }
    this.nExtra = fields.length;
    this.isLevel = Uint8Array.from(fields, (level) => (level ? 1 : 0));
    this.levelNow = Float64Array.from(fields, (level) => (level ? 0 : -1));
    const widths = this.sources.map((k) => k.report.columns.length);
    const total = widths.reduce((a, b) => a + b, 0);
    let before = 0;
    this.leadCells = [];
    this.trailCells = [];
    for (const w of widths) {
      this.leadCells.push(','.repeat(before));
      this.trailCells.push(','.repeat(total - before - w));
      before += w;
    }
    this.noSourceCells = ','.repeat(total);
    this.counts = new Float64Array(this.capacity * FIELDS * this.nFn);
    this.extra = new Float64Array(this.capacity * this.nExtra);
    this.started = new Float64Array(this.capacity);
    this.accountMax = new Float64Array(this.capacity);
    this.busy = new Float64Array(this.nFn);
    this.seenRequests = new Float64Array(this.nFn);
    this.seenThrottles = new Float64Array(this.nFn);
    this.seenColdStarts = new Float64Array(this.nFn);
    this.seenStarted = new Float64Array(this.nFn);
    this.seenLatency = this.names.map(() => new Histogram());
    this.asyncNow = new Float64Array(this.nFn);
    this.bucketLatency = this.names.map(() => new Histogram());
    const charts = options.charts ?? true;
    const maxPoints = Math.max(1, Math.floor(options.chartPoints ?? DEFAULT_CHART_POINTS));
    this.bucketsPerBin = Math.ceil(this.nBuckets / maxPoints);
    // A bin of one bucket has the bucket's quantiles (emit copies them): no bin histogram to fill.
    this.binLatency = charts && this.bucketsPerBin > 1 ? this.names.map(() => new Histogram()) : [];
    const bins = Math.ceil(this.nBuckets / this.bucketsPerBin);
    const zeros = (): number[] => new Array<number>(bins).fill(0);
    const perFn = (): number[][] => this.names.map(zeros);
    const binUs = this.bucketsPerBin * this.bucketUs;
    this.chart = !charts ? null : {
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
      sources: this.sources.map(({ report, names, settings }) => ({
        report,
        names: [...names],
        settings,
        bins: report.columns.map((c) => names.map(() => new Array<number | null>(bins).fill(c.aggregate === 'level' ? 0 : null))),
      })),
    };
    if (this.sink !== null) this.sink(`${timeseriesHeader(this.sources.map((k) => k.report))}\n`);
    this.readEveryUs = this.bucketUs;
    // The first bucket is open before anything happens: reads and hooks add to the current bucket.
    this.advance(0);
  }

  /** Number of buckets of the whole run. */
  get bucketCount(): number {
    return this.nBuckets;
  }

  /** Rows per bucket: functions, the account, and every event source. */
  get rowsPerBucket(): number {
    return this.sources.reduce((rows, k) => rows + k.names.length, this.nFn + 1);
  }

  /** Buckets held in memory now (for tests of the memory bound). */
  get openBuckets(): number {
    return this.cur - this.head + 1;
  }

  /** The chart data; complete after `finish`. */
  chartSeries(): ChartSeries {
    if (this.chart === null) throw new Error('timeseries: this observer keeps no chart data (charts: false)');
    return this.chart;
  }

  /**
   * Every event before `now` has run: add what the functions counted since the last read to the
   * current bucket, then open the bucket of `now` when it is a boundary. The counts are the
   * model's own (FunctionStats), so a request costs this report nothing: a bucket's requests,
   * throttles and cold starts are the differences of the counters at its ends, its concurrency
   * peaks the window peaks of the busy counts, its latency the difference of the latency histograms.
   */
  readCounters(now: number, functions: readonly FunctionCounters[], busyTotal: WindowLevel, restart: boolean): void {
    if (this.ends.length < this.nFn) this.takeEnds(functions);
    // The model's counts of ended invocations into their rings, for everything below to read.
    for (let fn = 0; fn < this.ends.length; fn++) this.ends[fn].sync();
    const closing = now >= this.nextStartUs;
    const counts = this.counts;
    const slot = this.cur & this.mask;
    for (let fn = 0; fn < this.nFn; fn++) {
      const f = functions[fn];
      const stats = f.stats;
      const b = this.curBase + fn * FIELDS;
      const requests = stats.requests;
      const throttles = stats.throttles;
      const coldStarts = stats.coldStarts;
      const started = f.invocationsStarted;
      counts[b + REQ] += requests - this.seenRequests[fn];
      counts[b + THR] += throttles - this.seenThrottles[fn];
      counts[b + COLD] += coldStarts - this.seenColdStarts[fn];
      // The model counts invocations as they end, in the bucket they started in (EndsByStart);
      // until every one has ended they hold the bucket in memory.
      this.started[slot] += started - this.seenStarted[fn];
      this.seenStarted[fn] = started;
      const peak = stats.busy.windowPeak;
      if (peak > counts[b + CONC]) counts[b + CONC] = peak;
      this.busy[fn] = stats.busy.value;
      if (closing && this.bucketLatency[fn].count === 0) {
        // The bucket's one read (the usual case): its quantiles in the same pass that takes its
        // latencies, which go straight into the chart bin's histogram (if charts are kept).
        const into = this.binLatency.length === 0 ? null : this.binLatency[fn];
        const answered = stats.latency.drainWindowQuantiles(into, this.seenLatency[fn], 0.5, 0.99, this.quantiles);
        if (answered > 0) {
          counts[b + P50] = this.quantiles[0];
          counts[b + P99] = this.quantiles[1];
        }
      } else {
        // A bucket read more than once (the warm-up ends inside it, the run's end): collected here, closed by closeLatency.
        stats.latency.drainWindow(this.bucketLatency[fn], this.seenLatency[fn]);
        this.latencyHeld = true;
      }
      if (restart) {
        // The warm-up ends: the counters start again from zero after this read.
        this.seenRequests[fn] = this.seenThrottles[fn] = this.seenColdStarts[fn] = 0;
        this.seenLatency[fn].reset();
      } else {
        this.seenRequests[fn] = requests;
        this.seenThrottles[fn] = throttles;
        this.seenColdStarts[fn] = coldStarts;
      }
    }
    if (busyTotal.windowPeak > this.accountMax[slot]) this.accountMax[slot] = busyTotal.windowPeak;
    this.busyTotal = busyTotal.value;
    if (closing) {
      this.advance(now);
      for (let fn = 0; fn < this.nFn; fn++) functions[fn].stats.busy.openWindow();
      busyTotal.openWindow();
    } else if (this.head < this.cur) {
      // Write the older buckets whose last invocation ended since the last read.
      this.flush(this.cur);
    }
  }

  /** The first read: each function's ring of ended invocations by start bucket, sized as this observer's ring. */
  private takeEnds(functions: readonly FunctionCounters[]): void {
    this.ends = functions.map((f, fn) => {
      const ends = f.stats.endsByStart;
      if (ends === null || ends.bucketUs !== this.bucketUs) throw new Error(`timeseries: function ${this.names[fn]} does not count its ended invocations by ${this.bucketUs} us buckets`);
      ends.resize(this.capacity, this.head, this.cur);
      return ends;
    });
  }

  asyncDepth(fn: number, now: number, depth: number): void {
    this.asyncNow[fn] = depth;
    const b = this.curBase + fn * FIELDS + ASYNC;
    if (depth > this.counts[b]) this.counts[b] = depth;
  }

  /** The probe of source `index` of the kind reported under `section`; null for a kind or source it has no rows for. */
  source(section: string, index: number): SourceProbe | null {
    const k = this.sources.findIndex((s) => s.report.section === section);
    if (k < 0 || index >= this.sources[k].names.length) return null;
    return new SourceFields(this, this.sourceAt[k] + index * this.sources[k].report.columns.length);
  }

  /** A probe's reading: `field` is the source's column in a slot (kind, source and column). */
  recordSource(field: number, now: number, value: number): void {
    if (this.isLevel[field] === 1) this.levelNow[field] = value;
    const k = (this.cur & this.mask) * this.nExtra + field;
    if (value > this.extra[k]) this.extra[k] = value;
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (let fn = 0; fn < this.ends.length; fn++) this.ends[fn].sync();
    this.advance(this.durationUs);
    this.closeLatency(this.cur);
    this.flush(this.nBuckets);
  }

  private bucketOf(us: number): number {
    const b = Math.floor(us / this.bucketUs);
    return b < this.nBuckets ? b : this.nBuckets - 1;
  }

  /**
   * Open every bucket up to the one holding `now`, carrying the current levels (concurrency, queue
   * depths) into each. Each bucket left behind is complete in time, so it is written as soon as
   * its invocations have ended: a long quiet stretch never piles up empty buckets in memory.
   */
  private advance(now: number): void {
    const target = this.bucketOf(now);
    while (this.cur < target) {
      // Most buckets have nothing to close (their one read took the quantiles) and no chart bins:
      // not calling closeLatency then also keeps its code out of this method's compiled code.
      if (this.cur >= 0 && (this.latencyHeld || this.binLatency.length > 0)) this.closeLatency(this.cur);
      this.flush(this.cur + 1);
      const bucket = this.cur + 1;
      if (bucket - this.head + 1 > this.capacity) this.grow(bucket - this.head + 1);
      const slot = bucket & this.mask;
      this.counts.fill(0, slot * this.nFn * FIELDS, (slot + 1) * this.nFn * FIELDS);
      for (let fn = 0; fn < this.nFn; fn++) {
        const b = (slot * this.nFn + fn) * FIELDS;
        this.counts[b + CONC] = this.busy[fn];
        this.counts[b + ASYNC] = this.asyncNow[fn];
        this.counts[b + P50] = this.counts[b + P99] = -1;
      }
      if (this.nExtra > 0) this.extra.set(this.levelNow, slot * this.nExtra);
      this.started[slot] = 0;
      this.accountMax[slot] = this.busyTotal;
      // Index loops here and below: V8 optimizes this code, and a for-of costs it an iterator's code each.
      for (let fn = 0; fn < this.ends.length; fn++) this.ends[fn].open(bucket);
      this.cur = bucket;
      this.nextStartUs = bucket + 1 < this.nBuckets ? (bucket + 1) * this.bucketUs : Infinity;
      this.curBase = slot * this.nFn * FIELDS;
    }
  }

  /**
   * Time has left `bucket`: the latencies collected over several reads (most buckets have one, and
   * readCounters took its quantiles already) give its quantiles and go into the chart bin's
   * histogram, whose quantiles are taken when the bin's last bucket closes.
   */
  private closeLatency(bucket: number): void {
    this.latencyHeld = false;
    const slot = bucket & this.mask;
    const binEnds = (bucket + 1) % this.bucketsPerBin === 0 || bucket === this.nBuckets - 1;
    const bin = Math.floor(bucket / this.bucketsPerBin);
    const binned = this.binLatency.length > 0;
    for (let fn = 0; fn < this.nFn; fn++) {
      const b = (slot * this.nFn + fn) * FIELDS;
      const h = this.bucketLatency[fn];
      if (h.count > 0) {
        this.counts[b + P50] = h.quantile(0.5);
        this.counts[b + P99] = h.quantile(0.99);
        if (binned) this.binLatency[fn].merge(h);
        h.reset();
      }
      if (binned && binEnds && this.binLatency[fn].count > 0) {
        const binH = this.binLatency[fn];
        this.chart!.latencyP50Us[fn][bin] = binH.quantile(0.5);
        this.chart!.latencyP99Us[fn][bin] = binH.quantile(0.99);
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
    const head = this.head;
    while (this.head < limit && this.head <= this.cur && (all || this.allEnded(this.head & this.mask))) {
      this.emit(this.head);
      this.head++;
    }
    if (this.head !== head) for (let fn = 0; fn < this.ends.length; fn++) this.ends[fn].release(this.head);
  }

  /** Whether every invocation started (accepted, see EndsByStart.settled) in the bucket of `slot` has ended. */
  private allEnded(slot: number): boolean {
    let ended = 0;
    for (let fn = 0; fn < this.ends.length; fn++) ended += this.ends[fn].settled[slot];
    return ended === this.started[slot];
  }

  /** A bucket is done: it goes into its chart bin (if charts are kept) and its rows to the sink (if any). */
  private emit(bucket: number): void {
    const slot = bucket & this.mask;
    if (this.chart !== null) this.chartBucket(this.chart, bucket, slot);
    if (this.sink !== null) this.sink(this.rows(bucket, slot));
  }

  /** Adds a bucket to its chart bin: sums of the counts, maxima of the levels. */
  private chartBucket(c: ChartSeries, bucket: number, slot: number): void {
    const bin = Math.floor(bucket / this.bucketsPerBin);
    const counts = this.counts;
    for (let fn = 0; fn < this.nFn; fn++) {
      const b = (slot * this.nFn + fn) * FIELDS;
      const ends = this.ends[fn];
      c.requests[fn][bin] += counts[b + REQ];
      c.invocations[fn][bin] += ends === undefined ? 0 : ends.ended[slot];
      c.errors[fn][bin] += ends === undefined ? 0 : ends.errors[slot];
      c.throttles[fn][bin] += counts[b + THR];
      c.coldStarts[fn][bin] += counts[b + COLD];
      if (counts[b + CONC] > c.concurrencyMax[fn][bin]) c.concurrencyMax[fn][bin] = counts[b + CONC];
      const asyncBins = c.asyncDepthMax[fn];
      if (asyncBins !== null && counts[b + ASYNC] > asyncBins[bin]) asyncBins[bin] = counts[b + ASYNC];
      // A bin of one bucket has no histogram of its own (closeLatency): its quantiles are the bucket's.
      if (this.bucketsPerBin === 1 && counts[b + P50] >= 0) {
        c.latencyP50Us[fn][bin] = counts[b + P50];
        c.latencyP99Us[fn][bin] = counts[b + P99];
      }
    }
    if (this.accountMax[slot] > c.accountConcurrencyMax[bin]) c.accountConcurrencyMax[bin] = this.accountMax[slot];
    for (let k = 0; k < this.sources.length; k++) {
      const chartBins = c.sources[k].bins;
      const columns = chartBins.length;
      let at = slot * this.nExtra + this.sourceAt[k];
      for (let s = 0; s < this.sources[k].names.length; s++) {
        for (let col = 0; col < columns; col++, at++) {
          // -1: a sample column without a reading in this bucket (levels are never negative).
          const value = this.extra[at];
          const perBin = chartBins[col][s];
          if (value >= 0 && (perBin[bin] === null || value > perBin[bin]!)) perBin[bin] = value;
        }
      }
    }
  }

  /** The CSV rows of a bucket: its functions, the account, then each kind's event sources. */
  private rows(bucket: number, slot: number): string {
    const counts = this.counts;
    const startMs = msText(bucket * this.bucketUs, 'bucket_start_ms');
    let rows = '';
    for (let fn = 0; fn < this.nFn; fn++) {
      const b = (slot * this.nFn + fn) * FIELDS;
      const ends = this.ends[fn];
      const name = this.nameCells[fn];
      rows +=
        `${startMs},${name},${counts[b + REQ]},${ends === undefined ? 0 : ends.ended[slot]},${ends === undefined ? 0 : ends.errors[slot]},` +
        `${counts[b + THR]},${counts[b + COLD]},${counts[b + CONC]},function,${name},${this.limitCells[fn]},` +
        `${this.isAsync[fn] ? counts[b + ASYNC] : ''}${this.noSourceCells},` +
        `${latencyCell(counts[b + P50], 'latency_p50_ms')},${latencyCell(counts[b + P99], 'latency_p99_ms')}\n`;
    }
    rows += `${startMs},,,,,,,${this.accountMax[slot]},account,,${this.accountLimitCell},${this.noSourceCells},,\n`;
    for (let k = 0; k < this.sources.length; k++) {
      const { report, names } = this.sources[k];
      const columns = report.columns;
      // A kind without columns (API Gateway APIs) has nothing to say per bucket.
      if (columns.length === 0) continue;
      let at = slot * this.nExtra + this.sourceAt[k];
      for (let s = 0; s < names.length; s++) {
        let cells = '';
        for (let col = 0; col < columns.length; col++, at++) {
          const value = this.extra[at];
          cells += (col > 0 ? ',' : '') + (value >= 0 ? columns[col].cell(value) : '');
        }
        rows += `${startMs},,,,,,,,${report.rowKind},${this.sourceNameCells[k][s]},,,${this.leadCells[k]}${cells}${this.trailCells[k]},,\n`;
      }
    }
    return rows;
  }

  /** Enlarge the ring to hold at least `needed` buckets, keeping open buckets at their indices. */
  private grow(needed: number): void {
    let capacity = this.capacity;
    while (capacity < needed) capacity *= 2;
    const counts = new Float64Array(capacity * FIELDS * this.nFn);
    const extra = new Float64Array(capacity * this.nExtra);
    const started = new Float64Array(capacity);
    const accountMax = new Float64Array(capacity);
    const per = this.nFn * FIELDS;
    const perExtra = this.nExtra;
    for (let bucket = this.head; bucket <= this.cur; bucket++) {
      const from = bucket & this.mask;
      const to = bucket % capacity;
      counts.set(this.counts.subarray(from * per, (from + 1) * per), to * per);
      extra.set(this.extra.subarray(from * perExtra, (from + 1) * perExtra), to * perExtra);
      started[to] = this.started[from];
      accountMax[to] = this.accountMax[from];
    }
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.curBase = (this.cur & this.mask) * this.nFn * FIELDS;
    this.counts = counts;
    this.extra = extra;
    this.started = started;
    for (const ends of this.ends) ends.resize(capacity, this.head, this.cur);
    this.accountMax = accountMax;
  }
}

/** The probe of one source: `first` is its first field in a slot, column c the c-th after it. */
class SourceFields implements SourceProbe {
  constructor(
    private readonly series: TimeSeriesObserver,
    private readonly first: number,
  ) {}

  record(now: number, column: number, value: number): void {
    this.series.recordSource(this.first + column, now, value);
  }
}
