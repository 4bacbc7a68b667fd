/**
 * Issue 11, point 8: `cost.perMonth`, the simulated period repeated over 30 days with the free tier
 * applied once to the month. Checked against a case computed by hand from
 * https://aws.amazon.com/lambda/pricing/ (us-east-1 x86: $0.20 per 1M requests, $0.0000166667 per
 * GB-s for the first 6 B GB-s a month; free tier 1M requests and 400,000 GB-s a month).
 */
import { describe, expect, it } from 'vitest';
import { computeBill, projectMonth, roundCents, type FunctionUsage } from '../src/billing/index.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { simulate } from '../src/model/simulate.js';
import { buildReports } from '../src/report/index.js';

/** One hour: 100,000 requests of 100 ms billed at 1024 MB = 10,000 GB-s. */
const api: FunctionUsage = { name: 'api', architecture: 'x86_64', memoryMb: 1024, ephemeralStorageMb: 512, requests: 100_000, billedMs: 100_000 * 100 };
const HOUR_MS = 3_600_000;

describe('the monthly projection', () => {
  it('repeats an hour 720 times and applies the free tier once, to the month: $127.53', () => {
    // Month: 72,000,000 requests - 1,000,000 free = 71,000,000 x $0.20 / 1M = $14.20;
    // 7,200,000 GB-s - 400,000 free = 6,800,000 x $0.0000166667 = $113.33356. Total $127.53356.
    const month = projectMonth([api], { region: 'us-east-1', freeTier: true }, HOUR_MS);
    expect(month.repeats).toBe(720);
    expect(roundCents(month.total)).toBe(127.53);
    expect(month.total).toBeCloseTo(127.53356, 8);
    expect(month.functions).toHaveLength(1);
    expect(month.functions[0]).toBeCloseTo(month.total, 10);
  });

  it('is not the period cost x 720: the free tier covers the whole hour, not 720 hours', () => {
    const hour = computeBill([api], { region: 'us-east-1', freeTier: true });
    expect(hour.total.total).toBe(0);
    expect(computeBill([api], { region: 'us-east-1', freeTier: true, periodMs: HOUR_MS }).perMonth?.total).toBeCloseTo(127.53356, 8);
  });

  it('without the free tier is the period cost x 720: $134.40', () => {
    // 72 x $0.20 = $14.40; 7,200,000 x $0.0000166667 = $120.00024.
    const bill = computeBill([api], { region: 'us-east-1', freeTier: false, periodMs: HOUR_MS });
    expect(roundCents(bill.perMonth!.total)).toBe(134.4);
    expect(bill.perMonth!.total).toBeCloseTo(bill.total.total * 720, 8);
    expect(bill.perMonth!.freeTier).toBe(false);
  });

  it('shares the month among functions so they add up to the total', () => {
    const jobs: FunctionUsage = { ...api, name: 'jobs', architecture: 'arm64', memoryMb: 2048, requests: 5_000 };
    const month = projectMonth([api, jobs], { region: 'us-east-1', freeTier: true }, 86_400_000);
    expect(month.repeats).toBe(30);
    expect(month.functions[0] + month.functions[1]).toBeCloseTo(month.total, 8);
  });

  it('refuses a period that is not positive', () => {
    expect(() => projectMonth([api], { region: 'us-east-1', freeTier: true }, 0)).toThrow(RangeError);
  });
});

describe('cost.perMonth in the reports and in expect:', () => {
  const text = [
    'name: month',
    'duration: 10m',
    'billing: { freeTier: true }',
    'functions:',
    '  api: { duration: 100ms, memorySize: 1024 }',
    'workloads:',
    '  - { function: api, arrivals: { process: constant, rate: 10/s } }',
    'expect:',
    '  - total.cost.perMonth < 500 USD',
    '  - api.cost.perMonth < 1 USD',
  ].join('\n');
  const scenario = parseScenarioText(text + '\n', 'month.yaml');
  const built = buildReports(simulate(scenario), { simulator: { name: 'lambda-sim', version: 'test' }, expect: scenario.expect });

  it('is in summary.json per function and in total, with its assumption', () => {
    const s = built.summary;
    // The 10 minutes billed 5,999 requests (one still in flight) and 600,296 ms at 1 GB (three INITs billed, 396 ms).
    expect([s.functions.api.invocations, s.functions.api.billedDurationMs]).toStrictEqual([5999, 600296]);
    // Month (x 4,320): 25,915,680 requests - 1M free = 24,915,680 x $0.20/1M = $4.983136;
    // 600.296 GB-s x 4,320 = 2,593,278.72 - 400,000 free = 2,193,278.72 x $0.0000166667 = $36.5547184426.
    // Total $41.5378544426 -> $41.54.
    expect(s.functions.api.cost.perMonth).toBe(41.53785444);
    expect(s.total.cost.perMonth).toBe(41.53785444);
    expect(roundCents(s.total.cost.perMonth!)).toBe(41.54);
    expect(s.billing.perMonth).toStrictEqual({
      days: 30,
      periodRepeats: 4320,
      freeTier: true,
      assumption: "the simulated period repeated over 30 days, the monthly free tier (1000000 requests, 400000 GB-s) applied once to the month, duration tiers applied to the month's GB-s",
    });
  });

  it('can be checked by expect: lines', () => {
    expect(built.expectations.map((e) => [e.expr, e.actual, e.ok])).toStrictEqual([
      ['total.cost.perMonth < 500 USD', 41.53785444, true],
      ['api.cost.perMonth < 1 USD', 41.53785444, false],
    ]);
    expect(built.contents.summary).toContain('ok      total.cost.perMonth < 500 USD  actual 41.54 USD');
  });

  it('is printed beside the period cost, with the assumption, in summary.txt and summary.md', () => {
    expect(built.contents.summary).toMatch(/cost USD {2}USD\/month/);
    expect(built.contents.summary).toContain('USD/month: the simulated 10m repeated over 30 days, free tier applied once per month');
    expect(built.contents.markdown).toContain('| USD/month |');
    expect(built.contents.markdown).toContain('- USD/month: the simulated 10m repeated over 30 days, free tier applied once per month');
  });
});

