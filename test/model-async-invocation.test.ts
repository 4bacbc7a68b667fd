/** Asynchronous invocation: the internal queue, retries, event age, DLQ and destinations (oracles 19, 30-33). */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { asyncRequestsPerEvent } from '../src/model/async-invoker.js';
import type { AsyncConfigInput, FunctionInput, WorkloadInput } from '../src/model/input.js';
import { ASYNC_DEFAULTS, fn, H, MIN, MS, S, scenario } from './helpers/model-input.js';

/** `count` async events, one per `gap` us from `at`. */
function events(name: string, target: string, at: number, count: number, gap = 1, payloadSize?: number): WorkloadInput {
  return {
    name,
    function: target,
    invocation: 'async',
    start: at,
    end: at + count * gap,
    arrivals: { process: 'constant', rate: 1_000_000 / gap },
    ...(payloadSize !== undefined ? { payloadSize } : {}),
  };
}

const config = (over: Partial<AsyncConfigInput> = {}): AsyncConfigInput => ({ ...ASYNC_DEFAULTS, ...over });

function run(f: FunctionInput, workloads: WorkloadInput[], duration = 7 * H, extra: Record<string, FunctionInput> = {}) {
  return simulate(scenario({ duration, functions: { api: f, ...extra }, workloads })).functions[0];
}

describe('async retries after function errors', () => {
  it('oracle 30: 3 attempts ~1 min and ~2 min apart, then RetriesExhausted to the on-failure destination', () => {
    // Every attempt fails after 1 s: attempts at 0, 1 + 60 = 61 s and 62 + 120 = 182 s; the last ends at
    // 183 s. Invocations 3, Errors 3, AsyncEventsReceived 1, AsyncEventsDropped 1; latency 183 s.
    const f = run(fn({ errorRate: 1, duration: { dist: 'constant', value: S }, asyncConfig: config({ onFailure: 'failures' }) }), [
      events('one', 'api', 0, 1),
    ]);
    expect(f.invocations).toBe(3);
    expect(f.errors).toBe(3);
    expect(f.async!.received).toBe(1);
    expect(f.async!.dropped).toBe(1);
    expect(f.async!.retriesExhausted).toBe(1);
    expect(f.async!.onFailureDeliveries).toBe(1);
    expect(f.async!.errorRetries).toBe(2);
    expect(f.retries).toBe(2);
    expect(f.latency.count).toBe(1);
    expect(f.latency.max).toBe(183 * S);
    // AsyncEventAge at each invocation: 0, 61 s, 182 s.
    expect(f.async!.eventAge.max).toBe(182 * S);
    expect(f.async!.eventAge.sum).toBe((61 + 182) * S);
  });

  it('oracle 31: maximumRetryAttempts 0 gives exactly one attempt, then the DLQ', () => {
    const f = run(fn({ errorRate: 1, asyncConfig: config({ maximumRetryAttempts: 0, deadLetterQueue: 'dlq' }) }), [events('one', 'api', 0, 1)]);
    expect(f.invocations).toBe(1);
    expect(f.async!.deadLettered).toBe(1);
    expect(f.deadLettered).toBe(1);
    expect(f.dropped).toBe(1);
  });

  it('succeeds on a retry without further attempts, to the on-success destination', () => {
    // errorRate 0.5 on 2,000 events: P(3 failures) = 1/8 -> 250 dropped expected (sd 14.8; 5 sd).
    const f = run(fn({ errorRate: 0.5, duration: { dist: 'constant', value: 10 * MS }, asyncConfig: config({ onSuccess: 'ok' }) }), [
      events('many', 'api', 0, 2000, 10 * MS),
    ]);
    const a = f.async!;
    expect(Math.abs(a.dropped - 250)).toBeLessThan(5 * 14.8);
    expect(a.succeeded + a.dropped + a.pendingAtEnd).toBe(a.received);
    expect(a.onSuccessDeliveries).toBe(a.succeeded);
    // Attempts: each success or failure is an invocation; failures before the last are retried.
    expect(f.invocations).toBe(a.succeeded + a.dropped + a.errorRetries);
  });
});

