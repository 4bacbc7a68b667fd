/** Versions and aliases (lambda-behavior.md sections 3, 5, 11; src/model/alias-router.ts). */
import { describe, expect, it } from 'vitest';
import { Simulation, checkedResults, simulate } from './helpers/simulate.js';
import { fn, MIN, MS, S, scenario, sync } from './helpers/model-input.js';
import type { FunctionInput, SimulationInput } from '../src/model/input.js';

/** `checkout` ($LATEST) with versions 1 and 2 and alias `live` -> 1, weight `w` on 2. */
function weighted(w: number, extra: Partial<SimulationInput> = {}, v2: Partial<FunctionInput> = {}, rate = 100): SimulationInput {
  return scenario({
    duration: 10 * MIN,
    functions: { checkout: fn(), 'checkout:1': fn(), 'checkout:2': fn(v2) },
    versions: { 'checkout:1': { function: 'checkout', version: '1' }, 'checkout:2': { function: 'checkout', version: '2' } },
    aliases: { 'checkout:live': { function: 'checkout', alias: 'live', version: '1', ...(w > 0 ? { additionalVersion: { version: '2', weight: w } } : {}) } },
    workloads: [sync('checkout:live', { process: 'poisson', rate })],
    ...extra,
  });
}

const byName = (r: ReturnType<typeof simulate>, name: string) => r.functions.find((f) => f.name === name)!;

describe('alias routing', () => {
  it('splits requests as a binomial draw: the secondary count is within 4 sd of N w', () => {
    const w = 0.05;
    const r = simulate(weighted(w));
    const v1 = byName(r, 'checkout:1');
    const v2 = byName(r, 'checkout:2');
    const n = v1.requests + v2.requests;
    expect(n).toBeGreaterThan(50_000);
    // Tolerance: 4 standard deviations of Binomial(n, w) (a false alarm about 1 in 16,000).
    expect(Math.abs(v2.requests - n * w)).toBeLessThan(4 * Math.sqrt(n * w * (1 - w)));
    expect(byName(r, 'checkout').requests).toBe(0);
    expect(r.aliases![0].routed).toEqual({ '1': v1.requests, '2': v2.requests });
  });

  it('routes the same request the same way in two variants: the secondary set at w1 is a subset of that at w2 > w1', () => {
    const seen = (w: number): Set<number> => {
      const sim = new Simulation(weighted(w, { duration: MIN }));
      const routed = new Set<number>();
      const router = sim.alias('checkout', 'live')!;
      const v2 = sim.versionOf('checkout', '2')!;
      const invoke = v2.invoke.bind(v2);
      v2.invoke = (firstAt, client, token, forceError, key, run) => {
        routed.add(key!);
        return invoke(firstAt, client, token, forceError, key, run);
      };
      expect(router.routing).toEqual({ primary: '1', secondary: w > 0 ? '2' : null, weight: w });
      checkedResults(sim);
      return routed;
    };
    const low = seen(0.1);
    const high = seen(0.3);
    expect(low.size).toBeGreaterThan(300);
    expect(high.size).toBeGreaterThan(low.size * 2);
    for (const key of low) expect(high.has(key)).toBe(true);
  });

  it('takes effect for new requests after setRouting', () => {
    const sim = new Simulation(weighted(0));
    sim.kernel.schedule(5 * MIN, { handleEvent: () => sim.alias('checkout', 'live')!.setRouting('2', null, 0) }, 0);
    const r = checkedResults(sim);
    const v1 = byName(r, 'checkout:1');
    const v2 = byName(r, 'checkout:2');
    // Poisson 100/s for 5 min each side.
    expect(Math.abs(v1.requests - 30_000)).toBeLessThan(4 * Math.sqrt(30_000));
    expect(Math.abs(v2.requests - 30_000)).toBeLessThan(4 * Math.sqrt(30_000));
  });
});

