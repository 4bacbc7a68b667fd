/** The break-even's rules one by one: time-weighted percentiles, fleet sizing and prices, the solve, the schema. */
import { describe, expect, it } from 'vitest';
import { TimeWeighted } from '../src/metrics/time-weighted.js';
import { computeBreakEven, fleetInstances, fleetPrice, lambdaMonthlyAt, type BreakEvenConfig } from '../src/billing/break-even.js';
import type { FunctionUsage } from '../src/billing/index.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { errorOf, yaml } from './helpers/scenario-error.js';

const CONFIG: BreakEvenConfig = { instance: 'm7g.large', concurrencyPerInstance: 4, sizeFor: 'peak', headroom: 0, minInstances: 1, savingsPlanDiscount: 0 };

describe('TimeWeighted percentiles (sizeFor: p99)', () => {
  it('is the smallest level held, with the smaller ones, for at least the share of the time', () => {
    const t = new TimeWeighted(0);
    t.trackLevels();
    t.set(0, 2); // 2 for 90 us
    t.set(90, 7); // 7 for 9 us
    t.set(99, 50); // 50 for 1 us
    t.set(100, 0);
    expect(t.quantile(0.5, 100)).toBe(2);
    expect(t.quantile(0.9, 100)).toBe(2);
    expect(t.quantile(0.95, 100)).toBe(7);
    expect(t.quantile(0.99, 100)).toBe(7);
    expect(t.quantile(0.995, 100)).toBe(50);
    expect(t.max).toBe(50);
  });

  it('counts the current level up to the reading time, and forgets the warm-up on restart', () => {
    const t = new TimeWeighted(0);
    t.trackLevels();
    t.set(0, 100);
    t.restart(10);
    t.set(10, 3);
    expect(t.quantile(0.99, 1000)).toBe(3);
  });

  it('refuses to answer when levels were not tracked', () => {
    expect(() => new TimeWeighted(0).quantile(0.5, 1)).toThrow(/trackLevels/);
  });
});

describe('the always-on fleet', () => {
  it('sizes whole instances without float noise: 10 x 1.2 / 4 is 3, not 4', () => {
    expect(fleetInstances({ ...CONFIG, headroom: 0.2 }, 10, 1)).toBe(3);
    expect(fleetInstances({ ...CONFIG, headroom: 0.2 }, 10.1, 1)).toBe(4);
    expect(fleetInstances({ ...CONFIG, minInstances: 2 }, 0, 1)).toBe(2);
  });

  it('prices EC2, Fargate (vCPU-hours + GB-hours) and a savings-plan discount', () => {
    expect(fleetPrice(CONFIG, 'us-east-1').hourly).toBe(0.0816);
    expect(fleetPrice({ ...CONFIG, savingsPlanDiscount: 0.25 }, 'us-east-1').hourly).toBeCloseTo(0.0612, 12);
    const fargate = fleetPrice({ ...CONFIG, instance: 'fargate', fargate: { vcpu: 1, memoryGb: 2, architecture: 'x86_64' } }, 'us-east-1');
    expect(fargate.hourly).toBeCloseTo(0.04048 + 2 * 0.004445, 12);
    const notes: string[] = [];
    expect(fleetPrice({ ...CONFIG, instance: 'r8g.large', pricePerHour: 0.1 }, 'eu-west-1', notes).hourly).toBe(0.1);
    expect(notes).toEqual([]);
    fleetPrice(CONFIG, 'eu-west-1', notes);
    expect(notes).toEqual(['no instance prices for eu-west-1; us-east-1 prices used for the always-on alternative']);
  });
});

