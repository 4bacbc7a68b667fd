/**
 * The SQS pollers and the function's reservation (lambda-behavior.md 8.7): "Event source mappings
 * don't account for reserved concurrency and can process more messages off your queue than can be
 * sent to your function" (AWS knowledge center, lambda-sqs-scaling), so batches past the
 * reservation are throttled; a throttled batch is invoked again while its messages are invisible
 * ("Lambda continues to retry the message until the message's timestamp exceeds your queue's
 * visibility timeout", services-sqs-errorhandling), then they go back to the queue and count a receive.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { esm } from './helpers/esm-input.js';
import { fn, MIN, MS, S, scenario } from './helpers/model-input.js';
import type { SimulationInput } from '../src/model/input.js';

/** A backlogged queue (200 messages/s, batches of 10 taking about 1.2 s each) and a reservation of 3. */
function reserved3(visibilityTimeout: number, mapping: Record<string, unknown> = {}, maxReceiveCount = 2): SimulationInput {
  return scenario({
    duration: 5 * MIN,
    // A 2 s timeout, so that a visibility timeout of 2 s is the one in force (not window + timeout + 30 s).
    // Durations spread over 0.5-1.9 s, so a retry 1 s after a throttle may find the reservation still full.
    functions: { worker: fn({ reservedConcurrency: 3, timeout: 2 * S, duration: { dist: 'uniform', min: 500 * MS, max: 1900 * MS } }) },
    queues: { jobs: { type: 'standard', visibilityTimeout, maxReceiveCount, deadLetterQueue: 'dlq' }, dlq: { type: 'standard', visibilityTimeout: 30 * S } },
    eventSourceMappings: [esm({ source: 'jobs', function: 'worker', ...mapping })],
    producers: [{ name: 'p', source: 'jobs', partitionKeys: 1, start: 0, end: 5 * MIN, arrivals: { process: 'constant', rate: 200 } }],
    workloads: [],
  });
}

describe('SQS pollers and a reservation', () => {
  it('throttle past a reservation of 3: the pollers start 5 batches, the function runs 3', () => {
    const r = simulate(reserved3(30 * S));
    const [jobs] = r.queues!;
    expect(r.functions[0].concurrencyMax).toBe(3);
    expect(r.functions[0].throttles).toBeGreaterThan(0);
    // The throttles cost no throughput: the reservation stays busy, 3 renewal processes of uniform
    // 0.5-1.9 s batches (mean 1.2 s, variance 0.163 s^2) for 300 s: 750 batches, sd sqrt(3 x 300 x
    // 0.163 / 1.2^3) = 9.2; tolerance 4 sd (INIT at the start takes a few more).
    expect(Math.abs(r.functions[0].invocations - 750)).toBeLessThan(4 * 9.2);
    // Every message is accounted for.
    expect(jobs.sent).toBe(jobs.deleted + jobs.deadLettered + jobs.visibleAtEnd + jobs.inFlightAtEnd);
  });

  it('a throttled batch retried within a long visibility timeout runs later: nothing is dead-lettered', () => {
    const r = simulate(reserved3(10 * MIN));
    expect(r.functions[0].throttles).toBeGreaterThan(0);
    expect(r.queues![0].deadLettered).toBe(0);
  });

  it('with a short visibility timeout the throttled messages come back and are redriven after maxReceiveCount receives', () => {
    const r = simulate(reserved3(2 * S, {}, 1));
    // Returned without running once: received once, so redriven at once with maxReceiveCount 1.
    expect(r.functions[0].errors).toBe(0);
    expect(r.queues![0].deadLettered).toBeGreaterThan(0);
    expect(r.queues![1].sent).toBe(r.queues![0].deadLettered);
  });

  it('maximumConcurrency at the reservation, as AWS advises, throttles nothing', () => {
    const r = simulate(reserved3(30 * S, { maximumConcurrency: 3 }));
    expect(r.functions[0].concurrencyMax).toBe(3);
    expect(r.functions[0].throttles).toBe(0);
    expect(r.queues![0].deadLettered).toBe(0);
  });
});
