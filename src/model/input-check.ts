/**
 * The model takes a fully defaulted input: every default is decided once, in the scenario layer
 * (src/scenario/defaults.ts and the schema). A program that builds a `SimulationInput` by hand and
 * leaves a required field out gets an error naming every missing field, instead of a model that
 * quietly picks a second default of its own. Event-source inputs are checked by their own builders.
 */
import type { AccountInput, AsyncConfigInput, BillingInput, ClientRetriesInput, FunctionInput, SimulationInput, WorkloadInput } from './input.js';

/** The keys of T that may not be left out. */
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
/** Every required key of T, listed once (the compiler refuses a list that misses or invents one). */
type KeyList<T> = Record<RequiredKeys<T>, true>;

const SIMULATION: KeyList<SimulationInput> = {
  name: true, seed: true, duration: true, region: true, account: true, billing: true, functions: true, workloads: true,
};
const ACCOUNT: KeyList<AccountInput> = { concurrencyLimit: true, unreservedMinimum: true, scaling: true };
const BILLING: KeyList<BillingInput> = { granularityMs: true, freeTier: true, billInit: true, prices: true };
const FUNCTION: KeyList<FunctionInput> = {
  runtime: true, architecture: true, memorySize: true, ephemeralStorage: true, timeout: true, duration: true, init: true,
  errorRate: true, keepAlive: true, maxLifetime: true, environmentSelection: true, cpuBound: true, asyncConfig: true,
};
const ASYNC: KeyList<AsyncConfigInput> = {
  maximumRetryAttempts: true, maximumEventAge: true, retryDelays: true, throttleBackoff: true, duplicateRate: true,
};
const WORKLOAD: KeyList<WorkloadInput> = { name: true, function: true, invocation: true, start: true, end: true, arrivals: true };
const CLIENT_RETRIES: KeyList<ClientRetriesInput> = { maxAttempts: true, backoff: true, base: true, cap: true, jitter: true, retryOnErrors: true };

/** A `SimulationInput` with required fields left out. */
export class IncompleteInputError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(
      `the model needs a fully defaulted input (parse the scenario with the scenario schema to fill defaults); missing: ${missing.join(', ')}`,
    );
    this.name = 'IncompleteInputError';
  }
}

function missingKeys(value: unknown, keys: object, path: string, out: string[]): boolean {
  if (typeof value !== 'object' || value === null) {
    out.push(path);
    return false;
  }
  for (const key of Object.keys(keys)) {
    if ((value as Record<string, unknown>)[key] === undefined) out.push(path === '' ? key : `${path}.${key}`);
  }
  return true;
}

/** Throw an {@link IncompleteInputError} listing every required field `input` lacks. */
export function requireCompleteInput(input: SimulationInput): void {
  const out: string[] = [];
  if (missingKeys(input, SIMULATION, '', out)) {
    if (input.account !== undefined) missingKeys(input.account, ACCOUNT, 'account', out);
    if (input.billing !== undefined) missingKeys(input.billing, BILLING, 'billing', out);
    for (const [name, fn] of Object.entries(input.functions ?? {})) {
      if (missingKeys(fn, FUNCTION, `functions.${name}`, out) && fn.asyncConfig !== undefined) {
        missingKeys(fn.asyncConfig, ASYNC, `functions.${name}.asyncConfig`, out);
      }
    }
    (input.workloads ?? []).forEach((w, i) => {
      if (missingKeys(w, WORKLOAD, `workloads.${i}`, out) && w.clientRetries !== undefined) {
        missingKeys(w.clientRetries, CLIENT_RETRIES, `workloads.${i}.clientRetries`, out);
      }
    });
  }
  if (out.length > 0) throw new IncompleteInputError(out);
}