describe('the break-even solve', () => {
  // 1M requests of 100 ms at 1 GB in one hour: per month 720M requests ($144) and 72M GB-s ($1,200.0024).
  const usage: FunctionUsage = { name: 'f', architecture: 'x86_64', memoryMb: 1024, ephemeralStorageMb: 512, requests: 1_000_000, billedMs: 100_000_000 };
  const options = { region: 'us-east-1', freeTier: false };

  it('Lambda at m is linear without a free tier, and the free tier makes it start later', () => {
    const at = lambdaMonthlyAt(usage, options, 3_600_000);
    expect(at(1)).toBeCloseTo(144 + 72_000_000 * 0.0000166667, 6);
    expect(at(0.5)).toBeCloseTo(at(1) / 2, 6);
    const free = lambdaMonthlyAt(usage, { ...options, freeTier: true }, 3_600_000);
    expect(free(1)).toBeCloseTo((720 - 1) * 0.2 + (72_000_000 - 400_000) * 0.0000166667, 6);
    expect(free(0.0001)).toBe(0); // 72,000 requests and 7,200 GB-s: inside the free tier
  });

  it('finds the first multiple at which Lambda costs the fleet, inside the right step', () => {
    // Sized 40 at 4 per instance: 10 instances at 1x, $587.52; Lambda $1,344.0024 at 1x.
    const r = computeBreakEven(CONFIG, [{ usage, sizedConcurrency: 40, meanConcurrency: 30 }], options, 3_600_000);
    const f = r.functions[0];
    expect(f.instances).toBe(10);
    expect(f.alwaysOnPerMonth).toBeCloseTo(10 * 58.752, 9);
    // Steps of 0.1x (one instance each); in step k (m in ((k-1)/10, k/10]) the fleet is k x 58.752 and
    // Lambda 1,344.0024 m: it first reaches the fleet where 1,344.0024 m = 58.752 k with k = ceil(10 m),
    // i.e. m = 0.04371... in the first step (k = 1).
    expect(f.breakEvenMultiplier).toBeCloseTo(58.752 / 1344.0024, 9);
    expect(f.utilization).toBe(0.75);
  });

  it('says null when the fleet grows faster than Lambda', () => {
    const r = computeBreakEven({ ...CONFIG, concurrencyPerInstance: 0.01 }, [{ usage, sizedConcurrency: 40, meanConcurrency: 30 }], options, 3_600_000);
    expect(r.functions[0].breakEvenMultiplier).toBeNull();
    // 4,000 instances per 1x: no walk of every step; the linear bound proves it for the whole range.
    expect(r.functions[0].searchedUpTo).toBe(1000);
  });
});

describe('breakEven: in a scenario', () => {
  const base = ['name: b', 'duration: 1m', 'functions:', '  api: { duration: 10ms }'];

  it('reads percentiles and fills the defaults', () => {
    const s = parseScenarioText(yaml(...base, 'breakEven: { instance: c7g.large, concurrencyPerInstance: 4, sizeFor: p99.9 }'), 's.yaml');
    expect(s.breakEven).toEqual({ instance: 'c7g.large', concurrencyPerInstance: 4, sizeFor: 0.999, headroom: 0.2, minInstances: 1, savingsPlanDiscount: 0 });
  });

  it('refuses an unpriced instance (with a did-you-mean), fargate without a size, a bad percentile, an unknown function', () => {
    expect(errorOf(yaml(...base, 'breakEven: { instance: m7g.larg, concurrencyPerInstance: 4 }')).message).toMatch(/breakEven\.instance.*did you mean "m7g\.large"/);
    expect(errorOf(yaml(...base, 'breakEven: { instance: fargate, concurrencyPerInstance: 4 }')).message).toMatch(/breakEven\.fargate/);
    expect(errorOf(yaml(...base, 'breakEven: { instance: m7g.large, concurrencyPerInstance: 4, sizeFor: p100 }')).message).toMatch(/peak or a percentile/);
    expect(errorOf(yaml(...base, 'breakEven: { instance: m7g.large, concurrencyPerInstance: 4, functions: [apx] }')).message).toMatch(/breakEven\.functions\.0.*did you mean "api"/);
  });
});
