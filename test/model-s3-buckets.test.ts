/**
 * S3 buckets (src/model/s3.ts): each created object notifies the configuration whose filter share it
 * falls in, so per configuration matched = delivered + in flight (conservation per subscriber), the
 * matched share is binomial around `match`, a function delivery is an async event with its own
 * retries, and a delivery delay holds notifications in flight.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { fn, MIN, S, scenario } from './helpers/model-input.js';
import { esm } from './helpers/esm-input.js';
import { S3_PUT_USD } from '../src/billing/front-door-prices.js';
import type { BucketInput } from '../src/model/input.js';

const run = (bucket: BucketInput, shippingErrors = 0) =>
  simulate(
    scenario({
      duration: 10 * MIN,
      functions: { resize: fn({ errorRate: shippingErrors }), indexer: fn(), archive: fn() },
      workloads: [],
      queues: { audit: { type: 'standard', visibilityTimeout: 30 * S } },
      eventSourceMappings: [esm({ source: 'audit', function: 'archive' })],
      topics: { documents: { functions: ['indexer'], queues: [] } },
      buckets: { uploads: bucket },
      producers: [{ name: 'users', source: 'uploads', partitionKeys: 1, start: 0, end: 5 * MIN, arrivals: { process: 'poisson', rate: 40 } }],
    }),
  );

const three: BucketInput = {
  deliveryDelay: 0,
  notifications: [
    { kind: 'function', name: 'resize', match: 0.5 },
    { kind: 'topic', name: 'documents', match: 0.3 },
    { kind: 'queue', name: 'audit', match: 0.1 },
  ],
};

describe('S3 event notifications', () => {
  it('delivers each matching object to its one subscriber: matched = delivered per subscriber', () => {
    const r = run(three);
    const b = r.buckets![0];
    expect(b.objects).toBeGreaterThan(10_000);
    const [resize, documents, audit] = b.notifications;
    for (const n of b.notifications) {
      expect(n.delivered, n.name).toBe(n.matched);
      expect(n.inFlightAtEnd, n.name).toBe(0);
    }
    expect(r.functions[0].async!.received).toBe(resize.delivered);
    expect(r.topics![0].published).toBe(documents.delivered);
    expect(r.functions[1].async!.received).toBe(documents.delivered);
    expect(r.queues![0].sent).toBe(audit.delivered);
    expect(b.cost).toBeCloseTo(b.objects * S3_PUT_USD, 12);
  });

  it('matches each filter in its share of objects, within binomial tolerance', () => {
    const b = run(three).buckets![0];
    const n = b.objects;
    b.notifications.forEach((t, i) => {
      const p = three.notifications[i].match;
      // 4 standard deviations of a binomial count: fails by chance about once in 16,000 seeds.
      expect(Math.abs(t.matched - n * p), t.name).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
    });
    // The rest (10%) match no filter.
    const unmatched = n - b.notifications.reduce((s, t) => s + t.matched, 0);
    expect(Math.abs(unmatched - 0.1 * n)).toBeLessThan(4 * Math.sqrt(n * 0.1 * 0.9));
  });

  it('gives each function delivery its async retries (errors retried about 1 and 2 minutes later)', () => {
    const r = run({ deliveryDelay: 0, notifications: [{ kind: 'function', name: 'resize', match: 1 }] }, 1);
    const b = r.buckets![0];
    const a = r.functions[0].async!;
    expect(a.received).toBe(b.notifications[0].delivered);
    // Every attempt fails: the deliveries done by the end ran 3 times (first try + 2 retries) and were dropped.
    expect(a.retriesExhausted).toBe(a.dropped);
    expect(a.errorRetries).toBeGreaterThanOrEqual(2 * a.dropped);
    expect(r.functions[0].invocations).toBeGreaterThanOrEqual(3 * a.dropped);
    expect(a.dropped).toBeGreaterThan(0.9 * b.objects);
  });

  it('holds notifications in flight for the delivery delay', () => {
    // Arrivals stop at 5 min, the run ends at 10 min: a 6-minute delay leaves the last minute's objects in flight.
    const r = run({ deliveryDelay: 6 * MIN, notifications: [{ kind: 'function', name: 'resize', match: 1 }] });
    const t = r.buckets![0].notifications[0];
    expect(t.inFlightAtEnd).toBeGreaterThan(0);
    expect(t.delivered + t.inFlightAtEnd).toBe(t.matched);
    // About 4 of the 5 minutes of objects were delivered.
    expect(t.delivered / t.matched).toBeGreaterThan(0.75);
    expect(t.delivered / t.matched).toBeLessThan(0.85);
    expect(r.functions[0].async!.received).toBe(t.delivered);
  });
});
