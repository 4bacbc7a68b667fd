/**
 * SNS topics (src/model/sns.ts): a published message reaches every subscriber once (fan-out
 * conservation per subscriber), each function delivery is an async event with its own retries,
 * and a queue subscriber receives it as a message.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { fn, MIN, S, scenario } from './helpers/model-input.js';
import { esm } from './helpers/esm-input.js';
import { SNS_PUBLISH_USD } from '../src/model/sns.js';

describe('SNS fan-out', () => {
  const run = () =>
    simulate(
      scenario({
        duration: 10 * MIN,
        functions: { billing: fn(), shipping: fn({ errorRate: 0.5 }), archive: fn() },
        workloads: [],
        queues: { audit: { type: 'standard', visibilityTimeout: 30 * S } },
        eventSourceMappings: [esm({ source: 'audit', function: 'archive' })],
        topics: { orders: { functions: ['billing', 'shipping'], queues: ['audit'] } },
        producers: [{ name: 'shop', source: 'orders', partitionKeys: 1, start: 0, end: 5 * MIN, arrivals: { process: 'poisson', rate: 20 } }],
      }),
    );

  it('delivers every published message to every subscriber exactly once', () => {
    const r = run();
    const t = r.topics![0];
    expect(t.published).toBeGreaterThan(5000);
    for (const d of t.deliveries) expect(d.delivered, d.name).toBe(t.published);
    const [billing, shipping] = r.functions;
    // Each function's async queue received every message (no duplicates configured).
    expect(billing.async!.received).toBe(t.published);
    expect(shipping.async!.received).toBe(t.published);
    expect(r.queues![0].sent).toBe(t.published);
    expect(t.cost).toBeCloseTo(t.published * SNS_PUBLISH_USD, 12);
  });

  it('gives each function delivery its own async retries', () => {
    const r = run();
    const [billing, shipping] = r.functions;
    expect(billing.async!.errorRetries).toBe(0);
    // errorRate 0.5 with 2 retries: the first attempt fails with probability 1/2, so about half the
    // events are retried at least once; all are still received once.
    const n = shipping.async!.received;
    expect(shipping.async!.errorRetries).toBeGreaterThan(0.45 * n);
    expect(shipping.invocations).toBeGreaterThan(billing.invocations);
  });
});
