/** `versions:` and `aliases:` of a function: what they load to, and what AWS refuses (version-schema.ts). */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { simulate } from './helpers/simulate.js';
import { errorOf, yaml } from './helpers/scenario-error.js';

const base = (fnLines: string[], workloadFn = 'checkout:live', extra: string[] = []): string =>
  yaml(
    'name: v',
    'duration: 1m',
    'functions:',
    '  checkout:',
    '    duration: 100ms',
    '    memorySize: 1024',
    ...fnLines,
    'workloads:',
    `  - function: "${workloadFn}"`,
    '    arrivals: {process: poisson, rate: 50/s}',
    ...extra,
  );

const good = ['    versions:', '      "1": {}', '      "2": {duration: 200ms, errorRate: 0.5, memorySize: 2048}', '    aliases:', '      live: {version: "1", weights: {"2": 0.2}, provisionedConcurrency: 10}'];

describe('versions and aliases load', () => {
  it('as instances fn:N with the function settings and their changes, and aliases', () => {
    const s = parseScenarioText(base(good), 'v.yaml');
    expect(Object.keys(s.functions)).toEqual(['checkout', 'checkout:1', 'checkout:2']);
    expect(s.functions['checkout:1'].memorySize).toBe(1024);
    expect(s.functions['checkout:2'].memorySize).toBe(2048);
    expect(s.functions['checkout:2'].errorRate).toBe(0.5);
    expect(s.versions).toEqual({ 'checkout:1': { function: 'checkout', version: '1' }, 'checkout:2': { function: 'checkout', version: '2' } });
    expect(s.aliases!['checkout:live']).toEqual({ function: 'checkout', alias: 'live', version: '1', additionalVersion: { version: '2', weight: 0.2 }, provisionedConcurrency: 10 });
    expect('versions' in s.functions.checkout).toBe(false);
    const r = simulate(s);
    expect(r.aliases![0].routed['1'] + r.aliases![0].routed['2']).toBe(r.functions[1].requests + r.functions[2].requests);
    expect(r.functions[2].errors).toBeGreaterThan(0);
  });

  it('accepts fn:N and fn:alias in expect lines, and an alias of $LATEST without weights', () => {
    const s = parseScenarioText(base(['    versions: {"1": {}}', '    aliases: {dev: {version: $LATEST}}'], 'checkout:dev', ['expect: ["checkout:1.invocations >= 0"]']), 'v.yaml');
    const r = simulate(s);
    expect(r.functions[0].requests).toBeGreaterThan(0);
    expect(r.functions[1].requests).toBe(0);
  });
});

describe('every kind of caller may invoke an alias or a version', () => {
  it('async events, an SQS mapping and an SNS subscription to fn:live / fn:2, with conservation', () => {
    const text = yaml(
      'name: v',
      'duration: 2m',
      'functions:',
      '  checkout:',
      '    duration: 100ms',
      '    errorRate: 0.2',
      '    versions: {"1": {}, "2": {}}',
      '    aliases: {live: {version: "1", weights: {"2": 0.5}}}',
      'queues: {orders: {type: standard}}',
      'topics: {news: {functions: ["checkout:2"]}}',
      'workloads:',
      '  - {name: events, function: "checkout:live", invocation: async, arrivals: {process: poisson, rate: 20/s}}',
      '  - {name: producer, queue: orders, arrivals: {process: poisson, rate: 20/s}}',
      '  - {name: publisher, topic: news, arrivals: {process: poisson, rate: 5/s}}',
      'eventSourceMappings:',
      '  - {source: orders, function: "checkout:live", batchSize: 5}',
    );
    const r = simulate(parseScenarioText(text, 'v.yaml'));
    const [latest, v1, v2] = r.functions;
    expect(latest.requests).toBe(0);
    const alias = r.aliases![0];
    expect(alias.async!.received).toBeGreaterThan(2000);
    // Version 1 only hears from the alias; version 2 from the alias and from its SNS subscription (its own async queue).
    expect(v1.requests).toBe(alias.routed['1']);
    expect(v2.async!.received).toBeGreaterThan(300);
    expect(v2.requests).toBeGreaterThan(alias.routed['2'] + v2.async!.received - 1);
    expect(r.queues![0].deleted).toBeGreaterThan(0);
  });

  it('refuses versions of a Lambda@Edge function', () => {
    const text = yaml(
      'name: v',
      'duration: 1m',
      'functions:',
      '  auth:',
      '    duration: 1ms',
      '    memorySize: 128',
      '    timeout: 5s',
      '    versions: {"1": {}}',
      'cloudfront:',
      '  site:',
      '    regions: {us-east-1: 1}',
      '    cacheHitRatio: 0.9',
      '    triggers: {viewerRequest: auth}',
      '    originLatency: 60ms',
      '    arrivals: {process: poisson, rate: 1/s}',
    );
    expect(errorOf(text).message).toMatch(/scenario\.yaml:13:\d+: cloudfront\.site\.triggers\.viewerRequest: .*versions of a Lambda@Edge function are not supported yet/);
  });
});