describe('versions', () => {
  it('a new version starts cold: its own environments, created by its own cold starts', () => {
    const sim = new Simulation(weighted(0, {}, {}, 20));
    sim.functionNamed('checkout:1')!.prewarm(30);
    sim.kernel.schedule(5 * MIN, { handleEvent: () => sim.alias('checkout', 'live')!.setRouting('2', null, 0) }, 0);
    const r = checkedResults(sim);
    const v1 = byName(r, 'checkout:1');
    const v2 = byName(r, 'checkout:2');
    expect(v1.coldStarts).toBe(0);
    expect(v2.coldStarts).toBeGreaterThan(0);
    expect(v2.coldStarts).toBe(v2.environmentsCreated);
  });

  it('share the function reservation: two versions with reservedConcurrency 10 never exceed 10 busy in total', () => {
    const r10 = { reservedConcurrency: 10, duration: { dist: 'constant' as const, value: 1 * S } };
    const input = scenario({
      duration: 2 * MIN,
      functions: { f: fn(r10), 'f:1': fn(r10), 'f:2': fn(r10) },
      versions: { 'f:1': { function: 'f', version: '1' }, 'f:2': { function: 'f', version: '2' } },
      workloads: [sync('f:1', { process: 'constant', rate: 20 }), sync('f:2', { process: 'constant', rate: 20 })],
    });
    const sim = new Simulation(input);
    let peak = 0;
    const v1 = sim.functionNamed('f:1')!;
    const v2 = sim.functionNamed('f:2')!;
    const probe = { handleEvent: () => { peak = Math.max(peak, v1.inFlight + v2.inFlight); sim.kernel.schedule(sim.kernel.now + 10 * MS, probe, 0); } };
    sim.kernel.schedule(0, probe, 0);
    const r = checkedResults(sim);
    expect(peak).toBe(10);
    expect(byName(r, 'f:1').throttleReasons.reserved + byName(r, 'f:2').throttleReasons.reserved).toBeGreaterThan(0);
  });
});

describe('provisioned concurrency on an alias', () => {
  it('is allocated on the version the alias points to, and moves when setRouting changes the primary', () => {
    const input = weighted(0);
    input.aliases!['checkout:live'].provisionedConcurrency = 8;
    const sim = new Simulation(input);
    const v1 = sim.versionOf('checkout', '1')!;
    const v2 = sim.versionOf('checkout', '2')!;
    expect([v1.provisionedLevel, v2.provisionedLevel]).toEqual([8, 0]);
    const router = sim.alias('checkout', 'live')!;
    sim.kernel.schedule(2 * MIN, { handleEvent: () => router.setRouting('1', '2', 0.25) }, 0);
    sim.kernel.schedule(2 * MIN + 1, { handleEvent: () => expect([v1.provisionedLevel, v2.provisionedLevel]).toEqual([6, 2]) }, 0);
    sim.kernel.schedule(5 * MIN, { handleEvent: () => router.setRouting('2', null, 0) }, 0);
    const r = checkedResults(sim);
    expect([v1.provisionedLevel, v2.provisionedLevel]).toEqual([0, 8]);
    expect(byName(r, 'checkout:2').provisioned).toBeDefined();
  });

  it('setProvisionedLevel gives PC to a function that had none', () => {
    const sim = new Simulation(scenario({ duration: MIN, functions: { f: fn() }, workloads: [sync('f', { process: 'constant', rate: 5 })] }));
    const f = sim.functionNamed('f')!;
    f.setProvisionedLevel(3, true);
    const r = checkedResults(sim);
    expect(r.functions[0].coldStarts).toBe(0);
    expect(r.functions[0].provisioned!.invocations).toBeGreaterThan(0);
  });
});

describe("an alias's throttles", () => {
  it('are the 429s its versions gave the requests it routed', () => {
    // Reserved concurrency 5 shared by both versions, 100 ms calls at 100/s (10 busy on average): many throttles.
    const input = weighted(0.3);
    input.functions.checkout = fn({ reservedConcurrency: 5 });
    const r = simulate(input);
    const alias = r.aliases!.find((a) => a.name === 'checkout:live')!;
    expect(alias.throttles).toBeGreaterThan(100);
    expect(alias.throttles).toBe(byName(r, 'checkout:1').throttles + byName(r, 'checkout:2').throttles);
  });
});

