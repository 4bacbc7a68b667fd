/**
 * What a simulation produces: plain data that report writers turn into files.
 * Times inside histograms are microseconds; report writers convert to ms.
 */
import type { AliasResults } from './alias-router.js';
import type { PricedDeploymentResults } from './deployment-controller.js';
import type { MemoryUse } from './memory-use.js';
import type { StagesResult } from './stages.js';
import type { Histogram } from '../metrics/histogram.js';
import type { Bill, CostBreakdown } from '../billing/types.js';
import type { Architecture } from '../billing/types.js';
import type { BreakEvenResults } from '../billing/break-even.js';

/** Why a request was throttled (counts per reason; ThrottleReason names in comments). */
export interface ThrottleCounts {
  /** ConcurrentInvocationLimitExceeded: account limit (or unreserved pool). */
  account: number;
  /** ReservedFunctionConcurrentInvocationLimitExceeded. */
  reserved: number;
  /** New environments beyond the scaling rate. */
  scaling: number;
  /** FunctionInvocationRateLimitExceeded: request-rate quota (10 x concurrency per second). */
  rate: number;
}

/** Throttles in the first seconds of the measured period (counted in a few fixed buckets). */
export interface EarlyThrottles {
  /** Throttles in the early window. */
  count: number;
  /** They all happened before this time from the start of the measured period (us, bucket resolution; 0 when none). */
  withinUs: number;
  /** Length of the early window (us): the first 10 s of the measured period, or its first 5% if shorter. */
  windowUs: number;
}

/** Provisioned concurrency of a function (CloudWatch names in comments). */
export interface ProvisionedResults {
  /** Highest configured level over the schedule. */
  configuredMax: number;
  /** Most provisioned environments ready at once. */
  readyMax: number;
  /** ProvisionedConcurrencyInvocations. */
  invocations: number;
  /** ProvisionedConcurrencySpilloverInvocations: on-demand invocations while a level was configured. */
  spilloverInvocations: number;
  /** ProvisionedConcurrencyUtilization: time-averaged busy / ready provisioned environments. */
  utilizationMean: number;
  utilizationMax: number;
  /** Billed ms at the provisioned duration price (invocations on PC and PC INITs). */
  billedMs: number;
  /** Billed provisioned capacity, environment-ms (5-minute rounding per configured level). */
  concurrencyMs: number;
}

/** Asynchronous invocation of a function (CloudWatch Async* names in comments). */
export interface AsyncResults {
  /** AsyncEventsReceived (duplicates included). */
  received: number;
  /** Events whose invocation finally succeeded. */
  succeeded: number;
  /** AsyncEventsDropped: events that never ran successfully (sent to a DLQ or destination first, if any). */
  dropped: number;
  /** Dropped after maximumRetryAttempts function errors (condition RetriesExhausted). */
  retriesExhausted: number;
  /** Dropped at maximumEventAge (condition EventAgeExceeded). */
  eventAgeExceeded: number;
  onFailureDeliveries: number;
  /** Sent to the dead-letter queue (when no on-failure destination is configured). */
  deadLettered: number;
  onSuccessDeliveries: number;
  /** Events the internal queue delivered twice. */
  duplicates: number;
  /** Retries after function errors. */
  errorRetries: number;
  /** Retries after throttles. */
  throttleRetries: number;
  /** Events waiting or running when simulated time ended. */
  pendingAtEnd: number;
  /** Events waiting or running when the warm-up ended (present with a warm-up). */
  pendingAtStart?: number;
  /** Events accepted and not finished: peak and time-averaged. */
  queueDepthMax: number;
  queueDepthMean: number;
  /** Events accepted and not finished at the start of the measured period's last tenth and at its end (Simulation). */
  backlogTrend?: BacklogTrend;
  /** AsyncEventAge: time from queueing to each invocation (us). */
  eventAge: Histogram;
  /** Chain ends only (chain.ts): from the start of each chained event's pipeline to this function's successful end (us). */
  pipeline?: Histogram;
}

