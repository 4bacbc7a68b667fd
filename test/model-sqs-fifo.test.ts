/**
 * SQS FIFO queues (lambda-behavior.md 8.2, 8.6, 8.8, disagreement 5): order per message group under
 * errors, partial batch responses, visibility timeouts, throttles and redrive; a poison message
 * holding its group back while the other groups flow; conservation; poller scaling.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation, checkedResults, simulate } from './helpers/simulate.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { SqsQueue, type QueueTracer } from '../src/model/sqs.js';
import { queueKind, streamKind } from '../src/model/source-kinds.js';
import type { SqsMappingInput, ProducerInput, QueueInput, SimulationInput } from '../src/model/input.js';
import { fn, MIN, MS, S, scenario } from './helpers/model-input.js';
import { esm } from './helpers/esm-input.js';

function fifo(groups: number, over: Partial<QueueInput> = {}): QueueInput {
  return { type: 'fifo', messageGroups: groups, visibilityTimeout: 30 * S, ...over };
}

function input(parts: Partial<SimulationInput> & Pick<SimulationInput, 'functions' | 'duration'>): SimulationInput {
  return scenario({ workloads: [], ...parts });
}

/**
 * An independent model of the FIFO contract, fed by the queue's trace: per group the send order,
 * the first unresolved message (resolved = deleted or dead-lettered) and the messages in flight.
 */
class OrderChecker implements QueueTracer {
  readonly violations: string[] = [];
  private readonly sentIds = new Map<number, number[]>();
  private readonly nextUnresolved = new Map<number, number>();
  private readonly inFlight = new Map<number, number>();
  batches = 0;
  mixedBatches = 0;
  /** Most groups in flight at one time. */
  maxGroupsInFlight = 0;
  /** Times a deletion's group differs from the previous deletion's (groups interleave). */
  groupSwitches = 0;
  deletedPerGroup = new Map<number, number>();
  deadLetteredCount = 0;
  private lastDeletedGroup = -1;

  sent(group: number, id: number): void {
    const ids = this.sentIds.get(group) ?? [];
    ids.push(id);
    this.sentIds.set(group, ids);
    if (!this.nextUnresolved.has(group)) this.nextUnresolved.set(group, 0);
  }

  received(groups: readonly number[], ids: readonly number[], size: number): void {
    this.batches++;
    const offsets = new Map<number, number>();
    for (let i = 0; i < size; i++) {
      const g = groups[i];
      const k = offsets.get(g);
      if (k === undefined && (this.inFlight.get(g) ?? 0) > 0) this.violations.push(`group ${g} received while ${this.inFlight.get(g)} of its messages are in flight`);
      // The batch must hold the group's oldest unresolved messages, consecutively, in send order.
      const offset = k ?? 0;
      const expected = this.sentIds.get(g)![this.nextUnresolved.get(g)! + offset];
      if (ids[i] !== expected) this.violations.push(`group ${g}: received message ${ids[i]} where ${expected} was next`);
      offsets.set(g, offset + 1);
    }
    for (const [g, n] of offsets) this.inFlight.set(g, (this.inFlight.get(g) ?? 0) + n);
    if (offsets.size > 1) this.mixedBatches++;
    let groupsInFlight = 0;
    for (const n of this.inFlight.values()) if (n > 0) groupsInFlight++;
    this.maxGroupsInFlight = Math.max(this.maxGroupsInFlight, groupsInFlight);
  }

  deleted(group: number, id: number): void {
    this.resolve(group, id, 'deleted');
    this.deletedPerGroup.set(group, (this.deletedPerGroup.get(group) ?? 0) + 1);
    if (this.lastDeletedGroup !== -1 && this.lastDeletedGroup !== group) this.groupSwitches++;
    this.lastDeletedGroup = group;
  }

  deadLettered(group: number, id: number): void {
    this.resolve(group, id, 'dead-lettered');
    this.deadLetteredCount++;
  }

  returned(group: number): void {
    this.inFlight.set(group, this.inFlight.get(group)! - 1);
  }

  private resolve(group: number, id: number, what: string): void {
    const k = this.nextUnresolved.get(group)!;
    const expected = this.sentIds.get(group)![k];
    if (id !== expected) this.violations.push(`group ${group}: ${what} message ${id} before ${expected}`);
    this.nextUnresolved.set(group, k + 1);
    const n = this.inFlight.get(group) ?? 0;
    if (n <= 0) this.violations.push(`group ${group}: ${what} message ${id} that was not in flight`);
    this.inFlight.set(group, n - 1);
  }
}

/**
 * A simulation of `input` whose queues `orders` and `dlq` report every message to an order checker,
 * given to them as a constructor option of the queue kind (the one way a test hooks into a queue).
 */
