/**
 * S3 buckets with a warm-up: the notifications in flight when the warm-up ends are reported as
 * `inFlightAtStart`, so matched + inFlightAtStart = delivered + inFlightAtEnd holds in summary.json
 * as it does for queues and streams (docs/reports.md "Conservation").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { simulate } from './helpers/simulate.js';
import { buildSummary } from '../src/report/build-summary.js';
import { checkInvariants } from '../src/model/invariants.js';
import { simulate as simulateUnchecked } from '../src/model/simulate.js';

const text = readFileSync(new URL('../scenarios/s3-thumbnails.yaml', import.meta.url), 'utf8');
const scenario = parseScenarioText(text, 's3-thumbnails.yaml');
const summarize = (warmup: number) =>
  buildSummary(simulate({ ...scenario, duration: 3 * 60_000_000, warmup }), { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] });

describe('bucket notifications with a warm-up', () => {
  it('reports inFlightAtStart, and matched + inFlightAtStart = delivered + inFlightAtEnd', () => {
    const notifications = summarize(60_000_000).buckets!.uploads.notifications;
    for (const [name, n] of Object.entries(notifications)) {
      expect(n.inFlightAtStart, name).toBeGreaterThan(0);
      expect(n.matched + n.inFlightAtStart!, name).toBe(n.delivered + n.inFlightAtEnd);
    }
  });

  it('has no inFlightAtStart without a warm-up, and matched = delivered + inFlightAtEnd', () => {
    const notifications = summarize(0).buckets!.uploads.notifications;
    for (const [name, n] of Object.entries(notifications)) {
      expect(n, name).not.toHaveProperty('inFlightAtStart');
      expect(n.matched, name).toBe(n.delivered + n.inFlightAtEnd);
    }
  });
});

describe('conservation of buckets and buses, with and without a warm-up', () => {
  it('checks a bucket notification with its inFlightAtStart, and catches a count that leaves it out', () => {
    const results = simulateUnchecked({ ...scenario, duration: 3 * 60_000_000, warmup: 60_000_000 });
    expect(checkInvariants(results)).toStrictEqual([]);
    const n = results.buckets![0].notifications[0];
    expect(n.inFlightAtStart).toBeGreaterThan(0);
    delete n.inFlightAtStart;
    expect(checkInvariants(results).join('\n')).toMatch(/^bucket "uploads" to function "resize": matched \(\d+\) != delivered/);
  });

  it('checks every bus rule target against the rule, with a warm-up (order-events-bus) and without', () => {
    const bus = parseScenarioText(readFileSync(new URL('../scenarios/order-events-bus.yaml', import.meta.url), 'utf8'), 'order-events-bus.yaml');
    for (const warmup of [60_000_000, 0]) {
      const results = simulate({ ...bus, duration: 10 * 60_000_000, warmup });
      const rule = results.buses![0].rules.find((r) => r.matched > 0)!;
      rule.targets[0].delivered++;
      expect(checkInvariants(results).join('\n'), `warmup ${warmup}`).toMatch(/^bus "[^"]+" rule "[^"]+" to \w+ "[^"]+": delivered \(\d+\) != matched/);
    }
  });
});
