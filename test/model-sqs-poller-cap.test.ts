/** The SQS poller limit does not climb past what the function's reservation lets it use. */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import { esm } from './helpers/esm-input.js';
import { fn, MIN, S, scenario } from './helpers/model-input.js';

describe('SQS poller scaling under a reservation', () => {
  it('stays at its initial 5 batches when a reservation of 3 is what binds', () => {
    // A backlogged queue (200 messages/s, batches of 10 taking 1 s each) and a reservation of 3:
    // at most 3 batches run, so the pollers (starting at 5) are never the limit and must not scale up.
    const r = simulate(
      scenario({
        duration: 5 * MIN,
        functions: { worker: fn({ reservedConcurrency: 3, duration: { dist: 'constant', value: S } }) },
        queues: { jobs: { type: 'standard', visibilityTimeout: 30 * S } },
        eventSourceMappings: [esm({ source: 'jobs', function: 'worker' })],
        producers: [{ name: 'p', source: 'jobs', partitionKeys: 1, start: 0, end: 5 * MIN, arrivals: { process: 'constant', rate: 200 } }],
        workloads: [],
      }),
    );
    expect(r.functions[0].concurrencyMax).toBe(3);
    expect(r.queues![0].pollerLimitMax).toBe(5);
  });
});
