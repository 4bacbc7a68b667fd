/**
 * S3 buckets as async producers: a workload's arrivals are objects created in the bucket (PUT
 * requests), and each object-created event notifies at most one notification configuration, the
 * one whose key filter it matches.
 *
 * The simulator has no keys, so a filter is its share of objects (`match`): each object draws one
 * uniform number from `bucket:<name>:keys` and matches the configuration whose share interval holds
 * it. The shares never overlap because S3 refuses a notification configuration with overlapping
 * prefix/suffix filters for the same event type
 * (https://repost.aws/knowledge-center/lambda-s3-event-configuration-error; the scenario layer
 * refuses shares that add up to more than 1, bucket-schema.ts), so one object never notifies two
 * destinations: fan-out goes through an SNS topic or EventBridge.
 *
 * Delivery is asynchronous and at least once; "typically ... in seconds but can sometimes take a
 * minute or longer" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html).
 * The delay is the constant `deliveryDelay` (default 0: bucket-schema.ts); S3's own duplicates are
 * not modelled (the function's asyncConfig.duplicateRate covers duplicates of Lambda's async queue).
 * A function destination is an asynchronous invocation with that function's retries and event age
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html), a topic publishes (sns.ts), a
 * queue receives a message. Delayed deliveries wait in a ring of parallel arrays in due order (the
 * delay is constant), with one kernel event for the head: memory grows with the notifications in
 * flight, never with the objects created.
 *
 * With `eventBridge: <bus>` (S3's "send notifications to Amazon EventBridge" setting,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html) every object's event also
 * goes to that bus, whatever the notification configurations say, at once, as a free AWS service event.
 *
 * Price: the PUT requests (src/billing/front-door-prices.ts); notifications themselves are free.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { Rng } from '../kernel/random.js';
import { MONTH_MS } from '../billing/month.js';
import { S3_PUT_USD } from '../billing/front-door-prices.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { ModelContext } from './context.js';
import type { EventSource, SourceDirectory } from './event-source.js';
import type { BucketInput } from './input.js';
import { pushTarget, type PushDelivery } from './push-target.js';
import { EventBus } from './eventbridge.js';
import type { BucketResults } from './results.js';
import { STATE_BUDGET, StateLimitError } from './state-budget.js';

export class S3Bucket implements EventSource, RequestSink, EventHandler {
  objects = 0;
  /** Events sent to the EventBridge bus (every object, when `eventBridge` names one). */
  eventBridgeEvents = 0;
  private bus: EventBus | null = null;
  private measuredFrom = 0;
  private readonly targets: PushDelivery[] = [];
  /** Upper end of each configuration's share interval: cumulative `match`. */
  private readonly upTo: number[];
  private readonly matched: number[];
  private readonly delivered: number[];
  private readonly inFlight: number[];
  private inFlightAtStart: number[] | undefined;
  private readonly kernel: Kernel;
  private readonly keys: Rng;
  /** Delayed deliveries, in due order: a ring of (due time, configuration index). */
  private dueAt: number[] = [0];
  private which: number[] = [0];
  private head = 0;
  private size = 0;

  constructor(
    readonly name: string,
    readonly config: BucketInput,
    ctx: ModelContext,
  ) {
    this.kernel = ctx.kernel;
    this.keys = ctx.randoms.stream(`bucket:${name}:keys`);
    let sum = 0;
    this.upTo = config.notifications.map((n) => (sum += n.match));
    this.matched = config.notifications.map(() => 0);
    this.delivered = config.notifications.map(() => 0);
    this.inFlight = config.notifications.map(() => 0);
  }

  link(sources: SourceDirectory): void {
    for (const n of this.config.notifications) this.targets.push(pushTarget(sources, n, `bucket ${this.name}`));
    if (this.config.eventBridge !== undefined) {
      const bus = sources.get(this.config.eventBridge, `bucket ${this.name}`);
      if (!(bus instanceof EventBus)) throw new Error(`bucket ${this.name}: ${this.config.eventBridge} is not a bus`);
      this.bus = bus;
    }
  }

  connect(): void {
    throw new Error(`bucket ${this.name}: an event source mapping cannot read a bucket; list the function under its notifications`);
  }

  producer(): RequestSink {
    return this;
  }

  /** An object is created now: the configuration whose filter its key matches (if any) is notified. */
  arrive(): void {
    this.objects++;
    if (this.bus !== null) {
      // S3 sends every event to EventBridge, whatever the notification configurations say; free.
      this.eventBridgeEvents++;
      this.bus.putFrom(-1, true);
    }
    const upTo = this.upTo;
    const n = upTo.length;
    // One draw per object, even with a single unfiltered configuration, so adding a filter elsewhere moves no draws.
    const u = this.keys.next();
    let i = 0;
    while (i < n && u >= upTo[i]) i++;
    if (i === n) return;
    this.matched[i]++;
    const delay = this.config.deliveryDelay;
    if (delay === 0) {
      this.delivered[i]++;
      this.targets[i](-1);
      return;
    }
    this.inFlight[i]++;
    this.push(this.kernel.now + delay, i);
  }

  /** The head delivery is due. */
  handleEvent(): void {
    const i = this.which[this.head];
    this.head = (this.head + 1) % this.dueAt.length;
    this.size--;
    if (this.size > 0) this.kernel.schedule(this.dueAt[this.head], this, 0);
    this.inFlight[i]--;
    this.delivered[i]++;
    this.targets[i](-1);
  }

  private push(at: number, i: number): void {
    if (this.size === this.dueAt.length) this.grow();
    if (this.size >= STATE_BUDGET.pendingItems) throw new StateLimitError(`the notifications in flight of bucket "${this.name}"`, `${(this.size + 1).toLocaleString('en-US')} notifications`, this.kernel.now, STATE_BUDGET.pendingItems);
    const slot = (this.head + this.size) % this.dueAt.length;
    this.dueAt[slot] = at;
    this.which[slot] = i;
    this.size++;
    if (this.size === 1) this.kernel.schedule(at, this, 0);
  }

  /** Double the ring, unwrapping it so the head is at 0. */
  private grow(): void {
    const cap = this.dueAt.length;
    const dueAt: number[] = new Array<number>(cap * 2).fill(0);
    const which: number[] = new Array<number>(cap * 2).fill(0);
    for (let k = 0; k < this.size; k++) {
      dueAt[k] = this.dueAt[(this.head + k) % cap];
      which[k] = this.which[(this.head + k) % cap];
    }
    this.dueAt = dueAt;
    this.which = which;
    this.head = 0;
  }

  begin(): void {}

  notes(): string[] {
    return [];
  }

  warmupEnded(now: number): void {
    this.measuredFrom = now;
    this.objects = this.eventBridgeEvents = 0;
    this.matched.fill(0);
    this.delivered.fill(0);
    this.inFlightAtStart = [...this.inFlight];
  }

  results(endUs: number): BucketResults {
    const measuredUs = endUs - this.measuredFrom;
    const cost = this.objects * S3_PUT_USD;
    return {
      name: this.name,
      objects: this.objects,
      ...(this.bus !== null ? { eventBridgeEvents: this.eventBridgeEvents } : {}),
      notifications: this.config.notifications.map((n, i) => ({
        name: n.name,
        kind: n.kind,
        matched: this.matched[i],
        delivered: this.delivered[i],
        inFlightAtEnd: this.inFlight[i],
        ...(this.inFlightAtStart !== undefined ? { inFlightAtStart: this.inFlightAtStart[i] } : {}),
      })),
      cost,
      costPerMonth: (cost * MONTH_MS) / (measuredUs / 1000),
    };
  }
}
