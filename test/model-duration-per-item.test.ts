/**
 * An event source mapping's durationPerItem: the handler's time per message or record, added to the
 * function's drawn duration and scaled with memory as the duration is (cpu-scaling.ts).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { esm, streamEsm } from './helpers/esm-input.js';
import { fn, MIN, MS, S, scenario } from './helpers/model-input.js';
import type { FunctionInput } from '../src/model/input.js';

/** 100 messages/s into a queue read in batches of 10 (a 5 s window fills every batch). */
function queueRun(durationPerItem: number, f: Partial<FunctionInput> = {}) {
  return simulate(
    scenario({
      duration: 5 * MIN,
      functions: { worker: fn({ duration: { dist: 'constant', value: 20 * MS }, ...f }) },
      queues: { jobs: { type: 'standard', visibilityTimeout: 3 * MIN } },
      eventSourceMappings: [esm({ source: 'jobs', function: 'worker', batchSize: 10, maximumBatchingWindow: 5 * S, durationPerItem })],
      producers: [{ name: 'p', source: 'jobs', partitionKeys: 1, start: 0, end: 5 * MIN, arrivals: { process: 'constant', rate: 100 } }],
      workloads: [],
    }),
  );
}

describe('durationPerItem', () => {
  it('adds the per-item time of each SQS batch to the drawn duration: 20 ms + 10 x 5 ms', () => {
    const r = queueRun(5 * MS);
    const d = r.functions[0].duration;
    expect(r.queues![0].received / r.queues![0].batches).toBe(10);
    expect(d.min).toBe(70 * MS);
    expect(d.max).toBe(70 * MS);
  });

  it('0 (the default) leaves every duration as drawn', () => {
    const d = queueRun(0).functions[0].duration;
    expect(d.max).toBe(20 * MS);
  });

  it('scales with memory as the duration does: fully CPU-bound, half the reference memory doubles both parts', () => {
    // 1,769 MB is one full vCPU; 884.5 MB is half of one, so a CPU-bound handler runs twice as long.
    const d = queueRun(5 * MS, { memorySize: 884.5, durationMemorySize: 1769, cpuBound: 1 }).functions[0].duration;
    expect(d.max).toBe(140 * MS);
    expect(d.min).toBe(140 * MS);
  });

  it('counts the records of a stream batch: a batch of 1 to 100 records takes 10 ms + 1 ms each', () => {
    const r = simulate(
      scenario({
        duration: 2 * MIN,
        functions: { consumer: fn({ duration: { dist: 'constant', value: 10 * MS } }) },
        streams: { clicks: { type: 'kinesis', shards: 1, retention: 24 * 3600 * S } },
        eventSourceMappings: [streamEsm({ source: 'clicks', function: 'consumer', batchSize: 100, durationPerItem: MS })],
        producers: [{ name: 'p', source: 'clicks', partitionKeys: 1, start: 0, end: 2 * MIN, arrivals: { process: 'constant', rate: 200 } }],
        workloads: [],
      }),
    );
    const f = r.functions[0];
    const s = r.streams![0];
    // Every invocation took 10 ms + its records x 1 ms: the total is invocations x 10 ms + records processed x 1 ms.
    expect(f.duration.sum).toBe(f.invocations * 10 * MS + s.processed * MS);
    expect(f.duration.min).toBeGreaterThanOrEqual(11 * MS);
    expect(f.duration.max).toBeLessThanOrEqual(110 * MS);
  });
});
