/**
 * Chains (src/model/chain.ts): async destinations that invoke a function or publish to a topic,
 * checked against derived numbers: conservation along the chain, the on-failure share after
 * Lambda's retries (n * e^3), and the pipeline latency of a deterministic chain (the exact sum of
 * its stages).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { ASYNC_DEFAULTS, fn, MIN, MS, S, scenario } from './helpers/model-input.js';
import type { AsyncConfigInput, WorkloadInput } from '../src/model/input.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { simulate as simulateScenario } from '../src/model/simulate.js';
import { yaml } from './helpers/scenario-error.js';
import { buildReports } from '../src/report/index.js';

const asyncTo = (fnName: string, rate: number, end: number): WorkloadInput => ({
  name: `${fnName}-events`,
  function: fnName,
  invocation: 'async',
  start: 0,
  end,
  arrivals: { process: 'poisson', rate },
});
const cfg = (c: Partial<AsyncConfigInput>): AsyncConfigInput => ({ ...ASYNC_DEFAULTS, ...c });
const byName = (r: ReturnType<typeof simulate>, name: string) => r.functions.find((f) => f.name === name)!;

describe('chains of async destinations', () => {
  it('turns every success of A into exactly one event of B, and every failure after retries into one of F (about n e^3)', () => {
    const e = 0.3;
    const r = simulate(
      scenario({
        duration: 30 * MIN,
        functions: {
          a: fn({ errorRate: e, asyncConfig: cfg({ onSuccess: { kind: 'function', name: 'b' }, onFailure: { kind: 'function', name: 'f' } }) }),
          b: fn(),
          f: fn(),
        },
        // Events stop at 10 min: the retries (1 + 2 min later) all end before 30 min.
        workloads: [asyncTo('a', 20, 10 * MIN)],
      }),
    );
    const a = byName(r, 'a').async!;
    const b = byName(r, 'b').async!;
    const f = byName(r, 'f').async!;
    expect(a.pendingAtEnd).toBe(0);
    expect(a.received).toBe(a.succeeded + a.dropped);
    expect(b.received).toBe(a.succeeded);
    expect(a.onSuccessDeliveries).toBe(a.succeeded);
    expect(f.received).toBe(a.onFailureDeliveries);
    expect(f.received).toBe(a.retriesExhausted);
    // Three attempts fail independently with probability e: binomial(n, e^3), within 4 sigma.
    const n = a.received;
    const p = e ** 3;
    expect(Math.abs(f.received - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
    expect(b.succeeded).toBe(b.received);
  });

  it('reports the pipeline latency of a deterministic chain as the exact sum of its stages', () => {
    const stage = (ms: number, next?: string) =>
      fn({
        duration: { dist: 'constant', value: ms * MS },
        init: { dist: 'constant', value: 250 * MS },
        prewarm: 40,
        ...(next !== undefined ? { asyncConfig: cfg({ onSuccess: { kind: 'function', name: next } }) } : {}),
      });
    const r = simulate(
      scenario({
        duration: 10 * MIN,
        warmup: 1 * MIN,
        functions: { validate: stage(25, 'charge'), charge: stage(180, 'notify'), notify: stage(60) },
        workloads: [asyncTo('validate', 20, 9 * MIN)],
      }),
    );
    for (const f of r.functions) expect(f.coldStarts, f.name).toBe(0);
    const notify = byName(r, 'notify').async!;
    const pipeline = notify.pipeline!;
    expect(pipeline.count).toBe(notify.succeeded);
    expect(pipeline.count).toBeGreaterThan(9000);
    expect(pipeline.min).toBe((25 + 180 + 60) * MS);
    expect(pipeline.max).toBe((25 + 180 + 60) * MS);
    // Only chain ends keep a pipeline histogram.
    expect(byName(r, 'validate').async!.pipeline).toBeUndefined();
    expect(byName(r, 'charge').async!.pipeline).toBeUndefined();
  });

  it('publishes to a topic destination, whose subscribers end the chain', () => {
    const r = simulate(
      scenario({
        duration: 10 * MIN,
        functions: { a: fn({ asyncConfig: cfg({ onSuccess: 'orders' }) }), b: fn(), c: fn({ duration: { dist: 'constant', value: 300 * MS } }) },
        workloads: [asyncTo('a', 10, 5 * MIN)],
        topics: { orders: { functions: ['b', 'c'], queues: [] } },
      }),
    );
    const a = byName(r, 'a').async!;
    expect(r.topics![0].published).toBe(a.succeeded);
    expect(byName(r, 'b').async!.received).toBe(a.succeeded);
    expect(byName(r, 'c').async!.received).toBe(a.succeeded);
    expect(byName(r, 'b').async!.pipeline!.max).toBe(200 * MS);
    expect(byName(r, 'c').async!.pipeline!.min).toBe(400 * MS);
  });

  it('reads {function: B} from a scenario file and reports pipelines in summary.json', () => {
    const text = yaml(
      'name: chain',
      'duration: 5m',
      'functions:',
      '  a: {duration: 100ms, asyncConfig: {onSuccess: {function: b}}}',
      '  b: {duration: 50ms}',
      'workloads:',
      '  - {function: a, invocation: async, arrivals: {process: constant, rate: 5/s}}',
    );
    const r = simulateScenario(parseScenarioText(text, 'chain.yaml'));
    const s = buildReports(r, { simulator: { name: 'lambda-sim', version: 'test' }, expect: [] }).summary;
    expect(Object.keys(s.pipelines!)).toStrictEqual(['b']);
    expect(s.pipelines!.b.samples).toBe(r.functions[1].async!.succeeded);
    expect(s.pipelines!.b.max).toBeGreaterThanOrEqual(150);
  });
});
