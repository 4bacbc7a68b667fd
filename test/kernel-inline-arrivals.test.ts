/**
 * A workload handles its following arrivals inline, without the event list, while each comes
 * strictly before every pending event (Kernel.nextInline). That must not change a run: here the
 * same scenarios run with the inline path and with it switched off (every arrival through the
 * event list, as before), and their results must be identical, byte for byte. The scenarios are
 * producers feeding queues and streams (standard, FIFO with groups and a dead-letter queue, Kinesis
 * with parallelization, bisection and poison records, a warm-up) and a plain sync function.
 * Conservation of stream records is checked on the same runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Kernel } from '../src/kernel/kernel.js';
import { parseScenario } from '../src/run/parse.js';
import { Simulation } from '../src/model/simulate.js';
import { StreamPoller } from '../src/model/streams.js';

const inline = Kernel.prototype.nextInline;
const pump = StreamPoller.prototype.pump;
const restore = (): void => {
  Kernel.prototype.nextInline = inline;
  StreamPoller.prototype.pump = pump;
};
afterEach(restore);

/**
 * The run's results as JSON. `perRecord`: every arrival through the event list and every stream
 * record pumping its lane (no quiet lanes), as before the bulk path.
 */
function run(yaml: string, perRecord: boolean): string {
  if (perRecord) {
    Kernel.prototype.nextInline = () => false;
    StreamPoller.prototype.pump = function (this: StreamPoller, lane: Parameters<StreamPoller['pump']>[0]): void {
      pump.call(this, lane);
      lane.quietUntil = 0;
    };
  }
  try {
    const results = new Simulation(parseScenario(yaml), null).results();
    for (const s of results.streams ?? []) {
      const atStart = s.pendingAtStart ?? 0;
      expect(atStart + s.records).toBe(s.processed + s.lost + s.failed + s.pendingAtEnd);
    }
    return JSON.stringify(results);
  } finally {
    restore();
  }
}

/** The bench's SQS case (bench/cases.js) for a minute: one invocation per message or so. */
const SQS = `
name: inline-sqs
seed: 1
duration: 1m
functions: { worker: { memorySize: 512, timeout: 30s, duration: { dist: lognormal, p50: 40ms, p99: 200ms } } }
queues: { orders: { type: standard, visibilityTimeout: 180s } }
eventSourceMappings: [{ source: orders, function: worker, batchSize: 10 }]
workloads: [{ name: orders, queue: orders, arrivals: { process: poisson, rate: 5000/s } }]
`;

/** The bench's Kinesis case (64 shards, 10,000 records/s), with extra mapping settings. */
const kinesis = (duration: string, extra = '', top = ''): string => `
name: inline-kinesis
seed: 1
duration: ${duration}
${top}
functions:
  consumer: { memorySize: 1024, timeout: 60s, duration: { dist: gamma, mean: 300ms, cv: 0.5 } }
streams:
  clicks: { type: kinesis, shards: 64, retention: 24h }
eventSourceMappings:
  - { source: clicks, function: consumer, batchSize: 100${extra} }
workloads:
  - { name: clicks, stream: clicks, partitionKeys: 100000, arrivals: { process: poisson, rate: 10000/s } }
`;

const example = (name: string): string => readFileSync(path.join(__dirname, '..', 'scenarios', `${name}.yaml`), 'utf8');

const CASES: Record<string, () => string> = {
  'SQS 5k msg/s batch 10 (bench case, 1 min)': () => SQS,
  'Kinesis 64 shards (bench case, 1 min)': () => kinesis('1m'),
  'Kinesis 64 shards, parallelization 3, bisection, poison records, warm-up': () =>
    kinesis('2m', ', parallelizationFactor: 3, bisectBatchOnFunctionError: true, itemFailureRate: 0.001, maximumRetryAttempts: 3', 'warmup: 30s'),
  'Kinesis falling behind: maximumRecordAge, window, ordering shard, errors and retries': () =>
    kinesis(
      '5m',
      ', maximumBatchingWindow: 3s, maximumRecordAge: 60s, ordering: shard, parallelizationFactor: 2, maximumRetryAttempts: 2, bisectBatchOnFunctionError: true',
    )
      .replace('shards: 64', 'shards: 4')
      .replace('rate: 10000/s', 'rate: 3000/s')
      .replace('{ dist: gamma, mean: 300ms, cv: 0.5 } }', '{ dist: gamma, mean: 1500ms, cv: 0.5 }, errorRate: 0.05, reservedConcurrency: 3 }'),
  'Kinesis, a batching window longer than maximumRecordAge (records expire while the lane waits)': () =>
    kinesis('6m', ', batchSize: 10000, maximumBatchingWindow: 200s, maximumRecordAge: 60s')
      .replace('shards: 64', 'shards: 2')
      .replace('rate: 10000/s', 'rate: 5/s')
      .replace('batchSize: 100, ', ''),
  'DynamoDB stream, 250 ms polls': () => kinesis('1m', ', batchSize: 50').replace('type: kinesis', 'type: dynamodb').replace('batchSize: 100, ', ''),
  'example order-queue-and-clickstream': () => example('order-queue-and-clickstream'),
  'example payments-fifo': () => example('payments-fifo'),
  'example order-pipeline (warm-up)': () => example('order-pipeline'),
};

describe('arrivals handled inline give the same run as through the event list', () => {
  for (const [name, yaml] of Object.entries(CASES)) {
    it(name, () => {
      const text = yaml();
      const inlined = run(text, false);
      const listed = run(text, true);
      // The first difference and a little around it (the whole results would flood the output).
      let i = 0;
      while (i < inlined.length && inlined[i] === listed[i]) i++;
      expect(inlined.slice(Math.max(0, i - 80), i + 80)).toBe(listed.slice(Math.max(0, i - 80), i + 80));
      expect(inlined.length).toBe(listed.length);
    });
  }
});

describe('inline arrivals count against a step', () => {
  it('a producer into a queue nobody reads still runs in steps of at most maxEvents events', () => {
    const sim = new Simulation(parseScenario(SQS.replace(/eventSourceMappings:.*\n/, '')), null);
    let steps = 0;
    let before = 0;
    while (!sim.step(1000)) {
      expect(sim.kernel.eventsProcessed - before).toBeLessThanOrEqual(1000);
      before = sim.kernel.eventsProcessed;
      steps++;
    }
    expect(steps).toBeGreaterThan(250);
  });
});