export interface FunctionResults {
  name: string;
  /** For a function with published versions: which function and version this row is (`$LATEST` for the unqualified one). */
  qualifier?: { function: string; version: string };
  runtime: string;
  architecture: Architecture;
  memorySize: number;
  ephemeralStorage: number;
  /** Every attempt to invoke, throttled ones included. */
  requests: number;
  /** Attempts that ran the function and finished: successes + errors (timeouts included). */
  invocations: number;
  successes: number;
  /** Function errors, timeouts included. */
  errors: number;
  timeouts: number;
  throttles: number;
  throttleReasons: ThrottleCounts;
  coldStarts: number;
  /**
   * Invocations whose INIT failed (also in errors) and whose INIT passed the 10 s limit and ran again
   * inside the invocation (init-phase.ts). Present when the function's INIT can fail or either is > 0.
   */
  initErrors?: number;
  initTimeouts?: number;
  /** Attempts that were followed by a client retry (each retry is another request). */
  retries: number;
  /** Calls waiting for their next client-retry attempt when simulated time ended. */
  retriesPendingAtEnd?: number;
  /**
   * Calls of callers with client retries, as their users see them (present when such a caller names the function):
   * calls made, calls whose every attempt was throttled (given up), calls answered with an error.
   */
  clientCalls?: { calls: number; gaveUp: number; failed: number };
  deadLettered: number;
  dropped: number;
  /** Requests still running (INIT or invoke) when simulated time ended. */
  inFlightAtEnd: number;
  /** Requests running when the warm-up ended (present with a warm-up). */
  inFlightAtStart?: number;
  /** Throttles in the first seconds of the measured period. */
  earlyThrottles: EarlyThrottles;
  concurrencyMax: number;
  /** Time-averaged busy environments (INIT or invoking). */
  concurrencyMean: number;
  environmentsCreated: number;
  environmentsReclaimed: number;
  environmentsMaxAlive: number;
  environmentsMeanAlive: number;
  /** Execution time of invocations (us). */
  duration: Histogram;
  /** INIT phases (us); empty for a SnapStart function (its cold starts restore instead). */
  initDuration: Histogram;
  /** SnapStart: cold starts that restored the snapshot (present with SnapStart). */
  restores?: number;
  /** SnapStart: Restore Duration of those restores, afterRestore hooks included (us). */
  restoreDuration?: Histogram;
  /**
   * End-to-end latency: from the event's arrival (the request, the first attempt of a retried call,
   * the async event's acceptance, the oldest message of an SQS batch, the first record of a stream
   * batch) to the final answer (us). For each final answer, latency = wait + INIT (if cold) + duration.
   */
  latency: Histogram;
  /** The event's arrival to the start of the invocation that gave the final answer (us): queue, poller, iterator, async-queue and retry wait. */
  wait: Histogram;
  /** Environments created idle at time 0 by `prewarm` (not cold starts; present when > 0). */
  environmentsPrewarmed?: number;
  /** Invocations that ran out of memory (Runtime.OutOfMemory; also in `errors`). */
  outOfMemory: number;
  /** Max Memory Used of invocations (whole MB, exact distribution). */
  memoryUsed: MemoryUse;
  /** Final answers' latency split into stages (stages.ts). */
  stages: StagesResult;
  /** Sum of billed duration in ms (INIT included where billed). */
  billedDurationMs: number;
  /** Configured reserved concurrency, if any. */
  reservedConcurrency?: number;
  /** Asynchronous invocation statistics, when the function receives async events. */
  async?: AsyncResults;
  /** Provisioned concurrency statistics, when the function has any configured. */
  provisioned?: ProvisionedResults;
  gbSeconds: number;
  cost: CostBreakdown;
}

export interface Results {
  name: string;
  seed: number;
  simulatedUs: number;
  /** Warm-up excluded from every count, distribution, time average and the bill (us; 0 = none). */
  warmupUs: number;
  functions: FunctionResults[];
  bill: Bill;
  /** Events the kernel handled (for benchmarks and progress). */
  eventsProcessed: number;
  notes: string[];
  /** SQS queues by name (absent when the scenario has none). */
  queues?: QueueResults[];
  /** Kinesis / DynamoDB streams (absent when the scenario has none). */
  streams?: StreamResults[];
  /** The always-on comparison, when the scenario asks for one (`breakEven:`). */
  breakEven?: BreakEvenResults;
  /** SNS topics (absent when the scenario has none). */
  topics?: TopicResults[];
  /** API Gateway APIs (absent when the scenario has none). */
  apiGateways?: ApiGatewayResults[];
  /** Downstream databases and tables (absent when the scenario has none). */
  dependencies?: DependencyResults[];
  /** CloudFront distributions with Lambda@Edge triggers (cloudfronts.ts), when the scenario has some. */
  cloudfront?: CloudFrontResults[];
  /** Aliases (alias-router.ts): requests routed to each version; absent when the scenario has none. */
  aliases?: AliasResults[];
  /** S3 buckets with event notifications (s3.ts), when the scenario has some. */
  buckets?: BucketResults[];
  /** EventBridge buses (eventbridge.ts), when the scenario has some. */
  buses?: BusResults[];
  /** CodeDeploy deployments of aliases (deployment-controller.ts); absent when the scenario has none. */
  deployments?: PricedDeploymentResults[];
}

