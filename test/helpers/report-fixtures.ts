/**
 * Hand-built Results for the report tests: every number is chosen so the expected report values
 * can be worked out on paper (see the comments next to them).
 */
import { Histogram } from '../../src/metrics/histogram.js';
import { MemoryUse } from '../../src/model/memory-use.js';
import { StageStats } from '../../src/model/stages.js';
import type { FunctionResults, Results } from '../../src/model/results.js';
import type { PriceTable } from '../../src/billing/types.js';

/**
 * A histogram with exact nearest-rank quantiles over the stored values (the real one is within
 * 0.5%), so tests can pin the report's us -> ms conversion and rounding to exact numbers.
 */
export class ExactHistogram {
  private readonly values: number[];
  constructor(values: number[]) {
    this.values = [...values].sort((a, b) => a - b);
  }
  get count(): number {
    return this.values.length;
  }
  get sum(): number {
    return this.values.reduce((a, b) => a + b, 0);
  }
  get min(): number {
    return this.values.length === 0 ? 0 : this.values[0];
  }
  get max(): number {
    return this.values.length === 0 ? 0 : this.values[this.values.length - 1];
  }
  mean(): number {
    return this.values.length === 0 ? 0 : this.sum / this.values.length;
  }
  quantile(q: number): number {
    if (this.values.length === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.values.length));
    return this.values[rank - 1];
  }
  record(v: number): void {
    this.values.push(v);
    this.values.sort((a, b) => a - b);
  }
}

/** An ExactHistogram typed as the real class (which has private members, so a cast is needed). */
export function exact(values: number[]): Histogram {
  return new ExactHistogram(values) as unknown as Histogram;
}

/** A real Histogram holding `count` copies of `value` (quantiles are then exact: clamped to min = max). */
export function constant(value: number, count: number): Histogram {
  const h = new Histogram();
  for (let i = 0; i < count; i++) h.record(value);
  return h;
}

/** Latency samples i * 1000 + 123.5 us for i = 1..1000: nearest-rank p50 is 500123.5 us -> 500.124 ms (half up). */
export const LATENCY_US = Array.from({ length: 1000 }, (_, k) => (k + 1) * 1000 + 123.5);

export const PRICES: PriceTable = {
  region: 'us-east-1',
  source: 'https://aws.amazon.com/lambda/pricing/ (test copy)',
  requestsPerMillion: 0.2,
  ephemeralGbSecond: 0.0000000309,
  freeTierRequests: 1_000_000,
  freeTierGbSeconds: 400_000,
  x86_64: {
    durationTiers: [
      { upToGbSeconds: 6_000_000_000, gbSecond: 0.0000166667 },
      { upToGbSeconds: null, gbSecond: 0.000015 },
    ],
    provisionedGbSecond: 0.0000041667,
    provisionedDurationGbSecond: 0.0000097222,
  },
  arm64: {
    durationTiers: [{ upToGbSeconds: null, gbSecond: 0.0000133334 }],
    provisionedGbSecond: 0.0000033334,
    provisionedDurationGbSecond: 0.0000077778,
  },
};

/** A busy function: 1000 requests = 940 successes + 10 errors + 50 throttles. */
export function checkout(): FunctionResults {
  return {
    name: 'checkout',
    runtime: 'nodejs20.x',
    architecture: 'x86_64',
    memorySize: 1024,
    ephemeralStorage: 512,
    requests: 1000,
    invocations: 950,
    successes: 940,
    errors: 10,
    timeouts: 2,
    throttles: 50,
    throttleReasons: { account: 0, reserved: 30, scaling: 20, rate: 0 },
    coldStarts: 19, // 19 / 950 = 0.02
    retries: 5,
    deadLettered: 0,
    dropped: 0,
    inFlightAtEnd: 0,
    concurrencyMax: 12,
    concurrencyMean: 3.4567891, // -> 3.456789
    environmentsCreated: 14,
    environmentsReclaimed: 2,
    environmentsMaxAlive: 12,
    environmentsMeanAlive: 5.1234567, // -> 5.123457 (half up)
    duration: constant(80_000, 950), // 80 ms each
    initDuration: constant(250_000, 19), // 250 ms each
    latency: exact(LATENCY_US),
    wait: new Histogram(),
    outOfMemory: 0,
    memoryUsed: new MemoryUse(1024),
    stages: new StageStats().summary(),
    earlyThrottles: { count: 0, withinUs: 0, windowUs: 10_000_000 },
    billedDurationMs: 80_750, // 950 x 80 + 19 x 250
    gbSeconds: 80.75, // 1 GB x 80.75 s
    cost: {
      requests: 0.00019, // 950 x 0.2 / 1e6
      compute: 0.001345836025, // 80.75 x 0.0000166667 -> 0.00134584
      provisioned: 0,
      storage: 0,
      total: 0.001535836025, // -> 0.00153584
    },
  };
}

/** A function that never ran: empty histograms, every count 0. */
export function idle(): FunctionResults {
  return {
    name: 'idle',
    runtime: 'python3.12',
    architecture: 'arm64',
    memorySize: 128,
    ephemeralStorage: 512,
    requests: 0,
    invocations: 0,
    successes: 0,
    errors: 0,
    timeouts: 0,
    throttles: 0,
    throttleReasons: { account: 0, reserved: 0, scaling: 0, rate: 0 },
    coldStarts: 0,
    retries: 0,
    deadLettered: 0,
    dropped: 0,
    inFlightAtEnd: 0,
    concurrencyMax: 0,
    concurrencyMean: 0,
    environmentsCreated: 0,
    environmentsReclaimed: 0,
    environmentsMaxAlive: 0,
    environmentsMeanAlive: 0,
    duration: new Histogram(),
    initDuration: new Histogram(),
    latency: new Histogram(),
    wait: new Histogram(),
    outOfMemory: 0,
    memoryUsed: new MemoryUse(1024),
    stages: new StageStats().summary(),
    earlyThrottles: { count: 0, withinUs: 0, windowUs: 10_000_000 },
    billedDurationMs: 0,
    gbSeconds: 0,
    cost: { requests: 0, compute: 0, provisioned: 0, storage: 0, total: 0 },
  };
}

/** Two hours of checkout + idle, with a note from the model and one (repeated) from the bill. */
export function sampleResults(): Results {
  const fns = [checkout(), idle()];
  return {
    name: 'checkout-flash-sale',
    seed: 42,
    simulatedUs: 7_200_000_000,
    warmupUs: 0,
    functions: fns,
    bill: {
      region: 'us-east-1',
      prices: PRICES,
      functions: fns.map((f) => ({ name: f.name, gbSeconds: f.gbSeconds, provisionedDurationGbSeconds: 0, provisionedGbSeconds: 0, cost: f.cost })),
      total: { requests: 0.00019, compute: 0.001345836025, provisioned: 0, storage: 0, total: 0.001535836025, gbSeconds: 80.75 },
      notes: ['free tier not applied', 'free tier not applied'],
    },
    eventsProcessed: 12345,
    notes: ['checkout: 2 timeouts'],
  };
}

/** The simulator identity used in every report test. */
export const SIMULATOR = { name: 'lambda-sim', version: '0.1.0' };
