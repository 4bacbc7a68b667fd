/**
 * Kinesis / DynamoDB stream mappings: parallelism (oracle 26), a poison record holding its shard
 * (oracle 35), bisection (oracle 36), iterator age of a stream that cannot keep up, and the ordering
 * invariant per shard and per partition key under errors, retries, bisection and parallelization.
 */
import { describe, expect, it } from 'vitest';
import { Simulation, checkedResults, simulate } from './helpers/simulate.js';
import type { ProducerInput, SimulationInput, StreamInput, StreamMappingInput } from '../src/model/input.js';
import type { InvocationObserver } from '../src/model/observer.js';
import type { StreamResults } from '../src/model/results.js';
import { queueKind, streamKind } from '../src/model/source-kinds.js';
import { ITERATOR_AGE, type StreamTracer } from '../src/model/streams.js';
import { fn, H, MIN, MS, S, scenario } from './helpers/model-input.js';
import { streamEsm } from './helpers/esm-input.js';

function stream(over: Partial<StreamInput> = {}): StreamInput {
  return { type: 'kinesis', shards: 1, retention: 24 * H, ...over };
}

function producer(over: Partial<ProducerInput> & Pick<ProducerInput, 'arrivals'>): ProducerInput {
  return { name: 'p', source: 'clicks', partitionKeys: 1000, start: 0, end: Number.MAX_SAFE_INTEGER, ...over };
}

function input(parts: Partial<SimulationInput> & Pick<SimulationInput, 'functions' | 'duration'>): SimulationInput {
  return scenario({ workloads: [], ...parts });
}

function mapping(over: Partial<StreamMappingInput> = {}): StreamMappingInput {
  return streamEsm({ source: 'clicks', function: 'analytics', batchSize: 100, ...over });
}

describe('stream parallelism (oracle 26)', () => {
  for (const [factor, expected] of [
    [1, 100],
    [2, 200],
    [10, 1000],
  ] as const) {
    it(`100 shards x parallelizationFactor ${factor} -> at most ${expected} concurrent invocations`, () => {
      const r = simulate(
        input({
          duration: 2 * MIN,
          account: { concurrencyLimit: 5000, unreservedMinimum: 100, scaling: 'per-function' },
          functions: { analytics: fn({ duration: { dist: 'constant', value: 5 * S } }) },
          streams: { clicks: stream({ shards: 100 }) },
          producers: [producer({ partitionKeys: 100_000, arrivals: { process: 'poisson', rate: 20_000 } })],
          eventSourceMappings: [mapping({ parallelizationFactor: factor })],
        }),
      );
      expect(r.functions[0].concurrencyMax).toBe(expected);
    });
  }
});

describe('a poison record (oracle 35)', () => {
  it('with the defaults holds its shard until it expires from the stream (24 h)', () => {
    // One record per second from t=0; record 0 is poison. Its batch (the lone record 0, polled at 0)
    // fails every 100 ms: attempts at k x 100 ms for k = 0..863,999; the retry at 86,400 s finds it
    // expired (lost). Records 1 s, 2 s, ... are younger than 24 h and are processed after.
    const r = simulate(
      input({
        duration: 24 * H + 10 * MIN,
        functions: { analytics: fn({ timeout: 10 * S }) },
        streams: { clicks: stream() },
        producers: [producer({ arrivals: { process: 'constant', rate: 1 } })],
        eventSourceMappings: [mapping({ poisonItems: [0] })],
      }),
    );
    const s = r.streams![0];
    expect(r.functions[0].errors).toBe(864_000);
    expect(s.lost).toBe(1);
    expect(s.failed).toBe(0);
    // The first batch after the block carries record 86,400 s... its last record is the one put at
    // 86,400 s (put at the same instant, after the retry event), so iterator age tops out just below 24 h.
    expect(s.iteratorAge.max).toBeLessThan(24 * H);
    expect(s.iteratorAge.max).toBeGreaterThan(24 * H - 2 * S);
  });

  it('with maximumRetryAttempts 2 is discarded after 3 attempts, to the on-failure queue', () => {
    const r = simulate(
      input({
        duration: 10 * S,
        functions: { analytics: fn({ timeout: 10 * S }) },
        streams: { clicks: stream() },
        queues: { failures: { type: 'standard', visibilityTimeout: 30 * S } },
        producers: [producer({ arrivals: { process: 'constant', rate: 1 }, end: 1 })],
        eventSourceMappings: [mapping({ poisonItems: [0], maximumRetryAttempts: 2, maximumRecordAge: H, onFailure: 'failures' })],
      }),
    );
    expect(r.functions[0].errors).toBe(3);
    expect(r.streams![0]).toMatchObject({ records: 1, failed: 1, processed: 0, lost: 0, pendingAtEnd: 0 });
    expect(r.queues![0].sent).toBe(1);
  });

  it('with maximumRecordAge 1 h is discarded once older than 1 h', () => {
    // Attempts at k x 100 ms; the retry at 3,600.1 s sees the record older than 1 h: 36,001 attempts.
    const r = simulate(
      input({
        duration: 2 * H,
        functions: { analytics: fn({ timeout: 10 * S }) },
        streams: { clicks: stream() },
        producers: [producer({ arrivals: { process: 'constant', rate: 1 }, end: 1 })],
        eventSourceMappings: [mapping({ poisonItems: [0], maximumRecordAge: H })],
      }),
    );
    expect(r.functions[0].errors).toBe(36_001);
    expect(r.streams![0]).toMatchObject({ failed: 1, lost: 0 });
  });
});