/** One EventBridge bus: per rule, each target's `delivered` equals the rule's `matched` (conservation). */
export interface BusResults {
  name: string;
  /** Events put on the bus (by workloads, destinations and S3 buckets). */
  events: number;
  /** Of them, events from AWS services (S3 buckets): free. */
  serviceEvents: number;
  rules: { name: string; matched: number; targets: { name: string; kind: 'function' | 'topic' | 'queue'; delivered: number }[] }[];
  /** USD of the custom events for the measured period and a 30-day month of it. */
  cost: number;
  costPerMonth: number;
}

/**
 * One S3 bucket: per notification, matched = delivered + inFlightAtEnd (- inFlightAtStart after a
 * warm-up), and the matched counts add up to at most `objects`.
 */
export interface BucketResults {
  name: string;
  /** Objects created (PUT requests). */
  objects: number;
  /** Events sent to the bus of `eventBridge` (one per object), when the bucket has one. */
  eventBridgeEvents?: number;
  /** Per notification configuration, in scenario order. */
  notifications: { name: string; kind: 'function' | 'topic' | 'queue'; matched: number; delivered: number; inFlightAtEnd: number; inFlightAtStart?: number }[];
  /** USD of the PUT requests for the measured period and a 30-day month of it (notifications are free). */
  cost: number;
  costPerMonth: number;
}

/** A downstream dependency (dependencies.ts): a database's pool or a table's bucket. */
export type DependencyResults = DatabaseResults | TableResults;

/**
 * A database's connection pool: acquired + heldAtStart = released + heldAtEnd (conservation);
 * every invocation that asked either acquired, gave up, was refused or is waiting at the end.
 */
export interface DatabaseResults {
  name: string;
  type: 'database';
  /** Connections invocations compete for (the proxy's when `proxied`). */
  connections: number;
  proxied: boolean;
  acquired: number;
  released: number;
  heldAtStart: number;
  heldAtEnd: number;
  waitingAtEnd: number;
  /** Acquired after a wait > 0. */
  waited: number;
  /** Refused at once (onExhausted: error). */
  refused: number;
  /** Gave up waiting (acquireTimeout, or the function's timeout). */
  gaveUp: number;
  /** Connections in use: time average and peak. */
  inUseMean: number;
  inUseMax: number;
  waitingMax: number;
  /** Wait (us) of every acquisition, 0 for a free connection. */
  wait: Histogram;
}

/** A rate-limited table: calls = admitted + throttled. */
export interface TableResults {
  name: string;
  type: 'table';
  rate: number;
  burst: number;
  calls: number;
  admitted: number;
  /** Calls refused (onThrottled: error): each failed its invocation. */
  throttled: number;
  /** Calls admitted after waiting for a token (onThrottled: wait). */
  delayed: number;
  /** Per invocation that waited: the wait (us) for its last call. */
  delay: Histogram;
}

/** One SNS topic: every subscriber's `delivered` equals `published` (fan-out conservation). */
export interface TopicResults {
  name: string;
  /** Messages published (Publish requests, one per message). */
  published: number;
  /** Per subscription, in scenario order (functions, then queues): messages handed to it. */
  deliveries: { name: string; kind: 'function' | 'queue'; delivered: number }[];
  /** USD of the publish requests for the measured period and a 30-day month of it. */
  cost: number;
  costPerMonth: number;
}

/**
 * One API Gateway API: requests = successes + functionErrors + lambdaThrottles + timeouts +
 * throttles + pendingAtEnd (with `pendingAtStart` on the left after a warm-up).
 */
export interface ApiGatewayResults {
  name: string;
  type: 'rest' | 'http';
  /** Requests received (every client attempt): the billed API calls. */
  requests: number;
  /** 429: refused by the account's or the stage's token bucket; Lambda never saw them. */
  throttles: number;
  /** 504: the integration did not answer within the integration timeout (the function ran on). */
  timeouts: number;
  /** 500: Lambda refused the invocation (a Lambda throttle behind the API). */
  lambdaThrottles: number;
  /** 502: the function ran and failed (an error or its own timeout). */
  functionErrors: number;
  /** 200: the function answered in time. */
  successes: number;
  /** Forwarded to Lambda, not answered yet. */
  pendingAtEnd: number;
  pendingAtStart?: number;
  /** Receipt to response of every request passed to the integration (us): 504s count the timeout, Lambda throttles 0. */
  latency: Histogram;
  integrationTimeoutUs: number;
  /** USD for the measured period, and for a 30-day month of it (tiers applied to the month). */
  cost: number;
  costPerMonth?: number;
}