describe('async throttles', () => {
  it('oracle 32: a throttled event is retried 1, 2, 4 ... 256 s, then every 300 s, until 6 h: 79 retries, EventAgeExceeded', () => {
    // Reserved concurrency 1 held for 7 hours by sync blockers arriving every 900 s and running 900 s (the
    // longest timeout; each ends just before the next arrives). Attempts at 0, 1, 3, 7, ..., 511 s (10 attempts,
    // 9 retries), then 811, 1111, ..., every 300 s while before 21,600 s: 511 + 300k < 21,600 -> k <= 70:
    // 70 more retries -> 79 retries, 80 throttled attempts; dropped at exactly 6 h.
    const blocker: WorkloadInput = { name: 'blocker', function: 'api', invocation: 'sync', start: 0, end: 7 * H, arrivals: { process: 'constant', rate: 1 / 900 } };
    const f = run(fn({ reservedConcurrency: 1, duration: { dist: 'constant', value: 900 * S }, timeout: 900 * S, asyncConfig: config({ onFailure: 'f' }) }), [
      blocker,
      events('one', 'api', 1, 1),
    ]);
    const a = f.async!;
    expect(a.throttleRetries).toBe(79);
    expect(f.throttles).toBe(80);
    expect(a.eventAgeExceeded).toBe(1);
    expect(a.dropped).toBe(1);
    expect(a.onFailureDeliveries).toBe(1);
    // 28 blockers arrive in 7 h; the last ends exactly at 7 h, which the run (events before 7 h) excludes.
    expect(f.successes).toBe(27);
    expect(f.inFlightAtEnd).toBe(1);
  });

  it('oracle 33: reservedConcurrency 0 sends the event straight to failure handling, no retries', () => {
    const f = run(fn({ reservedConcurrency: 0, asyncConfig: config({ deadLetterQueue: 'dlq' }) }), [events('some', 'api', 0, 5, S)]);
    expect(f.async!.dropped).toBe(5);
    expect(f.async!.deadLettered).toBe(5);
    expect(f.retries).toBe(0);
    expect(f.invocations).toBe(0);
  });

  it('drops events at maximumEventAge when the function is far slower than its arrivals', () => {
    // Reserved 1; events 1 s apart for 10 s (t = 0..9), each running 100 s; maximumEventAge 60 s; throttle
    // backoff constant 1 s (factor 1). Event 0 runs 0-100 s. Events 1..9 are throttled at t = k, k+1, ...,
    // k+59 (60 attempts, 59 retries each) and dropped at k + 60, while the slot is still busy.
    // -> succeeded 1 (ends at 100 s), dropped 9, throttles 540, throttle retries 531.
    const f = run(
      fn({
        reservedConcurrency: 1,
        duration: { dist: 'constant', value: 100 * S },
        asyncConfig: config({ maximumEventAge: 60 * S, throttleBackoff: { initial: S, max: S, factor: 1, jitter: 'none' } }),
      }),
      [events('ten', 'api', 0, 10, S)],
      5 * MIN,
    );
    const a = f.async!;
    expect(a.received).toBe(10);
    expect(a.succeeded).toBe(1);
    expect(a.eventAgeExceeded).toBe(9);
    expect(f.throttles).toBe(540);
    expect(a.throttleRetries).toBe(531);
    expect(f.latency.max).toBe(100 * S);
  });

  it('spreads throttle waits with jitter: equal keeps each in [wait/2, wait], full in (0, wait]', () => {
    // As above, with the 1 s wait jittered: about 60 / 0.75 = 80 attempts per event in its 60 s with
    // equal jitter (between 60 and 120), about 60 / 0.5 = 120 with full (more than 60).
    const attempts = (jitter: 'equal' | 'full') => {
      const f = run(
        fn({
          reservedConcurrency: 1,
          duration: { dist: 'constant', value: 100 * S },
          asyncConfig: config({ maximumEventAge: 60 * S, throttleBackoff: { initial: S, max: S, factor: 1, jitter } }),
        }),
        [events('ten', 'api', 0, 10, S)],
        5 * MIN,
      );
      expect(f.async!.eventAgeExceeded).toBe(9);
      return f.throttles / 9;
    };
    const equal = attempts('equal');
    expect(equal).toBeGreaterThan(60);
    expect(equal).toBeLessThanOrEqual(121);
    expect(Math.abs(equal - 80)).toBeLessThan(5);
    expect(Math.abs(attempts('full') - 120)).toBeLessThan(8);
  });

  it('is not limited by the request-rate quota (events from AWS services)', () => {
    // Limit 10 -> a sync quota of 100/s; 500 async events in one second of 1 ms each all run.
    const r = simulate(
      scenario({
        duration: MIN,
        account: { concurrencyLimit: 10, unreservedMinimum: 0, scaling: 'per-function' },
        functions: { api: fn({ duration: { dist: 'constant', value: MS } }) },
        workloads: [events('fast', 'api', 0, 500, 2 * MS)],
      }),
    ).functions[0];
    expect(r.throttleReasons.rate).toBe(0);
    expect(r.async!.succeeded).toBe(500);
  });
});

