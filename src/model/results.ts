/**
 * What a simulation produces: plain data that report writers turn into files.
 * Times inside histograms are microseconds; report writers convert to ms.
 */
import type { Histogram } from '../metrics/histogram.js';
import type { Bill, CostBreakdown } from '../billing/types.js';
import type { Architecture } from '../billing/types.js';

/** Why a request was throttled (counts per reason; ThrottleReason names in comments). */
export interface ThrottleCounts {
  /** ConcurrentInvocationLimitExceeded: account limit (or unreserved pool). */
  account: number;
  /** ReservedFunctionConcurrentInvocationLimitExceeded. */
  reserved: number;
  /** New environments beyond the scaling rate. */
  scaling: number;
  /** FunctionInvocationRateLimitExceeded: request-rate quota (10 x concurrency per second). */
  rate: number;
}

export interface FunctionResults {
  name: string;
  runtime: string;
  architecture: Architecture;
  memorySize: number;
  ephemeralStorage: number;
  /** Every attempt to invoke, throttled ones included. */
  requests: number;
  /** Attempts that ran the function and finished: successes + errors (timeouts included). */
  invocations: number;
  successes: number;
  /** Function errors, timeouts included. */
  errors: number;
  timeouts: number;
  throttles: number;
  throttleReasons: ThrottleCounts;
  coldStarts: number;
  retries: number;
  deadLettered: number;
  dropped: number;
  /** Requests still running (INIT or invoke) when simulated time ended. */
  inFlightAtEnd: number;
  concurrencyMax: number;
  /** Time-averaged busy environments (INIT or invoking). */
  concurrencyMean: number;
  environmentsCreated: number;
  environmentsReclaimed: number;
  environmentsMaxAlive: number;
  environmentsMeanAlive: number;
  /** Execution time of invocations (us). */
  duration: Histogram;
  /** INIT phases (us). */
  initDuration: Histogram;
  /** What the caller sees, first attempt to final answer (us). */
  latency: Histogram;
  /** Sum of billed duration in ms (INIT included where billed). */
  billedDurationMs: number;
  gbSeconds: number;
  cost: CostBreakdown;
}

export interface Results {
  name: string;
  seed: number;
  simulatedUs: number;
  functions: FunctionResults[];
  bill: Bill;
  /** Events the kernel handled (for benchmarks and progress). */
  eventsProcessed: number;
  notes: string[];
}
