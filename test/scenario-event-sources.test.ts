/** Loading queues, streams, event source mappings and producer workloads: defaults and clear errors. */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { errorOf, yaml } from './helpers/scenario-error.js';

const HEAD = ['name: demo', 'duration: 1h', 'functions:', '  worker: { duration: 100ms }', '  analytics: { duration: 100ms }'];
const SOURCES = [
  'queues:',
  '  orders: { visibilityTimeout: 60s, maxReceiveCount: 5, deadLetterQueue: dlq }',
  '  dlq: {}',
  'streams:',
  '  clicks: { shards: 4 }',
];

describe('queues, streams and mappings load with their defaults', () => {
  it('fills SQS and stream defaults and splits producers from function workloads', () => {
    const s = parseScenarioText(
      yaml(
        ...HEAD,
        ...SOURCES,
        'eventSourceMappings:',
        '  - { source: orders, function: worker }',
        '  - { source: clicks, function: analytics, parallelizationFactor: 2 }',
        'workloads:',
        '  - { name: orders, queue: orders, arrivals: { process: poisson, rate: 5/s } }',
        '  - { stream: clicks, arrivals: { process: poisson, rate: 5/s } }',
      ),
      'scenario.yaml',
    );
    expect({ ...s.queues }).toStrictEqual({
      orders: { type: 'standard', visibilityTimeout: 60_000_000, maxReceiveCount: 5, deadLetterQueue: 'dlq' },
      dlq: { type: 'standard', visibilityTimeout: 30_000_000 },
    });
    expect({ ...s.streams }).toStrictEqual({ clicks: { type: 'kinesis', shards: 4, retention: 86_400_000_000 } });
    expect(s.eventSourceMappings[0]).toMatchObject({ batchSize: 10, maximumBatchingWindow: 0, scaleUpPerMinute: 300 });
    expect(s.eventSourceMappings[1]).toMatchObject({ batchSize: 100, parallelizationFactor: 2, maximumRetryAttempts: -1, ordering: 'partition-key' });
    expect(s.workloads).toStrictEqual([]);
    expect(s.producers.map((p) => [p.name, p.source, p.partitionKeys])).toStrictEqual([
      ['orders', 'orders', 10_000],
      ['clicks', 'clicks', 10_000],
    ]);
  });

  it('accepts expectations on queue and stream fields', () => {
    const s = parseScenarioText(yaml(...HEAD, ...SOURCES, 'expect:', '  - orders.ageOfOldest.max < 5m', '  - clicks.iteratorAge.max < 1m'), 'scenario.yaml');
    expect(s.expect).toHaveLength(2);
  });
});

describe('cross references and AWS limits are checked with clear errors', () => {
  it.each([
    ['an unknown source', ['eventSourceMappings:', '  - { source: order, function: worker }'], 'eventSourceMappings.0.source: expected the name of a queue or stream (orders, dlq or clicks), found order (did you mean "orders"?)'],
    ['an unknown function', ['eventSourceMappings:', '  - { source: orders, function: wroker }'], 'eventSourceMappings.0.function: expected the name of a function under functions (worker or analytics), found wroker (did you mean "worker"?)'],
    ['a stream setting on an SQS mapping', ['eventSourceMappings:', '  - { source: orders, function: worker, bisectBatchOnFunctionError: true }'], 'eventSourceMappings.0.bisectBatchOnFunctionError: bisectBatchOnFunctionError applies to stream sources only, and orders is a queue'],
    ['an SQS batch above 10 without a window', ['eventSourceMappings:', '  - { source: orders, function: worker, batchSize: 100 }'], 'eventSourceMappings.0.batchSize: expected a batchSize of at most 10, or a maximumBatchingWindow of at least 1s (AWS requires it above 10), found 100'],
    ['parallelizationFactor above 10', ['eventSourceMappings:', '  - { source: clicks, function: analytics, parallelizationFactor: 11 }'], 'eventSourceMappings.0.parallelizationFactor: expected an integer from 1 to 10, found 11'],
    ['an onFailure that is not a queue', ['eventSourceMappings:', '  - { source: clicks, function: analytics, onFailure: clicks }'], 'eventSourceMappings.0.onFailure: expected the name of a queue under queues (orders or dlq), found clicks'],
    ['two mappings on one source', ['eventSourceMappings:', '  - { source: orders, function: worker }', '  - { source: orders, function: analytics }'], 'eventSourceMappings.1.source: a second mapping on orders is not supported yet (eventSourceMappings.0 reads it)'],
    ['a workload with two targets', ['workloads:', '  - { function: worker, queue: orders, arrivals: { process: poisson, rate: 1/s } }'], 'workloads.0: expected exactly one of function, queue, stream, topic, bucket or bus, found function and queue'],
    ['an unknown stream', ['workloads:', '  - { stream: click, arrivals: { process: poisson, rate: 1/s } }'], 'workloads.0.stream: expected the name of a stream under streams (clicks), found click (did you mean "clicks"?)'],
  ])('%s', (_what, lines, message) => {
    const text = errorOf(yaml(...HEAD, ...SOURCES, ...lines)).format();
    expect(text.replace(/^scenario\.yaml:\d+:\d+: /, '')).toBe(message);
  });

  it('a dead-letter queue that does not exist', () => {
    const e = errorOf(yaml(...HEAD, 'queues:', '  orders: { maxReceiveCount: 5, deadLetterQueue: orders-dl }', '  orders-dlq: {}'));
    expect(e.format()).toBe('scenario.yaml:7:50: queues.orders.deadLetterQueue: expected the name of a queue under queues (orders or orders-dlq), found orders-dl (did you mean "orders-dlq"?)');
  });

});

