import { describe, expect, it } from 'vitest';
import { buildSummary, renderJson, renderSummaryJson, summarizeHistogram, withExpectations } from '../src/report/index.js';
import { Histogram, QUANTILE_RELATIVE_ERROR } from '../src/metrics/histogram.js';
import { ExactHistogram, LATENCY_US, checkout, sampleResults, SIMULATOR } from './helpers/report-fixtures.js';

const build = () => buildSummary(sampleResults(), { simulator: SIMULATOR, expectations: [] });

describe('buildSummary', () => {
  it('fills the header and the totals (costs and GB-s from the bill, rounded)', () => {
    const s = build();
    expect(s.scenario).toBe('checkout-flash-sale');
    expect(s.seed).toBe(42);
    expect(s.simulatedMs).toBe(7_200_000);
    expect(s.simulator).toEqual({ name: 'lambda-sim', version: '0.1.0' });
    expect(s.total).toEqual({
      requests: 1000,
      invocations: 950,
      errors: 10,
      throttles: 50,
      coldStarts: 19,
      gbSeconds: 80.75,
      cost: { requests: 0.00019, compute: 0.00134584, provisioned: 0, storage: 0, total: 0.00153584 },
      successes: 940,
      timeouts: 2,
      retries: 5,
      deadLettered: 0,
      dropped: 0,
      inFlightAtEnd: 0,
      coldStartRate: 0.02,
    });
  });

  it('converts a busy function to report units', () => {
    const f = build().functions.checkout;
    expect(f).toEqual({
      requests: 1000,
      invocations: 950,
      errors: 10,
      timeouts: 2,
      throttles: 50,
      coldStarts: 19,
      coldStartRate: 0.02,
      retries: 5,
      deadLettered: 0,
      dropped: 0,
      inFlightAtEnd: 0,
      concurrency: { max: 12, mean: 3.456789 },
      environments: { created: 14, reclaimed: 2, maxAlive: 12, meanAlive: 5.123457 },
      duration: { samples: 950, mean: 80, p50: 80, p90: 80, p99: 80, p999: 80, max: 80 },
      initDuration: { samples: 19, mean: 250, p50: 250, p90: 250, p99: 250, p999: 250, max: 250 },
      // Samples k*1000 + 123.5 us, k = 1..1000: nearest-rank p50 is k = 500; .5 us rounds up.
      latency: { samples: 1000, mean: 500.624, p50: 500.124, p90: 900.124, p99: 990.124, p999: 999.124, max: 1000.124 },
      billedDurationMs: 80_750,
      gbSeconds: 80.75,
      cost: { requests: 0.00019, compute: 0.00134584, provisioned: 0, storage: 0, total: 0.00153584 },
      successes: 940,
      throttleReasons: { account: 0, reserved: 30, scaling: 20, rate: 0 },
      runtime: 'nodejs20.x',
      architecture: 'x86_64',
      memorySize: 1024,
      ephemeralStorage: 512,
      wait: { samples: 0, mean: null, p50: null, p90: null, p99: null, p999: null, max: null },
      earlyThrottles: { count: 0, withinMs: 0, windowMs: 10_000 },
      outOfMemory: 0,
      memoryUsed: { samples: 0, mean: null, p50: null, p90: null, p99: null, max: null },
      stages: {
        requests: 0,
        meanMs: 0,
        tailFromMs: 0,
        tailRequests: 0,
        ...Object.fromEntries(['queueWait', 'serviceOverhead', 'init', 'execution', 'retryWait'].map((k) => [k, { meanMs: 0, p99Ms: 0, tailShare: 0 }])),
      },
    });
  });

  it('reports no samples and null statistics, never 0 or NaN, for a function that never ran (issue 11, point 9)', () => {
    const f = build().functions.idle;
    const zeros = { samples: 0, mean: null, p50: null, p90: null, p99: null, p999: null, max: null };
    expect(f.coldStartRate).toBe(0);
    expect(f.duration).toEqual(zeros);
    expect(f.initDuration).toEqual(zeros);
    expect(f.latency).toEqual(zeros);
    expect(renderSummaryJson(build())).not.toMatch(/NaN|Infinity/);
  });

  it('copies the prices used and merges the notes without duplicates', () => {
    const s = build();
    expect(s.billing.region).toBe('us-east-1');
    expect(s.billing.requestsPerMillion).toBe(0.2);
    expect(s.billing.x86_64.durationTiers).toEqual([
      { upToGbSeconds: 6_000_000_000, gbSecond: 0.0000166667 },
      { upToGbSeconds: null, gbSecond: 0.000015 },
    ]);
    expect(s.billing.arm64.provisionedGbSecond).toBe(0.0000033334);
    expect(s.notes).toEqual(['checkout: 2 timeouts', 'free tier not applied']);
  });

  it('leaves out queues and streams when there are none', () => {
    const s = build();
    expect('queues' in s).toBe(false);
    expect('streams' in s).toBe(false);
  });

  it('refuses impossible values instead of hiding them', () => {
    const nan = sampleResults();
    nan.functions[0].concurrencyMean = NaN;
    expect(() => buildSummary(nan, { simulator: SIMULATOR, expectations: [] })).toThrow(
      'report: checkout.concurrency.mean is NaN, expected a finite number',
    );
    const fractional = sampleResults();
    fractional.functions[1].requests = 0.5;
    expect(() => buildSummary(fractional, { simulator: SIMULATOR, expectations: [] })).toThrow('report: idle.requests is 0.5');
    const twice = sampleResults();
    twice.functions[1].name = 'checkout';
    expect(() => buildSummary(twice, { simulator: SIMULATOR, expectations: [] })).toThrow('two functions are named "checkout"');
  });
});

