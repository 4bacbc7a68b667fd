/** summary.json carries provisioned-concurrency (CloudWatch names), reservation and async blocks. */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { buildSummary } from '../src/report/index.js';
import { detailLines } from '../src/report/summary-details.js';
import { ASYNC_DEFAULTS, fn, MIN, MS, S, scenario, sync } from './helpers/model-input.js';

describe('summary.json extensions for concurrency and async', () => {
  it('reports provisioned concurrency under CloudWatch names, the reservation, and the async block', () => {
    const results = simulate(
      scenario({
        duration: 10 * MIN,
        functions: {
          api: fn({
            duration: { dist: 'constant', value: 200 * MS },
            reservedConcurrency: 8,
            provisionedConcurrency: [{ at: 0, value: 5 }],
          }),
          worker: fn({ errorRate: 1, asyncConfig: { ...ASYNC_DEFAULTS, maximumRetryAttempts: 0, deadLetterQueue: 'dlq' } }),
        },
        workloads: [
          sync('api', { process: 'poisson', rate: 30 }),
          { name: 'events', function: 'worker', invocation: 'async', start: 0, end: 10 * S, arrivals: { process: 'constant', rate: 1 } },
        ],
      }),
    );
    const summary = buildSummary(results, { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] });
    const api = summary.functions.api;
    const pc = results.functions[0].provisioned!;
    expect(api.reservedConcurrency).toBe(8);
    expect(api.provisionedConcurrency).toMatchObject({
      configuredMax: 5,
      readyMax: 5,
      provisionedConcurrencyInvocations: pc.invocations,
      provisionedConcurrencySpilloverInvocations: pc.spilloverInvocations,
    });
    expect(api.provisionedConcurrency!.provisionedConcurrencyUtilization.max).toBe(1);
    // 5 environments x 10 minutes (a multiple of 5 minutes): 3,000 environment-seconds.
    expect(api.provisionedConcurrency!.billedEnvironmentSeconds).toBe(3000);
    expect(api.throttleReasons.reserved).toBe(results.functions[0].throttleReasons.reserved);
    const worker = summary.functions.worker;
    expect(worker.async).toMatchObject({ received: 10, succeeded: 0, dropped: 10, retriesExhausted: 10, deadLettered: 10, pendingAtEnd: 0 });
    expect(worker.deadLettered).toBe(10);
    expect(worker.dropped).toBe(10);
    expect(summary.functions.api.async).toBeUndefined();
    // The lines under the terminal table say the same in words.
    const lines = detailLines(summary);
    expect(lines).toContain(
      `api: provisioned up to 5, ${pc.invocations.toLocaleString('en-US')} invocations on it, ` +
        `${pc.spilloverInvocations.toLocaleString('en-US')} spilled over, utilization mean ${(api.provisionedConcurrency!.provisionedConcurrencyUtilization.mean * 100).toFixed(1)}%`,
    );
    expect(lines.find((l) => l.startsWith('worker async:'))).toMatch(/received 10, succeeded 0, failed finally 10 \(10 to the DLQ, 0 to the onFailure destination, 0 dropped\)/);
  });
});
