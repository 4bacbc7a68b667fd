/**
 * What the model needs to run: the validated scenario, in model units (integer microseconds,
 * rates per second). The scenario layer's schema produces a value assignable to `SimulationInput`
 * (checked at compile time in src/scenario/schema.ts), so imports keep running downward.
 */
import type { DistSpec } from '../kernel/dist-spec.js';
import type { Architecture, PriceOverrides } from '../billing/types.js';

export type EnvironmentSelection = 'most-recent' | 'newest' | 'oldest' | 'random';
export type ScalingRule = 'per-function' | 'regional-burst';

export interface AccountInput {
  /** Regional concurrency quota (default 1000). */
  concurrencyLimit: number;
  /** Unreserved pool AWS keeps free of reservations (default 100). */
  unreservedMinimum: number;
  scaling: ScalingRule;
}

export interface BillingInput {
  /** Billing granularity in ms: 1 (since Dec 2020) or 100 (before). */
  granularityMs: 1 | 100;
  freeTier: boolean;
  /** Bill the INIT phase of on-demand environments (AWS does for all since 2025-08-01). */
  billInit: boolean;
  prices: PriceOverrides;
}

export interface FunctionInput {
  runtime: string;
  architecture: Architecture;
  /** MB, 128..10240. */
  memorySize: number;
  /** MB, 512..10240. */
  ephemeralStorage: number;
  /** us */
  timeout: number;
  /** Execution time at this memorySize (us). */
  duration: DistSpec;
  /** INIT duration (us); undefined = the runtime's default. */
  init?: DistSpec;
  /** Probability that an invocation ends in a function error. */
  errorRate: number;
  /** Idle time before an environment is reclaimed (us). */
  keepAlive: DistSpec;
  /** Environments are recycled after this lifetime (us), without cutting a running invocation. */
  maxLifetime: number;
  environmentSelection: EnvironmentSelection;
}

export type ArrivalInput =
  | { process: 'constant'; rate: number }
  | { process: 'poisson'; rate: number };

export interface WorkloadInput {
  name: string;
  /** Target function name (a key of `functions`). */
  function: string;
  invocation: 'sync';
  /** Window of arrivals, us from the start: [start, end). */
  start: number;
  end: number;
  arrivals: ArrivalInput;
}

export interface SimulationInput {
  name: string;
  seed: number;
  /** Simulated time, us. */
  duration: number;
  region: string;
  account: AccountInput;
  billing: BillingInput;
  /** Insertion order is report order. */
  functions: Record<string, FunctionInput>;
  workloads: WorkloadInput[];
}