describe('summarizeHistogram', () => {
  it('works with the real streaming Histogram: mean and max exact, quantiles within 0.5%', () => {
    const h = new Histogram();
    for (const v of LATENCY_US) h.record(v);
    const s = summarizeHistogram(h, 'x');
    expect(s.mean).toBe(500.624);
    expect(s.max).toBe(1000.124);
    expect(Math.abs(s.p50! - 500.124) / 500.124).toBeLessThanOrEqual(0.005);
    expect(Math.abs(s.p99! - 990.124) / 990.124).toBeLessThanOrEqual(0.005);
  });

  it('clamps quantile estimates to the exact min and max', () => {
    const overshooting = Object.assign(new ExactHistogram([1000, 2000]), { quantile: () => 2500 });
    expect(summarizeHistogram(overshooting, 'x')).toEqual({ samples: 2, mean: 1.5, p50: 2, p90: 2, p99: 2, p999: 2, max: 2 });
    const undershooting = Object.assign(new ExactHistogram([1000, 2000]), { quantile: () => 10 });
    expect(summarizeHistogram(undershooting, 'x').p50).toBe(1);
  });
});

describe('summary.json', () => {
  it('lists keys in the contract order, extensions after', () => {
    const s = build();
    expect(Object.keys(s)).toEqual(['scenario', 'seed', 'simulatedMs', 'simulator', 'total', 'functions', 'expectations', 'billing', 'accuracy', 'notes']);
    expect(Object.keys(s.total)).toEqual([
      'requests', 'invocations', 'errors', 'throttles', 'coldStarts', 'gbSeconds', 'cost',
      'successes', 'timeouts', 'retries', 'deadLettered', 'dropped', 'inFlightAtEnd', 'coldStartRate',
    ]);
    expect(Object.keys(s.total.cost)).toEqual(['requests', 'compute', 'provisioned', 'storage', 'total']);
    expect(Object.keys(s.functions)).toEqual(['checkout', 'idle']);
    expect(Object.keys(s.functions.checkout)).toEqual([
      'requests', 'invocations', 'errors', 'timeouts', 'throttles', 'coldStarts', 'coldStartRate',
      'retries', 'deadLettered', 'dropped', 'inFlightAtEnd', 'concurrency', 'environments',
      'duration', 'initDuration', 'latency', 'billedDurationMs', 'gbSeconds', 'cost',
      'successes', 'throttleReasons', 'runtime', 'architecture', 'memorySize', 'ephemeralStorage', 'wait', 'earlyThrottles',
      'outOfMemory', 'memoryUsed', 'stages',
    ]);
    expect(Object.keys(s.functions.checkout.environments)).toEqual(['created', 'reclaimed', 'maxAlive', 'meanAlive']);
    expect(Object.keys(s.functions.checkout.latency)).toEqual(['samples', 'mean', 'p50', 'p90', 'p99', 'p999', 'max']);
  });

  it('keeps the expectations key in place when expectations are filled in', () => {
    const s = withExpectations(build(), [{ expr: 'a.b < 1', actual: null, ok: false, message: 'm' }, { expr: 'c.d < 1', actual: 0.5, ok: true }]);
    expect(Object.keys(s)).toEqual(['scenario', 'seed', 'simulatedMs', 'simulator', 'total', 'functions', 'expectations', 'billing', 'accuracy', 'notes']);
    expect(Object.keys(s.expectations[0])).toEqual(['expr', 'actual', 'ok', 'message']);
    expect(Object.keys(s.expectations[1])).toEqual(['expr', 'actual', 'ok']);
  });

  it('prints 2-space indented JSON with a trailing newline, like JSON.stringify but without exponents', () => {
    const s = build();
    const text = renderSummaryJson(s);
    // The only number JSON.stringify writes with an exponent here is the storage price.
    expect(text).toBe(JSON.stringify(s, null, 2).replace('"ephemeralGbSecond": 3.09e-8', '"ephemeralGbSecond": 0.0000000309') + '\n');
    expect(text).toContain('"ephemeralGbSecond": 0.0000000309,');
    expect(text.startsWith('{\n  "scenario": "checkout-flash-sale",\n  "seed": 42,\n  "simulatedMs": 7200000,\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(s);
  });

  it('writes small numbers without exponents and reads back the same values', () => {
    const value = { cost: 1.5e-7, list: [1e-8, 'x', true, null], empty: {}, none: [], skipped: undefined };
    const text = renderJson(value);
    expect(text).toBe(
      '{\n  "cost": 0.00000015,\n  "list": [\n    0.00000001,\n    "x",\n    true,\n    null\n  ],\n  "empty": {},\n  "none": []\n}',
    );
    expect(JSON.parse(text)).toEqual({ cost: 1.5e-7, list: [1e-8, 'x', true, null], empty: {}, none: [] });
  });

  it('gives byte-identical output for the same Results twice', () => {
    expect(renderSummaryJson(build())).toBe(renderSummaryJson(build()));
  });

  it('changes when a result changes (the comparison above can fail)', () => {
    const other = sampleResults();
    other.functions[0] = { ...checkout(), coldStarts: 20 };
    expect(renderSummaryJson(buildSummary(other, { simulator: SIMULATOR, expectations: [] }))).not.toBe(renderSummaryJson(build()));
  });
});

describe('summary.json states the accuracy of its quantiles (issue 11, point 3)', () => {
  it('keeps full values and says they are within 0.5%, the histogram\'s bound', () => {
    const s = build();
    expect(s.accuracy.quantileRelativeError).toBe(0.005);
    expect(s.accuracy.quantileRelativeError).toBe(QUANTILE_RELATIVE_ERROR);
    expect(s.accuracy.note).toMatch(/within 0.5% of the true quantile/);
    const json = renderSummaryJson(s);
    expect(json).toContain('"quantileRelativeError": 0.005');
    // Full values stay in the JSON (3 decimals of ms), only the people's files round to 3 figures.
    expect(JSON.parse(json).functions.checkout.latency.p99).toBe(s.functions.checkout.latency.p99);
    expect(Object.keys(s).slice(-3)).toStrictEqual(['billing', 'accuracy', 'notes']);
  });

});
