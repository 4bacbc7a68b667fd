/** SQS event source mapping: visibility arithmetic, redrive, partial batch response, poller scaling (oracles 27, 28). */
import { describe, expect, it } from 'vitest';
import { Simulation, checkedResults, simulate } from './helpers/simulate.js';
import { effectiveVisibilityTimeout, recommendedVisibilityTimeout } from '../src/model/sqs-poller.js';
import type { ProducerInput, SimulationInput, StandardQueueInput } from '../src/model/input.js';
import type { SqsQueue } from '../src/model/sqs.js';
import { fn, MIN, MS, S, scenario } from './helpers/model-input.js';
import { esm } from './helpers/esm-input.js';

/** `count` messages sent at `at` (a 1 us window at 2 x `count` per us: arrivals k = 0..count-1 round to `at`). */
function burst(queue: string, at: number, count: number, name = 'p'): ProducerInput {
  return { name, source: queue, partitionKeys: 1, start: at, end: at + 1, arrivals: { process: 'constant', rate: 2 * count * 1_000_000 } };
}

function queue(over: Partial<Omit<StandardQueueInput, 'type'>> = {}): StandardQueueInput {
  return { type: 'standard', visibilityTimeout: 30 * S, ...over };
}

function input(parts: Partial<SimulationInput> & Pick<SimulationInput, 'functions' | 'duration'>): SimulationInput {
  return scenario({ workloads: [], ...parts });
}

describe('SQS visibility timeout (oracle 28)', () => {
  it('recommends 6 x timeout + window and applies window + timeout + 30 s when the queue is shorter', () => {
    expect(recommendedVisibilityTimeout(5 * S, 30 * S)).toBe(185 * S);
    expect(effectiveVisibilityTimeout(20 * S, 10 * S, 30 * S)).toBe(70 * S);
    expect(effectiveVisibilityTimeout(185 * S, 5 * S, 30 * S)).toBe(185 * S);
  });

  it('a failing message is received every visibility timeout and redriven after maxReceiveCount receives', () => {
    // One poison message at t=0, visibility 30 s, maxReceiveCount 5, function 100 ms: received at
    // 0, 30, 60, 90, 120 s; after the 5th failure it becomes due at 150 s and moves to the DLQ.
    const base = input({
      duration: 149 * S,
      functions: { worker: fn({ timeout: 10 * S }) },
      queues: { orders: queue({ maxReceiveCount: 5, deadLetterQueue: 'dlq' }), dlq: queue() },
      producers: [burst('orders', 0, 1)],
      eventSourceMappings: [esm({ source: 'orders', function: 'worker', poisonItems: [0] })],
    });
    const before = simulate(base);
    expect(before.functions[0].invocations).toBe(5);
    expect(before.functions[0].errors).toBe(5);
    expect(before.queues![0]).toMatchObject({ sent: 1, deadLettered: 0, inFlightAtEnd: 1, received: 5 });
    const after = simulate({ ...base, duration: 151 * S });
    expect(after.queues![0]).toMatchObject({ sent: 1, deleted: 0, deadLettered: 1, inFlightAtEnd: 0, visibleAtEnd: 0 });
    expect(after.queues![1]).toMatchObject({ name: 'dlq', sent: 1, visibleAtEnd: 1 });
    // The DLQ message keeps its original send time: 151 s old at the end.
    expect(after.queues![1].ageOfOldestMax).toBe(151 * S);
  });

  it('uses the effective visibility when window + timeout exceed the queue visibility', () => {
    // visibility 20 s, window 10 s, timeout 30 s -> 70 s: receives at 10 (window) and 80 s.
    const r = simulate(
      input({
        duration: 100 * S,
        functions: { worker: fn({ timeout: 30 * S }) },
        queues: { orders: queue({ visibilityTimeout: 20 * S }) },
        producers: [burst('orders', 0, 1)],
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', poisonItems: [0], maximumBatchingWindow: 10 * S })],
      }),
    );
    expect(r.queues![0].received).toBe(2);
    expect(r.notes.some((n) => n.includes('effective visibility timeout 70s'))).toBe(true);
  });
});

