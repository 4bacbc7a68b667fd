/** `cloudfront:` (Lambda@Edge): hit ratio, per-trigger invocations, edge cost, per-Region pools, limit refusals. */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { buildSummary, simulate } from '../src/index.js';
import { detailLines } from '../src/report/summary-details.js';
import { errorOf, yaml } from './helpers/scenario-error.js';

const META = { simulator: { name: 'lambda-sim', version: 't' }, expectations: [] };

/** A distribution in two Regions with the given triggers; `fns` are extra function lines. */
const scenario = (opts: { ratio?: number; triggers?: string; fns?: string[]; rate?: string; duration?: string; extra?: string[] } = {}) =>
  yaml(
    'name: cf',
    `duration: ${opts.duration ?? '2m'}`,
    'billing: {billInit: false}',
    'functions:',
    ...(opts.fns ?? ['  vr: {runtime: nodejs20.x, memorySize: 128, timeout: 1s, duration: 5ms}', '  orq: {runtime: python3.12, memorySize: 512, timeout: 10s, duration: 20ms}']),
    'cloudfront:',
    '  site:',
    '    regions: {us-east-1: 0.7, eu-west-1: 0.3}',
    `    cacheHitRatio: ${opts.ratio ?? 0.8}`,
    `    triggers: ${opts.triggers ?? '{viewerRequest: vr, originRequest: orq}'}`,
    '    originLatency: 50ms',
    `    arrivals: {process: poisson, rate: ${opts.rate ?? '100/s'}}`,
    ...(opts.extra ?? []),
  );

const run = (text: string) => {
  const s = parseScenarioText(text, 'x.yaml');
  return { s, summary: buildSummary(simulate(s), META) };
};

