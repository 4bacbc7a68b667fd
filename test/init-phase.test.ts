/**
 * INIT limits and failures (issue #15; src/model/init-phase.ts). Every expected number is derived in
 * a comment from the rules: on-demand INIT capped at 10 s, then run again inside the invocation and
 * bounded by the timeout; a failed INIT is an error, its environment discarded; the failed or
 * timed-out INIT attempt is not billed, the invoke phase is.
 */
import { describe, expect, it } from 'vitest';
import { simulate, checkedResults, Simulation } from './helpers/simulate.js';
import { ASYNC_DEFAULTS, fn, MS, S, scenario, sync } from './helpers/model-input.js';
import type { BillingInput, FunctionInput, WorkloadInput } from '../src/model/input.js';
import { provisionedInitCapUs } from '../src/model/init-phase.js';
import { formatInvocationLog, LogObserver, parseReportLine } from '../src/report/logs.js';

const constant = (value: number) => ({ dist: 'constant', value }) as const;
const BILL_INIT: BillingInput = { granularityMs: 1, freeTier: false, billInit: true, prices: {} };
const OLD_RULE: BillingInput = { ...BILL_INIT, billInit: false };

/** Requests one `gap` apart in [0, count x gap). */
function every(gap: number, count: number): WorkloadInput {
  return sync('api', { process: 'constant', rate: S / gap }, { start: 0, end: count * gap });
}

function run(f: FunctionInput, workloads: WorkloadInput[], duration: number, billing = BILL_INIT) {
  return simulate(scenario({ duration, billing, functions: { api: f }, workloads })).functions[0];
}

describe('on-demand INIT past 10 s runs again inside the first invocation (suppressed init)', () => {
  // INIT 12 s (> 10 s), handler 100 ms, timeout 30 s, one request at 0.
  const slowInit = fn({ init: constant(12 * S), duration: constant(100 * MS), timeout: 30 * S });

  it.each([
    ['INIT billed (since 2025-08-01)', BILL_INIT],
    ['INIT not billed (before)', OLD_RULE],
  ])('bills the invoke phase only, whatever the INIT rule: %s', (_label, billing) => {
    // Init phase: 10 s, then timed out (not billed). Invoke phase: INIT again 12 s + handler 0.1 s =
    // 12.1 s < 30 s, so it succeeds. Billed = ceil(12,100 ms) = 12,100 ms; latency 10 + 12.1 = 22.1 s.
    const f = run(slowInit, [every(S, 1)], 60 * S, billing);
    expect(f.invocations).toBe(1);
    expect(f.successes).toBe(1);
    expect(f.errors).toBe(0);
    expect(f.coldStarts).toBe(1);
    expect(f.initTimeouts).toBe(1);
    expect(f.initErrors).toBe(0);
    expect(f.billedDurationMs).toBe(12_100);
    expect(f.initDuration.max).toBe(10 * S);
    expect(f.duration.max).toBe(12_100 * MS);
    expect(f.latency.max).toBe(22_100 * MS);
  });

  it('keeps the environment after a suppressed INIT that succeeded: the next request is warm', () => {
    // Second request at 60 s (keep-alive 10 min): warm, 100 ms, billed 100 ms.
    const f = run(slowInit, [every(60 * S, 2)], 120 * S);
    expect(f.coldStarts).toBe(1);
    expect(f.billedDurationMs).toBe(12_100 + 100);
  });

  it('times out when the second INIT and the handler pass the timeout; the environment is discarded', () => {
    // Handler 20 s: invoke phase 12 + 20 = 32 s > 30 s, cut at 30 s: a timeout error billed 30,000 ms.
    // The environment is discarded, so the request at 60 s is cold again: 2 cold starts, 2 timeouts.
    const f = run({ ...slowInit, duration: constant(20 * S) }, [every(60 * S, 2)], 120 * S);
    expect(f.invocations).toBe(2);
    expect(f.timeouts).toBe(2);
    expect(f.errors).toBe(2);
    expect(f.coldStarts).toBe(2);
    expect(f.environmentsCreated).toBe(2);
    expect(f.initTimeouts).toBe(2);
    expect(f.billedDurationMs).toBe(2 * 30_000);
    expect(f.latency.max).toBe(40 * S);
  });

  it('never recovers when the timeout is shorter than the INIT (each attempt times out inside INIT)', () => {
    // Timeout 5 s < INIT 12 s: every invocation is 10 s of init phase + 5 s cut, billed 5,000 ms.
    const f = run({ ...slowInit, timeout: 5 * S }, [every(60 * S, 5)], 300 * S);
    expect(f.successes).toBe(0);
    expect(f.timeouts).toBe(5);
    expect(f.coldStarts).toBe(5);
    expect(f.billedDurationMs).toBe(5 * 5_000);
  });

  it('leaves an INIT within 10 s alone (no counts unless the INIT can fail)', () => {
    const f = run(fn({ init: constant(10 * S), timeout: 30 * S }), [every(S, 1)], 60 * S);
    expect(f.initTimeouts).toBeUndefined();
    expect(f.billedDurationMs).toBe(10_100);
  });
});

