/**
 * The arrival processes a workload can use, in model units: times in integer microseconds, rates
 * per second. The scenario loader produces these (trace files already read into numbers), so the
 * workload layer never touches files.
 */

/** A linear change of a Poisson rate, from the workload's start. */
export interface RampSpec {
  /** Rate reached at the end of the ramp and kept afterwards (per second, >= 0). */
  to: number;
  /** Length of the ramp (us, > 0). */
  over: number;
}

/**
 * A sinusoidal daily (or other period) modulation of a Poisson rate:
 * factor(t) = 1 + amplitude * cos(2 pi (t - peakAt) / period), with t the simulated time since
 * the scenario start (time 0 is 00:00). Its mean over a period is 1, so `rate` stays the mean rate.
 */
export interface DiurnalSpec {
  /** 0..1: the rate swings between (1 - amplitude) and (1 + amplitude) times the base rate. */
  amplitude: number;
  /** us, > 0 (24 h for a daily cycle). */
  period: number;
  /** Time of the peak inside the period (us, from the scenario start). */
  peakAt: number;
}

/** Per-minute invocation counts (the Azure Functions trace layout), one selected row. */
export interface PerMinuteTrace {
  process: 'trace';
  format: 'per-minute-counts';
  /** Invocations in each minute; index 0 is trace time 0. Whole numbers >= 0. */
  counts: readonly number[] | Int32Array | Float64Array;
  /** Multiplies the counts (cumulative rounding keeps every prefix total within 0.5 of scale x total). */
  scale: number;
  /** Trace time played at the workload's start (us, >= 0): the part of the trace before it is skipped. */
  offset: number;
}

/** Arrival times read from a file. */
export interface TimestampTrace {
  process: 'trace';
  format: 'timestamps';
  /** Arrival times (us from trace time 0), sorted ascending. */
  times: readonly number[] | Float64Array;
  /** Multiplies the count of arrivals (each time is repeated or skipped by cumulative rounding). */
  scale: number;
  /** Trace time played at the workload's start (us, >= 0). */
  offset: number;
}

/** How a workload's requests arrive. */
export type ArrivalSpec =
  /** Evenly spaced, `rate` per second, the first at the workload's start. */
  | { process: 'constant'; rate: number }
  /** Poisson with mean `rate` per second, optionally modulated (a non-homogeneous Poisson process). */
  | { process: 'poisson'; rate: number; ramp?: RampSpec; diurnal?: DiurnalSpec }
  /** Exactly `count` arrivals spread uniformly at random over [at, at + over). */
  | { process: 'burst'; at: number; count: number; over: number }
  /**
   * An EventBridge schedule, `rate(...)` or `cron(...)` (UTC), one arrival per firing.
   * `startTime` is the UTC instant of simulated time 0, in ms since 1970-01-01T00:00:00Z.
   */
  | { process: 'schedule'; expression: string; startTime: number }
  | PerMinuteTrace
  | TimestampTrace;