describe('cloudfront', () => {
  it('draws hits with the hit ratio (within 4 binomial standard deviations)', () => {
    for (const ratio of [0.9, 0.6]) {
      const site = run(scenario({ ratio })).summary.cloudfront!.site;
      const n = site.viewerRequests;
      expect(n).toBeGreaterThan(10_000);
      expect(site.hits + site.misses).toBe(n);
      expect(Math.abs(site.hits - n * ratio)).toBeLessThan(4 * Math.sqrt(n * ratio * (1 - ratio)));
    }
  });

  it('runs viewer triggers once per request and origin triggers once per miss, in each Region as its own function', () => {
    const { summary } = run(scenario({ triggers: '{viewerRequest: vr, originRequest: orq, originResponse: ors, viewerResponse: vrs}', fns: [
      '  vr: {runtime: nodejs20.x, memorySize: 128, timeout: 1s, duration: 5ms}',
      '  orq: {runtime: python3.12, memorySize: 512, timeout: 10s, duration: 20ms}',
      '  ors: {runtime: nodejs20.x, memorySize: 256, timeout: 10s, duration: 8ms}',
      '  vrs: {runtime: nodejs20.x, memorySize: 128, timeout: 1s, duration: 2ms}',
    ] }));
    const site = summary.cloudfront!.site;
    const t = site.triggers;
    expect(site.failed).toBe(0);
    // Requests still in flight at the end have run their first triggers only.
    expect(t.viewerRequest.invocations).toBe(site.viewerRequests);
    expect(t.originRequest.invocations).toBe(site.misses);
    expect(t.originResponse.invocations).toBeLessThanOrEqual(site.misses);
    expect(site.misses - t.originResponse.invocations).toBeLessThanOrEqual(site.inFlightAtEnd);
    expect(t.viewerResponse.invocations + site.inFlightAtEnd).toBe(site.viewerRequests);
    expect(Object.keys(summary.functions)).toStrictEqual(['vr@us-east-1', 'vr@eu-west-1', 'orq@us-east-1', 'orq@eu-west-1', 'ors@us-east-1', 'ors@eu-west-1', 'vrs@us-east-1', 'vrs@eu-west-1']);
    expect(summary.functions['vr@us-east-1'].invocations + summary.functions['vr@eu-west-1'].invocations).toBe(site.viewerRequests);
    // Constant durations: the time a trigger adds is its duration (plus INIT on a cold start).
    expect(t.viewerRequest.addedLatency.hit.p50).toBeCloseTo(5, 1);
    expect(t.originRequest.addedLatency.hit.samples).toBe(0);
    expect(t.originRequest.addedLatency.miss.p50).toBeCloseTo(20, 0);
    // A miss waits for the four triggers and the origin: 5 + 20 + 50 + 8 + 2 ms.
    expect(site.latency.miss.p50).toBeCloseTo(85, 0);
    expect(site.latency.hit.p50).toBeCloseTo(7, 1);
    expect(detailLines(summary).some((l) => l.startsWith('cloudfront site: '))).toBe(true);
  });

  it('bills each trigger at Lambda@Edge prices, to the cent', () => {
    // Every request a miss; 100 requests/s for 100 s = 10,000 origin-request invocations of 1 s at
    // 1024 MB, each 8 128MB-s.
    const { summary } = run(scenario({
      ratio: 0,
      duration: '100s',
      rate: '100/s',
      triggers: '{originRequest: big}',
      fns: ['  big: {runtime: nodejs20.x, memorySize: 1024, timeout: 30s, duration: 1s}'],
    }).replace('poisson', 'constant').replace('50ms', '0ms'));
    const trigger = summary.cloudfront!.site.triggers.originRequest;
    // The invocations of the last second end after the run: 9,900 of the 10,000 are billed.
    expect(trigger.invocations).toBe(10_000);
    const billed = summary.functions['big@us-east-1'].invocations + summary.functions['big@eu-west-1'].invocations;
    expect(billed).toBe(9_900);
    // 9,900 x 8 x $0.00000625125 = $0.49509900, + 9,900 x $0.60 / 1M = $0.00594: $0.501039.
    expect(trigger.cost.total).toBe(0.501039);
    expect(trigger.cost.total.toFixed(2)).toBe('0.50');
    // The edge charge is in total.cost too.
    expect(summary.total.cost.total).toBeCloseTo(trigger.cost.total, 6);
  });

  it('refuses a trigger function that breaks the Lambda@Edge limits, with one located line', () => {
    const big = errorOf(scenario({ fns: ['  vr: {runtime: nodejs20.x, memorySize: 256, timeout: 1s, duration: 5ms}', '  orq: {runtime: python3.12, duration: 20ms}'] }));
    expect(big.path).toBe('functions.vr.memorySize');
    expect(big.format()).toMatch(/at most 128 MB for a Lambda@Edge viewer-request function/);
    const java = errorOf(scenario({ fns: ['  vr: {runtime: nodejs20.x, memorySize: 128, timeout: 1s, duration: 5ms}', '  orq: {runtime: java21, duration: 20ms}'] }));
    expect(java.path).toBe('functions.orq.runtime');
    expect(java.format()).toMatch(/a Node.js or Python runtime for a Lambda@Edge origin-request function/);
    const arm = errorOf(scenario({ fns: ['  vr: {runtime: nodejs20.x, memorySize: 128, timeout: 1s, duration: 5ms}', '  orq: {runtime: python3.12, architecture: arm64, duration: 20ms}'] }));
    expect(arm.path).toBe('functions.orq.architecture');
    const slow = errorOf(scenario({ fns: ['  vr: {runtime: nodejs20.x, memorySize: 128, timeout: 6s, duration: 5ms}', '  orq: {runtime: python3.12, duration: 20ms}'] }));
    expect(slow.format()).toMatch(/at most 5s for a Lambda@Edge viewer-request function/);
  });

  it('refuses shares not summing to 1, an unknown function, a function at two triggers', () => {
    expect(errorOf(scenario().replace('0.3}', '0.2}')).path).toBe('cloudfront.site.regions');
    const unknown = errorOf(scenario({ triggers: '{viewerRequest: vrr}' }));
    expect(unknown.path).toBe('cloudfront.site.triggers.viewerRequest');
    expect(unknown.format()).toMatch(/vr/);
    expect(errorOf(scenario({ triggers: '{viewerRequest: vr, viewerResponse: vr}' })).format()).toMatch(/already the function of/);
  });
});
