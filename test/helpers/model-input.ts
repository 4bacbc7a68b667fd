/** Builds SimulationInput values for model tests without going through YAML. Times in us. */
import type { AsyncConfigInput, FunctionInput, SimulationInput, WorkloadInput } from '../../src/model/input.js';
import { asyncConfigSchema } from '../../src/scenario/async-schema.js';
import { US_PER_HOUR, US_PER_MINUTE, US_PER_MS, US_PER_SECOND } from '../../src/kernel/time.js';

export const MS = US_PER_MS;
export const S = US_PER_SECOND;
export const MIN = US_PER_MINUTE;
export const H = US_PER_HOUR;

/** The scenario's async defaults in model units (the model keeps no copy of its own). */
export const ASYNC_DEFAULTS: AsyncConfigInput = asyncConfigSchema.parse({});

export function fn(overrides: Partial<FunctionInput> = {}): FunctionInput {
  return {
    runtime: 'nodejs20.x',
    architecture: 'x86_64',
    memorySize: 1024,
    ephemeralStorage: 512,
    timeout: 900 * S,
    duration: { dist: 'constant', value: 100 * MS },
    init: { dist: 'constant', value: 0 },
    cpuBound: 0,
    errorRate: 0,
    keepAlive: { dist: 'constant', value: 10 * MIN },
    maxLifetime: 100 * H,
    environmentSelection: 'most-recent',
    asyncConfig: ASYNC_DEFAULTS,
    ...overrides,
  };
}

export function sync(fnName: string, arrivals: WorkloadInput['arrivals'], window?: { start?: number; end?: number }): WorkloadInput {
  return {
    name: `${fnName}-${arrivals.process}`,
    function: fnName,
    invocation: 'sync',
    start: window?.start ?? 0,
    end: window?.end ?? Number.MAX_SAFE_INTEGER,
    arrivals,
  };
}

export function scenario(parts: Partial<SimulationInput> & Pick<SimulationInput, 'functions' | 'workloads' | 'duration'>): SimulationInput {
  return {
    name: 'test',
    seed: 1,
    region: 'us-east-1',
    account: { concurrencyLimit: 1000, unreservedMinimum: 100, scaling: 'per-function' },
    billing: { granularityMs: 1, freeTier: false, billInit: true, prices: {} },
    ...parts,
  };
}

/** Erlang B blocking probability for c servers and offered load a (Erlangs), by the stable recursion. */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}
