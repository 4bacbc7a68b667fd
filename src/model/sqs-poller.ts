/**
 * The event source mapping of an SQS queue, standard or FIFO: batching window, concurrent batches
 * and their scaling, visibility timeout, throttle pause, the batch error model. The rules are listed
 * in sqs.ts; what differs per queue type comes from the queue's message store (sqs-store.ts).
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { Rng } from '../kernel/random.js';
import type { ModelContext } from './context.js';
import { PoisonPicker, THROTTLE_BACKOFF_US } from './esm-rules.js';
import type { InvocationClient } from './function-model.js';
import type { InvokeTarget } from './invoke-target.js';
import type { SqsMappingInput } from './input.js';
import type { SqsQueue } from './sqs.js';
import { SqsBatch } from './sqs-store.js';
import { US_PER_MINUTE as MINUTE_US } from '../kernel/time.js';

/** Initial concurrent batches. lambda-behavior.md 8.7; https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html */
export const SQS_INITIAL_BATCHES = 5;
/** Maximum concurrent batches per mapping. lambda-behavior.md 8.7 (same page; MaximumConcurrency 2-1,000). */
export const SQS_MAX_BATCHES = 1_000;
/** Seconds added by the effective-visibility rule. lambda-behavior.md 8.4 (GH22 with-sqs.md). */
export const VISIBILITY_GRACE_US = 30_000_000;

/**
 * Visibility timeout in force for a mapping (oracle 28): the queue's, unless window + timeout is
 * longer, then window + timeout + 30 s.
 */
export function effectiveVisibilityTimeout(visibilityTimeout: number, window: number, timeout: number): number {
  return window + timeout > visibilityTimeout ? window + timeout + VISIBILITY_GRACE_US : visibilityTimeout;
}

/** The visibility timeout AWS recommends: 6 x function timeout + batching window (section 8.4). */
export function recommendedVisibilityTimeout(window: number, timeout: number): number {
  return 6 * timeout + window;
}


const RETURN = 1;
const WINDOW = 2;
const TICK = 3;
const WAKE = 4;
/** A throttled batch is invoked again (its messages still invisible). */
const RETRY = 5;

export class SqsPoller implements InvocationClient, EventHandler {
  /** Concurrent batches allowed now (scaled once a minute). */
  limit: number;
  limitMax: number;
  /** Batches running now. */
  active = 0;
  readonly poison: PoisonPicker;
  readonly effectiveVisibility: number;
  private readonly kernel: Kernel;
  private readonly maxLimit: number;
  private readonly step: number;
  private readonly oneGroup: boolean;
  private peakActive = 0;
  private saturated = false;
  /** Batches held after a throttle, to be invoked again (they count against `limit` as running ones do). */
  private held = 0;
  /** A batch was throttled since the last scaling tick: the pollers back off instead of scaling up. */
  private throttled = false;
  private windowAt = Infinity;
  private readonly batches: SqsBatch[] = [];
  private readonly freeBatches: SqsBatch[] = [];
  /** Request keys of this queue's invocations: key space + first message id (function-model.ts). */
  private readonly keySpace: number;

  constructor(
    readonly queue: SqsQueue,
    readonly fn: InvokeTarget,
    readonly config: SqsMappingInput,
    ctx: ModelContext,
    poisonRng: Rng,
  ) {
    this.kernel = ctx.kernel;
    this.keySpace = fn.keySpace();
    this.poison = new PoisonPicker(config.itemFailureRate, config.poisonItems, poisonRng);
    this.maxLimit = Math.min(SQS_MAX_BATCHES, config.maximumConcurrency);
    this.limit = Math.min(SQS_INITIAL_BATCHES, this.maxLimit);
    this.limitMax = this.limit;
    this.step = config.scaleUpPerMinute;
    this.oneGroup = config.fifoBatching === 'one-group';
    this.effectiveVisibility = effectiveVisibilityTimeout(queue.config.visibilityTimeout, config.maximumBatchingWindow, fn.config.timeout);
  }

  begin(): void {
    this.kernel.schedule(MINUTE_US, this, TICK);
  }

  /** Notes for the report (visibility below AWS's recommendation). */
  notes(): string[] {
    const { visibilityTimeout } = this.queue.config;
    const window = this.config.maximumBatchingWindow;
    const timeout = this.fn.config.timeout;
    const out: string[] = [];
    const recommended = recommendedVisibilityTimeout(window, timeout);
    if (visibilityTimeout < recommended) {
      out.push(
        `queue ${this.queue.name}: visibilityTimeout ${visibilityTimeout / 1e6}s is below AWS's recommended 6 x timeout + maximumBatchingWindow = ${recommended / 1e6}s`,
      );
    }
    const reserved = this.fn.config.reservedConcurrency;
    if (reserved !== undefined && this.maxLimit > reserved) {
      out.push(
        `queue ${this.queue.name}: its mapping may run ${this.maxLimit.toLocaleString('en-US')} batches at once but ${this.fn.name}'s reserved concurrency is ${reserved}: ` +
          `batches past it are throttled (event source mappings do not look at reserved concurrency; AWS advises maximumConcurrency <= ${reserved})`,
      );
    }
    if (this.effectiveVisibility !== visibilityTimeout) {
      out.push(`queue ${this.queue.name}: effective visibility timeout ${this.effectiveVisibility / 1e6}s (window + timeout + 30s)`);
    }
    return out;
  }

