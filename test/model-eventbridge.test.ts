/**
 * EventBridge buses (src/model/eventbridge.ts): each event goes to every rule whose share it falls
 * in (rules overlap), every target of a matching rule gets it once (conservation per target), a
 * function target is an async event with its own retries, and a function's onFailure destination
 * may put its failed events on a bus, which a chain end behind the bus reports as a pipeline.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { fn, MIN, S, scenario } from './helpers/model-input.js';
import { EVENTBRIDGE_EVENT_USD } from '../src/billing/front-door-prices.js';
import type { BusInput } from '../src/model/input.js';

const bus: BusInput = {
  rules: {
    all: { match: 1, targets: [{ kind: 'function', name: 'audit' }, { kind: 'queue', name: 'archive' }] },
    some: { match: 0.25, targets: [{ kind: 'function', name: 'pager' }, { kind: 'topic', name: 'alerts' }] },
  },
};

const base = (extra: object) =>
  scenario({
    duration: 10 * MIN,
    functions: { audit: fn(), pager: fn({ errorRate: 1 }), sms: fn() },
    workloads: [],
    queues: { archive: { type: 'standard', visibilityTimeout: 30 * S } },
    topics: { alerts: { functions: ['sms'], queues: [] } },
    buses: { ops: bus },
    ...extra,
  });

describe('EventBridge buses', () => {
  const r = simulate(base({ producers: [{ name: 'app', source: 'ops', partitionKeys: 1, start: 0, end: 5 * MIN, arrivals: { process: 'poisson', rate: 30 } }] }));
  const b = r.buses![0];

  it('sends each event to every matching rule and each of its targets once', () => {
    const [all, some] = b.rules;
    expect(all.matched).toBe(b.events);
    for (const rule of b.rules) for (const t of rule.targets) expect(t.delivered, `${rule.name} ${t.name}`).toBe(rule.matched);
    const p = 0.25;
    expect(Math.abs(some.matched - b.events * p)).toBeLessThan(4 * Math.sqrt(b.events * p * (1 - p)));
    const [audit, pager, sms] = r.functions;
    expect(audit.async!.received).toBe(all.matched);
    expect(r.queues![0].sent).toBe(all.matched);
    expect(pager.async!.received).toBe(some.matched);
    expect(r.topics![0].published).toBe(some.matched);
    expect(sms.async!.received).toBe(some.matched);
    expect(b.cost).toBeCloseTo(b.events * EVENTBRIDGE_EVENT_USD, 12);
  });

  it('gives a function target its async retries (every attempt fails: three attempts, then dropped)', () => {
    const a = r.functions[1].async!;
    expect(a.retriesExhausted).toBe(a.dropped);
    expect(a.dropped).toBeGreaterThan(0.9 * a.received);
    expect(r.functions[1].invocations).toBeGreaterThanOrEqual(3 * a.dropped);
  });

  it('takes the failed events of an onFailure destination and carries their pipeline to the chain end', () => {
    const chained = simulate(
      scenario({
        duration: 10 * MIN,
        functions: {
          charge: fn({ errorRate: 1, asyncConfig: { ...fn().asyncConfig, maximumRetryAttempts: 0, onFailure: { kind: 'bus', name: 'ops' } } }),
          refund: fn(),
        },
        workloads: [{ name: 'orders', function: 'charge', invocation: 'async', start: 0, end: 5 * MIN, arrivals: { process: 'poisson', rate: 10 } }],
        buses: { ops: { rules: { refunds: { match: 1, targets: [{ kind: 'function', name: 'refund' }] } } } },
      }),
    );
    const [charge, refund] = chained.functions;
    expect(chained.buses![0].events).toBe(charge.async!.onFailureDeliveries);
    expect(refund.async!.received).toBe(chained.buses![0].events);
    expect(refund.async!.pipeline!.count).toBe(refund.async!.succeeded);
  });
});

describe('an S3 bucket sending its events to EventBridge', () => {
  it('puts every object on the bus as a free AWS service event, besides its notifications', () => {
    const r = simulate(
      base({
        buckets: { uploads: { deliveryDelay: 0, eventBridge: 'ops', notifications: [{ kind: 'function', name: 'audit', match: 0.5 }] } },
        producers: [{ name: 'users', source: 'uploads', partitionKeys: 1, start: 0, end: 5 * MIN, arrivals: { process: 'poisson', rate: 20 } }],
      }),
    );
    const bucket = r.buckets![0];
    const b = r.buses![0];
    expect(bucket.eventBridgeEvents).toBe(bucket.objects);
    expect(b.events).toBe(bucket.objects);
    expect(b.serviceEvents).toBe(b.events);
    expect(b.cost).toBe(0);
    // audit gets the notification's half and the bus rule "all"'s every object.
    expect(r.functions[0].async!.received).toBe(bucket.notifications[0].delivered + b.rules[0].matched);
  });
});