describe('INIT failures', () => {
  it('initFails: always: every request is a cold start that fails, billed min(INIT, timeout)', () => {
    // INIT 300 ms, fails: init phase 300 ms (not billed), invoke phase INIT again 300 ms and fails.
    // 10 requests 1 minute apart: 10 cold starts (each environment discarded), 10 errors, billed 10 x 300.
    const f = run(fn({ init: constant(300 * MS), initFails: 'always' }), [every(60 * S, 10)], 600 * S);
    expect(f.invocations).toBe(10);
    expect(f.errors).toBe(10);
    expect(f.initErrors).toBe(10);
    expect(f.coldStarts).toBe(10);
    expect(f.environmentsCreated).toBe(10);
    expect(f.billedDurationMs).toBe(10 * 300);
    expect(f.latency.max).toBe(600 * MS);
  });

  it('the share of failed INITs equals initErrorRate within 4 binomial standard errors', () => {
    // Keep-alive 1 ms and one request per second: every request is a cold start (n = 20,000).
    // sd of the share = sqrt(0.2 x 0.8 / 20,000) = 0.00283; 4 sd = 0.0113.
    const n = 20_000;
    const f = run(fn({ initErrorRate: 0.2, keepAlive: constant(MS) }), [every(S, n)], n * S);
    expect(f.coldStarts).toBe(n);
    expect(Math.abs(f.initErrors! / n - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / n));
    expect(f.errors).toBe(f.initErrors);
  });

  it('async events retry a failed INIT by the async rules: 3 attempts, then the DLQ', () => {
    // maximumRetryAttempts 2: each of 4 events runs 3 times (12 cold starts, all failing), then goes
    // to the dead-letter queue.
    const f = simulate(
      scenario({
        duration: 3600 * S,
        functions: { api: fn({ initFails: 'always', asyncConfig: { ...ASYNC_DEFAULTS, deadLetterQueue: 'dlq' } }) },
        workloads: [{ name: 'ev', function: 'api', invocation: 'async', start: 0, end: 4 * S, arrivals: { process: 'constant', rate: 1 } }],
      }),
    ).functions[0];
    expect(f.invocations).toBe(12);
    expect(f.initErrors).toBe(12);
    expect(f.async!.retriesExhausted).toBe(4);
    expect(f.async!.deadLettered).toBe(4);
  });
});

describe('provisioned concurrency INIT limit', () => {
  it('is max(130 s, timeout)', () => {
    expect(provisionedInitCapUs(30 * S)).toBe(130 * S);
    expect(provisionedInitCapUs(300 * S)).toBe(300 * S);
  });

  it('an INIT past the limit is billed up to it, tried 3 times, and the environment never serves', () => {
    // Level 1 raised at 0+ (not before the run), INIT 200 s > 130 s: 3 attempts of 130 s billed at
    // the provisioned price = 390,000 ms; requests spill over to on demand (INIT 200 s > 10 s too).
    const r = simulate(
      scenario({
        duration: 600 * S,
        functions: { api: fn({ init: constant(200 * S), timeout: 30 * S, provisionedConcurrency: [{ at: S, value: 1 }] }) },
        workloads: [],
      }),
    ).functions[0];
    expect(r.provisioned!.billedMs).toBe(3 * 130_000);
    expect(r.initTimeouts).toBe(3);
    expect(r.provisioned!.readyMax).toBe(0);
  });
});

describe('logs of INIT trouble', () => {
  const base = { requestId: 'r', startUs: 10 * S, endUs: 22 * S, durationUs: 12 * S, billedMs: 12_000, memorySize: 128, maxMemoryUsed: 74 };

  it('a timed-out INIT prints INIT_REPORT ... Status: timeout and no Init Duration in REPORT', () => {
    const text = formatInvocationLog({ ...base, initUs: 10 * S, initStatus: 1 });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('1970-01-01T00:00:10.000Z INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout');
    expect(parseReportLine(lines[lines.length - 1])?.initDurationMs).toBeUndefined();
  });

  it('a failed INIT prints two INIT_REPORT lines and a REPORT with Status: error', () => {
    const text = formatInvocationLog({ ...base, durationUs: 300 * MS, endUs: 10.3 * S, billedMs: 300, initUs: 300 * MS, initStatus: 2, initErrorType: 'Runtime.ExitError' });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/INIT_REPORT Init Duration: 300\.00 ms\tPhase: init\tStatus: error\tError Type: Runtime\.ExitError$/);
    expect(lines[1]).toMatch(/INIT_REPORT Init Duration: 300\.00 ms\tPhase: invoke\tStatus: error\tError Type: Runtime\.ExitError$/);
    expect(lines[2]).toMatch(/ START RequestId: r/);
    expect(lines[lines.length - 1]).toMatch(/REPORT RequestId: r\tDuration: 300\.00 ms\tBilled Duration: 300 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\tStatus: error\tError Type: Runtime\.ExitError$/);
  });

  it('the REPORT lines of a run with failing INITs add up to the bill', () => {
    let log = '';
    const input = scenario({ duration: 600 * S, functions: { api: fn({ init: constant(300 * MS), initErrorRate: 0.5, keepAlive: constant(MS) }) }, workloads: [every(S, 200)] });
    const obs = new LogObserver({ seed: 1, functions: [{ name: 'api', memorySize: 1024, timeoutUs: 900 * S }], sinks: [(bytes) => (log += Buffer.from(bytes).toString('utf8'))] });
    const f = checkedResults(new Simulation(input, obs)).functions[0];
    const lines = log.trimEnd().split('\n');
    const reports = lines.map(parseReportLine).filter((r) => r !== null);
    expect(reports.reduce((a, r) => a + r.billedDurationMs, 0)).toBe(f.billedDurationMs);
    expect(lines.filter((l) => l.includes('Phase: invoke\tStatus: error\tError Type: Runtime.ImportModuleError')).length).toBe(f.initErrors);
  });
});