function traced(input: SimulationInput): { sim: Simulation; checker: OrderChecker; dlqChecker: OrderChecker } {
  const checker = new OrderChecker();
  const dlqChecker = new OrderChecker();
  const tracers = new Map([
    ['orders', checker],
    ['dlq', dlqChecker],
  ]);
  const sim = new Simulation(input, null, [queueKind((name) => tracers.get(name) ?? null), streamKind()]);
  return { sim, checker, dlqChecker };
}

describe('FIFO order per message group', () => {
  /**
   * 20 groups at 40 messages/s for 10 minutes; transient errors (errorRate 0.15), 2% poison
   * messages, timeouts (a lognormal duration with a tail past the 2 s timeout), visibility returns,
   * redrive after 3 receives to a FIFO DLQ, and account-level throttles from a competing function.
   */
  function run(mapping: Partial<SqsMappingInput>) {
    const { sim, checker, dlqChecker } = traced(
      input({
        duration: 10 * MIN,
        account: { concurrencyLimit: 24, unreservedMinimum: 0, scaling: 'per-function' },
        functions: {
          worker: fn({ timeout: 2 * S, errorRate: 0.15, duration: { dist: 'lognormal', median: 300 * MS, sigma: 0.99 } }),
          hog: fn({ duration: { dist: 'constant', value: 1 * S } }),
        },
        workloads: [{ name: 'hog', function: 'hog', invocation: 'sync', start: 0, end: 10 * MIN, arrivals: { process: 'poisson', rate: 10 } }],
        queues: { orders: fifo(20, { visibilityTimeout: 5 * S, maxReceiveCount: 3, deadLetterQueue: 'dlq' }), dlq: fifo(4) },
        producers: [{ name: 'p', source: 'orders', partitionKeys: 1, start: 0, end: 10 * MIN, arrivals: { process: 'poisson', rate: 40 } }],
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', itemFailureRate: 0.02, ...mapping })],
      }),
    );
    const r = checkedResults(sim);
    return { r, checker, dlqChecker };
  }

  it.each([
    ['mixed groups, partial batch responses', { reportBatchItemFailures: true }],
    ['mixed groups, whole-batch failures', { reportBatchItemFailures: false }],
    ['one group per batch, partial batch responses', { reportBatchItemFailures: true, fifoBatching: 'one-group' as const }],
  ])('%s: every group is received and resolved in send order', (_what, mapping: Partial<SqsMappingInput>) => {
    const { r, checker, dlqChecker } = run(mapping);
    const [q, dlq] = r.queues!;
    const worker = r.functions[0];
    // The run exercised what it claims to.
    expect(q.sent).toBeGreaterThan(20_000);
    expect(worker.errors).toBeGreaterThan(100);
    expect(worker.timeouts).toBeGreaterThan(0);
    expect(worker.throttles).toBeGreaterThan(0);
    expect(q.received).toBeGreaterThan(q.sent);
    expect(q.deadLettered).toBeGreaterThan(10);
    expect(dlq.sent).toBe(q.deadLettered);
    expect(dlqChecker.batches).toBe(0); // no mapping on the DLQ
    // The contract.
    expect(checker.violations.slice(0, 5)).toStrictEqual([]);
    expect(checker.deadLetteredCount).toBe(q.deadLettered);
    // Groups do interleave: different groups are in flight together and deletions alternate.
    expect(checker.maxGroupsInFlight).toBeGreaterThan(5);
    expect(checker.maxGroupsInFlight).toBeLessThanOrEqual(20);
    expect(checker.groupSwitches).toBeGreaterThan(q.deleted / 10);
    expect(checker.deletedPerGroup.size).toBe(20);
    if (mapping.fifoBatching === 'one-group') expect(checker.mixedBatches).toBe(0);
    else expect(checker.mixedBatches).toBeGreaterThan(20);
  });
});

