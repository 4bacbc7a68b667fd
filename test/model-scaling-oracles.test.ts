/**
 * AWS's own scaling examples (lambda-behavior.md oracles 21 and 23) and the scaling-rate rules.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import type { SimulationInput, WorkloadInput } from '../src/model/input.js';
import { fn, H, MIN, S, scenario } from './helpers/model-input.js';

/** `count` requests arriving together (one per microsecond) at time `at`. */
function together(name: string, fnName: string, at: number, count: number): WorkloadInput {
  return { name, function: fnName, invocation: 'sync', start: at, end: at + count, arrivals: { process: 'constant', rate: 1_000_000 } };
}

describe('oracle 21: the old Region-wide burst (us-east-1: 3,000, then +500 per minute)', () => {
  // Account limit 10,000; every request needs its own environment for (almost) the whole minute;
  // the requests of each minute arrive together. Expected throttles per minute from the AWS Operator Guide.
  function run(perMinute: number[]): number[] {
    const input: SimulationInput = scenario({
      duration: perMinute.length * MIN,
      account: { concurrencyLimit: 10_000, unreservedMinimum: 100, scaling: 'regional-burst' },
      functions: { api: fn({ duration: { dist: 'constant', value: 59 * S } }) },
      workloads: perMinute.map((n, i) => together(`m${i}`, 'api', i * MIN, n)),
    });
    // Throttles per minute: simulate prefixes and take differences.
    const totals = perMinute.map((_, i) =>
      simulate({ ...input, duration: (i + 1) * MIN, workloads: input.workloads.slice(0, i + 1) }).functions[0].throttleReasons.scaling,
    );
    return totals.map((t, i) => t - (i > 0 ? totals[i - 1] : 0));
  }

  it('a) all 10,000 at once: 7,000 throttled', () => {
    expect(run([10_000])).toEqual([7000]);
  });
  it('b) 5,000 per minute over 2 minutes: 2,000 then 1,500 throttled', () => {
    expect(run([5000, 5000])).toEqual([2000, 1500]);
  });
  it('c) 3,333 per minute over 3 minutes: 333 throttled in the first minute, then none', () => {
    expect(run([3333, 3333, 3334])).toEqual([333, 0, 0]);
  });
  it('d) 2,500 per minute over 4 minutes: none throttled', () => {
    expect(run([2500, 2500, 2500, 2500])).toEqual([0, 0, 0, 0]);
  });
  it('uses the smaller bursts of other Regions (1,000 in eu-central-1, 500 elsewhere)', () => {
    const base = {
      duration: MIN,
      account: { concurrencyLimit: 10_000, unreservedMinimum: 100, scaling: 'regional-burst' as const },
      functions: { api: fn({ duration: { dist: 'constant' as const, value: 59 * S } }) },
      workloads: [together('all', 'api', 0, 10_000)],
    };
    expect(simulate(scenario({ ...base, region: 'eu-central-1' })).functions[0].environmentsCreated).toBe(1000);
    expect(simulate(scenario({ ...base, region: 'sa-east-1' })).functions[0].environmentsCreated).toBe(500);
  });
  it('shares the Regional burst between functions', () => {
    const r = simulate(
      scenario({
        duration: MIN,
        account: { concurrencyLimit: 10_000, unreservedMinimum: 100, scaling: 'regional-burst' },
        functions: { a: fn({ duration: { dist: 'constant', value: 59 * S } }), b: fn({ duration: { dist: 'constant', value: 59 * S } }) },
        workloads: [together('a', 'a', 0, 2000), together('b', 'b', 10_000, 2000)],
      }),
    );
    expect(r.functions[0].environmentsCreated + r.functions[1].environmentsCreated).toBe(3000);
    expect(r.functions[1].throttleReasons.scaling).toBe(1000);
  });
});

describe('oracle 23: per-function scaling (1,000 environments, then +1,000 every 10 s)', () => {
  // Demand far above the scaling rate: 2,000 requests/s, each running for an hour, account limit high
  // enough never to bind. Environments created by time T = 1,000 + 100 T (a token bucket of 1,000
  // refilled at 100/s), within one token of rounding.
  function createdBy(seconds: number, functions = 1): number[] {
    const names = ['a', 'b'].slice(0, functions);
    const r = simulate(
      scenario({
        duration: seconds * S,
        account: { concurrencyLimit: 100_000, unreservedMinimum: 100, scaling: 'per-function' },
        functions: Object.fromEntries(names.map((n) => [n, fn({ duration: { dist: 'constant', value: H } })])),
        workloads: names.map((n) => ({ name: n, function: n, invocation: 'sync' as const, start: 0, end: seconds * S, arrivals: { process: 'constant' as const, rate: 2000 } })),
      }),
    );
    return r.functions.map((f) => f.environmentsCreated);
  }

  for (const [t, expected] of [
    [10, 2000],
    [60, 7000],
    [90, 10_000],
  ] as const) {
    it(`has ${expected} environments at t = ${t} s`, () => {
      const [created] = createdBy(t);
      expect(created).toBeGreaterThanOrEqual(expected - 1);
      expect(created).toBeLessThanOrEqual(expected);
    });
  }

  it('gives each function its own rate: two functions both reach 2,000 at 10 s', () => {
    for (const created of createdBy(10, 2)) {
      expect(created).toBeGreaterThanOrEqual(1999);
      expect(created).toBeLessThanOrEqual(2000);
    }
  });

  it('counts the requests beyond the rate as scaling throttles, and warm reuse needs no token', () => {
    // 1,500 requests at once of 1 s each, then the same 1,500 again at 30 s: the first burst gets
    // 1,000 environments (500 throttled); at 30 s the 1,000 are warm and the bucket is full again.
    const r = simulate(
      scenario({
        duration: MIN,
        functions: { api: fn({ duration: { dist: 'constant', value: S } }) },
        account: { concurrencyLimit: 10_000, unreservedMinimum: 100, scaling: 'per-function' },
        workloads: [together('first', 'api', 0, 1500), together('second', 'api', 30 * S, 1500)],
      }),
    ).functions[0];
    expect(r.throttleReasons.scaling).toBe(500);
    expect(r.environmentsCreated).toBe(1500);
    expect(r.coldStarts).toBe(1500);
  });
});
