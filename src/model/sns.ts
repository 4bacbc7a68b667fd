/**
 * SNS standard topics as async producers: a message published to a topic is delivered to every
 * subscription at once. A subscribed function receives it as an asynchronous invocation, so each
 * delivery has its own retries, event age and destinations in that function's async queue
 * (async-invoker.ts; https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html: "Amazon SNS invokes
 * your function asynchronously"); a subscribed standard queue receives it as a message sent by a
 * producer. SNS's own delivery retries (for a Lambda service that is unavailable) are not modelled:
 * Lambda's async queue accepts every event. Delivery takes no time; message filtering is not modelled.
 *
 * Publish requests are priced at $0.50 per million (standard topics, us-east-1:
 * https://aws.amazon.com/sns/pricing/, the figure as quoted 2026-06-13 by
 * https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/). Deliveries to
 * Lambda and SQS are taken as free, as the AWS page has long said; not re-read from an AWS source
 * in this change. The monthly free million is not subtracted.
 */
import { MONTH_MS } from '../billing/month.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { ModelContext } from './context.js';
import type { EventSource, SourceDirectory } from './event-source.js';
import type { TopicInput } from './input.js';
import type { TopicResults } from './results.js';

/** USD per Publish request (standard topics). */
export const SNS_PUBLISH_USD = 0.5 / 1_000_000;

export class SnsTopic implements EventSource, RequestSink {
  published = 0;
  /** Start of the measured period (the end of the warm-up, 0 without one). */
  private measuredFrom = 0;
  /**
   * Subscribers in scenario order (functions, then queues), and what each received. A function
   * subscriber's delivery carries the time the event's pipeline began (-1: it begins there; chain.ts).
   */
  private readonly subscribers: ((originAt: number) => void)[] = [];
  private readonly delivered: number[];
  private readonly names: { name: string; kind: 'function' | 'queue' }[];

  constructor(
    readonly name: string,
    readonly config: TopicInput,
    _ctx: ModelContext,
  ) {
    this.names = [
      ...config.functions.map((name) => ({ name, kind: 'function' as const })),
      ...config.queues.map((name) => ({ name, kind: 'queue' as const })),
    ];
    this.delivered = this.names.map(() => 0);
  }

  link(sources: SourceDirectory): void {
    const who = `topic ${this.name}`;
    for (const name of this.config.functions) {
      const invoker = sources.fn(name, who).asyncEvents();
      this.subscribers.push((originAt) => invoker.receive(0, originAt));
    }
    for (const name of this.config.queues) {
      const queue = sources.get(name, who) as EventSource & Partial<RequestSink>;
      if (typeof queue.arrive !== 'function') throw new Error(`${who}: ${name} accepts no messages`);
      this.subscribers.push(() => (queue as RequestSink).arrive());
    }
  }

  connect(): void {
    throw new Error(`topic ${this.name}: an event source mapping cannot read a topic; subscribe the function instead`);
  }

  producer(): RequestSink {
    return this;
  }

  /** A message is published now: every subscriber gets it. */
  arrive(): void {
    this.publishFrom(-1);
  }

  /** A message of a pipeline that began at `originAt` (an async destination, chain.ts) is published now. */
  publishFrom(originAt: number): void {
    this.published++;
    const subscribers = this.subscribers;
    for (let i = 0; i < subscribers.length; i++) {
      this.delivered[i]++;
      subscribers[i](originAt);
    }
  }

  begin(): void {}

  notes(): string[] {
    return [];
  }

  warmupEnded(now: number): void {
    this.measuredFrom = now;
    this.published = 0;
    this.delivered.fill(0);
  }

  results(endUs: number): TopicResults {
    const measuredUs = endUs - this.measuredFrom;
    const cost = this.published * SNS_PUBLISH_USD;
    return {
      name: this.name,
      published: this.published,
      deliveries: this.names.map((s, i) => ({ ...s, delivered: this.delivered[i] })),
      cost,
      costPerMonth: (cost * MONTH_MS) / (measuredUs / 1000),
    };
  }
}
