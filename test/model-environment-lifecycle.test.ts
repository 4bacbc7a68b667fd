/**
 * Short stories about execution environments: cold INIT, warm reuse, idle reclaim, recycling at
 * maxLifetime and discarding after a timeout. Every expected number is derived by hand in a comment.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { fn, H, MIN, MS, S, scenario, sync } from './helpers/model-input.js';

describe('environment lifecycle', () => {
  it('cold-starts once, then reuses the warm environment', () => {
    // One request per second, 100 ms each, INIT 250 ms: the first request is cold (busy 350 ms),
    // every later one finds the environment idle. 60 requests in [0, 60 s).
    const r = simulate(
      scenario({
        duration: 60 * S,
        functions: { api: fn({ init: { dist: 'constant', value: 250 * MS } }) },
        workloads: [sync('api', { process: 'constant', rate: 1 })],
      }),
    );
    const f = r.functions[0];
    expect(f.requests).toBe(60);
    expect(f.invocations).toBe(60);
    expect(f.coldStarts).toBe(1);
    expect(f.environmentsCreated).toBe(1);
    expect(f.initDuration.count).toBe(1);
    expect(f.initDuration.max).toBe(250 * MS);
    // Latency: one of 350 ms, 59 of 100 ms.
    expect(f.latency.max).toBe(350 * MS);
    expect(f.latency.min).toBe(100 * MS);
    expect(f.latency.sum).toBe(350 * MS + 59 * 100 * MS);
    // Billed (1 ms, INIT billed): 350 + 59 x 100 = 6,250 ms.
    expect(f.billedDurationMs).toBe(6250);
    expect(f.concurrencyMax).toBe(1);
  });

  it('does not bill INIT when billInit is false (the pre-2025-08-01 rule for managed-runtime ZIP)', () => {
    const r = simulate(
      scenario({
        duration: 60 * S,
        billing: { granularityMs: 1, freeTier: false, billInit: false, prices: {} },
        functions: { api: fn({ init: { dist: 'constant', value: 250 * MS } }) },
        workloads: [sync('api', { process: 'constant', rate: 1 })],
      }),
    );
    expect(r.functions[0].billedDurationMs).toBe(6000);
  });

  it('rounds each invocation up to 100 ms at the old granularity', () => {
    // 27.4 ms each, 10 invocations: 100 ms billed each -> 1,000 ms; at 1 ms: 28 each -> 280.
    const base = {
      duration: 10 * S,
      functions: { api: fn({ duration: { dist: 'constant' as const, value: 27_400 } }) },
      workloads: [sync('api', { process: 'constant', rate: 1 })],
    };
    const old = simulate(scenario({ ...base, billing: { granularityMs: 100, freeTier: false, billInit: true, prices: {} } }));
    const now = simulate(scenario(base));
    expect(old.functions[0].billedDurationMs).toBe(1000);
    expect(now.functions[0].billedDurationMs).toBe(280);
  });

  it('reclaims an environment idle longer than keepAlive, so every sparse request is cold', () => {
    // One request every 15 minutes, keep-alive 10 minutes: each environment is reclaimed 10 min after
    // its request ends, before the next request. 2 hours -> requests at 0, 15, ..., 105 min: 8 requests,
    // 8 cold starts; environment k is reclaimed at k x 15 min + 100 ms + 10 min, the last one at
    // 115 min + 100 ms, inside the 2 hours -> 8 reclaimed.
    const r = simulate(
      scenario({
        duration: 2 * H,
        functions: { api: fn() },
        workloads: [sync('api', { process: 'constant', rate: 1 / (15 * 60) })],
      }),
    );
    const f = r.functions[0];
    expect(f.requests).toBe(8);
    expect(f.coldStarts).toBe(8);
    expect(f.environmentsReclaimed).toBe(8);
    expect(f.environmentsMaxAlive).toBe(1);
    // Mean alive: each environment lives 100 ms + 10 min = 600.1 s; 8 of them over 7,200 s.
    expect(f.environmentsMeanAlive).toBeCloseTo((8 * 600.1) / 7200, 9);
  });

  it('keeps the environment when requests come just inside keepAlive', () => {
    // Every 9 minutes with a 10-minute keep-alive: one cold start in 2 hours.
    const r = simulate(
      scenario({
        duration: 2 * H,
        functions: { api: fn() },
        workloads: [sync('api', { process: 'constant', rate: 1 / (9 * 60) })],
      }),
    );
    expect(r.functions[0].coldStarts).toBe(1);
    expect(r.functions[0].requests).toBe(14); // t = 0, 9, ..., 117 min
  });

  it('recycles an environment at maxLifetime without cutting a running invocation', () => {
    // One request per second lasting 600 ms; maxLifetime 599.3 s. The environment created at 0 s must
    // retire at 599.3 s, in the middle of the invocation that runs 599.0-599.6 s: that invocation
    // finishes in full, then the environment is recycled. The request at 600 s is cold again, and so on:
    // environments created at 0, 600 and 1,200 s, each recycled at 599.6 s after its creation.
    // 30 minutes -> 1,800 requests, 3 cold starts, 3 recycled.
    const r = simulate(
      scenario({
        duration: 30 * MIN,
        functions: { api: fn({ duration: { dist: 'constant', value: 600 * MS }, maxLifetime: 599_300 * MS }) },
        workloads: [sync('api', { process: 'constant', rate: 1 })],
      }),
    );
    const f = r.functions[0];
    expect(f.requests).toBe(1800);
    expect(f.coldStarts).toBe(3);
    expect(f.environmentsReclaimed).toBe(3);
    expect(f.errors).toBe(0);
    // No invocation was cut: every duration is the full 600 ms.
    expect(f.duration.min).toBe(600 * MS);
    expect(f.duration.max).toBe(600 * MS);
  });

  it('recycles an idle environment at maxLifetime even while its keep-alive has not expired', () => {
    // Same traffic, maxLifetime 10 min: the environment is idle at 600 s (its last request ended at
    // 599.6 s) and is recycled at exactly 600 s, before the request of 600 s arrives (the recycle was
    // scheduled first), so that request is cold. Cold at 0, 600, 1,200 s; recycled at 600 and 1,200 s;
    // the third is still alive when the run ends at 1,800 s.
    const r = simulate(
      scenario({
        duration: 30 * MIN,
        functions: { api: fn({ duration: { dist: 'constant', value: 600 * MS }, maxLifetime: 10 * MIN }) },
        workloads: [sync('api', { process: 'constant', rate: 1 })],
      }),
    );
    expect(r.functions[0].coldStarts).toBe(3);
    expect(r.functions[0].environmentsReclaimed).toBe(2);
  });

  it('ends a too-long invocation at the timeout, bills the full timeout and discards the environment', () => {
    // Duration 5 s, timeout 3 s, one request every 10 s for 60 s: 6 requests, 6 timeouts (errors), and
    // since each timed-out environment is discarded, 6 cold starts. Billed: INIT 200 + 3,000 = 3,200 each.
    const r = simulate(
      scenario({
        duration: 60 * S,
        functions: {
          api: fn({ duration: { dist: 'constant', value: 5 * S }, timeout: 3 * S, init: { dist: 'constant', value: 200 * MS } }),
        },
        workloads: [sync('api', { process: 'constant', rate: 0.1 })],
      }),
    );
    const f = r.functions[0];
    expect(f.requests).toBe(6);
    expect(f.timeouts).toBe(6);
    expect(f.errors).toBe(6);
    expect(f.successes).toBe(0);
    expect(f.coldStarts).toBe(6);
    expect(f.duration.max).toBe(3 * S);
    expect(f.billedDurationMs).toBe(6 * 3200);
  });

  it('draws function errors at errorRate (binomial, 5 standard errors)', () => {
    // 36,000 invocations at p = 0.02: mean 720, sd sqrt(36000 * 0.02 * 0.98) = 26.6.
    const r = simulate(
      scenario({
        duration: H,
        functions: { api: fn({ errorRate: 0.02, duration: { dist: 'constant', value: 10 * MS } }) },
        workloads: [sync('api', { process: 'constant', rate: 10 })],
      }),
    );
    const f = r.functions[0];
    expect(f.invocations).toBe(36000);
    expect(Math.abs(f.errors - 720)).toBeLessThan(5 * 26.6);
    expect(f.successes + f.errors).toBe(f.invocations);
  });
});

describe('environment selection', () => {
  // Two overlapping requests create environments #0 and #1; later single requests reuse one of them.
  // Pattern: requests at 0 and 0 (two at once) via two workloads, then one request every 20 s.
  function run(policy: 'most-recent' | 'newest' | 'oldest' | 'random') {
    return simulate(
      scenario({
        duration: 5 * MIN,
        functions: { api: fn({ environmentSelection: policy, keepAlive: { dist: 'constant', value: 90 * S } }) },
        workloads: [
          { ...sync('api', { process: 'constant', rate: 1 / 20 }), name: 'a' },
          { ...sync('api', { process: 'constant', rate: 1 / 20 }), name: 'b', end: 1 },
        ],
      }),
    ).functions[0];
  }

  it('most-recent keeps reusing one environment and lets the other expire', () => {
    const f = run('most-recent');
    expect(f.coldStarts).toBe(2);
    // The environment not reused is reclaimed 90 s after its request ended.
    expect(f.environmentsReclaimed).toBe(1);
  });

  it('oldest and newest both settle on one environment here, each reclaiming the other', () => {
    expect(run('oldest').environmentsReclaimed).toBe(1);
    expect(run('newest').environmentsReclaimed).toBe(1);
  });

  it('random is reproducible for a seed', () => {
    expect(run('random').environmentsReclaimed).toBe(run('random').environmentsReclaimed);
  });
});
