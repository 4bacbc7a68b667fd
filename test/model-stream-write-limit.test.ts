/**
 * Kinesis's write limit per shard (1,000 records a second, working-with-streams.html): the stream
 * counts writes per shard and second and reports those AWS would refuse. Exact counts for constant
 * traffic, a hot partition key, and the Poisson excess E[(N - 1000)+] against its closed form.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import type { ProducerInput, SimulationInput, StreamInput } from '../src/model/input.js';
import { SHARD_WRITES_PER_SECOND } from '../src/model/streams.js';
import { fn, MS, S, scenario } from './helpers/model-input.js';
import { streamEsm } from './helpers/esm-input.js';

function run(stream: Partial<StreamInput>, producer: Partial<ProducerInput> & Pick<ProducerInput, 'arrivals'>, duration: number) {
  const input: SimulationInput = scenario({
    duration,
    workloads: [],
    functions: { analytics: fn({ duration: { dist: 'constant', value: 50 * MS } }) },
    streams: { clicks: { type: 'kinesis', shards: 1, retention: 24 * 3600 * S, ...stream } },
    producers: [{ name: 'p', source: 'clicks', partitionKeys: 10_000, start: 0, end: Number.MAX_SAFE_INTEGER, ...producer }],
    eventSourceMappings: [streamEsm({ source: 'clicks', function: 'analytics', batchSize: 10_000 })],
  });
  const r = simulate(input);
  return { stream: r.streams![0], notes: r.notes };
}

describe('Kinesis shard write limit', () => {
  it('counts every record past 1,000 in each shard-second of a steady 1,500/s', () => {
    const { stream, notes } = run({}, { arrivals: { process: 'constant', rate: 1500 } }, 10 * S);
    // Every second holds about 1,500 records (the grid may move one across a boundary), so the
    // records beyond the limit are all records minus 1,000 per second, exactly.
    expect(stream.records).toBeGreaterThanOrEqual(14_999);
    expect(stream.writes).toEqual({
      peakPerShardSecond: expect.any(Number),
      peakPerSecond: stream.writes!.peakPerShardSecond,
      overShardLimit: stream.records - 10 * SHARD_WRITES_PER_SECOND,
      shardSecondsOverLimit: 10,
    });
    expect(stream.writes!.peakPerShardSecond).toBeGreaterThanOrEqual(1500);
    expect(stream.writes!.peakPerShardSecond).toBeLessThanOrEqual(1501);
    expect(notes.join('\n')).toContain('stream clicks: writes exceed Kinesis\'s 1,000 records/s per shard in 10 shard-seconds');
    expect(notes.join('\n')).toContain('at least 2 shards with evenly spread keys');
  });

  it('is quiet below the limit: 1,500/s spread over 4 shards', () => {
    const { stream, notes } = run({ shards: 4 }, { arrivals: { process: 'constant', rate: 1500 } }, 10 * S);
    expect(stream.writes!.overShardLimit).toBe(0);
    expect(stream.writes!.shardSecondsOverLimit).toBe(0);
    expect(stream.writes!.peakPerShardSecond).toBeLessThan(SHARD_WRITES_PER_SECOND);
    expect(stream.writes!.peakPerSecond).toBeGreaterThanOrEqual(1500);
    expect(notes.some((n) => n.includes('writes exceed'))).toBe(false);
  });

  it('finds a hot partition key: one key puts everything on one of 4 shards', () => {
    const { stream } = run({ shards: 4 }, { partitionKeys: 1, arrivals: { process: 'constant', rate: 1500 } }, 10 * S);
    expect(stream.writes!.peakPerShardSecond).toBe(stream.writes!.peakPerSecond);
    expect(stream.writes!.overShardLimit).toBe(stream.records - 10 * SHARD_WRITES_PER_SECOND);
  });

  it('DynamoDB streams have no producer write limit and no writes field', () => {
    const { stream } = run({ type: 'dynamodb' }, { arrivals: { process: 'constant', rate: 1500 } }, 5 * S);
    expect(stream.writes).toBeUndefined();
  });

  it('Poisson at exactly the limit: the excess per second is E[(N - 1000)+] (within 4 standard errors)', () => {
    const seconds = 1000;
    const { stream } = run({}, { arrivals: { process: 'poisson', rate: 1000 } }, seconds * S);
    // N ~ Poisson(1000): E[(N - 1000)+] and its variance from the pmf (summed in log space).
    const lambda = 1000;
    let mean = 0;
    let square = 0;
    for (let k = lambda + 1; k < lambda + 400; k++) {
      let logFactorial = 0;
      for (let j = 2; j <= k; j++) logFactorial += Math.log(j);
      const p = Math.exp(k * Math.log(lambda) - lambda - logFactorial);
      mean += p * (k - lambda);
      square += p * (k - lambda) ** 2;
    }
    const sd = Math.sqrt(square - mean * mean);
    expect(mean).toBeCloseTo(12.6, 1); // sqrt(1000 / (2 pi)): the normal approximation agrees
    const perSecond = stream.writes!.overShardLimit / seconds;
    expect(Math.abs(perSecond - mean)).toBeLessThan((4 * sd) / Math.sqrt(seconds));
    // About half of the seconds are over (P(N > 1000) = 0.49 for Poisson(1000)).
    expect(stream.writes!.shardSecondsOverLimit / seconds).toBeGreaterThan(0.42);
    expect(stream.writes!.shardSecondsOverLimit / seconds).toBeLessThan(0.56);
  });
});