describe('provisioned concurrency in the monthly projection', () => {
  // A level that is on all run stays on all month: 200 x 1 GB x 2,592,000 s x $0.0000041667 per GB-s
  // (us-east-1 x86, https://aws.amazon.com/lambda/pricing/) = $2,160.01728, whatever the simulated
  // period. The 5-minute rounding is for a level that is switched off; rounding the level still on at
  // the end of every repeated period billed a 6-minute run for 50 days a month ($3,600).
  const month = (duration: string) => {
    const text = [
      'name: pc-month',
      `duration: ${duration}`,
      'functions:',
      '  api: { duration: 100ms, memorySize: 1024, provisionedConcurrency: 200 }',
      'workloads:',
      '  - { function: api, arrivals: { process: constant, rate: 1/s } }',
    ].join('\n');
    const scenario = parseScenarioText(text + '\n', 'pc-month.yaml');
    const results = simulate(scenario);
    return buildReports(results, { simulator: { name: 'lambda-sim', version: 'test' }, expect: scenario.expect }).summary;
  };

  it.each(['5m', '6m', '9m', '1h'])('bills a level on all run as on all month (2,160.02 USD), over %s', (duration) => {
    const summary = month(duration);
    const capacity = 200 * 2_592_000 * 0.0000041667;
    expect(capacity).toBeCloseTo(2160.01728, 6);
    // The rest of the month is the 1/s traffic on PC: 2,592,000 requests x $0.20/1M and 259,200 GB-s at the on-PC duration rate.
    const traffic = 2_592_000 * 0.2e-6 + 2_592_000 * 0.1 * 0.0000097222;
    expect(summary.total.cost.perMonth!).toBeCloseTo(capacity + traffic, 0);
  });

  it('still rounds the period itself: 6 minutes on bill 10', () => {
    const f = month('6m').functions.api;
    expect(JSON.stringify(f.provisionedConcurrency)).toContain('"billedEnvironmentSeconds":120000');
  });
});

describe('every GB-s total means one thing (issue 11, point 9)', () => {
  it('gbSeconds is on demand only; provisionedConcurrency.durationGbSeconds holds the rest of billedDurationMs', () => {
    const text = [
      'name: pc',
      'duration: 2m',
      'functions:',
      '  api: { duration: 100ms, memorySize: 2048, provisionedConcurrency: 3 }',
      'workloads:',
      '  - { function: api, arrivals: { process: constant, rate: 50/s } }',
    ].join('\n');
    const s = buildReports(simulate(parseScenarioText(text + '\n', 'pc.yaml')), { simulator: { name: 'lambda-sim', version: 'test' }, expect: [] }).summary;
    const f = s.functions.api;
    const pc = f.provisionedConcurrency!;
    expect(pc.durationGbSeconds).toBeGreaterThan(0);
    expect(f.gbSeconds).toBeGreaterThan(0);
    // All billed ms at 2 GB = on-demand GB-s + on-PC GB-s.
    expect(f.gbSeconds + pc.durationGbSeconds).toBeCloseTo((f.billedDurationMs / 1000) * 2, 5);
    expect(pc.durationGbSeconds).toBeCloseTo((pc.billedDurationMs / 1000) * 2, 5);
    expect(s.total.provisionedDurationGbSeconds).toBe(pc.durationGbSeconds);
  });

  it('a function whose every call was throttled reports its latency as absent, with 0 samples', () => {
    const text = [
      'name: throttled',
      'duration: 10s',
      'functions:',
      '  api: { duration: 100ms, reservedConcurrency: 0 }',
      'workloads:',
      '  - { function: api, arrivals: { process: constant, rate: 5/s } }',
    ].join('\n');
    const built = buildReports(simulate(parseScenarioText(text + '\n', 't.yaml')), { simulator: { name: 'lambda-sim', version: 'test' }, expect: [] });
    const f = built.summary.functions.api;
    expect(f.throttles).toBe(f.requests);
    expect(f.latency).toStrictEqual({ samples: 0, mean: null, p50: null, p90: null, p99: null, p999: null, max: null });
    expect(built.contents.json).toContain('"p99": null');
  });
});

describe('the level still on at the end', () => {
  it('is unrounded for the month only while it is really on: one switched off exactly at the end is rounded', async () => {
    const { provisionedConcurrencyMs } = await import('../src/model/provisioned.js');
    const endUs = 6 * 60e6;
    const on = [{ at: 0, value: 10 }];
    expect(provisionedConcurrencyMs(on, endUs, 0, 'unrounded')).toBe(10 * 360_000);
    expect(provisionedConcurrencyMs(on, endUs, 0, 'rounded')).toBe(10 * 600_000);
    const offAtEnd = [{ at: 0, value: 10 }, { at: endUs, value: 0 }];
    expect(provisionedConcurrencyMs(offAtEnd, endUs, 0, 'unrounded')).toBe(10 * 600_000);
  });
});