describe('async conservation, duplicates and billing', () => {
  it('every event ends once: succeeded, dropped, or pending at the end', () => {
    const f = run(
      fn({ reservedConcurrency: 5, errorRate: 0.2, duration: { dist: 'exponential', mean: 500 * MS }, asyncConfig: config({ maximumEventAge: 5 * MIN }) }),
      [events('storm', 'api', 0, 6000, 50 * MS)],
      10 * MIN,
    );
    const a = f.async!;
    // run() checks the identities (received = succeeded + dropped + pendingAtEnd, ...); here they must bind.
    expect(a.dropped).toBeGreaterThan(0);
    expect(a.eventAgeExceeded).toBeGreaterThan(0);
  });

  it('delivers some events twice at duplicateRate (binomial, 5 sd)', () => {
    // 10,000 events at 5%: 500 expected, sd 21.8.
    const f = run(fn({ duration: { dist: 'constant', value: MS }, asyncConfig: config({ duplicateRate: 0.05 }) }), [events('e', 'api', 0, 10_000, MS)], MIN);
    expect(Math.abs(f.async!.duplicates - 500)).toBeLessThan(5 * 21.8);
    expect(f.async!.received).toBe(10_000 + f.async!.duplicates);
  });

  it('oracle 19: a 200 KB event is 1 request, 300 KB is 2, 1 MB is 13; every attempt is billed', () => {
    expect([200, 256, 300, 1024].map(asyncRequestsPerEvent)).toEqual([1, 1, 2, 13]);
    // 100 events of 1 MB, each failing once then succeeding? Simpler: errorRate 0 -> 100 invocations x 13.
    const f = run(fn({ duration: { dist: 'constant', value: MS } }), [events('big', 'api', 0, 100, S, 1024)], 5 * MIN);
    expect(f.invocations).toBe(100);
    // $0.20 per million requests: 1,300 requests.
    expect(f.cost.requests).toBeCloseTo((1300 * 0.2) / 1e6, 12);
  });
});

describe('async destinations that are queues of the scenario', () => {
  it('sends failed events into the DLQ queue and successes into the on-success queue, where a mapping can consume them', async () => {
    const { esm } = await import('./helpers/esm-input.js');
    // 100 events, 1 s apart; errorRate 1 for `api` with no retries -> 100 records in `api-dlq`, which
    // `cleanup` consumes. A second function `ok` sends its 50 successes to `done` (no consumer).
    const r = simulate(
      scenario({
        duration: 10 * MIN,
        functions: {
          api: fn({ errorRate: 1, asyncConfig: config({ maximumRetryAttempts: 0, deadLetterQueue: 'api-dlq' }) }),
          ok: fn({ asyncConfig: config({ onSuccess: 'done' }) }),
          cleanup: fn({ duration: { dist: 'constant', value: 10 * MS } }),
        },
        queues: { 'api-dlq': { type: 'standard', visibilityTimeout: 30 * S }, done: { type: 'standard', visibilityTimeout: 30 * S } },
        eventSourceMappings: [esm({ source: 'api-dlq', function: 'cleanup', batchSize: 1 })],
        workloads: [events('failing', 'api', 0, 100, S), events('fine', 'ok', 0, 50, S)],
      }),
    );
    const [api, ok, cleanup] = r.functions;
    expect(api.async!.deadLettered).toBe(100);
    expect(ok.async!.onSuccessDeliveries).toBe(50);
    const dlq = r.queues!.find((q) => q.name === 'api-dlq')!;
    const done = r.queues!.find((q) => q.name === 'done')!;
    expect(dlq.sent).toBe(100);
    expect(done.sent).toBe(50);
    expect(done.visibleAtEnd).toBe(50);
    // Every dead-lettered record reached the consumer (batch size 1, 10 ms each).
    expect(cleanup.invocations).toBe(100);
  });
});

describe('async destinations that are not queues', () => {
  it('are counted and named in a report note', () => {
    const r = simulate(
      scenario({
        duration: MIN,
        functions: { api: fn({ errorRate: 1, asyncConfig: config({ maximumRetryAttempts: 0, onFailure: 'alerts-topic' }) }) },
        workloads: [events('e', 'api', 0, 3, S)],
      }),
    );
    expect(r.functions[0].async!.onFailureDeliveries).toBe(3);
    expect(r.notes).toContain('function api: async onFailure "alerts-topic" is not a queue of this scenario; its records are counted, not delivered');
  });
});

describe('async defaults are decided once, in the scenario', () => {
  it('the model has no copy: an input built by hand without asyncConfig is refused, naming the field', () => {
    const { asyncConfig: _, ...partial } = fn();
    expect(() => simulate(scenario({ duration: MIN, functions: { api: partial as FunctionInput }, workloads: [events('e', 'api', 0, 1)] }))).toThrow(
      /missing: functions\.api\.asyncConfig$/,
    );
  });

  it('the scenario fills every field of asyncConfig, in microseconds (lambda-behavior.md 7)', () => {
    expect(ASYNC_DEFAULTS).toStrictEqual({
      maximumRetryAttempts: 2,
      maximumEventAge: 6 * H,
      retryDelays: [MIN, 2 * MIN],
      throttleBackoff: { initial: S, max: 5 * MIN, factor: 2, jitter: 'none' },
      duplicateRate: 0,
    });
  });
});