describe('bisectBatchOnFunctionError (oracle 36)', () => {
  it('splits a failing batch of 100 with one bad record in halves down to the record', () => {
    // 100 records at 0.5 s (polled together at 1 s), record 0 poison, no retries: the failing segments are
    // 100, 50, 25, 12, 6, 3, 1 (7 failed invocations), and each split's other half succeeds
    // (6 invocations): 13 invocations, 99 processed, 1 failed. Splits are not retries.
    const r = simulate(
      input({
        duration: 10 * S,
        functions: { analytics: fn({ timeout: 10 * S }) },
        streams: { clicks: stream() },
        producers: [producer({ arrivals: { process: 'constant', rate: 200_000_000 }, start: 500 * MS, end: 500 * MS + 1 })],
        eventSourceMappings: [mapping({ poisonItems: [0], bisectBatchOnFunctionError: true, maximumRetryAttempts: 0 })],
      }),
    );
    expect(r.streams![0]).toMatchObject({ records: 100, processed: 99, failed: 1, batches: 13 });
    expect(r.functions[0]).toMatchObject({ invocations: 13, errors: 7 });
  });

  it('without bisection the whole batch is discarded after its retries', () => {
    const r = simulate(
      input({
        duration: 10 * S,
        functions: { analytics: fn({ timeout: 10 * S }) },
        streams: { clicks: stream() },
        producers: [producer({ arrivals: { process: 'constant', rate: 200_000_000 }, start: 500 * MS, end: 500 * MS + 1 })],
        eventSourceMappings: [mapping({ poisonItems: [0], maximumRetryAttempts: 1 })],
      }),
    );
    expect(r.streams![0]).toMatchObject({ records: 100, processed: 0, failed: 100 });
    expect(r.functions[0]).toMatchObject({ invocations: 2, errors: 2 });
  });

  it('with reportBatchItemFailures the records before the failure are checkpointed', () => {
    // Record 40 poison: invocation 1 processes 0..39, the retry of 40..99 fails at 40 again: discarded
    // after 1 retry (maximumRetryAttempts 1) as a whole segment of 60: processed 40, failed 60.
    const r = simulate(
      input({
        duration: 10 * S,
        functions: { analytics: fn({ timeout: 10 * S }) },
        streams: { clicks: stream() },
        producers: [producer({ arrivals: { process: 'constant', rate: 200_000_000 }, start: 500 * MS, end: 500 * MS + 1 })],
        eventSourceMappings: [mapping({ poisonItems: [40], maximumRetryAttempts: 1, reportBatchItemFailures: true })],
      }),
    );
    expect(r.streams![0]).toMatchObject({ records: 100, processed: 40, failed: 60 });
    expect(r.functions[0]).toMatchObject({ invocations: 2, errors: 0 });
  });
});

