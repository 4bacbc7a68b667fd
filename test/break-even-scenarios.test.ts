/**
 * The two example scenarios of issue 17's break-even, their numbers derived by hand from the
 * scenario text and the price tables (us-east-1: Lambda $0.20 per 1M requests and
 * $0.0000166667 per GB-s, no free tier by default; m7g.large $0.0816 per hour; 30-day month = 720 h).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundCents } from '../src/billing/index.js';
import { loadScenario } from '../src/scenario/load.js';
import { simulate } from '../src/model/simulate.js';
import { buildReports } from '../src/report/index.js';
import { ROOT } from './helpers/cli.js';

function summaryOf(file: string) {
  const results = simulate(loadScenario(path.join(ROOT, 'scenarios', file)));
  return buildReports(results, { simulator: { name: 'lambda-sim', version: 'test' }, expect: [] }).summary;
}

const M7G_LARGE_MONTH = 0.0816 * 720; // $58.752 per instance and month

describe('break-even: a steady API where always-on wins', () => {
  const s = summaryOf('break-even-steady-api.yaml');
  const b = s.breakEven!;
  const api = b.functions.api;

  it('Lambda: 100 req/s for 30 days, 100 ms at 1 GB, warm (the warm-up takes the INITs)', () => {
    const requests = 100 * 86_400 * 30; // 259,200,000
    const gbSeconds = requests * 0.1 * 1; // 25,920,000
    const lambda = (requests / 1e6) * 0.2 + gbSeconds * 0.0000166667; // 51.84 + 432.000864
    expect(roundCents(api.lambdaPerMonth)).toBe(483.84);
    expect(api.lambdaPerMonth).toBeCloseTo(lambda, 6);
  });

  it('fleet: p99 concurrency 10 (Little: 100/s x 0.1 s), +20% = 12, over 8 per instance = 2 m7g.large', () => {
    expect(api.sizedConcurrency).toBe(10);
    expect(api.meanConcurrency).toBe(10);
    expect(api.instances).toBe(2);
    expect(roundCents(api.alwaysOnPerMonth)).toBe(117.5);
    expect(api.alwaysOnPerMonth).toBeCloseTo(2 * M7G_LARGE_MONTH, 8);
    expect(api.utilization).toBe(0.625); // 10 / (2 x 8)
    expect(api.cheaper).toBe('always-on');
  });

  it('break-even in closed form: 2 instances cover up to 1.33x, and Lambda reaches $117.504 at 117.504 / 483.840864 x', () => {
    expect(b.method).toBe('closed-form');
    expect(api.breakEvenMultiplier).toBeCloseTo(117.504 / 483.840864, 6);
    expect(roundCents(api.lambdaAtBreakEven!)).toBe(117.5);
    expect(roundCents(api.alwaysOnAtBreakEven!)).toBe(117.5);
    // The curve: at 2x, 2 x 10 x 1.2 / 8 = 3 instances.
    const last = api.curve[api.curve.length - 1];
    expect(last.multiplier).toBe(2);
    expect(last.alwaysOn).toBeCloseTo(3 * M7G_LARGE_MONTH, 6);
  });
});

describe('break-even: a spiky webhook receiver where Lambda wins', () => {
  const s = summaryOf('break-even-spiky-webhooks.yaml');
  const wh = s.breakEven!.functions.webhook;

  it('Lambda: 800 cold invocations an hour, billed 1,250 ms (INIT billed) at 0.5 GB, 720 hours', () => {
    const requests = 800 * 720; // 576,000
    const gbSeconds = 800 * 1.25 * 0.5 * 720; // 360,000
    expect(roundCents((requests / 1e6) * 0.2)).toBe(0.12);
    expect(roundCents(gbSeconds * 0.0000166667)).toBe(6);
    expect(roundCents(wh.lambdaPerMonth)).toBe(6.12);
    expect(wh.lambdaPerMonth).toBeCloseTo((requests / 1e6) * 0.2 + gbSeconds * 0.0000166667, 8);
  });

  it('fleet: the peak of 800 concurrent, +20% = 960, over 8 = 120 instances; almost always idle', () => {
    expect(wh.sizedConcurrency).toBe(800);
    expect(wh.instances).toBe(120);
    expect(roundCents(wh.alwaysOnPerMonth)).toBe(7050.24);
    // Mean concurrency: 800 x 1.25 s over 3,600 s.
    expect(wh.meanConcurrency).toBeCloseTo((800 * 1.25) / 3600, 6);
    expect(wh.utilization).toBeCloseTo((800 * 1.25) / 3600 / 960, 6);
    expect(wh.cheaper).toBe('lambda');
  });

  it('no break-even: per unit of traffic the fleet grows by 120 x $58.752, Lambda by $6.12', () => {
    expect(wh.breakEvenMultiplier).toBeNull();
    expect(wh.searchedUpTo).toBe(1000);
  });
});