describe('versions and aliases: refusals, one located line each', () => {
  const cases: [string, string[], string, RegExp][] = [
    ['two additional versions', ['    versions: {"1": {}, "2": {}, "3": {}}', '    aliases:', '      live: {version: "1", weights: {"2": 0.1, "3": 0.1}}'], 'checkout:live', /scenario\.yaml:9:\d+: .*functions\.checkout\.aliases\.live\.weights.*at most one additional version/],
    ['$LATEST in a weighted alias', ['    versions: {"1": {}}', '    aliases:', '      live: {version: "1", weights: {$LATEST: 0.1}}'], 'checkout:live', /scenario\.yaml:\d+:\d+: .*aliases\.live\.weights\.\$LATEST.*never \$LATEST/],
    ['alias to alias', ['    versions: {"1": {}}', '    aliases:', '      live: {version: "1"}', '      beta: {version: live}'], 'checkout:live', /scenario\.yaml:10:\d+: .*aliases\.beta\.version.*live is an alias/],
    ['unknown version', ['    versions: {"1": {}, "2": {}}', '    aliases:', '      live: {version: "3"}'], 'checkout:live', /scenario\.yaml:9:\d+: .*aliases\.live\.version.*a published version of this function \(1 or 2\)/],
    ['reserved concurrency in a version', ['    versions:', '      "1": {reservedConcurrency: 5}'], 'checkout:1', /scenario\.yaml:8:\d+: .*versions\.1\.reservedConcurrency.*per function, shared by all its versions/],
    ['$LATEST as a version name', ['    versions:', '      $LATEST: {}'], 'checkout', /scenario\.yaml:8:\d+: .*functions\.checkout\.versions.*published version number/],
    ['PC on a version twice', ['    versions: {"1": {provisionedConcurrency: 5}}', '    aliases:', '      live: {version: "1", provisionedConcurrency: 5}'], 'checkout:live', /scenario\.yaml:9:\d+: .*aliases\.live\.provisionedConcurrency.*one configuration per version/],
    ['PC of versions and aliases above the reservation', ['    reservedConcurrency: 10', '    versions: {"1": {provisionedConcurrency: 6}, "2": {}}', '    aliases:', '      live: {version: "2", provisionedConcurrency: 5}'], 'checkout:live', /scenario\.yaml:10:\d+: .*aliases\.live\.provisionedConcurrency.*reservedConcurrency \(10\) for all its versions and aliases together/],
    ['a typo in the alias of a target', ['    versions: {"1": {}}', '    aliases:', '      live: {version: "1"}'], 'checkout:lvie', /scenario\.yaml:11:\d+: .*workloads\.0\.function.*did you mean "checkout:live"\?/],
  ];
  for (const [what, lines, target, pattern] of cases) {
    it(what, () => {
      const message = errorOf(base(lines, target)).message;
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toMatch(pattern);
    });
  }
});

describe('version messages', () => {
  const two = '    versions: {"1": {}, "2": {}}';
  it('accepts a whole number as a version (YAML `version: 1`, --set ...version=2)', () => {
    const s = parseScenarioText(base([two, '    aliases: {live: {version: 1, weights: {2: 0.1}}}']), 'v.yaml');
    expect(s.aliases!['checkout:live']).toMatchObject({ version: '1', additionalVersion: { version: '2', weight: 0.1 } });
  });
  it('names the version key found, not its weight, and suggests no version of the alias itself', () => {
    const m = errorOf(base([two, '    aliases: {live: {version: "1", weights: {"4": 0.1}}}'])).message;
    expect(m).toMatch(/found "4"/);
    expect(m).not.toMatch(/did you mean "1"/);
  });
  it('says the same weight range whatever the weight', () => {
    expect(errorOf(base([two, '    aliases: {live: {version: "1", weights: {"2": 0}}}'])).message).toMatch(/expected a weight greater than 0 and below 1, found 0/);
    expect(errorOf(base([two, '    aliases: {live: {version: "1", weights: {"2": 1}}}'])).message).toMatch(/expected a weight greater than 0 and below 1, found 1/);
  });
  it('names the missing version a bus rule targets', () => {
    const m = errorOf(base([two], 'checkout', ['buses:', '  events: {rules: {all: {targets: [{function: "checkout:3"}]}}}'])).message;
    expect(m).toMatch(/found "checkout:3"/);
  });
  it('lists no reservedConcurrency among the keys of a version', () => {
    const m = errorOf(base(["    versions: {\"1\": {foo: 1s}}"], "checkout")).message;
    expect(m).toMatch(/one of the keys runtime/);
    expect(m).not.toMatch(/reservedConcurrency/);
  });
});

describe('fn:$LATEST', () => {
  it('invokes the unqualified function from a workload, a mapping and a destination, as AWS accepts the qualifier', () => {
    const s = parseScenarioText(
      yaml(
        'name: demo', 'duration: 2m', 'functions:',
        '  api: {duration: 50ms, versions: {"1": {}}, asyncConfig: {onSuccess: {function: "next:$LATEST"}}}',
        '  next: {duration: 10ms, versions: {"1": {}}}',
        'queues: {q: {type: standard}}',
        'eventSourceMappings: [{source: q, function: "api:$LATEST", batchSize: 1}]',
        'workloads:',
        '  - {function: "api:$LATEST", invocation: async, arrivals: {process: constant, rate: 1/s}}',
        '  - {queue: q, arrivals: {process: constant, rate: 1/s}}',
      ),
      'v.yaml',
    );
    const r = simulate(s);
    const byName = Object.fromEntries(r.functions.map((f) => [f.name, f]));
    // 120 async events + 120 one-message batches reach $LATEST; each async success invokes next.
    expect(byName.api.invocations).toBe(240);
    expect(byName['api:1'].invocations).toBe(0);
    expect(byName.next.invocations).toBeGreaterThan(115);
  });

  it('is a node of the destination graph: a loop through it is refused', () => {
    const e = errorOf(yaml('name: demo', 'duration: 2m', 'functions:', '  api: {duration: 50ms, versions: {"1": {}}, asyncConfig: {onSuccess: {function: "api:$LATEST"}}}', 'workloads: [{function: api, invocation: async, arrivals: {process: constant, rate: 1/s}}]'));
    expect(e.format()).toContain('found the cycle api → api:$LATEST → api');
  });
});
