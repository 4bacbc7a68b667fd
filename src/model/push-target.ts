/**
 * The destinations an AWS service pushes events to on its own (an S3 notification, an EventBridge
 * rule's target): a function receives each as an asynchronous invocation with its own retries
 * (async-invoker.ts), a topic publishes it (sns.ts), a queue receives it as a producer's message.
 */
import type { RequestSink } from '../workload/arrivals.js';
import type { EventSource, SourceDirectory } from './event-source.js';
import type { PushTargetInput } from './input.js';
import { SnsTopic } from './sns.js';

/** Deliver one event now; `originAt` is when its pipeline began (-1: it begins at the target, chain.ts). */
export type PushDelivery = (originAt: number) => void;

/** The delivery of `target`, resolved among the built sources; `who` names the pusher in errors. */
export function pushTarget(sources: SourceDirectory, target: PushTargetInput, who: string): PushDelivery {
  if (target.kind === 'function') {
    const invoker = sources.fn(target.name, who).asyncEvents();
    return (originAt) => invoker.receive(0, originAt);
  }
  const source = sources.get(target.name, who) as EventSource & Partial<RequestSink>;
  if (target.kind === 'topic') {
    if (!(source instanceof SnsTopic)) throw new Error(`${who}: ${target.name} is not a topic`);
    return (originAt) => source.publishFrom(originAt);
  }
  if (typeof source.arrive !== 'function') throw new Error(`${who}: ${target.name} accepts no messages`);
  const queue = source as RequestSink;
  return () => queue.arrive();
}
