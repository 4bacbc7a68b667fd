/**
 * The kinds of event source the simulator knows: one entry per kind, in report order (the
 * `Results` key of each). A kind is built from its own section of the input; event-sources.ts
 * handles every kind the same way (event-source.ts is the interface). The factories take the
 * test hooks of a kind's sources (constructor options, never fields set afterwards).
 */
import type { EventSourceKind } from './event-source.js';
import { SqsQueue, type QueueTracer } from './sqs.js';
import { KinesisStream, type StreamTracer } from './streams.js';
import { SnsTopic } from './sns.js';
import { S3Bucket } from './s3.js';
import { EventBus } from './eventbridge.js';

/** SQS queues; `tracer(name)` gives a queue its test hooks (message order checks), null for none. */
export function queueKind(tracer: (name: string) => QueueTracer | null = () => null): EventSourceKind {
  return {
    section: 'queues',
    build: (input, ctx, probe) => Object.entries(input.queues ?? {}).map(([name, config], i) => new SqsQueue(name, config, ctx, probe(i), tracer(name))),
  };
}

/** Kinesis and DynamoDB streams; `tracer(name)` gives a stream its test hooks (record order checks). */
export function streamKind(tracer: (name: string) => StreamTracer | null = () => null): EventSourceKind {
  return {
    section: 'streams',
    build: (input, ctx, probe) => Object.entries(input.streams ?? {}).map(([name, config], i) => new KinesisStream(name, config, ctx, probe(i), tracer(name))),
  };
}

/** SNS topics: producers publish, every subscribed function and queue gets each message. */
export const TOPIC_KIND: EventSourceKind = {
  section: 'topics',
  build: (input, ctx) => Object.entries(input.topics ?? {}).map(([name, config]) => new SnsTopic(name, config, ctx)),
};

/** S3 buckets: producers create objects, each notifies the configuration whose filter it matches. */
export const BUCKET_KIND: EventSourceKind = {
  section: 'buckets',
  build: (input, ctx) => Object.entries(input.buckets ?? {}).map(([name, config]) => new S3Bucket(name, config, ctx)),
};

/** EventBridge buses: producers and destinations put events, each matching rule sends them to its targets. */
export const BUS_KIND: EventSourceKind = {
  section: 'buses',
  build: (input, ctx) => Object.entries(input.buses ?? {}).map(([name, config]) => new EventBus(name, config, ctx)),
};

export const SOURCE_KINDS: readonly EventSourceKind[] = [queueKind(), streamKind(), TOPIC_KIND, BUCKET_KIND, BUS_KIND];
