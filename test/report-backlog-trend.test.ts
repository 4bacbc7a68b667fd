/**
 * Does the queue drain? The backlog at the start of the measured period's last tenth and at its end
 * (EventSources, backlog-trend.ts): a drain rate against capacity minus arrivals, the words of each
 * direction, and no verdict from the noise of a queue that keeps up.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { esm } from './helpers/esm-input.js';
import { ASYNC_DEFAULTS, fn, MIN, MS, S, scenario, sync } from './helpers/model-input.js';
import type { SimulationInput } from '../src/model/input.js';
import { backlogDirection, backlogTrendWords, summarizeBacklogTrend } from '../src/report/backlog-trend.js';

/**
 * A backlog of 30,000 messages at time 0 and 10 more a second, read by a worker held to 2 batches of
 * one message at a time, 100 ms each: 20 messages a second out, so the backlog falls by 10 a second.
 */
function draining(): SimulationInput {
  return scenario({
    duration: 30 * MIN,
    functions: { worker: fn({ timeout: 10 * S, reservedConcurrency: 2, duration: { dist: 'constant', value: 100 * MS } }) },
    queues: { jobs: { type: 'standard', visibilityTimeout: 60 * S, maxReceiveCount: 5, deadLetterQueue: 'dlq' }, dlq: { type: 'standard', visibilityTimeout: 30 * S } },
    eventSourceMappings: [esm({ source: 'jobs', function: 'worker', batchSize: 1, maximumConcurrency: 2 })],
    producers: [
      { name: 'backfill', source: 'jobs', partitionKeys: 1, start: 0, end: 30 * MIN, arrivals: { process: 'burst', at: 0, count: 30_000, over: 1 * MS } },
      { name: 'steady', source: 'jobs', partitionKeys: 1, start: 0, end: 30 * MIN, arrivals: { process: 'constant', rate: 10 } },
    ],
    workloads: [],
  });
}

describe('backlog trend of a queue', () => {
  it('drains at capacity minus arrivals: 20/s out, 10/s in, so 600 a minute over the last 3 minutes', () => {
    const r = simulate(draining());
    const jobs = r.queues!.find((q) => q.name === 'jobs')!;
    const trend = summarizeBacklogTrend(jobs.backlogTrend!, 'jobs.backlogTrend');
    expect(trend.windowSeconds).toBe(180);
    expect(trend.arrivals).toBe(1800);
    // Two environments each take a message every 100 ms plus the service overhead: within 2%.
    expect(trend.perMinute).toBeLessThan(-600 * 0.98);
    expect(trend.perMinute).toBeGreaterThan(-600 * 1.02);
    expect(trend.direction).toBe('shrinking');
    // Conservation: the change is what arrived minus what was done, and the end is the queue's own stock.
    expect(trend.end).toBe(jobs.visibleAtEnd + jobs.inFlightAtEnd);
    // At about 600 a minute, the backlog left (about 12,000) needs about 20 minutes more.
    expect(backlogTrendWords(trend)).toMatch(/shrinking 6\d\d\/min over the last 3\.00 min: empty in about (19|20|21)\.\d min at that pace$/);
  });

  it('gives no trend to a queue nobody reads (a dead-letter queue never drains by design)', () => {
    const r = simulate(draining());
    expect(r.queues!.find((q) => q.name === 'dlq')!.backlogTrend).toBeUndefined();
  });
});

describe('backlog direction', () => {
  it('calls a fluctuating queue that keeps up "level", whatever its two readings', () => {
    // A FIFO queue's backlog moving between 30 and 130 while 4,700 messages go through.
    expect(backlogDirection(48, 129, 4707)).toBe('level');
    // Messages in flight on a busy queue: 137 then 165 with 26,763 through.
    expect(backlogDirection(137, 165, 26_763)).toBe('level');
  });

  it('needs a change beyond the spread of the readings and beyond 5% of the flow', () => {
    expect(backlogDirection(43_149, 42_217, 3600)).toBe('shrinking');
    expect(backlogDirection(1000, 600, 0)).toBe('shrinking');
    expect(backlogDirection(100, 2000, 10_000)).toBe('growing');
    // 3 x sqrt(2000) = 134: a change of 100 is within the spread.
    expect(backlogDirection(1900, 2000, 100)).toBe('level');
    // 4% of the flow: within it.
    expect(backlogDirection(10_000, 10_400, 10_000)).toBe('level');
  });

  it('words: growing, level, and nothing for an empty backlog', () => {
    const t = (start: number, end: number, arrivals: number) => summarizeBacklogTrend({ windowUs: 60 * S, start, end, arrivals }, 'x');
    expect(backlogTrendWords(t(100, 2000, 10_000))).toBe(', backlog 2,000 at the end, growing 1,900/min over the last 1.00 min: not draining');
    expect(backlogTrendWords(t(100, 2000, 10_000), false)).toBe(', pending growing 1,900/min over the last 1.00 min: not draining');
    expect(backlogTrendWords(t(137, 165, 26_763))).toBe(', backlog 165 at the end, level over the last 1.00 min (137 at its start, 26,763 arrived)');
    expect(backlogTrendWords(t(50, 0, 10))).toBe('');
  });
});

describe('backlog trend of an async event queue', () => {
  // 20,000 events at once and 10 a second more, for a function held to 2 environments of 100 ms:
  // it serves at most 20 a second, so the backlog can fall by at most 10 a second (600 a minute).
  const run = (jitter: 'none' | 'full') =>
    simulate(
      scenario({
        duration: 30 * MIN,
        functions: {
          worker: fn({
            timeout: 10 * S,
            reservedConcurrency: 2,
            duration: { dist: 'constant', value: 100 * MS },
            asyncConfig: { ...ASYNC_DEFAULTS, throttleBackoff: { ...ASYNC_DEFAULTS.throttleBackoff, jitter } },
          }),
        },
        workloads: [
          { ...sync('worker', { process: 'burst', at: 0, count: 20_000, over: 1 * MS }), invocation: 'async' },
          { ...sync('worker', { process: 'constant', rate: 10 }), name: 'steady', invocation: 'async' },
        ],
      }),
    );

  it('with jittered throttle waits the backlog shrinks, at most at capacity minus arrivals', () => {
    const r = run('full');
    const async = r.functions[0].async!;
    const trend = summarizeBacklogTrend(async.backlogTrend!, 'worker.async.backlogTrend');
    expect(trend.end).toBe(async.pendingAtEnd);
    expect(trend.arrivals).toBe(1800);
    expect(trend.perMinute).toBeGreaterThanOrEqual(-600);
    expect(trend.direction).toBe('shrinking');
    expect(r.notes.some((n) => n.includes('same backoff schedule'))).toBe(false);
  });

  it('without jitter the throttled events come back in lockstep: the backlog stays level, and a note says why', () => {
    const r = run('none');
    const trend = summarizeBacklogTrend(r.functions[0].async!.backlogTrend!, 'worker.async.backlogTrend');
    expect(trend.direction).toBe('level');
    // Only the steady events get through: the function serves 10 a second of its 20.
    expect(r.functions[0].async!.succeeded).toBeLessThan(0.55 * 20 * 1800);
    expect(r.notes.find((n) => n.startsWith('function worker:'))).toMatch(/retries of throttled async events, each on the same backoff schedule .*jitter: full spreads them$/);
  });
});