  /** Start batches while the limit allows and messages are ready. */
  pump(): void {
    const now = this.kernel.now;
    const store = this.queue.store;
    const { batchSize, maximumBatchingWindow: window } = this.config;
    // The function's reserved concurrency is not a limit here: "Event source mappings don't account
    // for reserved concurrency" (lambda-behavior.md 8.7), so batches past it are throttled.
    while (store.hasReady()) {
      if (this.active + this.held >= this.limit) {
        this.saturated = true;
        return;
      }
      if (store.size < batchSize && window > 0) {
        const readyAt = store.frontSentAt() + window;
        if (now < readyAt) {
          if (readyAt < this.windowAt) {
            this.windowAt = readyAt;
            this.kernel.schedule(readyAt, this, WINDOW);
          }
          return;
        }
      }
      if (!this.startBatch(now)) return;
    }
  }

  private startBatch(now: number): boolean {
    let b = this.freeBatches.pop();
    if (b === undefined) {
      b = new SqsBatch(this.batches.length);
      this.batches.push(b);
    }
    this.queue.receive(b, this.config.batchSize, this.oneGroup, now);
    return this.invokeBatch(b, now);
  }

  /**
   * Invoke the function with batch `b` (received, or held after a throttle). Throttled, the poller
   * holds the batch and invokes it again 1 s later, and again, while its messages are still
   * invisible ("Lambda continues to retry the message until the message's timestamp exceeds your
   * queue's visibility timeout", AWS's SQS error-handling page), then lets them go back to the
   * queue. The 1 s is a project choice: AWS documents no back-off time.
   */
  private invokeBatch(b: SqsBatch, now: number): boolean {
    this.active++;
    if (this.active > this.peakActive) this.peakActive = this.active;
    const forceError = b.poisonCount > 0 && !this.config.reportBatchItemFailures;
    // A batch is named by its first message and that message's receive: stable across variants.
    const itemsUs = b.size * this.config.durationPerItem;
    if (this.fn.invoke(b.oldest, this, b.slot, forceError, this.keySpace + b.id[0], b.receiveCount[0] - 1, itemsUs)) return true;
    this.active--;
    this.throttled = true;
    const retryAt = now + THROTTLE_BACKOFF_US;
    if (retryAt < b.receivedAt + this.effectiveVisibility) {
      this.held++;
      this.kernel.schedule(retryAt, this, RETRY, b.slot);
    } else {
      this.returnLater(b, now);
    }
    return false;
  }

  invocationEnded(_firstAt: number, slot: number, isError: boolean): boolean {
    const now = this.kernel.now;
    const b = this.batches[slot];
    this.active--;
    if (isError) {
      this.returnLater(b, now);
    } else if (b.poisonCount > 0) {
      this.partialResponse(b, now);
      this.returnLater(b, now);
    } else {
      for (let i = 0; i < b.size; i++) this.queue.deleteMessage(b, i, now);
      b.size = 0;
      this.freeBatches.push(b);
    }
    // Not from inside this callback: the function's environment is not free yet.
    this.kernel.schedule(now, this, WAKE);
    return !isError;
  }

  /**
   * Partial batch response: delete the messages the handler did not report, keep the reported
   * ones (in order) for the visibility timeout. Which ones it reports is the store's policy.
   */
  private partialResponse(b: SqsBatch, now: number): void {
    const stopsAtFirst = this.queue.store.stopsAtFirstFailure;
    let kept = 0;
    let failing = false;
    for (let i = 0; i < b.size; i++) {
      failing = b.poison[i] === 1 || (stopsAtFirst && failing);
      if (!failing) {
        this.queue.deleteMessage(b, i, now);
        continue;
      }
      b.sentAt[kept] = b.sentAt[i];
      b.receiveCount[kept] = b.receiveCount[i];
      b.poison[kept] = b.poison[i];
      b.group[kept] = b.group[i];
      b.id[kept] = b.id[i];
      kept++;
    }
    b.size = kept;
  }

  private returnLater(b: SqsBatch, now: number): void {
    const at = Math.max(now, b.receivedAt + this.effectiveVisibility);
    this.kernel.schedule(at, this, RETURN, b.slot);
  }

  handleEvent(kind: number, a: number): void {
    switch (kind) {
      case RETURN: {
        const b = this.batches[a];
        this.queue.returnBatch(b, this.kernel.now);
        this.freeBatches.push(b);
        this.pump();
        break;
      }
      case WINDOW:
        if (this.kernel.now >= this.windowAt) this.windowAt = Infinity;
        this.pump();
        break;
      case WAKE:
        this.pump();
        break;
      case RETRY:
        this.held--;
        if (this.invokeBatch(this.batches[a], this.kernel.now)) this.pump();
        break;
      case TICK:
        this.tick();
        break;
    }
  }

  /**
   * Once a minute: scale up while saturated, else fall back towards the batches actually running.
   * A minute with a throttle falls back too: "Lambda gradually backs off retries by reducing the
   * amount of concurrency allocated to your Amazon SQS event source mapping" (SQS error handling).
   */
  private tick(): void {
    if (this.saturated && !this.throttled) this.limit = Math.min(this.maxLimit, this.limit + this.step);
    else this.limit = Math.min(this.limit, Math.max(Math.min(SQS_INITIAL_BATCHES, this.maxLimit), this.peakActive));
    if (this.limit > this.limitMax) this.limitMax = this.limit;
    this.saturated = false;
    this.throttled = false;
    this.peakActive = this.active;
    this.kernel.schedule(this.kernel.now + MINUTE_US, this, TICK);
    this.pump();
  }
}
