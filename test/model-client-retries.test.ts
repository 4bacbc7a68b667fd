/** Client retries of synchronous callers: attempts derived by hand. */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import type { ClientRetriesInput, WorkloadInput } from '../src/model/input.js';
import { fn, MIN, MS, S, scenario } from './helpers/model-input.js';
import { ClientCallCounts } from '../src/model/client-calls.js';

/** One call at time `at` (a window of 1 us at a rate of 1/us). */
function oneCall(name: string, at: number, clientRetries?: ClientRetriesInput): WorkloadInput {
  return { name, function: 'api', invocation: 'sync', start: at, end: at + 1, arrivals: { process: 'constant', rate: 1_000_000 }, ...(clientRetries ? { clientRetries } : {}) };
}

const retries = (over: Partial<ClientRetriesInput>): ClientRetriesInput => ({
  maxAttempts: 3,
  backoff: 'exponential',
  base: 100 * MS,
  cap: 20 * S,
  jitter: 'none',
  retryOnErrors: false,
  ...over,
});

function run(workloads: WorkloadInput[], over: Partial<Parameters<typeof fn>[0]> = {}) {
  return simulate(
    scenario({
      duration: MIN,
      functions: { api: fn({ reservedConcurrency: 1, duration: { dist: 'constant', value: S }, ...over }) },
      workloads,
    }),
  ).functions[0];
}

describe('client retries', () => {
  it('retries throttles with exponential backoff until the environment is free', () => {
    // Reserved 1; a blocker takes the only slot from 0 to 1 s. A caller at 0.1 s with base 100 ms, cap 20 s,
    // 5 attempts: attempts at 0.1 (throttled), +0.1 = 0.2 (throttled), +0.2 = 0.4 (throttled),
    // +0.4 = 0.8 (throttled), +0.8 = 1.6 s (admitted: the blocker ended at 1.0 s). Its latency is
    // 1.6 + 1.0 - 0.1 = 2.5 s from its first attempt.
    const f = run([oneCall('blocker', 0), oneCall('caller', 100 * MS, retries({ maxAttempts: 5 }))]);
    expect(f.requests).toBe(1 + 5);
    expect(f.throttles).toBe(4);
    expect(f.retries).toBe(4);
    expect(f.invocations).toBe(2);
    expect(f.latency.max).toBe(2500 * MS);
    expect(f.retriesPendingAtEnd).toBe(0);
  });

  it('gives up after maxAttempts: the last throttle is final and has no latency', () => {
    // Same, 4 attempts: 0.1, 0.2, 0.4, 0.8 s, all throttled; 3 retries.
    const f = run([oneCall('blocker', 0), oneCall('caller', 100 * MS, retries({ maxAttempts: 4 }))]);
    expect(f.requests).toBe(5);
    expect(f.throttles).toBe(4);
    expect(f.retries).toBe(3);
    expect(f.invocations).toBe(1);
    expect(f.latency.count).toBe(1); // the blocker only
    // As the caller's users see it: one call, given up, no answer.
    expect(f.clientCalls).toEqual({ calls: 1, gaveUp: 1, failed: 0 });
  });

  it('waits the same base each time with constant backoff', () => {
    // base 300 ms: attempts at 0.1, 0.4, 0.7 (throttled), 1.0 s: the blocker's end at 1.0 s was
    // scheduled first, so the slot is free -> admitted. Latency 1.0 + 1.0 - 0.1 = 1.9 s.
    const f = run([oneCall('blocker', 0), oneCall('caller', 100 * MS, retries({ backoff: 'constant', base: 300 * MS, maxAttempts: 4 }))]);
    expect(f.throttles).toBe(3);
    expect(f.retries).toBe(3);
    expect(f.latency.max).toBe(1900 * MS);
  });

  it('retries function errors only when asked, counting every attempt', () => {
    // errorRate 1: every attempt fails after 1 s. 3 attempts, constant 2 s: attempts at 0, 3, 6 s; the
    // answer (an error) comes at 7 s. Latency 7 s; 3 invocations, 3 errors, 2 retries.
    const f = run([oneCall('caller', 0, retries({ backoff: 'constant', base: 2 * S, retryOnErrors: true }))], { errorRate: 1 });
    expect(f.invocations).toBe(3);
    expect(f.errors).toBe(3);
    expect(f.retries).toBe(2);
    expect(f.latency.count).toBe(1);
    expect(f.latency.max).toBe(7 * S);
    // One call, answered with an error after its three attempts.
    expect(f.clientCalls).toEqual({ calls: 1, gaveUp: 0, failed: 1 });
    const noRetry = run([oneCall('caller', 0, retries({ backoff: 'constant', base: 2 * S }))], { errorRate: 1 });
    expect(noRetry.invocations).toBe(1);
    expect(noRetry.retries).toBe(0);
  });

  it('turns every throttled call into another request: a retry storm doubles the load', () => {
    // Reserved 1, held by a 60 s blocker; 2,000 calls (100/s from 10 s) each retry once after a full-jitter
    // wait in [0, 1 s]: every attempt is throttled, so requests = 1 + 2 x 2,000, retries = 2,000.
    const calls: WorkloadInput[] = [oneCall('blocker', 0)];
    calls.push({
      name: 'storm',
      function: 'api',
      invocation: 'sync',
      start: 10 * S,
      end: 10 * S + 2000 * 10 * MS,
      arrivals: { process: 'constant', rate: 100 },
      clientRetries: retries({ maxAttempts: 2, backoff: 'constant', base: S, jitter: 'full' }),
    });
    const f = run(calls, { duration: { dist: 'constant', value: 60 * S } });
    expect(f.requests).toBe(1 + 2000 * 2);
    expect(f.retries).toBe(2000);
    expect(f.throttles).toBe(4000);
  });
});

