/**
 * Issue #20, group 4: runaway state. A backlog that grows without bound (a queue, a stream, an async
 * backlog) or a function with more environments than the budget stops the run with one line naming
 * what grew, how much and when, exit 4, and the previous report untouched. The budget is lowered
 * here so each case takes milliseconds (the real one, 20 M items, takes ~10 s to reach). Also: a data
 * file with too many lines is refused before it is parsed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOneLine, hostile, hostileDir } from './helpers/hostile.js';
import { STATE_BUDGET } from '../src/model/state-budget.js';

const saved = { ...STATE_BUDGET };
beforeEach(() => {
  STATE_BUDGET.pendingItems = 1_000;
  STATE_BUDGET.environments = 50;
});
afterEach(() => Object.assign(STATE_BUDGET, saved));

const flood = (source: string, mapping: string, producer: string) => `name: flood
duration: 10s
functions:
  worker: { duration: 1s, reservedConcurrency: 1 }
${source}
eventSourceMappings:
  - { ${mapping}, function: worker, batchSize: 1 }
workloads:
  - { ${producer}, arrivals: { process: constant, rate: 1000/s } }
reports: { formats: [summary, json, csv] }
`;

async function stops(yaml: string, pattern: RegExp): Promise<void> {
  const dir = hostileDir({ 'f.yaml': yaml });
  // A previous report that must survive.
  const ok = await hostile(['run', 'tiny.yaml', '--out', 'out', '--quiet'], dir);
  expect(ok.status).toBe(0);
  const before = readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8');
  expectOneLine(await hostile(['run', 'f.yaml', '--out', 'out', '--quiet'], dir), pattern, 4);
  expect(readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8')).toBe(before);
}

describe('the memory budget of the model', () => {
  it('a standard queue fed faster than it drains', () =>
    stops(flood('queues: { orders: { type: standard } }', 'source: orders', 'queue: orders'), /queue "orders" held 1,001 visible messages at 1\.\d{3} s of simulated time .*budget is 1,000/));
  it('a FIFO queue', () =>
    stops(flood('queues: { orders: { type: fifo, messageGroups: 1000 } }', 'source: orders', 'queue: orders'), /queue "orders" held 1,001 visible messages/));
  it('a Kinesis stream backlog', () =>
    stops(flood('streams: { clicks: { type: kinesis, shards: 1, retention: 24h } }', 'source: clicks', 'stream: clicks'), /stream "clicks" held 1,001 unprocessed records/));
  it('an async backlog', () =>
    stops(
      'name: a\nduration: 10s\nfunctions:\n  worker: { duration: 1s, reservedConcurrency: 1 }\nworkloads:\n  - { function: worker, invocation: async, arrivals: { process: constant, rate: 1000/s } }\n',
      /the async backlog of function "worker" held 1,001 events/,
    ));
  it('S3 notifications held back by a long delivery delay', () =>
    stops(
      'name: b\nduration: 10s\nfunctions:\n  worker: { duration: 1ms }\nbuckets:\n  up: { deliveryDelay: 1h, notifications: [{ function: worker }] }\nworkloads:\n  - { bucket: up, arrivals: { process: constant, rate: 1000/s } }\n',
      /the notifications in flight of bucket "up" held 1,001 notifications/,
    ));
  it('provisioned concurrency beyond the environment budget', () =>
    stops(
      'name: p\nduration: 10s\naccount: { concurrencyLimit: 100000 }\nfunctions:\n  api: { duration: 10ms, provisionedConcurrency: 60000 }\n',
      /function "api" held 50 execution environments at 0\.000 s/,
    ));
});

describe('data files with too many lines', () => {
  it('a 2,000,001-line trace is refused before it is parsed', async () => {
    const dir = hostileDir();
    writeFileSync(path.join(dir, 'big.csv'), '1\n'.repeat(2_000_001));
    const args = ['validate', 'tiny.yaml', '--set', 'workloads.0.arrivals={process: trace, file: big.csv, format: timestamps}'];
    expectOneLine(await hostile(args, dir), /big\.csv: expected a data file of at most 2,000,000 lines .*found 2,000,001 lines/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