/** One CloudFront distribution: viewerRequests = hits + misses = completed + failed + inFlightAtEnd (after a warm-up, give or take the requests under way then). */
export interface CloudFrontResults {
  name: string;
  cacheHitRatio: number;
  regions: readonly string[];
  viewerRequests: number;
  hits: number;
  misses: number;
  completed: number;
  /** Ended by a trigger that was throttled or failed (CloudFront answers 5xx). */
  failed: number;
  inFlightAtEnd: number;
  /** Viewer request, arrival to answer, of completed requests on a hit and on a miss (us). */
  latencyHit: Histogram;
  latencyMiss: Histogram;
  triggers: EdgeTriggerResults[];
}

/** One trigger of a distribution: its function's invocations over every Region, and its edge bill. */
export interface EdgeTriggerResults {
  trigger: 'viewerRequest' | 'originRequest' | 'originResponse' | 'viewerResponse';
  function: string;
  invocations: number;
  throttles: number;
  errors: number;
  /** Receipt to answer of its invocations, i.e. the time it added to a viewer request, on a hit and on a miss (us). */
  addedOnHit: Histogram;
  addedOnMiss: Histogram;
  billedMs: number;
  /** USD at Lambda@Edge prices, measured period and a 30-day month of it. */
  cost: number;
  costPerMonth: number;
}

/** One SQS queue: sent = deleted + deadLettered + visibleAtEnd + inFlightAtEnd. */
/**
 * The backlog (EventSource.backlog) at the start of the measured period's last tenth and at its end:
 * whether the source is draining, and how fast.
 */
export interface BacklogTrend {
  /** Length of the window (us): a tenth of the measured period. */
  windowUs: number;
  /** The backlog when the window opened and at the end. */
  start: number;
  end: number;
  /** Items that arrived during the window (end - start = arrivals - items done). */
  arrivals: number;
}

export interface QueueResults {
  name: string;
  /** Set by EventSources for every source with a backlog. */
  backlogTrend?: BacklogTrend;
  /** Messages sent (by producers, redrive from another queue, or stream on-failure records). */
  sent: number;
  /** Deleted after successful processing (NumberOfMessagesDeleted). */
  deleted: number;
  /** Moved to the queue's deadLetterQueue (redriven). */
  deadLettered: number;
  visibleAtEnd: number;
  /** Received and not deleted: in a running batch or waiting out the visibility timeout. */
  inFlightAtEnd: number;
  /** Visible and in-flight messages when the warm-up ended (present with a warm-up). */
  visibleAtStart?: number;
  inFlightAtStart?: number;
  /** Largest ApproximateAgeOfOldestMessage of a visible message (us). */
  ageOfOldestMax: number;
  /** ApproximateNumberOfMessagesVisible: peak and time-weighted mean. */
  visibleMax: number;
  visibleMean: number;
  /** Receives of messages (every receive, redeliveries included). */
  received: number;
  /** Receives that returned messages: batches (received / batches is the mean batch size). */
  batches: number;
  /** Send to successful processing (us). */
  latency: Histogram;
  /** Concurrent batches the mapping allowed at most (its scaled poller limit). */
  pollerLimitMax: number;
}

/** One stream: records = processed + lost + failed + pendingAtEnd. */
export interface StreamResults {
  name: string;
  /** Set by EventSources for every source with a backlog. */
  backlogTrend?: BacklogTrend;
  records: number;
  processed: number;
  /** Outlived the retention before being processed. */
  lost: number;
  /** Discarded after maximumRetryAttempts or maximumRecordAge (to onFailure when set). */
  failed: number;
  pendingAtEnd: number;
  /** Records not yet processed, lost or failed when the warm-up ended (present with a warm-up). */
  pendingAtStart?: number;
  /** Batches handed to the function (retries and bisected halves included). */
  batches: number;
  /**
   * Kinesis only: records put per second on the 1-s grid from time 0 against the shard limit
   * (streams.ts SHARD_WRITES_PER_SECOND): the busiest shard-second, the busiest second of the stream,
   * the records beyond the limit summed over shard-seconds (AWS would refuse them; the simulation
   * takes them), and the shard-seconds over it.
   */
  writes?: { peakPerShardSecond: number; peakPerSecond: number; overShardLimit: number; shardSecondsOverLimit: number };
  /** IteratorAge (us) of each batch when handed to the function. */
  iteratorAge: Histogram;
}
