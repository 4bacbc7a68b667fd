/** Provisioned concurrency: used first, spillover, schedules, recycling and its bill (lambda-behavior.md 5, 12). */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { roundCents } from '../src/billing/index.js';
import { fn, H, MIN, MS, S, scenario, sync } from './helpers/model-input.js';

describe('provisioned concurrency', () => {
  it('reproduces AWS pricing example 5 (PC 7 x 4 GB for 24 h, 2M requests of 280 ms) to the cent', () => {
    // Oracle 5: PC 28 GB x 86,400 s = $10.08; duration 560,000 s x 4 GB x $0.0000097222 = $21.78;
    // requests $0.40; total $32.26. Constant arrivals 2,000,000 / 86,400 s are 43.2 ms apart, so at most
    // 7 overlap (280 / 43.2 = 6.5): every request runs on a provisioned environment. The last request is
    // still running when the day ends (not billed), which changes no cent. maxLifetime 48 h: no recycling.
    const r = simulate(
      scenario({
        duration: 24 * H,
        functions: {
          app: fn({
            memorySize: 4096,
            duration: { dist: 'constant', value: 280 * MS },
            provisionedConcurrency: [{ at: 0, value: 7 }],
            maxLifetime: 48 * H,
          }),
        },
        workloads: [sync('app', { process: 'constant', rate: 2_000_000 / 86_400 })],
      }),
    );
    const f = r.functions[0];
    expect(f.requests).toBe(2_000_000);
    expect(f.coldStarts).toBe(0);
    expect(f.provisioned!.invocations).toBe(f.invocations + f.inFlightAtEnd);
    expect(f.provisioned!.spilloverInvocations).toBe(0);
    expect(roundCents(f.cost.provisioned)).toBe(10.08);
    expect(roundCents(f.cost.compute)).toBe(21.78);
    expect(roundCents(f.cost.requests)).toBe(0.4);
    expect(roundCents(f.cost.provisioned) + roundCents(f.cost.compute) + roundCents(f.cost.requests)).toBeCloseTo(32.26, 10);
  });

  it('spills over to on-demand when every provisioned environment is busy', () => {
    // PC 5; Poisson 50/s of 200 ms (10 Erlangs): often more than 5 busy.
    const r = simulate(
      scenario({
        duration: 10 * MIN,
        functions: { api: fn({ duration: { dist: 'constant', value: 200 * MS }, provisionedConcurrency: [{ at: 0, value: 5 }] }) },
        workloads: [sync('api', { process: 'poisson', rate: 50 })],
      }),
    );
    const f = r.functions[0];
    const pc = f.provisioned!;
    expect(pc.spilloverInvocations).toBeGreaterThan(0);
    expect(pc.invocations + pc.spilloverInvocations).toBe(f.invocations + f.inFlightAtEnd);
    // Only spillover environments cold-start.
    expect(f.coldStarts).toBeLessThanOrEqual(pc.spilloverInvocations);
    expect(pc.readyMax).toBe(5);
    expect(pc.utilizationMax).toBe(1);
    expect(pc.utilizationMean).toBeGreaterThan(0.5);
  });

  it('allocates a scheduled raise, then serves from it once allocated and initialised', () => {
    // Level 100 from 60 s. Per-function rule: 100 environments take 100 / 6,000 min = 1 s to allocate,
    // plus INIT 200 ms -> ready at 61.2 s. Requests every 100 ms of 50 ms: those from 61.2 s on run on
    // provisioned environments: arrivals k x 0.1 s for k = 612 .. 1,199 -> 588.
    // Bill: capacity 100 environments x 60 s rounded up to 5 minutes = 30,000,000 environment-ms;
    // provisioned duration = 100 INITs x 200 ms + 588 x 50 ms = 49,400 ms.
    const r = simulate(
      scenario({
        duration: 2 * MIN,
        functions: {
          api: fn({
            duration: { dist: 'constant', value: 50 * MS },
            init: { dist: 'constant', value: 200 * MS },
            provisionedConcurrency: [
              { at: 0, value: 0 },
              { at: MIN, value: 100 },
            ],
          }),
        },
        workloads: [sync('api', { process: 'constant', rate: 10 })],
      }),
    );
    const pc = r.functions[0].provisioned!;
    expect(pc.invocations).toBe(588);
    expect(pc.readyMax).toBe(100);
    expect(pc.concurrencyMs).toBe(100 * 5 * 60_000);
    expect(pc.billedMs).toBe(100 * 200 + 588 * 50);
    // Before 61.2 s on-demand: requests at 0, 0.1 and 0.2 s each find the earlier ones still busy
    // (INIT 200 ms + 50 ms), so 3 environments cold-start; from 0.3 s on one of them is always idle.
    expect(r.functions[0].coldStarts).toBe(3);
  });

  it('recycles provisioned environments at maxLifetime with a billed INIT, and never reclaims them for idleness', () => {
    // One provisioned environment, no traffic, maxLifetime 10 min, keepAlive 1 min: recycled at 10, 20
    // and 30 min (INIT 100 ms each, billed), never reclaimed for being idle.
    const r = simulate(
      scenario({
        duration: 35 * MIN,
        functions: {
          api: fn({
            init: { dist: 'constant', value: 100 * MS },
            keepAlive: { dist: 'constant', value: MIN },
            maxLifetime: 10 * MIN,
            provisionedConcurrency: [{ at: 0, value: 1 }],
          }),
        },
        workloads: [],
      }),
    );
    const f = r.functions[0];
    expect(f.environmentsReclaimed).toBe(3);
    expect(f.provisioned!.billedMs).toBe(300);
    expect(f.environmentsMaxAlive).toBe(1);
  });

  it('keeps provisioned capacity through recycling (make-before-break): no spillover, no cold start', () => {
    // PC 10 allocated together; Poisson 10/s of 100 ms (1 Erlang: 10 busy at once has probability about
    // 1e-7, so no spillover is expected from the traffic itself). Over 5 hours
    // with the default maxLifetime of 2 h, each of the 10 environments is recycled at about 2 h and 4 h
    // (20 recycles, 20 billed INITs of 100 ms) while requests keep finding provisioned environments.
    const r = simulate(
      scenario({
        duration: 5 * H,
        functions: {
          api: fn({
            duration: { dist: 'constant', value: 100 * MS },
            init: { dist: 'constant', value: 100 * MS },
            maxLifetime: 2 * H,
            provisionedConcurrency: [{ at: 0, value: 10 }],
          }),
        },
        workloads: [sync('api', { process: 'poisson', rate: 10 })],
      }),
    );
    const f = r.functions[0];
    expect(f.environmentsReclaimed).toBe(20);
    expect(f.coldStarts).toBe(0);
    expect(f.provisioned!.spilloverInvocations).toBe(0);
    expect(f.provisioned!.readyMax).toBe(10);
    // Provisioned duration: every invocation's 100 ms plus the 20 recycling INITs.
    expect(f.provisioned!.billedMs).toBe((f.invocations) * 100 + 20 * 100);
  });

  it('lowers the level by removing idle provisioned environments', () => {
    const r = simulate(
      scenario({
        duration: 10 * MIN,
        functions: {
          api: fn({
            provisionedConcurrency: [
              { at: 0, value: 10 },
              { at: 5 * MIN, value: 2 },
            ],
          }),
        },
        workloads: [],
      }),
    );
    const f = r.functions[0];
    expect(f.environmentsReclaimed).toBe(8);
    // Capacity: 10 x 5 min + 2 x 5 min = 60 environment-minutes.
    expect(f.provisioned!.concurrencyMs).toBe(60 * 60_000);
    // Alive on average: 10 for half the time, 2 for the other half.
    expect(f.environmentsMeanAlive).toBeCloseTo(6, 9);
  });

  it('uses the reservation: with reserved = PC every on-demand request is throttled as reserved', () => {
    // Reserved 3, PC 3: Poisson 40/s of 100 ms (4 Erlangs) -> when all 3 are busy the request is throttled.
    const r = simulate(
      scenario({
        duration: 5 * MIN,
        functions: {
          api: fn({
            duration: { dist: 'constant', value: 100 * MS },
            reservedConcurrency: 3,
            provisionedConcurrency: [{ at: 0, value: 3 }],
          }),
        },
        workloads: [sync('api', { process: 'poisson', rate: 40 })],
      }),
    );
    const f = r.functions[0];
    expect(f.coldStarts).toBe(0);
    expect(f.provisioned!.spilloverInvocations).toBe(0);
    expect(f.throttles).toBe(f.throttleReasons.reserved);
    expect(f.throttles).toBeGreaterThan(0);
    expect(f.concurrencyMax).toBe(3);
  });
});
