/**
 * `expect:` on a function with versions: `f.<metric>` is the function as a whole (CloudWatch's
 * unqualified FunctionName metrics add up all versions): counts summed over its instances, other
 * metrics refused with the per-instance alternatives; `f:$LATEST.<metric>` is the $LATEST instance.
 */
import { describe, expect, it } from 'vitest';
import { resolveMetric } from '../src/report/expectations.js';
import type { Summary } from '../src/report/summary-types.js';

const entry = (version: string, n: number) => ({
  function: 'api',
  version,
  requests: n,
  throttles: 1,
  concurrency: { max: n / 10, mean: 1 },
  latency: { samples: n, p99: 5 },
  cost: { requests: 0.5, compute: 1, total: 1.5 },
});
const summary = { total: { requests: 300 }, functions: { api: entry('$LATEST', 0), 'api:1': entry('1', 100), 'api:2': entry('2', 200), other: { requests: 7 } } } as unknown as Summary;

describe('expect on a function with versions', () => {
  it('sums counts over $LATEST and the versions', () => {
    expect(resolveMetric(summary, 'api.requests')).toEqual({ ok: true, value: 300 });
    expect(resolveMetric(summary, 'api.throttles')).toEqual({ ok: true, value: 3 });
    expect(resolveMetric(summary, 'api.cost')).toEqual({ ok: true, value: 4.5 });
    expect(resolveMetric(summary, 'other.requests')).toEqual({ ok: true, value: 7 });
  });

  it('reads $LATEST as f:$LATEST and each version as f:N', () => {
    expect(resolveMetric(summary, 'api:$LATEST.concurrency.max')).toEqual({ ok: true, value: 0 });
    expect(resolveMetric(summary, 'api:2.concurrency.max')).toEqual({ ok: true, value: 20 });
  });

  it('refuses a metric that does not add up, naming the per-instance ones', () => {
    const r = resolveMetric(summary, 'api.concurrency.max');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('per-version');
    expect(r.message).toContain('api:$LATEST.concurrency.max, api:1.concurrency.max, api:2.concurrency.max');
    expect(resolveMetric(summary, 'api.latency.p99').ok).toBe(false);
  });
});

describe('expect lines on an alias', () => {
  it('name what an alias has, and the same metric on its versions, when it lacks the one asked for', async () => {
    const { parseScenario } = await import('../src/run/parse.js');
    const text = [
      'name: al', 'duration: 1m', 'functions:', '  api:', '    duration: 50ms', '    versions: { "1": {}, "2": {} }',
      '    aliases: { live: { version: "1", weights: { "2": 0.5 } } }',
      'workloads:', '  - { function: "api:live", arrivals: { process: poisson, rate: 5/s } }',
      'expect:', '  - api:live.errors == 0', '',
    ].join('\n');
    expect(() => parseScenario(text, { fileName: 'al.yaml' })).toThrow(
      'al.yaml:11:5: expect.0: expected a metric alias api:live has (api:live.routed.<version>, api:live.throttles), or the same metric on the versions it routes to (api:1.errors, api:2.errors), found api:live.errors',
    );
    // Its throttles are its own: the 429s its callers saw.
    expect(() => parseScenario(text.replace('api:live.errors == 0', 'api:live.throttles == 0'), { fileName: 'al.yaml' })).not.toThrow();
  });
});
