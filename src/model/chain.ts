/**
 * Chains: async destinations that invoke another function or publish to an SNS topic, so one event
 * can run through a pipeline (A's success triggers B, B's triggers C ...).
 *
 * AWS sends a record of each async invocation's outcome to the function's on-success or on-failure
 * destination: a standard SQS queue, a standard SNS topic, a Lambda function, an EventBridge bus, or
 * (on failure only) an S3 bucket
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). A function
 * destination is an asynchronous invocation of that function, with its own retries and event age;
 * an SNS destination is a Publish, which the topic fans out (sns.ts). Queues receive a message as
 * before. An EventBridge bus puts the record on the bus, whose rules route it on (eventbridge.ts);
 * S3 buckets are not modelled as destinations: their records are counted only.
 *
 * Each event carries the time its pipeline began (the first function's acceptance of the original
 * event) as an integer in the async queue's slot arrays, so a chain end (a function reached through
 * a destination that sends no success onward to a function or topic) records the pipeline latency
 * from the first event to its own successful end (AsyncInvoker.pipeline). The scenario layer refuses
 * cycles (src/scenario/chain-checks.ts), so a chain always ends.
 */
import type { RequestSink } from '../workload/arrivals.js';
import type { AsyncInvoker } from './async-invoker.js';
import type { InvokeTarget } from './invoke-target.js';
import type { DestinationInput } from './input.js';
import { SnsTopic } from './sns.js';
import { EventBus } from './eventbridge.js';

/** Where a destination's record goes; `originAt` is when the event's pipeline began (us). */
export interface ChainTarget {
  /** True for a function or a topic: the pipeline goes on there (delivered after the invocation ends). */
  readonly continues: boolean;
  deliver(originAt: number): void;
}

/** What chain wiring needs to find destinations by name. */
export interface ChainDirectory {
  /** A queue (or other source that accepts plain messages) named `name`, or null. */
  sink(name: string): RequestSink | null;
  /** The event source named `name`, or undefined. */
  source(name: string): unknown;
  fn(name: string): InvokeTarget | undefined;
}

/** Builds the targets of destinations, noting the functions a pipeline reaches. */
class Resolver {
  /** Async queues created for a destination, still to connect. */
  readonly pending: AsyncInvoker[] = [];
  /** Functions a destination invokes, directly or through a topic. */
  readonly reached = new Set<InvokeTarget>();

  constructor(private readonly dir: ChainDirectory) {}

  /** The target of `dest`, or null when it names nothing of the scenario (counted only). */
  target(dest: DestinationInput): ChainTarget | null {
    const kind = typeof dest === 'string' ? undefined : dest.kind;
    const name = typeof dest === 'string' ? dest : dest.name;
    const source = this.dir.source(name);
    if (source instanceof EventBus) {
      if (kind !== undefined && kind !== 'bus') return null;
      for (const rule of Object.values(source.config.rules)) {
        for (const t of rule.targets) {
          const topic = t.kind === 'topic' ? this.dir.source(t.name) : undefined;
          if (t.kind === 'function') this.reach(this.dir.fn(t.name));
          else if (topic instanceof SnsTopic) for (const f of topic.config.functions) this.reach(this.dir.fn(f));
        }
      }
      return { continues: true, deliver: (originAt) => source.putFrom(originAt) };
    }
    if (source instanceof SnsTopic) {
      if (kind !== undefined && kind !== 'topic') return null;
      for (const f of source.config.functions) this.reach(this.dir.fn(f));
      return { continues: true, deliver: (originAt) => source.publishFrom(originAt) };
    }
    const queue = kind === undefined || kind === 'queue' ? this.dir.sink(name) : null;
    if (queue !== null) return { continues: false, deliver: () => queue.arrive() };
    const fn = kind === undefined || kind === 'function' ? this.dir.fn(name) : undefined;
    if (fn === undefined) return null;
    const invoker = this.reach(fn);
    return { continues: true, deliver: (originAt) => invoker.receive(0, originAt) };
  }

  /** `fn` is invoked through a destination: its async queue (created if new, then to connect). */
  private reach(fn: InvokeTarget | undefined): AsyncInvoker {
    if (fn === undefined) throw new Error('a topic subscribes a function the scenario does not have');
    const known = fn.asyncInvoker !== null;
    const invoker = fn.asyncEvents();
    if (!known) this.pending.push(invoker);
    this.reached.add(fn);
    return invoker;
  }
}

/**
 * Resolve every async queue's destinations, creating the async queue of each function a
 * destination invokes (which may have destinations of its own), then mark the chain ends. Returns
 * the report's notes for destinations that name nothing of the scenario (counted only).
 */
export function connectChains(functions: readonly InvokeTarget[], dir: ChainDirectory): string[] {
  const notes: string[] = [];
  const resolver = new Resolver(dir);
  const pending = resolver.pending;
  for (const fn of functions) if (fn.asyncInvoker !== null) pending.push(fn.asyncInvoker);
  const connected: AsyncInvoker[] = [];
  while (pending.length > 0) {
    const invoker = pending.shift()!;
    notes.push(...invoker.connectDestinations((dest) => resolver.target(dest)));
    connected.push(invoker);
  }
  for (const invoker of connected) if (resolver.reached.has(invoker.fn) && !invoker.continuesOnSuccess) invoker.trackPipeline();
  return notes;
}
