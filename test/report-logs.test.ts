import { describe, expect, it } from 'vitest';
import { Simulation, checkedResults } from './helpers/simulate.js';
import { formatInvocationLog, LogObserver, parseReportLine, RequestIds, requestId } from '../src/report/logs.js';
import { fn, MS, S, scenario, sync } from './helpers/model-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('are UUID-shaped, deterministic, and depend on seed, function and sequence number', () => {
    const id = requestId(42, 'api', 0);
    expect(id).toMatch(UUID);
    expect(requestId(42, 'api', 0)).toBe(id);
    expect(requestId(43, 'api', 0)).not.toBe(id);
    expect(requestId(42, 'other', 0)).not.toBe(id);
    expect(requestId(42, 'api', 1)).not.toBe(id);
    expect(requestId(42, 'api', 2 ** 40)).toMatch(UUID);
  });

  it('never repeat within a function', () => {
    const ids = new RequestIds(1, 'api');
    const seen = new Set<string>();
    for (let seq = 0; seq < 100_000; seq++) seen.add(ids.id(seq));
    expect(seen.size).toBe(100_000);
  });
});

describe('START / END / REPORT lines', () => {
  it('follow CloudWatch layout: tabs between REPORT fields, Init Duration on cold starts only', () => {
    const text = formatInvocationLog({
      requestId: '8f507cfc-0000-4697-b07a-ac58fc914c95',
      startUs: 1_130_490,
      endUs: 1_146_230,
      durationUs: 15_740,
      initUs: 130_490,
      billedMs: 147,
      memorySize: 128,
      maxMemoryUsed: 74,
    });
    expect(text).toBe(
      '1970-01-01T00:00:01.130Z START RequestId: 8f507cfc-0000-4697-b07a-ac58fc914c95\tVersion: $LATEST\n' +
        '1970-01-01T00:00:01.146Z END RequestId: 8f507cfc-0000-4697-b07a-ac58fc914c95\n' +
        '1970-01-01T00:00:01.146Z REPORT RequestId: 8f507cfc-0000-4697-b07a-ac58fc914c95\tDuration: 15.74 ms\tBilled Duration: 147 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\tInit Duration: 130.49 ms\n',
    );
    const report = parseReportLine(text.split('\n')[2]);
    expect(report).toEqual({ requestId: '8f507cfc-0000-4697-b07a-ac58fc914c95', durationMs: 15.74, billedDurationMs: 147, memorySizeMb: 128, maxMemoryUsedMb: 74, initDurationMs: 130.49 });
  });

  it('add the "Task timed out" line before END on a timeout', () => {
    const text = formatInvocationLog({ requestId: 'x', startUs: 0, endUs: 3e6, durationUs: 3e6, initUs: 0, billedMs: 3000, memorySize: 128, maxMemoryUsed: 56, timedOutAfterUs: 3e6 });
    expect(text.split('\n')[1]).toBe('1970-01-01T00:00:03.000Z x Task timed out after 3.00 seconds');
    expect(parseReportLine(text.split('\n')[3])?.initDurationMs).toBeUndefined();
  });

  it('parse back to the bill: one REPORT per finished invocation, billed durations summing to billedDurationMs', () => {
    const logs = ['', ''];
    const input = scenario({
      duration: 60 * S,
      seed: 9,
      account: { concurrencyLimit: 10, unreservedMinimum: 0, scaling: 'per-function' },
      functions: {
        api: fn({ memorySize: 512, duration: { dist: 'lognormal', median: 80 * MS, sigma: 0.8 }, init: { dist: 'constant', value: 250_300 }, timeout: S }),
        slow: fn({ duration: { dist: 'constant', value: 2 * S }, init: { dist: 'constant', value: 100_050 }, timeout: S }),
      },
      workloads: [sync('api', { process: 'poisson', rate: 40 }), sync('slow', { process: 'poisson', rate: 2 })],
    });
    const obs = new LogObserver({
      seed: 9,
      functions: [
        { name: 'api', memorySize: 512, timeoutUs: S },
        { name: 'slow', memorySize: 1024, timeoutUs: S },
      ],
      sinks: [(bytes) => (logs[0] += Buffer.from(bytes).toString('utf8')), (bytes) => (logs[1] += Buffer.from(bytes).toString('utf8'))],
    });
    const results = checkedResults(new Simulation(input, obs));
    results.functions.forEach((f, i) => {
      const lines = logs[i].trimEnd().split('\n');
      const reports = lines.map(parseReportLine).filter((r) => r !== null);
      expect(reports.length).toBe(f.invocations);
      expect(reports.reduce((a, r) => a + r.billedDurationMs, 0)).toBe(f.billedDurationMs);
      expect(reports.filter((r) => r.initDurationMs !== undefined).length).toBe(f.initDuration.count);
      expect(lines.filter((l) => l.includes(' START RequestId: ')).length).toBe(f.invocations);
      expect(lines.filter((l) => l.includes('Task timed out after 1.00 seconds')).length).toBe(f.timeouts);
      expect(new Set(reports.map((r) => r.requestId)).size).toBe(reports.length);
      for (const r of reports) {
        // 1 ms billing with INIT billed: ceil(duration + init), up to the 2-decimal rounding of the line.
        expect(Math.abs(r.billedDurationMs - (r.durationMs + (r.initDurationMs ?? 0)))).toBeLessThanOrEqual(1.01);
      }
    });
    expect(results.functions[1].timeouts).toBeGreaterThan(0);
  });
});
