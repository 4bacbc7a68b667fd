/** `apiGateways:`, `via:`, `account.apiGatewayThrottle` and `topics:` in a scenario, and their reports. */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { buildSummary, simulate } from '../src/index.js';
import { detailLines } from '../src/report/summary-details.js';
import { evaluateExpectations } from '../src/report/expectations.js';
import { errorOf, yaml } from './helpers/scenario-error.js';

const base = (...extra: string[]) =>
  yaml('name: a', 'duration: 1m', 'functions:', '  f: {duration: 100ms}', 'workloads:', '  - {function: f, via: web, arrivals: {process: constant, rate: 10/s}}', ...extra);

describe('apiGateways in a scenario', () => {
  it('fills the defaults: REST, 29 s, the account throttle of the Region', () => {
    const s = parseScenarioText(base('apiGateways:', '  web: {}'), 'x.yaml');
    expect(s.apiGateways!.web).toStrictEqual({ type: 'rest', integrationTimeout: 29_000_000 });
    expect(s.account.apiGatewayThrottle).toStrictEqual({ rate: 10_000, burst: 5_000 });
    expect(s.workloads[0].via).toBe('web');
    const http = parseScenarioText(base('region: eu-south-1', 'apiGateways:', '  web: {type: http}'), 'x.yaml');
    expect(http.apiGateways!.web.integrationTimeout).toBe(30_000_000);
    expect(http.account.apiGatewayThrottle).toStrictEqual({ rate: 2_500, burst: 1_250 });
  });

  it('leaves the account alone without APIs', () => {
    const s = parseScenarioText(yaml('name: a', 'duration: 1m', 'functions:', '  f: {duration: 100ms}'), 'x.yaml');
    expect(s.account.apiGatewayThrottle).toBeUndefined();
    expect(s.apiGateways).toBeUndefined();
  });

  it('refuses an HTTP API timeout above 30 s and a stage limit above the account', () => {
    expect(errorOf(base('apiGateways:', '  web: {type: http, integrationTimeout: 31s}')).format()).toMatch(/at most 30s for an HTTP API/);
    const e = errorOf(base('apiGateways:', '  web: {throttle: {rate: 20000, burst: 10}}'));
    expect(e.path).toBe('apiGateways.web.throttle.rate');
    expect(e.format()).toMatch(/cannot exceed the account's, 10000/);
  });

  it('refuses via naming no API, with a did-you-mean, and via on an async workload', () => {
    const e = errorOf(base('apiGateways:', '  webb: {}'));
    expect(e.path).toBe('workloads.0.via');
    expect(e.format()).toMatch(/webb/);
    const a = errorOf(
      yaml('name: a', 'duration: 1m', 'functions:', '  f: {duration: 100ms}', 'workloads:', '  - {function: f, via: web, invocation: async, arrivals: {process: constant, rate: 1/s}}', 'apiGateways:', '  web: {}'),
    );
    expect(a.format()).toMatch(/via is for sync workloads/);
  });

  it('reports each API in summary.json and summary.txt, and expect lines can name it', () => {
    const s = parseScenarioText(base('apiGateways:', '  web: {throttle: {rate: 5, burst: 5}}', 'expect:', '  - web.throttles > 0', '  - web.cost.total > 0'), 'x.yaml');
    const summary = buildSummary(simulate(s), { simulator: { name: 'lambda-sim', version: 't' }, expectations: [] });
    const web = summary.apiGateways!.web;
    // 10/s against 5/s with a bucket of 5: floor(5 + 5 x 59.9) = 304 of 600 admitted.
    expect(web.requests).toBe(600);
    expect(web.throttles).toBe(600 - 304);
    expect(web.cost.total).toBeCloseTo((600 * 3.5) / 1e6, 10);
    expect(detailLines(summary).some((l) => l.startsWith('api web (REST): 600 requests, 429 296'))).toBe(true);
    expect(evaluateExpectations(s.expect, summary).every((r) => r.ok)).toBe(true);
  });
});

describe('topics in a scenario', () => {
  const head = ['name: t', 'duration: 1m', 'functions:', '  a: {duration: 10ms}', '  b: {duration: 10ms}', 'queues:', '  q: {}', '  f: {type: fifo}'];

  it('reads subscriptions and a publishing workload', () => {
    const s = parseScenarioText(yaml(...head, 'topics:', '  orders: {functions: [a, b], queues: [q]}', 'workloads:', '  - {topic: orders, arrivals: {process: constant, rate: 2/s}}'), 'x.yaml');
    expect(s.topics!.orders).toStrictEqual({ functions: ['a', 'b'], queues: ['q'] });
    expect(s.producers[0].source).toBe('orders');
    const summary = buildSummary(simulate(s), { simulator: { name: 'lambda-sim', version: 't' }, expectations: [] });
    expect(summary.topics!.orders.deliveries).toStrictEqual({ a: 120, b: 120, q: 120 });
    expect(detailLines(summary)).toContain('topic orders: published 120, delivered to a 120, b 120, q 120; SNS publishes $0.000060, $2.59/month');
  });

  it('refuses an unknown subscriber, a FIFO queue, no subscriber, and a mapping on a topic', () => {
    expect(errorOf(yaml(...head, 'topics:', '  orders: {functions: [c]}')).path).toBe('topics.orders.functions.0');
    expect(errorOf(yaml(...head, 'topics:', '  orders: {queues: [f]}')).format()).toMatch(/standard topic cannot deliver to a FIFO queue/);
    expect(errorOf(yaml(...head, 'topics:', '  orders: {}')).format()).toMatch(/at least one subscriber/);
    const m = errorOf(yaml(...head, 'topics:', '  orders: {functions: [a]}', 'eventSourceMappings:', '  - {source: orders, function: b}'));
    expect(m.format()).toMatch(/a topic pushes to its subscribers/);
  });
});

describe('buckets in a scenario', () => {
  const head = ['name: a', 'duration: 1m', 'functions:', '  a: {duration: 10ms}', '  b: {duration: 10ms}', 'queues:', '  q: {type: standard}', '  f: {type: fifo}', 'topics:', '  t: {functions: [b]}'];
  const withBucket = (...bucket: string[]) => yaml(...head, 'buckets:', ...bucket, 'workloads:', '  - {bucket: up, arrivals: {process: constant, rate: 10/s}}');

  it('reads notifications with their shares and delay, and reports them (expect can name them)', () => {
    const s = parseScenarioText(
      yaml(...head, 'buckets:', '  up: {deliveryDelay: 2s, notifications: [{function: a, match: 0.5}, {topic: t, match: 0.25}, {queue: q, match: 0.25}]}', 'workloads:', '  - {bucket: up, arrivals: {process: constant, rate: 10/s}}', 'expect:', '  - up.objects == 600', '  - up.notifications.a.matched > 0'),
      'x.yaml',
    );
    expect(s.buckets!.up).toStrictEqual({
      deliveryDelay: 2_000_000,
      notifications: [
        { kind: 'function', name: 'a', match: 0.5 },
        { kind: 'topic', name: 't', match: 0.25 },
        { kind: 'queue', name: 'q', match: 0.25 },
      ],
    });
    const summary = buildSummary(simulate(s), { simulator: { name: 'lambda-sim', version: 't' }, expectations: [] });
    const up = summary.buckets!.up;
    expect(up.objects).toBe(600);
    // Shares 1/2, 1/4, 1/4 cover every object.
    expect(up.notifications.a.matched + up.notifications.t.matched + up.notifications.q.matched).toBe(600);
    expect(detailLines(summary).some((l) => l.startsWith('bucket up: 600 objects, notified a '))).toBe(true);
    expect(evaluateExpectations(s.expect, summary).every((r) => r.ok)).toBe(true);
  });

  it('refuses overlapping filters, unknown or doubled targets, FIFO queues and mappings on a bucket', () => {
    const o = errorOf(withBucket('  up: {notifications: [{function: a}, {topic: t}]}'));
    expect(o.path).toBe('buckets.up.notifications.1.match');
    expect(o.format()).toMatch(/fan out through an SNS topic/);
    expect(errorOf(withBucket('  up: {notifications: [{function: c}]}')).format()).toMatch(/a function under functions \(a or b\)/);
    expect(errorOf(withBucket('  up: {notifications: [{function: a, topic: t}]}')).format()).toMatch(/exactly one of function, topic or queue/);
    expect(errorOf(withBucket('  up: {notifications: [{queue: f}]}')).format()).toMatch(/S3 event notification does not deliver to FIFO queues/);
    expect(errorOf(withBucket('  up: {notifications: []}')).format()).toMatch(/at least one notification/);
    const m = errorOf(yaml(...head, 'buckets:', '  up: {notifications: [{function: a}]}', 'eventSourceMappings:', '  - {source: up, function: b}'));
    expect(m.format()).toMatch(/a bucket pushes its notifications/);
  });
});

describe('a bucket with eventBridge in a scenario', () => {
  const head = ['name: a', 'duration: 1m', 'functions:', '  a: {duration: 10ms}', 'buses:', '  ops: {rules: {all: {targets: [{function: a}]}}}'];
  const withBucket = (bucket: string) => yaml(...head, 'buckets:', `  up: ${bucket}`, 'workloads:', '  - {bucket: up, arrivals: {process: constant, rate: 10/s}}', '  - {bus: ops, arrivals: {process: constant, rate: 1/s}}');

  it('needs no notification, reports the events and which of the bus\'s are free', () => {
    const s = parseScenarioText(withBucket('{eventBridge: ops}'), 'x.yaml');
    expect(s.buckets!.up).toStrictEqual({ notifications: [], deliveryDelay: 0, eventBridge: 'ops' });
    const summary = buildSummary(simulate(s), { simulator: { name: 'lambda-sim', version: 't' }, expectations: [] });
    expect(summary.buckets!.up.eventBridgeEvents).toBe(600);
    expect(summary.buses!.ops).toMatchObject({ events: 660, serviceEvents: 600, rules: { all: { matched: 660, deliveries: { a: 660 } } } });
    expect(summary.buses!.ops.cost.total).toBeCloseTo(60 / 1e6, 12);
    expect(detailLines(summary).find((l) => l.startsWith('bus ops'))).toMatch(/^bus ops: 660 events \(600 from AWS services, free\), rules all matched 660; EventBridge events \$0\.000060, /);
  });

  it('refuses an unknown bus and a bucket with neither notifications nor a bus', () => {
    expect(errorOf(withBucket('{eventBridge: opz}')).format()).toMatch(/a bus under buses \(ops\).*did you mean "ops"/);
    expect(errorOf(withBucket('{}')).format()).toMatch(/at least one notification \(or eventBridge: <bus>\)/);
  });
});