describe('FIFO queues', () => {
  const FIFO = ['queues:', '  payments: { type: fifo, messageGroups: 100, maxReceiveCount: 5, deadLetterQueue: payments-dlq }', '  payments-dlq: { type: fifo }', '  orders: {}'];

  it('load with their message groups (default 1) and the mapping defaults', () => {
    const s = parseScenarioText(
      yaml(...HEAD, ...FIFO, 'eventSourceMappings:', '  - { source: payments, function: worker, reportBatchItemFailures: true }', 'workloads:', '  - { queue: payments, arrivals: { process: poisson, rate: 5/s } }'),
      'scenario.yaml',
    );
    expect({ ...s.queues }).toStrictEqual({
      payments: { type: 'fifo', messageGroups: 100, visibilityTimeout: 30_000_000, maxReceiveCount: 5, deadLetterQueue: 'payments-dlq' },
      'payments-dlq': { type: 'fifo', messageGroups: 1, visibilityTimeout: 30_000_000 },
      orders: { type: 'standard', visibilityTimeout: 30_000_000 },
    });
    expect(s.eventSourceMappings[0]).toMatchObject({ batchSize: 10, maximumBatchingWindow: 0, fifoBatching: 'mixed-groups' });
    expect(s.producers.map((p) => p.source)).toStrictEqual(['payments']);
  });

  it('accept the older one-group batching', () => {
    const s = parseScenarioText(yaml(...HEAD, ...FIFO, 'eventSourceMappings:', '  - { source: payments, function: worker, fifoBatching: one-group }'), 'scenario.yaml');
    expect(s.eventSourceMappings[0]).toMatchObject({ kind: 'sqs', fifoBatching: 'one-group' });
  });

  it.each([
    ['a batch above 10', ['  - { source: payments, function: worker, batchSize: 11 }'], 'eventSourceMappings.0.batchSize: expected a batchSize of at most 10 on a FIFO queue (AWS limit), found 11'],
    ['a batch above 10 even with a window', ['  - { source: payments, function: worker, batchSize: 100, maximumBatchingWindow: 5s }'], 'eventSourceMappings.0.batchSize: expected a batchSize of at most 10 on a FIFO queue (AWS limit), found 100'],
    ['a batching window', ['  - { source: payments, function: worker, maximumBatchingWindow: 2s }'], 'eventSourceMappings.0.maximumBatchingWindow: expected 0s: AWS does not support a batching window on FIFO queues, found 2s'],
    ['fifoBatching on a standard queue', ['  - { source: orders, function: worker, fifoBatching: one-group }'], 'eventSourceMappings.0.fifoBatching: fifoBatching applies to FIFO queues only, and orders is a standard queue'],
    ['fifoBatching on a stream', ['  - { source: clicks, function: analytics, fifoBatching: one-group }'], 'eventSourceMappings.0.fifoBatching: fifoBatching applies to SQS queue sources only, and clicks is a stream'],
  ])('refuse %s on the mapping', (_what, lines, message) => {
    const text = errorOf(yaml(...HEAD, ...FIFO, 'streams:', '  clicks: {}', 'eventSourceMappings:', ...lines)).format();
    expect(text.replace(/^scenario\.yaml:\d+:\d+: /, '')).toBe(message);
  });

  it.each([
    ['messageGroups on a standard queue', ['queues:', '  orders: { messageGroups: 4 }'], 'queues.orders.messageGroups: expected messageGroups on a FIFO queue only (add type: fifo), found 4'],
    ['no groups', ['queues:', '  payments: { type: fifo, messageGroups: 0 }'], 'queues.payments.messageGroups: expected an integer from 1 to 1000000, found 0'],
    ['a standard dead-letter queue', ['queues:', '  payments: { type: fifo, maxReceiveCount: 5, deadLetterQueue: dlq }', '  dlq: {}'], 'queues.payments.deadLetterQueue: expected a FIFO queue as the dead-letter queue of a FIFO queue (SQS rule), found dlq (type standard)'],
    ['a FIFO dead-letter queue of a standard queue', ['queues:', '  orders: { maxReceiveCount: 5, deadLetterQueue: dlq }', '  dlq: { type: fifo }'], 'queues.orders.deadLetterQueue: expected a standard queue as the dead-letter queue of a standard queue (SQS rule), found dlq (type fifo)'],
    [
      'an async destination',
      ['queues:', '  payments: { type: fifo }', 'functions:', '  worker: { duration: 100ms, asyncConfig: { onFailure: payments } }'],
      'functions.worker.asyncConfig.onFailure: expected a standard queue (AWS does not deliver async destinations to FIFO queues), found payments (type fifo)',
    ],
  ])('refuse %s', (_what, lines, message) => {
    const head = lines.includes('functions:') ? HEAD.slice(0, 2) : HEAD;
    const text = errorOf(yaml(...head, ...lines)).format();
    expect(text.replace(/^scenario\.yaml:\d+:\d+: /, '')).toBe(message);
  });
});

