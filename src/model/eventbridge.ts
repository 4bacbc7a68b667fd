/**
 * EventBridge event buses as async routers: an event put on a bus (by a workload with `bus:`, or a
 * function's onSuccess/onFailure destination: chain.ts) goes to every rule whose event pattern
 * matches it, and each matching rule sends it to each of its targets (up to 5 per rule,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). Rules may overlap, as
 * AWS's do. The simulator has no event contents, so a rule's pattern is the share of events it
 * matches (`match`): one draw per rule and event from `bus:<name>:rules`.
 *
 * A function target is an asynchronous invocation
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html: EventBridge
 * invokes Lambda asynchronously), with that function's own async retries and event age. EventBridge's
 * own retry policy (24 hours and 185 attempts by default,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html) applies only
 * when the Invoke call itself fails; Lambda's async queue accepts the event even when the function
 * is throttled (the throttle retries are Lambda's, async-invoker.ts), so that policy never fires
 * here and is not modelled. A topic target publishes (sns.ts), a queue target receives a message.
 * Delivery takes no time (EventBridge's typical latency is about half a second; not modelled).
 *
 * Price: $1.00 per million custom events put on the bus (src/billing/front-door-prices.ts); events
 * from a function's destination are counted as custom events too (they arrive through PutEvents);
 * an S3 bucket's events (s3.ts, `eventBridge:`) are AWS service events: free.
 */
import type { Rng } from '../kernel/random.js';
import { MONTH_MS } from '../billing/month.js';
import { EVENTBRIDGE_EVENT_USD } from '../billing/front-door-prices.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { ModelContext } from './context.js';
import type { EventSource, SourceDirectory } from './event-source.js';
import type { BusInput } from './input.js';
import { pushTarget, type PushDelivery } from './push-target.js';
import type { BusResults } from './results.js';

export class EventBus implements EventSource, RequestSink {
  events = 0;
  /** Events from AWS services (an S3 bucket's): not charged. */
  serviceEvents = 0;
  private measuredFrom = 0;
  private readonly ruleNames: string[];
  private readonly shares: number[];
  private readonly matched: number[];
  /** Per rule, its targets' deliveries (functions, topics, queues in the rule's order). */
  private readonly targets: PushDelivery[][] = [];
  /** Per rule, per target: events handed to it. */
  private readonly delivered: number[][];
  private readonly rules: Rng;

  constructor(
    readonly name: string,
    readonly config: BusInput,
    ctx: ModelContext,
  ) {
    this.rules = ctx.randoms.stream(`bus:${name}:rules`);
    this.ruleNames = Object.keys(config.rules);
    this.shares = this.ruleNames.map((r) => config.rules[r].match);
    this.matched = this.ruleNames.map(() => 0);
    this.delivered = this.ruleNames.map((r) => config.rules[r].targets.map(() => 0));
  }

  link(sources: SourceDirectory): void {
    for (const r of this.ruleNames) this.targets.push(this.config.rules[r].targets.map((t) => pushTarget(sources, t, `bus ${this.name} rule ${r}`)));
  }

  connect(): void {
    throw new Error(`bus ${this.name}: an event source mapping cannot read a bus; list the function as a rule's target`);
  }

  producer(): RequestSink {
    return this;
  }

  /** A workload puts an event now. */
  arrive(): void {
    this.putFrom(-1);
  }

  /**
   * An event of a pipeline that began at `originAt` (-1: it begins at the targets) is put now;
   * `fromService` for an AWS service's event (free).
   */
  putFrom(originAt: number, fromService = false): void {
    this.events++;
    if (fromService) this.serviceEvents++;
    const shares = this.shares;
    for (let i = 0; i < shares.length; i++) {
      // One draw per rule and event, even for a rule matching everything, so draws never shift.
      if (this.rules.next() >= shares[i]) continue;
      this.matched[i]++;
      const targets = this.targets[i];
      const delivered = this.delivered[i];
      for (let k = 0; k < targets.length; k++) {
        delivered[k]++;
        targets[k](originAt);
      }
    }
  }

  begin(): void {}

  notes(): string[] {
    return [];
  }

  warmupEnded(now: number): void {
    this.measuredFrom = now;
    this.events = this.serviceEvents = 0;
    this.matched.fill(0);
    for (const d of this.delivered) d.fill(0);
  }

  results(endUs: number): BusResults {
    const measuredUs = endUs - this.measuredFrom;
    const cost = (this.events - this.serviceEvents) * EVENTBRIDGE_EVENT_USD;
    return {
      name: this.name,
      events: this.events,
      serviceEvents: this.serviceEvents,
      rules: this.ruleNames.map((r, i) => ({
        name: r,
        matched: this.matched[i],
        targets: this.config.rules[r].targets.map((t, k) => ({ name: t.name, kind: t.kind, delivered: this.delivered[i][k] })),
      })),
      cost,
      costPerMonth: (cost * MONTH_MS) / (measuredUs / 1000),
    };
  }
}
