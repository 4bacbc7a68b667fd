/**
 * Where the time went (issue #15): every final answer's latency splits into queue wait, service
 * overhead, INIT, execution and client-retry wait, streamed per function (src/model/stages.ts).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { StageStats, stageBucket, stageBucketLow, STAGE_BUCKETS } from '../src/model/stages.js';
import type { WorkloadInput } from '../src/model/input.js';
import { fn, H, MIN, MS, S, scenario, sync } from './helpers/model-input.js';

describe('stage buckets', () => {
  it('are 1/16 octave wide, contiguous and ordered, exact below 16 us', () => {
    for (let us = 0; us < 16; us++) expect(stageBucket(us)).toBe(us);
    let previous = 0;
    for (const us of [16, 17, 31, 32, 1000, 123_456, 2 ** 31 - 1, 2 ** 31, 5e10]) {
      const b = stageBucket(us);
      expect(b).toBeGreaterThanOrEqual(previous);
      expect(stageBucketLow(b)).toBeLessThanOrEqual(us);
      expect(stageBucketLow(b + 1)).toBeGreaterThan(us);
      expect((stageBucketLow(b + 1) - stageBucketLow(b)) / stageBucketLow(b)).toBeLessThanOrEqual(1 / 16);
      previous = b;
    }
    expect(stageBucket(1e18)).toBe(STAGE_BUCKETS - 1);
  });

  it('split a known set of answers: means, p99 and tail shares by hand', () => {
    const s = new StageStats();
    // 99 warm answers of 10 ms execution, 1 cold answer of 1 s INIT + 10 ms.
    for (let i = 0; i < 99; i++) s.record(0, false, 0, 0, 10_000);
    s.record(0, false, 0, 1_000_000, 10_000);
    const r = s.summary();
    expect(r.meanUs).toBe(20_000);
    expect(r.stages.init.meanUs + r.stages.execution.meanUs).toBe(r.meanUs);
    expect(r.stages.execution.p99Us).toBe(10_000); // clamped to the exact extremes of a constant stage
    expect(r.stages.init.p99Us).toBe(0); // 99 of 100 answers had no INIT
    // The p99 (rank 99) is a warm answer: the tail is every answer of its bucket and up.
    expect(r.tailRequests).toBe(100);
    expect(r.stages.init.tailShare).toBeCloseTo(1_000_000 / 2_000_000, 12);
  });
});

describe('stages of simulated requests', () => {
  it('stage means add up to the end-to-end mean, with retries, cold starts and service overhead', () => {
    const workload: WorkloadInput = {
      ...sync('api', { process: 'poisson', rate: 200 }),
      clientRetries: { maxAttempts: 3, backoff: 'exponential', base: 50 * MS, cap: S, jitter: 'full', retryOnErrors: true },
    };
    const input = scenario({
      duration: 10 * MIN,
      account: { concurrencyLimit: 15, unreservedMinimum: 0, scaling: 'per-function' },
      functions: {
        api: fn({
          duration: { dist: 'lognormal', median: 40 * MS, sigma: 0.9 },
          init: { dist: 'constant', value: 400 * MS },
          keepAlive: { dist: 'exponential', mean: 20 * S },
          errorRate: 0.05,
          serviceOverhead: 3 * MS,
        }),
      },
      workloads: [workload],
    });
    const f = simulate(input).functions[0];
    const s = f.stages;
    expect(s.requests).toBe(f.latency.count);
    const sum = s.stages.queueWait.meanUs + s.stages.serviceOverhead.meanUs + s.stages.init.meanUs + s.stages.execution.meanUs + s.stages.retryWait.meanUs;
    expect(Math.abs(sum - f.latency.mean()) / f.latency.mean()).toBeLessThan(1e-12);
    expect(s.meanUs).toBeCloseTo(f.latency.mean(), 6);
    expect(s.stages.serviceOverhead.meanUs).toBe(3 * MS);
    expect(s.stages.serviceOverhead.p99Us).toBe(3 * MS);
    expect(s.stages.retryWait.meanUs).toBeGreaterThan(0); // throttles and errors were retried
    expect(s.stages.queueWait.meanUs).toBe(0); // a synchronous caller has no queue
    // Wait = queue + retry, as the `wait` distribution has always reported it.
    expect(s.stages.queueWait.meanUs + s.stages.retryWait.meanUs).toBeCloseTo(f.wait.mean(), 6);
    const shares = Object.values(s.stages).reduce((a, st) => a + st.tailShare, 0);
    expect(shares).toBeCloseTo(1, 12);
  });

  it('cold starts dominating the tail show as a large INIT tail share', () => {
    // Sparse traffic and a short keep-alive: a few percent of requests are cold with a 2 s INIT,
    // the rest run 50 ms warm. The p99 tail is the cold starts.
    const input = scenario({
      duration: 2 * H,
      functions: {
        api: fn({
          duration: { dist: 'lognormal', median: 50 * MS, sigma: 0.3 },
          init: { dist: 'lognormal', median: 2 * S, sigma: 0.2 },
          keepAlive: { dist: 'exponential', mean: 30 * S },
        }),
      },
      workloads: [sync('api', { process: 'poisson', rate: 1 })],
    });
    const f = simulate(input).functions[0];
    expect(f.coldStarts / f.invocations).toBeGreaterThan(0.02);
    const s = f.stages;
    expect(s.stages.init.tailShare).toBeGreaterThan(0.9);
    expect(s.stages.execution.tailShare).toBeLessThan(0.1);
    // Over all requests INIT is a much smaller share than in the tail: the mean hides the cold starts.
    expect(s.stages.init.meanUs / s.meanUs).toBeLessThan(s.stages.init.tailShare - 0.2);
  });

  it('async events wait in the queue: the queue-wait stage', () => {
    const events: WorkloadInput = { name: 'e', function: 'api', invocation: 'async', start: 0, end: 10 * MIN, arrivals: { process: 'poisson', rate: 50 } };
    const input = scenario({
      duration: 15 * MIN,
      functions: { api: fn({ reservedConcurrency: 5, duration: { dist: 'constant', value: 90 * MS } }) },
      workloads: [events],
    });
    const f = simulate(input).functions[0];
    expect(f.stages.stages.queueWait.meanUs).toBeGreaterThan(0);
    expect(f.stages.stages.retryWait.meanUs).toBe(0);
  });
});
