/**
 * API Gateway in front of a function (src/model/api-gateway.ts): the token bucket's admissions,
 * the integration timeout's 504s and billing, Lambda throttles as 500s, and client retries through
 * the API, each against numbers derived by hand.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { fn, MIN, MS, S, scenario, sync } from './helpers/model-input.js';
import type { ApiGatewayInput, ClientRetriesInput, SimulationInput, WorkloadInput } from '../src/model/input.js';
import { RateBucket } from '../src/model/rate-bucket.js';
import { apiGatewayCosts } from '../src/billing/api-gateway-prices.js';

const api = (over: Partial<ApiGatewayInput> = {}): ApiGatewayInput => ({ type: 'rest', integrationTimeout: 29 * S, ...over });
const ACCOUNT = { concurrencyLimit: 1000, unreservedMinimum: 100, scaling: 'per-function' as const, apiGatewayThrottle: { rate: 10_000, burst: 5_000 } };

function withApi(parts: Partial<SimulationInput> & Pick<SimulationInput, 'functions' | 'workloads' | 'duration'>, apis: Record<string, ApiGatewayInput>): SimulationInput {
  return scenario({ account: ACCOUNT, apiGateways: apis, ...parts });
}

/** One call at `at` (a window of 1 us at a rate of 1/us). */
function oneCall(name: string, at: number, extra: Partial<WorkloadInput> = {}): WorkloadInput {
  return { name, function: 'f', invocation: 'sync', start: at, end: at + 1, arrivals: { process: 'constant', rate: 1_000_000 }, via: 'web', ...extra };
}

const retries = (over: Partial<ClientRetriesInput>): ClientRetriesInput => ({
  maxAttempts: 3, backoff: 'constant', base: 1 * S, cap: 20 * S, jitter: 'none', retryOnErrors: false, ...over,
});

describe('the token bucket', () => {
  it('starts full, refills continuously and never above the burst', () => {
    const b = new RateBucket(100, 50);
    for (let i = 0; i < 50; i++) expect(b.hasToken(0)).toBe(true), b.take();
    expect(b.hasToken(0)).toBe(false);
    // 100/s: one token every 10 ms, exactly.
    expect(b.hasToken(9_999)).toBe(false);
    expect(b.hasToken(10_000)).toBe(true);
    expect(b.tokens(3_600 * S)).toBe(50);
  });

  it('admits exactly burst + rate x t of constant arrivals above the rate', () => {
    // Stage bucket 100/s, burst 50; arrivals 400/s for 10 s at k x 2.5 ms, k = 0..3999. Arrivals
    // outpace the refill, so once the burst is spent every token is taken as it accrues: by the last
    // arrival (t = 9.9975 s) floor(50 + 100 x 9.9975) = 1,049 are admitted, 2,951 get 429.
    const r = simulate(
      withApi(
        { duration: 10 * S, functions: { f: fn() }, workloads: [{ ...sync('f', { process: 'constant', rate: 400 }, { end: 10 * S }), via: 'web' }] },
        { web: api({ throttle: { rate: 100, burst: 50 } }) },
      ),
    );
    const a = r.apiGateways![0];
    expect(a.requests).toBe(4000);
    expect(a.throttles).toBe(4000 - 1049);
    // Admitted ones succeed or are still running at the end (100 ms each).
    expect(a.successes + a.pendingAtEnd).toBe(1049);
    // Lambda never saw the 429s.
    expect(r.functions[0].requests).toBe(1049);
  });

  it('shares the account bucket between APIs', () => {
    // Account 100/s burst 50; two APIs, 200/s each for 10 s (arrivals at k x 5 ms): together 400/s.
    // The account bucket admits floor(50 + 100 x 9.995) = 1,049 in all (the last arrivals at 9.995 s).
    const w = (name: string, via: string): WorkloadInput => ({ ...sync('f', { process: 'constant', rate: 200 }, { end: 10 * S }), name, via });
    const r = simulate(
      scenario({
        account: { ...ACCOUNT, apiGatewayThrottle: { rate: 100, burst: 50 } },
        duration: 10 * S,
        functions: { f: fn() },
        workloads: [w('a', 'one'), w('b', 'two')],
        apiGateways: { one: api(), two: api({ type: 'http' }) },
      }),
    );
    const [one, two] = r.apiGateways!;
    expect(one.throttles + two.throttles).toBe(4000 - 1049);
    expect(one.requests + two.requests).toBe(4000);
  });
});