describe('SQS batches and partial batch response', () => {
  it('with reportBatchItemFailures only the failed message returns', () => {
    // 10 messages at 0 with a 1 s window: the 10th fills one batch at 0; message 3 is poison: 9 deleted
    // at 100 ms; it is visible again at 30 s, older than the window so received at once, fails again.
    const r = simulate(
      input({
        duration: 45 * S,
        functions: { worker: fn({ timeout: 10 * S }) },
        queues: { orders: queue() },
        producers: [burst('orders', 0, 10)],
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', poisonItems: [3], reportBatchItemFailures: true, maximumBatchingWindow: S })],
      }),
    );
    const q = r.queues![0];
    expect(q).toMatchObject({ sent: 10, deleted: 9, received: 11, inFlightAtEnd: 1 });
    expect(r.functions[0]).toMatchObject({ invocations: 2, errors: 0 });
    expect(q.latency.max).toBe(100 * MS);
  });

  it('without it the whole batch fails and returns', () => {
    const r = simulate(
      input({
        duration: 45 * S,
        functions: { worker: fn({ timeout: 10 * S }) },
        queues: { orders: queue() },
        producers: [burst('orders', 0, 10)],
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', poisonItems: [3], maximumBatchingWindow: S })],
      }),
    );
    expect(r.queues![0]).toMatchObject({ sent: 10, deleted: 0, received: 20, inFlightAtEnd: 10 });
    expect(r.functions[0]).toMatchObject({ invocations: 2, errors: 2 });
  });

  it('waits maximumBatchingWindow for a partial batch and takes a full one at once', () => {
    // 25 messages at 0, batchSize 10, window 2 s: two full batches at 0, the last 5 at 2 s.
    const r = simulate(
      input({
        duration: 10 * S,
        functions: { worker: fn({ timeout: 10 * S }) },
        queues: { orders: queue({ visibilityTimeout: 120 * S }) },
        producers: [burst('orders', 0, 25)],
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', maximumBatchingWindow: 2 * S })],
      }),
    );
    const q = r.queues![0];
    expect(r.functions[0].invocations).toBe(3);
    expect(q.deleted).toBe(25);
    expect(q.latency.max).toBe(2 * S + 100 * MS);
    expect(q.ageOfOldestMax).toBe(2 * S);
  });

  it('conserves messages under random errors, poison messages and redrive', () => {
    const r = simulate(
      input({
        duration: 10 * MIN,
        functions: { worker: fn({ timeout: 5 * S, errorRate: 0.2, reservedConcurrency: 20, duration: { dist: 'exponential', mean: 300 * MS } }) },
        queues: { orders: queue({ maxReceiveCount: 3, deadLetterQueue: 'dlq' }), dlq: queue() },
        producers: [{ name: 'p', source: 'orders', partitionKeys: 1, start: 0, end: 10 * MIN, arrivals: { process: 'poisson', rate: 200 } }],
        // maximumConcurrency at the reservation, as AWS advises: the pollers do not look at the reservation themselves.
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', itemFailureRate: 0.01, reportBatchItemFailures: true, maximumConcurrency: 20 })],
      }),
    );
    const [q, dlq] = r.queues!;
    expect(q.sent).toBeGreaterThan(100_000);
    expect(q.deleted).toBeGreaterThan(0.95 * q.sent);
    expect(q.deadLettered).toBeGreaterThan(0);
    expect(dlq.sent).toBe(q.deadLettered);
    // Never past the mapping's maximum concurrency.
    expect(r.functions[0].concurrencyMax).toBeLessThanOrEqual(20);
    expect(r.functions[0].throttles).toBe(0);
  });
});

describe('SQS poller scaling (oracle 27)', () => {
  /** A backlog of 200,000 at t=0; each batch of 1 runs 100 s, so every batch stays busy. */
  function backlog(scaleUpPerMinute: 300 | 60, maximumConcurrency?: number): Simulation {
    return new Simulation(
      input({
        duration: 30 * MIN,
        account: { concurrencyLimit: 5000, unreservedMinimum: 100, scaling: 'per-function' },
        functions: { worker: fn({ timeout: 120 * S, duration: { dist: 'constant', value: 100 * S } }) },
        queues: { orders: queue({ visibilityTimeout: 900 * S }) },
        producers: [burst('orders', 0, 200_000)],
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', batchSize: 1, scaleUpPerMinute, ...(maximumConcurrency ? { maximumConcurrency } : {}) })],
      }),
    );
  }

  /** Poller limit just after each minute, until it stops changing. */
  function limits(sim: Simulation, minutes: number): number[] {
    const out: number[] = [];
    for (let m = 0; m <= minutes; m++) {
      sim.kernel.run(m * MIN + 1);
      out.push((sim.eventSources.get('orders', 'test') as SqsQueue).poller!.limit);
    }
    return out;
  }

  it('current rule: 5, then +300 per minute, 1,000 after ceil(995/300) = 4 minutes', () => {
    const sim = backlog(300);
    expect(limits(sim, 5)).toEqual([5, 305, 605, 905, 1000, 1000]);
    const f = checkedResults(sim).functions[0];
    expect(f.concurrencyMax).toBe(1000);
  });

  it('older rule: +60 per minute, 1,000 after ceil(995/60) = 17 minutes', () => {
    const sim = backlog(60);
    const l = limits(sim, 18);
    expect(l[16]).toBe(965);
    expect(l[17]).toBe(1000);
    expect(l.indexOf(1000)).toBe(17);
  });

  it('maximumConcurrency caps the batches', () => {
    const sim = backlog(300, 50);
    expect(limits(sim, 2)).toEqual([5, 50, 50]);
    expect(checkedResults(sim).functions[0].concurrencyMax).toBe(50);
  });
});
