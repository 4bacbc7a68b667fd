/** summary.json's queues and streams blocks: contract keys and conservation identities (report-format.md). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { simulate } from './helpers/simulate.js';
import { buildSummary } from '../src/report/build-summary.js';
import { renderSummaryTxt } from '../src/report/summary-txt.js';

describe('summary.json queues and streams', () => {
  const text = readFileSync(new URL('../scenarios/order-queue-and-clickstream.yaml', import.meta.url), 'utf8');
  const scenario = parseScenarioText(text, 'order-queue-and-clickstream.yaml');
  const summary = buildSummary(simulate({ ...scenario, duration: 5 * 60_000_000 }), { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] });

  it('has the contract keys in order, after functions and before expectations', () => {
    expect(Object.keys(summary).indexOf('queues')).toBe(Object.keys(summary).indexOf('functions') + 1);
    expect(Object.keys(summary).indexOf('streams')).toBe(Object.keys(summary).indexOf('queues') + 1);
    expect(Object.keys(summary.queues!.orders).slice(0, 7)).toStrictEqual(['sent', 'deleted', 'deadLettered', 'visibleAtEnd', 'inFlightAtEnd', 'ageOfOldest', 'latency']);
    expect(Object.keys(summary.streams!.clicks).slice(0, 6)).toStrictEqual(['records', 'processed', 'lost', 'failed', 'pendingAtEnd', 'iteratorAge']);
  });

  it('keeps sent = deleted + deadLettered + visibleAtEnd + inFlightAtEnd and records = processed + lost + failed + pendingAtEnd', () => {
    for (const q of Object.values(summary.queues!)) expect(q.sent).toBe(q.deleted + q.deadLettered + q.visibleAtEnd + q.inFlightAtEnd);
    const s = summary.streams!.clicks;
    expect(s.records).toBe(s.processed + s.lost + s.failed + s.pendingAtEnd);
    expect(summary.queues!['orders-dlq'].sent).toBe(summary.queues!.orders.deadLettered);
    expect(summary.queues!['clicks-failures'].sent).toBeGreaterThan(0);
  });
});

describe('summary.txt lines for queues and streams', () => {
  const text = readFileSync(new URL('../scenarios/order-queue-and-clickstream.yaml', import.meta.url), 'utf8');
  const scenario = parseScenarioText(text, 'order-queue-and-clickstream.yaml');
  const summary = buildSummary(simulate({ ...scenario, duration: 60_000_000 }), { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] });
  const txt = renderSummaryTxt(summary, { color: false });

  it('says that a queue- or stream-fed function counts batches, not messages', () => {
    expect(txt).toContain('requests, invocations: a function fed by a queue or stream counts batches');
    // Messages outnumber the worker's requests (batches of up to 10): the caption is needed.
    expect(summary.queues!.orders.sent).toBeGreaterThan(summary.functions.worker.requests);
  });

  it('gives a queue that never held a message no "oldest message" measurement', () => {
    // One minute in, nothing has failed twice: the dead-letter queue is still empty.
    expect(summary.queues!['orders-dlq'].sent).toBe(0);
    expect(txt).toContain('queue orders-dlq: sent 0, deleted 0, dead-lettered 0, never held a message\n');
    expect(txt).toMatch(/queue orders: sent [\d,]+, .* oldest message /);
  });
});
