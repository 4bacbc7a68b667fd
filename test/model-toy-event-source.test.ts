/**
 * The event source seam (src/model/event-source.ts) seen from outside: a toy kind of source, written
 * here and nowhere under src/, is built, fed by a producer, read by its mapping, run end to end,
 * and its items are conserved. If this test needs an edit under src/, the seam has leaked.
 */
import { describe, expect, it } from 'vitest';
import type { EventHandler, Kernel } from '../src/kernel/kernel.js';
import type { ModelContext } from '../src/model/context.js';
import type { EventSource, EventSourceKind } from '../src/model/event-source.js';
import type { FunctionModel, InvocationClient } from '../src/model/function-model.js';
import type { EventSourceMappingInput, ProducerInput, SimulationInput } from '../src/model/input.js';
import { Simulation } from '../src/model/simulate.js';
import { SOURCE_KINDS } from '../src/model/source-kinds.js';
import type { RequestSink } from '../src/workload/arrivals.js';
import { fn, MIN, MS, S, scenario } from './helpers/model-input.js';
import { esm } from './helpers/esm-input.js';

/** A mailbox: items wait in arrival order; its mapping hands them to the function one at a time, retrying failures. */
interface MailboxInput {
  /** Pause before a failed item is retried (us). */
  retryDelay: number;
}

interface MailboxResults {
  name: string;
  arrived: number;
  done: number;
  waiting: number;
  inFlight: number;
  retries: number;
}

const RETRY = 1;

class Mailbox implements EventSource, RequestSink, InvocationClient, EventHandler {
  arrived = 0;
  done = 0;
  retries = 0;
  private waiting = 0;
  private inFlight = 0;
  private fn: FunctionModel | null = null;
  private readonly kernel: Kernel;

  constructor(
    readonly name: string,
    private readonly config: MailboxInput,
    ctx: ModelContext,
  ) {
    this.kernel = ctx.kernel;
  }

  link(): void {}

  connect(mapping: EventSourceMappingInput, fn: FunctionModel): void {
    if (mapping.source !== this.name) throw new Error('wrong mapping');
    this.fn = fn;
  }

  producer(_p: ProducerInput): RequestSink {
    return this;
  }

  begin(): void {}

  notes(): string[] {
    return this.fn === null ? [`mailbox ${this.name}: nobody reads it`] : [];
  }

  arrive(): void {
    this.arrived++;
    this.waiting++;
    this.pump();
  }

  private pump(): void {
    if (this.fn === null || this.inFlight > 0 || this.waiting === 0) return;
    this.waiting--;
    this.inFlight++;
    if (!this.fn.invoke(this.kernel.now, this, 0)) this.failed();
  }

  invocationEnded(_firstAt: number, _attempt: number, isError: boolean): boolean {
    if (isError) {
      this.failed();
      return false;
    }
    this.inFlight--;
    this.done++;
    this.kernel.schedule(this.kernel.now, this, RETRY);
    return true;
  }

  /** Back to the front after the retry delay (it stays in flight meanwhile: nothing else starts). */
  private failed(): void {
    this.retries++;
    this.kernel.schedule(this.kernel.now + this.config.retryDelay, this, RETRY, 1);
  }

  handleEvent(_kind: number, back: number): void {
    if (back === 1) {
      this.inFlight--;
      this.waiting++;
    }
    this.pump();
  }

  results(): MailboxResults {
    return { name: this.name, arrived: this.arrived, done: this.done, waiting: this.waiting, inFlight: this.inFlight, retries: this.retries };
  }
}

/** The toy's section of the input: what its schema file would add to the scenario. */
type ToyInput = SimulationInput & { mailboxes: Record<string, MailboxInput> };

const MAILBOXES: EventSourceKind = {
  section: 'mailboxes',
  build: (input, ctx) => Object.entries((input as ToyInput).mailboxes).map(([name, config]) => new Mailbox(name, config, ctx)),
};

function run(errorRate: number, duration = 10 * MIN) {
  const input: ToyInput = {
    ...scenario({
      duration,
      workloads: [],
      functions: { worker: fn({ errorRate, duration: { dist: 'exponential', mean: 20 * MS } }) },
      producers: [{ name: 'letters', source: 'inbox', partitionKeys: 1, start: 0, end: duration, arrivals: { process: 'poisson', rate: 30 } }],
      // The mapping's common fields are all a toy needs; it ignores the SQS ones.
      eventSourceMappings: [esm({ source: 'inbox', function: 'worker' })],
    }),
    mailboxes: { inbox: { retryDelay: 500 * MS }, unread: { retryDelay: S } },
  };
  const results = new Simulation(input, null, [...SOURCE_KINDS, MAILBOXES]).results();
  return { results, boxes: (results as unknown as { mailboxes: MailboxResults[] }).mailboxes };
}

describe('a toy event source added through the seam alone', () => {
  it('runs end to end: producer, mapping, function, results and notes', () => {
    const { results, boxes } = run(0);
    expect(boxes.map((b) => b.name)).toStrictEqual(['inbox', 'unread']);
    const [inbox, unread] = boxes;
    expect(inbox.arrived).toBeGreaterThan(15_000);
    expect(inbox.done).toBeGreaterThan(inbox.arrived - 100);
    expect(unread).toStrictEqual({ name: 'unread', arrived: 0, done: 0, waiting: 0, inFlight: 0, retries: 0 });
    expect(results.notes).toContain('mailbox unread: nobody reads it');
    expect(results.functions[0].invocations).toBe(inbox.done + results.functions[0].errors);
    expect(results.queues).toBeUndefined();
    expect(results.streams).toBeUndefined();
  });

  it('conserves items under errors: arrived = done + waiting + in flight', () => {
    const { results, boxes } = run(0.2);
    const [inbox] = boxes;
    // Errors do cause retries: about a thousand in 10 minutes (the count depends on the draws).
    expect(inbox.retries).toBeGreaterThan(900);
    expect(inbox.arrived).toBe(inbox.done + inbox.waiting + inbox.inFlight);
    const f = results.functions[0];
    expect(f.errors).toBe(inbox.retries - f.throttles);
    expect(f.invocations).toBe(inbox.done + f.errors);
  });
});