describe("an alias's client calls", () => {
  it('counts the calls of retrying callers that name it, whichever version served them', () => {
    // Half the requests on each version, 10% errors, not retried: every error is a call failed for good.
    const input = weighted(0.5, {}, { errorRate: 0.1 });
    input.functions['checkout:1'] = fn({ errorRate: 0.1 });
    input.workloads = [{ ...input.workloads[0], clientRetries: { maxAttempts: 3, backoff: 'exponential', base: 100 * MS, cap: 20 * S, jitter: 'full', retryOnErrors: false } }];
    const r = simulate(input);
    const alias = r.aliases!.find((a) => a.name === 'checkout:live')!;
    const v1 = byName(r, 'checkout:1');
    const v2 = byName(r, 'checkout:2');
    expect(alias.clientCalls!.calls).toBe(v1.requests + v2.requests - v1.retries - v2.retries);
    expect(alias.clientCalls!.failed).toBe(v1.errors + v2.errors);
    expect(v2.errors).toBeGreaterThan(0);
    // The versions are not the callers' targets: they carry no calls block.
    expect([v1.clientCalls, v2.clientCalls]).toEqual([undefined, undefined]);
  });
});

describe('prewarm: auto on versions behind an alias', () => {
  it("counts each version's share of the alias's first-minute arrivals (Little's law)", () => {
    // 200/s on the alias, 100 ms calls: 20 busy; version 2 gets 25% of them (5), version 1 the rest (15).
    const input = weighted(0.25, {}, { prewarm: 'auto' }, 200);
    input.functions['checkout:1'] = fn({ prewarm: 'auto' });
    const r = simulate(input);
    const prewarmed = (n: string) => byName(r, n).environmentsPrewarmed ?? 0;
    // The arrivals of the first minute are drawn (Poisson): within 3 of the expected 15 and 5.
    expect(Math.abs(prewarmed('checkout:1') - 15)).toBeLessThanOrEqual(3);
    expect(Math.abs(prewarmed('checkout:2') - 5)).toBeLessThanOrEqual(2);
    expect(prewarmed('checkout:1') + prewarmed('checkout:2')).toBeGreaterThanOrEqual(19);
  });
});

describe('alias latency', () => {
  it('holds every final answer of the alias once, whichever version gave it', () => {
    const r = simulate(weighted(0.3));
    const alias = r.aliases![0];
    const v1 = byName(r, 'checkout:1');
    const v2 = byName(r, 'checkout:2');
    expect(alias.throttles).toBe(0);
    expect(alias.latency.count).toBe(v1.latency.count + v2.latency.count);
    // Every invocation is its caller's final answer here (no retries): one per routed request that ended.
    expect(alias.latency.count).toBe(alias.routed['1'] + alias.routed['2'] - v1.inFlightAtEnd - v2.inFlightAtEnd);
  });

  it('leaves out the requests of a workload that names a version', () => {
    const input = weighted(0.3);
    input.workloads.push(sync('checkout:2', { process: 'poisson', rate: 20 }));
    const r = simulate(input);
    const alias = r.aliases![0];
    const v1 = byName(r, 'checkout:1');
    const v2 = byName(r, 'checkout:2');
    const routed = alias.routed['1'] + alias.routed['2'];
    const direct = v2.requests - alias.routed['2'];
    expect(direct).toBeGreaterThan(10_000);
    expect(alias.latency.count).toBeLessThanOrEqual(routed);
    expect(alias.latency.count).toBeGreaterThanOrEqual(routed - v1.inFlightAtEnd - v2.inFlightAtEnd);
    expect(v1.latency.count + v2.latency.count - alias.latency.count).toBeGreaterThanOrEqual(direct - v2.inFlightAtEnd);
  });

  it('mixes the versions by their weights: 80% at version 1 (100 ms), 20% at version 2 (300 ms)', () => {
    const input = weighted(0.2, {}, { duration: { dist: 'constant', value: 300 * MS } });
    const r = simulate(input);
    const latency = r.aliases![0].latency;
    // Cold starts (a few dozen of 60,000) add INIT to the fastest answers' tail only; quantiles are within 0.5%.
    expect(latency.quantile(0.5)).toBeCloseTo(100_000, -3);
    expect(latency.quantile(0.7)).toBeCloseTo(100_000, -3);
    expect(latency.quantile(0.9)).toBeCloseTo(300_000, -3);
    expect(latency.min).toBe(100_000);
  });

  it('starts again after the warm-up, as the versions do', () => {
    const r = simulate(weighted(0.5, { warmup: 2 * MIN }));
    const alias = r.aliases![0];
    expect(alias.latency.count).toBe(byName(r, 'checkout:1').latency.count + byName(r, 'checkout:2').latency.count);
    // 8 measured minutes at 100/s.
    expect(Math.abs(alias.latency.count - 48_000)).toBeLessThan(4 * Math.sqrt(48_000));
  });
});