describe('the integration timeout', () => {
  it('answers 504 at the timeout to P(duration >= timeout) of requests; billing is unchanged', () => {
    // Durations uniform on [0, 10 s], no INIT; timeout 6 s: P(504) = 0.4. Poisson 20/s for 10 min.
    const f = fn({ duration: { dist: 'uniform', min: 0, max: 10 * S } });
    const workload = sync('f', { process: 'poisson', rate: 20 }, { end: 10 * MIN });
    const parts = { duration: 10 * MIN + 20 * S, functions: { f } };
    const through = simulate(withApi({ ...parts, workloads: [{ ...workload, via: 'web' }] }, { web: api({ integrationTimeout: 6 * S }) }));
    const direct = simulate(withApi({ ...parts, workloads: [workload] }, { web: api({ integrationTimeout: 6 * S }) }));
    const a = through.apiGateways![0];
    const n = a.requests;
    expect(n).toBeGreaterThan(11_000);
    const sd = Math.sqrt(n * 0.4 * 0.6);
    expect(Math.abs(a.timeouts - 0.4 * n)).toBeLessThan(4 * sd);
    expect(a.successes + a.timeouts).toBe(n);
    // The client saw at most the timeout; the function ran on and is billed for every millisecond.
    expect(a.latency.max).toBe(6 * S);
    expect(a.latency.quantile(0.99)).toBeLessThanOrEqual(6 * S);
    expect(through.functions[0].billedDurationMs).toBe(direct.functions[0].billedDurationMs);
    expect(through.functions[0].duration.max).toBeGreaterThan(9 * S);
    expect(through.functions[0].invocations).toBe(n);
  });

  it('counts an answer at exactly the timeout as too late', () => {
    const r = simulate(withApi({ duration: MIN, functions: { f: fn({ duration: { dist: 'constant', value: 6 * S } }) }, workloads: [oneCall('c', 0)] }, { web: api({ integrationTimeout: 6 * S }) }));
    expect(r.apiGateways![0].timeouts).toBe(1);
  });
});

describe('errors behind the API', () => {
  it('reports a Lambda throttle as a 500 and a function error as a 502', () => {
    // Reserved 1: the second call at the same instant is refused by Lambda.
    const r = simulate(
      withApi(
        { duration: MIN, functions: { f: fn({ reservedConcurrency: 1, errorRate: 1 }) }, workloads: [oneCall('a', 0), oneCall('b', 0)] },
        { web: api() },
      ),
    );
    const a = r.apiGateways![0];
    expect(a.lambdaThrottles).toBe(1);
    expect(a.functionErrors).toBe(1);
    expect(r.functions[0].throttles).toBe(1);
  });
});

describe('client retries through the API', () => {
  it('retries 504s when asked: every attempt runs and is billed', () => {
    // Duration 10 s, timeout 6 s, 3 attempts 1 s apart after each 504: attempts at 0, 7 and 14 s.
    const r = simulate(
      withApi(
        { duration: MIN, functions: { f: fn({ duration: { dist: 'constant', value: 10 * S } }) }, workloads: [oneCall('c', 0, { clientRetries: retries({ retryOnErrors: true }) })] },
        { web: api({ integrationTimeout: 6 * S }) },
      ),
    );
    const a = r.apiGateways![0];
    expect(a.requests).toBe(3);
    expect(a.timeouts).toBe(3);
    const f = r.functions[0];
    expect(f.invocations).toBe(3);
    expect(f.retries).toBe(2);
    expect(f.billedDurationMs).toBe(3 * 10_000);
    // Overlapping runs: the second attempt starts at 7 s while the first runs to 10 s.
    expect(f.concurrencyMax).toBe(2);
  });

  it('retries 429s always, and not 504s unless asked', () => {
    // Stage 1/s burst 1: at 0 the first call takes the token, the second gets 429 and retries at 1 s
    // (the token is back). Without retryOnErrors a 504 is final.
    const r = simulate(
      withApi(
        {
          duration: MIN,
          functions: { f: fn({ duration: { dist: 'constant', value: 100 * MS } }) },
          workloads: [oneCall('a', 0), oneCall('b', 0, { clientRetries: retries({}) })],
        },
        { web: api({ throttle: { rate: 1, burst: 1 } }) },
      ),
    );
    const a = r.apiGateways![0];
    expect(a.requests).toBe(3);
    expect(a.throttles).toBe(1);
    expect(a.successes).toBe(2);
    expect(r.functions[0].retries).toBe(1);
  });
});

describe('API Gateway prices', () => {
  it('prices REST and HTTP requests per million by monthly tier', () => {
    // A 30-day period: the month is the period. REST 400 M: 333 M x 3.50 + 67 M x 2.80 = 1,165.5 + 187.6.
    const month = 30 * 24 * 3600 * 1000;
    const c = apiGatewayCosts([400e6, 1e6], ['rest', 'http'], month);
    expect(c.period[0]).toBeCloseTo(1165.5 + 187.6, 6);
    expect(c.period[1]).toBeCloseTo(1.0, 9);
    expect(c.perMonth[0]).toBeCloseTo(c.period[0], 6);
  });
});

describe('the warm-up', () => {
  it('keeps the requests under way as pendingAtStart and counts from zero after it', () => {
    // 10/s of 2 s calls: about 20 under way at any time; a warm-up of 30 s.
    const r = simulate(
      withApi(
        { duration: 90 * S, warmup: 30 * S, functions: { f: fn({ duration: { dist: 'constant', value: 2 * S } }) }, workloads: [{ ...sync('f', { process: 'constant', rate: 10 }), via: 'web' }] },
        { web: api() },
      ),
    );
    const a = r.apiGateways![0];
    expect(a.pendingAtStart).toBe(20);
    expect(a.requests).toBe(600);
    expect(a.successes).toBe(600);
    expect(a.pendingAtEnd).toBe(20);
  });
});