describe('backoff jitter', () => {
  it('full jitter waits U(0, d) and equal jitter d/2 + U(0, d/2): mean waits within 4 standard errors', async () => {
    const { RetryingCaller } = await import('../src/model/client-retries.js');
    const { RandomStreams } = await import('../src/kernel/random.js');
    const { Kernel } = await import('../src/kernel/kernel.js');
    const context = () => ({ kernel: new Kernel(), randoms: new RandomStreams(3), observer: null });
    const n = 20_000;
    const d = 1_000_000; // attempt 1 of exponential with base 1 s: d = 1 s
    for (const [jitter, mean, sd] of [
      ['full', d / 2, d / Math.sqrt(12)],
      ['equal', (3 * d) / 4, d / 2 / Math.sqrt(12)],
      ['none', d, 0],
    ] as const) {
      const caller = new RetryingCaller(context(), { stats: {}, clientCalls: new ClientCallCounts() } as never, 't', retries({ base: d, jitter }));
      let sum = 0;
      for (let i = 0; i < n; i++) sum += caller.backoffUs(1, i); // one request key per draw
      expect(Math.abs(sum / n - mean)).toBeLessThanOrEqual(4 * (sd / Math.sqrt(n)) + 1);
    }
    // Exponential growth and the cap: base 100 ms, cap 1 s -> 100, 200, 400, 800, 1000, 1000 ms.
    const capped = new RetryingCaller(context(), { stats: {}, clientCalls: new ClientCallCounts() } as never, 't', retries({ cap: S }));
    expect([1, 2, 3, 4, 5, 6].map((a) => capped.backoffUs(a, 0) / MS)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('client calls as their users see them', () => {
  it('every call ends once: answered well, answered with an error, given up, or still open at the end', () => {
    // Reserved 2, 1 s durations, 5 calls a second with 3 attempts: many give up; 10% errors.
    const workload: WorkloadInput = { name: 'web', function: 'api', invocation: 'sync', start: 0, end: MIN, arrivals: { process: 'poisson', rate: 5 }, clientRetries: retries({ jitter: 'full' }) };
    const f = run([workload], { reservedConcurrency: 2, errorRate: 0.1 });
    const c = f.clientCalls!;
    expect(c.gaveUp).toBeGreaterThan(50);
    expect(c.failed).toBeGreaterThan(0);
    // Calls = the workload's first attempts; each call's answer is one latency sample.
    expect(c.calls).toBe(f.requests - f.retries);
    const answered = f.latency.count;
    expect(answered + c.gaveUp + f.retriesPendingAtEnd! + f.inFlightAtEnd).toBe(c.calls);
    // With errors not retried, the answers that are errors are the invocations that failed.
    expect(c.failed).toBe(f.errors);
  });
});

describe('client calls after a warm-up', () => {
  it('counts only calls made in the measured period, so at most every call fails', () => {
    const workload: WorkloadInput = { name: 'web', function: 'api', invocation: 'sync', start: 0, end: MIN, arrivals: { process: 'poisson', rate: 20 }, clientRetries: retries({ jitter: 'full', maxAttempts: 4 }) };
    const f = simulate(scenario({ duration: MIN, warmup: 30 * S, functions: { api: fn({ reservedConcurrency: 1, duration: { dist: 'constant', value: S } }) }, workloads: [workload] })).functions[0];
    const c = f.clientCalls!;
    expect(c.gaveUp).toBeGreaterThan(0);
    expect(c.gaveUp + c.failed).toBeLessThanOrEqual(c.calls);
  });
});
