/**
 * Builds the queues, streams, producers and event source mappings of a scenario on a kernel
 * (sqs.ts and streams.ts hold the rules). Random streams: `esm:<source>:poison` per mapping,
 * `wl:<producer>:arrivals` and `wl:<producer>:keys` (streams) or `wl:<producer>:groups` (FIFO queues) per producer.
 */
import type { Kernel } from '../kernel/kernel.js';
import type { RandomStreams } from '../kernel/random.js';
import { ArrivalProcess } from '../workload/arrivals.js';
import type { FunctionModel } from './function-model.js';
import type { SimulationInput } from './input.js';
import type { InvocationObserver } from './observer.js';
import type { QueueResults, StreamResults } from './results.js';
import { SqsPoller, SqsQueue } from './sqs.js';
import { FifoPoller, FifoProducer, FifoQueue } from './sqs-fifo.js';
import { KinesisStream, StreamPoller, StreamProducer } from './streams.js';

export class EventSources {
  readonly queues = new Map<string, SqsQueue>();
  readonly streams = new Map<string, KinesisStream>();
  readonly sqsPollers: SqsPoller[] = [];
  readonly streamPollers: StreamPoller[] = [];
  readonly arrivals: ArrivalProcess[] = [];

  /** `observer`: report hooks given to each queue and stream with its index (scenario order); null for none. */
  constructor(
    input: SimulationInput,
    kernel: Kernel,
    randoms: RandomStreams,
    functions: ReadonlyMap<string, FunctionModel>,
    observer: InvocationObserver | null = null,
  ) {
    const mappings = input.eventSourceMappings ?? [];
    for (const [name, config] of Object.entries(input.queues ?? {})) {
      this.queues.set(name, config.type === 'fifo' ? new FifoQueue(name, config, kernel) : new SqsQueue(name, config, kernel));
    }
    for (const q of this.queues.values()) {
      const dlq = q.config.deadLetterQueue;
      if (dlq !== undefined) q.dlq = this.need(this.queues.get(dlq), `queue ${q.name}: no deadLetterQueue ${dlq}`);
    }
    for (const [name, config] of Object.entries(input.streams ?? {})) {
      const mapping = mappings.find((m) => m.source === name);
      const lanes = mapping ? StreamPoller.lanesPerShard(mapping) : 1;
      this.streams.set(name, new KinesisStream(name, config, kernel, lanes));
    }
    if (observer !== null) {
      [...this.queues.values()].forEach((q, index) => q.observe(observer, index));
      [...this.streams.values()].forEach((st, index) => st.observe(observer, index));
    }
    for (const m of mappings) {
      const fn = this.need(functions.get(m.function), `event source mapping ${m.source}: no function ${m.function}`);
      const rng = randoms.stream(`esm:${m.source}:poison`);
      const queue = this.queues.get(m.source);
      if (queue !== undefined) {
        if (queue.poller !== null) throw new Error(`queue ${m.source}: more than one event source mapping`);
        this.sqsPollers.push(queue instanceof FifoQueue ? new FifoPoller(queue, fn, m, kernel, rng) : new SqsPoller(queue, fn, m, kernel, rng));
        continue;
      }
      const stream = this.need(this.streams.get(m.source), `event source mapping: no queue or stream ${m.source}`);
      if (stream.poller !== null) throw new Error(`stream ${m.source}: more than one event source mapping`);
      const onFailure = m.onFailure === undefined ? null : this.need(this.queues.get(m.onFailure), `no onFailure queue ${m.onFailure}`);
      this.streamPollers.push(new StreamPoller(stream, fn, m, kernel, rng, onFailure));
    }
    const keyOffsets = new Map<string, number>();
    for (const p of input.producers ?? []) {
      const end = Math.min(p.end, input.duration);
      let sink;
      if (p.queue !== undefined) {
        const queue = this.need(this.queues.get(p.queue), `workload ${p.name}: no queue ${p.queue}`);
        sink = queue instanceof FifoQueue ? new FifoProducer(queue, randoms.stream(`wl:${p.name}:groups`)) : queue;
      } else {
        const name = p.stream ?? '';
        const stream = this.need(this.streams.get(name), `workload ${p.name}: no stream ${name}`);
        const offset = keyOffsets.get(name) ?? 0;
        keyOffsets.set(name, offset + p.partitionKeys);
        sink = new StreamProducer(stream, p.partitionKeys, offset, randoms.stream(`wl:${p.name}:keys`));
      }
      this.arrivals.push(new ArrivalProcess(kernel, p.arrivals, p.start, end, randoms.stream(`wl:${p.name}:arrivals`), sink));
    }
  }

  private need<T>(value: T | undefined, message: string): T {
    if (value === undefined) throw new Error(message);
    return value;
  }

  begin(): void {
    for (const p of this.sqsPollers) p.begin();
    for (const a of this.arrivals) a.begin();
  }

  get size(): number {
    return this.queues.size + this.streams.size;
  }

  queueResults(endUs: number): QueueResults[] {
    return [...this.queues.values()].map((q) => q.results(endUs, q.poller?.limitMax ?? 0));
  }

  streamResults(endUs: number): StreamResults[] {
    return [...this.streams.values()].map((s) => s.results(endUs));
  }

  notes(): string[] {
    return this.sqsPollers.flatMap((p) => p.notes());
  }
}
