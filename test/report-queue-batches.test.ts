// How full an SQS mapping's batches were (queue-report.ts `batches`, `meanBatchSize`): with a
// batching window they fill to batchSize; without one, idle pollers take each message alone.
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { simulate } from '../src/model/simulate.js';
import { buildReports } from '../src/report/index.js';

function queue(window: string) {
  const text = `name: batches
duration: 2m
functions:
  worker: { duration: 20ms, timeout: 30s }
queues:
  jobs: { type: standard, visibilityTimeout: 180s }
eventSourceMappings:
  - { source: jobs, function: worker, batchSize: 10, maximumBatchingWindow: ${window} }
workloads:
  - { name: jobs, queue: jobs, arrivals: { process: constant, rate: 200/s } }
`;
  const scenario = parseScenarioText(text, 'batches.yaml');
  const results = simulate(scenario);
  const summary = buildReports(results, { simulator: { name: 'lambda-sim', version: 'test' }, expect: scenario.expect }).summary;
  const worker = summary.functions.worker;
  return { q: summary.queues!.jobs, invocations: worker.invocations + worker.inFlightAtEnd };
}

describe('SQS batch fill', () => {
  it('fills batches of 10 with a 1 s window: 200 messages a second arrive in 50 ms per batch', () => {
    const { q, invocations } = queue('1s');
    expect(q.meanBatchSize).toBe(10);
    expect(q.batches).toBe(invocations);
    expect(q.batches * 10).toBe(q.received);
  });

  it('takes each message alone without a window, when pollers are free', () => {
    const { q } = queue('0s');
    expect(q.meanBatchSize).toBe(1);
    // Now and then all five first pollers are busy and two messages wait together.
    expect(q.batches).toBeGreaterThan(0.99 * q.received);
  });
});