describe('a stream that cannot keep up', () => {
  it('iterator age grows at (put rate - processing rate) / put rate seconds per second', () => {
    // 1 shard, 200 records/s from t=0 (record n put at n/200 s), batches of at most 100 taking 1 s
    // each: 100 records/s processed. The poll at 0 sees record 0 alone; the batch started at t = 1, 2,
    // ... s holds records 100(t-1)+1 .. 100t, the last put at t/2 s: its age is t/2, growing 0.5 s per
    // second. Processed by T: record 0 and the batches started at 1 .. T-1 s.
    const T = 600;
    // The largest IteratorAge per minute, from the observer hook the time series uses.
    const perMinute: number[] = [];
    const observer: InvocationObserver = {
      request() {},
      throttle() {},
      start() {},
      end() {},
      finish() {},
      source: (section) =>
        section !== 'streams'
          ? null
          : {
              record(now, column, ageUs) {
                expect(column).toBe(ITERATOR_AGE);
                const m = Math.floor(now / MIN);
                perMinute[m] = Math.max(perMinute[m] ?? 0, ageUs);
              },
            },
    };
    const r = new Simulation(
      input({
        duration: T * S + 1,
        functions: { analytics: fn({ timeout: 10 * S, duration: { dist: 'constant', value: S } }) },
        streams: { clicks: stream() },
        producers: [producer({ arrivals: { process: 'constant', rate: 200 } })],
        eventSourceMappings: [mapping()],
      }),
      observer,
    ).results();
    const s = r.streams![0];
    expect(s.iteratorAge.max).toBe((T / 2) * S);
    // Per minute the maximum grows by 30 s.
    for (let m = 1; m < 10; m++) expect(perMinute[m] - perMinute[m - 1]).toBe(30 * S);
    expect(s.processed).toBe(1 + 100 * (T - 1));
  });
});

describe('ordering invariant', () => {
  interface Log {
    perShard: Map<number, number[]>;
    perKey: Map<number, number[]>;
    handedPerShard: Map<number, number[]>;
  }

  function run(over: Partial<StreamMappingInput>, errorRate = 0.3): { log: Log; s: StreamResults } {
    const log: Log = { perShard: new Map(), perKey: new Map(), handedPerShard: new Map() };
    const push = (m: Map<number, number[]>, k: number, v: number) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
    // The stream's test hooks, a constructor option of the stream kind.
    const tracer: StreamTracer = {
      processed(shard, key, seq) {
        push(log.perShard, shard, seq);
        push(log.perKey, key, seq);
      },
      firstHanded: (shard, _key, seq) => push(log.handedPerShard, shard, seq),
    };
    const sim = new Simulation(
      input({
        duration: 5 * MIN,
        functions: { analytics: fn({ timeout: 10 * S, errorRate, duration: { dist: 'exponential', mean: 50 * MS } }) },
        streams: { clicks: stream({ shards: 4, retention: 2 * MIN }) },
        producers: [producer({ partitionKeys: 50, arrivals: { process: 'poisson', rate: 400 } })],
        eventSourceMappings: [mapping({ batchSize: 20, itemFailureRate: 0.002, maximumRetryAttempts: 3, ...over })],
      }),
      null,
      [queueKind(), streamKind(() => tracer)],
    );
    const s = checkedResults(sim).streams![0];
    return { log, s };
  }

  const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] < x);

  for (const [label, over] of [
    ['retries', {}],
    ['bisection', { bisectBatchOnFunctionError: true }],
    ['partial batch responses', { reportBatchItemFailures: true }],
    ['bisection, no retry limit', { bisectBatchOnFunctionError: true, maximumRetryAttempts: -1 }],
  ] as const) {
    it(`one batch per shard keeps shard order under ${label}`, () => {
      const { log, s } = run(over);
      expect(s.processed).toBeGreaterThan(10_000);
      expect(s.failed + s.lost).toBeGreaterThan(0);
      for (const seqs of log.perShard.values()) expect(increasing(seqs)).toBe(true);
    });

    it(`parallelizationFactor 5 keeps partition-key order under ${label}`, () => {
      const { log, s } = run({ ...over, parallelizationFactor: 5 });
      for (const seqs of log.perKey.values()) expect(increasing(seqs)).toBe(true);
      // ... and it does run batches of a shard out of shard order (the test could fail).
      expect([...log.perShard.values()].some((seqs) => !increasing(seqs))).toBe(true);
    });
  }

  it('ordering: shard hands records out in shard order with parallelizationFactor 5', () => {
    const { log, s } = run({ parallelizationFactor: 5, ordering: 'shard' });
    for (const seqs of log.handedPerShard.values()) expect(increasing(seqs)).toBe(true);
  });

  it('records older than the retention are lost when a shard falls behind', () => {
    // 4 shards x 1 batch of 20 per ~50 ms can not take 400/s with 30% errors and a poison record
    // blocking for 3 retries: some records outlive the 2-minute retention.
    const { s } = run({ maximumRetryAttempts: -1 }, 0.5);
    expect(s.lost).toBeGreaterThan(0);
  });
});