describe('a poison message holds its group back while the other groups flow', () => {
  /**
   * Three groups A=0, B=1, C=2; 12 messages sent at t=0 in the order A0 B0 C0 A1 B1 C1 ... A3 B3 C3,
   * A0 poison; each batch runs 100 ms; visibility 30 s; maxReceiveCount 3; no partial batch response.
   * - t=0: each send starts a batch at once: [A0] [B0] [C0] (A1.. B1.. C1.. wait: their groups are in flight).
   * - 0.1 s: [A0] fails (returns at 30 s); [B0] and [C0] are deleted, then one batch
   *   [B1 B2 B3 C1 C2 C3] runs (groups mixed, order kept in each).
   * - 0.2 s: B and C are done (8 deleted), A1-A3 still wait behind A0.
   * - 30 s: [A0 A1 A2 A3] (A0's 2nd receive) fails as a whole; 60 s: again (A0's 3rd receive);
   * - 90 s: A0 moves to the DLQ; A1-A3 (3rd receive each) run and are deleted at 90.1 s.
   * Invocations 3 + 1 + 1 + 1 + 1 = 7, errors 3, receives 3 + 6 + 4 + 4 + 3 = 20.
   */
  function build(duration: number, reportBatchItemFailures: boolean) {
    const { sim, checker } = traced(
      input({
        duration,
        functions: { worker: fn({ timeout: 10 * S }) },
        queues: { orders: fifo(3, { maxReceiveCount: 3, deadLetterQueue: 'dlq' }), dlq: fifo(3) },
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', poisonItems: [0], reportBatchItemFailures })],
      }),
    );
    const q = sim.eventSources.get('orders', 'test') as SqsQueue;
    for (let k = 0; k < 4; k++) for (let g = 0; g < 3; g++) q.produce(g);
    return { sim, checker };
  }

  it('B and C are done at 0.2 s while A waits', () => {
    const { sim, checker } = build(1 * S, false);
    const r = checkedResults(sim);
    expect(r.queues![0]).toMatchObject({ sent: 12, deleted: 8, received: 9, visibleAtEnd: 3, inFlightAtEnd: 1 });
    expect(checker.deletedPerGroup.get(0)).toBeUndefined();
    expect(checker.deletedPerGroup.get(1)).toBe(4);
    expect(checker.deletedPerGroup.get(2)).toBe(4);
    expect(r.functions[0]).toMatchObject({ invocations: 4, errors: 1 });
    expect(r.queues![0].latency.max).toBe(200 * MS);
  });

  it('A resumes after its poison message is redriven at 90 s', () => {
    const before = build(89 * S, false);
    const b = checkedResults(before.sim);
    expect(b.queues![0]).toMatchObject({ sent: 12, deleted: 8, deadLettered: 0, visibleAtEnd: 0, inFlightAtEnd: 4, received: 17 });
    const after = build(91 * S, false);
    const r = checkedResults(after.sim);
    const [q, dlq] = r.queues!;
    expect(q).toMatchObject({ sent: 12, deleted: 11, deadLettered: 1, visibleAtEnd: 0, inFlightAtEnd: 0, received: 20 });
    expect(dlq).toMatchObject({ sent: 1, visibleAtEnd: 1 });
    expect(r.functions[0]).toMatchObject({ invocations: 7, errors: 3 });
    expect(q.latency.max).toBe(90 * S + 100 * MS);
    expect(after.checker.violations).toStrictEqual([]);
    expect(after.checker.deletedPerGroup.get(0)).toBe(3);
  });

  it('with reportBatchItemFailures the handler stops at A0 and reports the rest of the batch too', () => {
    // Same timeline (A0 is first in every A batch, so everything after it is reported), but the
    // invocations succeed: errors 0.
    const { sim, checker } = build(91 * S, true);
    const r = checkedResults(sim);
    expect(r.queues![0]).toMatchObject({ sent: 12, deleted: 11, deadLettered: 1, received: 20 });
    expect(r.functions[0]).toMatchObject({ invocations: 7, errors: 0 });
    expect(checker.violations).toStrictEqual([]);
  });
});

describe('FIFO partial batch response (lambda-behavior.md 8.6)', () => {
  it('messages after the first failure are reported too, and can be redriven with it', () => {
    // One group, X0..X4 at t=0, X2 poison, maxReceiveCount 3. [X0] runs at once (X1-X4 wait);
    // at 0.1 s X0 is deleted and [X1 X2 X3 X4] runs; at 0.2 s X1 is deleted and X2-X4 are reported.
    // They are received again at 30.1 s and 60.1 s (X2 first each time) and at 90.1 s all three
    // have 3 receives: all three go to the DLQ, though only X2 is poison.
    const { sim, checker, dlqChecker } = traced(
      input({
        duration: 100 * S,
        functions: { worker: fn({ timeout: 10 * S }) },
        queues: { orders: fifo(1, { maxReceiveCount: 3, deadLetterQueue: 'dlq' }), dlq: fifo(1) },
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', poisonItems: [2], reportBatchItemFailures: true })],
      }),
    );
    const q = sim.eventSources.get('orders', 'test') as SqsQueue;
    for (let k = 0; k < 5; k++) q.produce(0);
    const r = checkedResults(sim);
    expect(r.queues![0]).toMatchObject({ sent: 5, deleted: 2, deadLettered: 3, received: 1 + 4 + 3 + 3, visibleAtEnd: 0, inFlightAtEnd: 0 });
    expect(r.functions[0]).toMatchObject({ invocations: 4, errors: 0 });
    expect(checker.violations).toStrictEqual([]);
    // The DLQ keeps the group's order: X2, X3, X4 sent in that order to its group 0.
    expect(r.queues![1]).toMatchObject({ sent: 3, visibleAtEnd: 3 });
    expect(dlqChecker.violations).toStrictEqual([]);
  });
});

