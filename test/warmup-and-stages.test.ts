/**
 * Issue 11, points 1 and 2: a warm-up excluded from every number, a warm start (`prewarm`), the
 * early-throttle warning, and latency reported per stage (wait + INIT + duration = end to end).
 * Every scenario here is deterministic (constant arrivals and durations), so the numbers are derived.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { buildSummary } from '../src/report/index.js';
import { FunctionStats } from '../src/model/function-stats.js';
import { ThrottleReason } from '../src/model/observer.js';
import { runSweep } from '../src/whatif/sweep.js';
import { inlineExecutor } from '../src/whatif/execute.js';
import { parseVary } from '../src/whatif/grid.js';
import { simulate } from './helpers/simulate.js';
import { errorOf } from './helpers/scenario-error.js';
import { DETERMINISTIC } from './helpers/whatif-fixtures.js';

const simulator = { name: 'lambda-sim', version: 'test' };
const run = (text: string) => simulate(parseScenarioText(text, 'test.yaml'));
const summaryOf = (text: string) => buildSummary(run(text), { simulator, expectations: [] });

/** 100 requests/s of a 100 ms function: 10 busy environments in steady state. */
const STEADY = (extra: string, fnExtra = '') => `name: steady
duration: 10m
${extra}
billing: { granularity: 1ms, billInit: true }
functions:
  api:
    duration: 100ms
    init: 500ms
${fnExtra}
workloads:
  - function: api
    arrivals: { process: constant, rate: 100/s }
`;

describe('latency stages (issue 11, point 2)', () => {
  it('an SQS worker: wait = the batching window, latency = wait + INIT + duration', () => {
    // One message every 10 s, batches of 10 with a 2 s window: each message waits the full window
    // alone, then runs 300 ms. Only the first invocation is cold (INIT 1 s; keep-alive 10 minutes).
    const s = summaryOf(`name: sqs-stages
duration: 10m
functions:
  worker:
    duration: 300ms
    init: 1s
    keepAlive: 10m
queues:
  jobs: {}
eventSourceMappings:
  - source: jobs
    function: worker
    batchSize: 10
    maximumBatchingWindow: 2s
workloads:
  - queue: jobs
    arrivals: { process: constant, rate: 0.1/s }
`);
    const w = s.functions.worker;
    // Messages at 0, 10, ..., 590 s; the last one sent at 590 s ends at 592.3 s.
    expect(w.invocations).toBe(60);
    expect(w.wait).toMatchObject({ samples: 60, mean: 2000, p50: 2000, max: 2000 });
    expect(w.duration).toMatchObject({ samples: 60, mean: 300, max: 300 });
    expect(w.initDuration).toMatchObject({ samples: 1, mean: 1000 });
    // 59 answers of 2.3 s and one of 3.3 s.
    expect(w.latency.max).toBe(3300);
    expect(w.latency.p50).toBe(2300);
    expect(w.latency.mean).toBeCloseTo(2000 + 300 + 1000 / 60, 3);
    // The queue's own view: send to deletion, the same stages for a batch of one.
    expect(s.queues!.jobs.latency.mean).toBeCloseTo(w.latency.mean!, 3);
  });

  it('a plain synchronous request waits 0 ms', () => {
    const f = summaryOf(STEADY('')).functions.api;
    expect(f.wait.max).toBe(0);
    expect(f.latency.mean).toBeCloseTo(f.duration.mean! + (f.initDuration.mean! * f.initDuration.samples) / f.latency.samples, 3);
  });

  it('an expect line can name the wait, printed as a duration', () => {
    const scenario = parseScenarioText(STEADY('expect:\n  - api.wait.p99 < 1ms'), 'test.yaml');
    expect(scenario.expect[0].metric).toBe('api.wait.p99');
    expect(() => parseScenarioText(STEADY('expect:\n  - api.wait.p99 < 0.45'), 'test.yaml')).toThrow(/unit/);
  });
});

