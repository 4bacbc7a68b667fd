/**
 * The kinds of event source the simulator knows: one entry per kind, in report order (the
 * `Results` key of each). A kind is built from its own section of the input; event-sources.ts
 * handles every kind the same way (event-source.ts is the interface).
 */
import type { EventSourceKind } from './event-source.js';
import { SqsQueue } from './sqs.js';
import { KinesisStream } from './streams.js';

export const SOURCE_KINDS: readonly EventSourceKind[] = [
  { section: 'queues', build: (input, ctx) => Object.entries(input.queues ?? {}).map(([name, config], i) => new SqsQueue(name, config, ctx, i)) },
  { section: 'streams', build: (input, ctx) => Object.entries(input.streams ?? {}).map(([name, config], i) => new KinesisStream(name, config, ctx, i)) },
];