describe('FIFO concurrency and poller scaling', () => {
  it('never runs more batches than groups with messages', () => {
    // 3 groups at 200 messages/s, each batch 1 s: at most one batch per group, so concurrency 3
    // although the poller allows 5 and messages wait.
    const r = simulate(
      input({
        duration: 5 * MIN,
        functions: { worker: fn({ duration: { dist: 'constant', value: 1 * S } }) },
        queues: { orders: fifo(3, { visibilityTimeout: 120 * S }) },
        producers: [{ name: 'p', source: 'orders', partitionKeys: 1, start: 0, end: 5 * MIN, arrivals: { process: 'poisson', rate: 200 } }],
        eventSourceMappings: [esm({ source: 'orders', function: 'worker' })],
      }),
    );
    expect(r.functions[0].concurrencyMax).toBe(3);
    // Throughput: 3 batches of 10 per second = 30 messages/s of the 200 sent.
    expect(r.queues![0].deleted).toBeGreaterThan(29 * 299);
    expect(r.queues![0].deleted).toBeLessThanOrEqual(30 * 300);
    expect(r.queues![0].pollerLimitMax).toBe(5);
  });

  it('scales like a standard queue when there are enough groups: 5, then +300 per minute up to 1,000', () => {
    const sim = new Simulation(
      input({
        duration: 6 * MIN,
        account: { concurrencyLimit: 5000, unreservedMinimum: 100, scaling: 'per-function' },
        functions: { worker: fn({ timeout: 120 * S, duration: { dist: 'constant', value: 100 * S } }) },
        queues: { orders: fifo(5000, { visibilityTimeout: 900 * S }) },
        producers: [burstOf('orders', 50_000)],
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', batchSize: 1 })],
      }),
    );
    const limits: number[] = [];
    for (let m = 0; m <= 5; m++) {
      sim.kernel.run(m * MIN + 1);
      limits.push((sim.eventSources.get('orders', 'test') as SqsQueue).poller!.limit);
    }
    expect(limits).toEqual([5, 305, 605, 905, 1000, 1000]);
    expect(checkedResults(sim).functions[0].concurrencyMax).toBe(1000);
  });

  it('does not scale up when the groups, not the poller, limit the batches', () => {
    const sim = new Simulation(
      input({
        duration: 5 * MIN,
        functions: { worker: fn({ timeout: 120 * S, duration: { dist: 'constant', value: 100 * S } }) },
        queues: { orders: fifo(2, { visibilityTimeout: 900 * S }) },
        producers: [burstOf('orders', 1000)],
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', batchSize: 1 })],
      }),
    );
    const r = checkedResults(sim);
    expect(r.queues![0].pollerLimitMax).toBe(5);
    expect(r.functions[0].concurrencyMax).toBe(2);
  });
});

describe('FIFO memory and determinism', () => {
  it('the same seed gives the same results', () => {
    const make = () =>
      input({
        duration: 2 * MIN,
        functions: { worker: fn({ errorRate: 0.1, duration: { dist: 'exponential', mean: 200 * MS } }) },
        queues: { orders: fifo(50) },
        producers: [{ name: 'p', source: 'orders', partitionKeys: 1, start: 0, end: 2 * MIN, arrivals: { process: 'poisson', rate: 100 } }],
        eventSourceMappings: [esm({ source: 'orders', function: 'worker', reportBatchItemFailures: true, itemFailureRate: 0.01 })],
      });
    const a = simulate(make()).queues![0];
    const b = simulate(make()).queues![0];
    expect({ ...a, latency: a.latency.count }).toStrictEqual({ ...b, latency: b.latency.count });
    expect(a.latency.max).toBe(b.latency.max);
  });
});

/** `count` messages sent at t=0 (a 1 us window at 2 x `count` per us). */
function burstOf(queue: string, count: number): ProducerInput {
  return { name: 'p', source: queue, partitionKeys: 1, start: 0, end: 1, arrivals: { process: 'constant', rate: 2 * count * 1_000_000 } };
}

describe('the payments-fifo example scenario', () => {
  it('loads, runs and conserves messages; the held-back payments make the p99', () => {
    const text = readFileSync(new URL('../scenarios/payments-fifo.yaml', import.meta.url), 'utf8');
    const s = parseScenarioText(text, 'payments-fifo.yaml');
    expect(s.queues!.payments).toMatchObject({ type: 'fifo', messageGroups: 200 });
    const r = simulate({ ...s, duration: 5 * MIN });
    const [q, dlq] = r.queues!;
    expect(dlq.sent).toBe(q.deadLettered);
    expect(q.sent).toBeGreaterThan(10_000);
    expect(q.latency.quantile(0.5)).toBeLessThan(500 * MS);
    expect(q.latency.max).toBeGreaterThan(60 * S);
  });
});