describe('warm-up (issue 11, point 1)', () => {
  it('counts only the measured period, keeps conservation, and bills it', () => {
    const results = run(STEADY('warmup: 1m'));
    const s = buildSummary(results, { simulator, expectations: [] });
    expect(s.warmupMs).toBe(60_000);
    expect(s.measuredMs).toBe(540_000);
    const f = s.functions.api;
    // Arrivals at 60.00 s .. 599.99 s, every 10 ms: 54,000. The one arriving at exactly 60 s is measured.
    expect(f.requests).toBe(54_000);
    // Arrivals at 59.90 .. 59.99 s were running when the warm-up ended (it runs first at 60 s, before
    // the end of the 59.90 s one): 10, the steady concurrency.
    expect(f.inFlightAtStart).toBe(10);
    expect(f.coldStarts).toBe(0);
    expect(f.initDuration.samples).toBe(0);
    expect(f.requests + f.inFlightAtStart!).toBe(f.successes + f.errors + f.throttles + f.inFlightAtEnd);
    expect(f.concurrency.mean).toBeCloseTo(10, 2);
    expect(f.environments.created).toBe(0);
    // 100 ms of 128 MB (the default) per invocation, nothing else billed in the measured period.
    expect(f.billedDurationMs).toBe(f.invocations * 100);
    expect(f.gbSeconds).toBeCloseTo(f.invocations * 0.1 * (128 / 1024), 6);
    // The month repeats the 9 measured minutes.
    expect(s.billing.perMonth!.periodRepeats).toBeCloseTo((30 * 24 * 60) / 9, 6);
  });

  it('keeps every conservation identity for async events, queues and streams', () => {
    const results = run(`name: sources
duration: 5m
warmup: 90s
functions:
  thumb: { duration: 2s, reservedConcurrency: 5, errorRate: 0.1 }
  worker: { duration: 400ms, errorRate: 0.05 }
  reader: { duration: 200ms }
queues:
  jobs: { visibilityTimeout: 30s }
streams:
  clicks: { shards: 2 }
eventSourceMappings:
  - { source: jobs, function: worker, batchSize: 5 }
  - { source: clicks, function: reader, batchSize: 50 }
workloads:
  - { function: thumb, invocation: async, arrivals: { process: poisson, rate: 5/s } }
  - { queue: jobs, arrivals: { process: poisson, rate: 40/s } }
  - { stream: clicks, arrivals: { process: poisson, rate: 200/s } }
`);
    // simulate() above already checked every identity; the stocks are there to make them hold.
    expect(results.functions[0].async!.pendingAtStart).toBeGreaterThan(0);
    expect(results.queues![0].visibleAtStart! + results.queues![0].inFlightAtStart!).toBeGreaterThan(0);
    expect(results.streams![0].pendingAtStart).toBeGreaterThanOrEqual(0);
  });

  it('refuses a warm-up as long as the run', () => {
    expect(errorOf(STEADY('warmup: 10m')).format()).toMatch(/warmup: expected a warm-up shorter than the duration \(10m\)/);
  });

  it('is taken by the what-if engine, being part of the scenario', async () => {
    const text = DETERMINISTIC.replace('duration: 10m', 'duration: 10m\nwarmup: 1m');
    const result = await runSweep(
      {
        source: { text, baseDir: '.', fileName: 'det.yaml' },
        overrides: [],
        dimensions: [parseVary('functions.api.memorySize=1024')],
        replications: 2,
        pick: 'cheapest',
        simulator,
      },
      inlineExecutor,
    );
    const total = result.points[0].result.entries.find((e) => e.name === 'total')!.metrics;
    const direct = summaryOf(text);
    expect(total.cost!.mean).toBeCloseTo(direct.total.cost.total, 8);
    // Priced for the month from the 9 measured minutes.
    expect(total.costPerMonth!.mean).toBeCloseTo((direct.total.cost.total * 30 * 24 * 60) / 9, 3);
  });
});

describe('warm start: prewarm (issue 11, point 1)', () => {
  it('auto creates the first minute\'s concurrency idle at time 0: no cold start, no INIT billed', () => {
    const f = summaryOf(STEADY('', '    prewarm: auto')).functions.api;
    // 100/s x 100 ms = 10 environments.
    expect(f.environments.prewarmed).toBe(10);
    expect(f.coldStarts).toBe(0);
    expect(f.billedDurationMs).toBe(f.invocations * 100);
  });

  it('a number is capped by the reservation, and starts cold beyond it', () => {
    const cold = summaryOf(STEADY('')).functions.api;
    const f = summaryOf(STEADY('', '    prewarm: 50\n    reservedConcurrency: 4')).functions.api;
    expect(f.environments.prewarmed).toBe(4);
    expect(cold.coldStarts).toBeGreaterThan(0);
    expect(() => parseScenarioText(STEADY('', '    prewarm: some'), 'test.yaml')).toThrow(/functions\.api\.prewarm: expected/);
  });
});

describe('early throttles', () => {
  it('are counted in ten buckets of the first 10 s (or 5%) of the measured period', () => {
    const stats = new FunctionStats(3_600_000_000);
    for (const at of [500_000, 2_500_000, 2_900_000, 20_000_000]) stats.throttled(ThrottleReason.Account, at);
    expect(stats.earlyThrottles()).toEqual({ count: 3, withinUs: 3_000_000, windowUs: 10_000_000 });
    // A 60 s run: the window is its first 5%, 3 s, in buckets of 300 ms.
    expect(new FunctionStats(60_000_000).earlyThrottles().windowUs).toBe(3_000_000);
  });

  it('are measured from the end of the warm-up', () => {
    const stats = new FunctionStats(3_600_000_000);
    stats.throttled(ThrottleReason.Account, 1_000);
    stats.warmupEnded(120_000_000);
    stats.throttled(ThrottleReason.Scaling, 121_500_000);
    expect(stats.earlyThrottles()).toEqual({ count: 1, withinUs: 2_000_000, windowUs: 10_000_000 });
    expect(stats.throttles).toBe(1);
  });
});