describe('queue visibility timeout against the function timeout', () => {
  const scenario = (visibility: string, timeout: string, window = '0s', fn = 'worker') =>
    yaml(
      'name: v',
      'duration: 1m',
      'functions:',
      `  worker: { duration: 100ms, timeout: ${timeout}, versions: { "1": { timeout: 40s } }, aliases: { live: { version: 1 } } }`,
      'queues:',
      `  orders: { visibilityTimeout: ${visibility} }`,
      'eventSourceMappings:',
      `  - { source: orders, function: "${fn}", maximumBatchingWindow: ${window} }`,
    );

  it('refuses a visibility timeout below the function timeout, as CreateEventSourceMapping does, naming both values and the mapping', () => {
    const e = errorOf(scenario('5s', '20s'));
    expect(e.path).toBe('eventSourceMappings.0');
    const line = e.format();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe(
      'scenario.yaml:8:5: eventSourceMappings.0: expected a queue visibilityTimeout of at least the function timeout (AWS refuses the mapping otherwise), found orders visibilityTimeout 5s below worker timeout 20s',
    );
  });

  it('reads the timeout of the version or alias the mapping invokes', () => {
    expect(errorOf(scenario('30s', '20s', '0s', 'worker:1')).format()).toMatch(/orders visibilityTimeout 30s below worker:1 timeout 40s$/);
    expect(errorOf(scenario('30s', '20s', '0s', 'worker:live')).format()).toMatch(/orders visibilityTimeout 30s below worker:live timeout 40s$/);
  });

  it('accepts a visibility timeout equal to the timeout, also when window + timeout exceed it (the effective visibility then applies)', () => {
    expect(() => parseScenarioText(scenario('20s', '20s'), 's.yaml')).not.toThrow();
    expect(() => parseScenarioText(scenario('25s', '20s', '10s'), 's.yaml')).not.toThrow();
  });
});
