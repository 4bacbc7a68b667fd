/**
 * The shape of summary.json: the machine-readable contract of ../shared/docs/report-format.md.
 *
 * Key order is part of the output (files must be byte-stable): every object lists the contract's
 * keys first, in the contract's order, then this project's extensions (marked "Extension").
 * Field names match the contract exactly; new fields may be added, none renamed.
 *
 * Units and rounding (applied by buildSummary, see format-number.ts):
 * - times in milliseconds, rounded to 3 decimals (whole microseconds, the simulator's tick);
 * - rates, fractions and time averages to 6 decimals; GB-seconds to 6 decimals;
 * - money in USD to 8 decimals; counts are integers;
 * - never NaN or Infinity: an empty histogram reports 0 for every statistic, and a rate whose
 *   denominator is 0 (coldStartRate with no invocations) is 0.
 */
import type { ApiGatewayResults } from '../model/results.js';
import type { DeploymentSummary } from './deployment-report.js';
import type { BreakEvenSummary } from './break-even-summary.js';
import type { BacklogTrendSummary } from './backlog-trend.js';
import type { Architecture, CostBreakdown, DurationTier } from '../billing/types.js';

/**
 * Cost in USD by component, as in the contract (`requests`, `compute`, `provisioned`, `storage`,
 * `total`), for the simulated period; then the extension `perMonth`: the period repeated over 30
 * days with the free tier (when enabled) applied once to the month (see `BillingSummary.perMonth`).
 */
export type CostSummary = CostBreakdown & { perMonth?: number };

/**
 * Statistics of a time distribution, in ms: `max` and `mean` are exact, quantiles come from the
 * streaming histogram. `samples` is how many values were recorded; with none, every statistic is
 * null (absent), never 0: a function whose every call was throttled has no latency, not a 0 ms one.
 */
export interface DistributionSummary {
  /** Extension: number of values recorded. */
  samples: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
}

/** The short distribution of queues and streams (same rules as DistributionSummary). */
export interface ShortDistributionSummary {
  samples: number;
  mean: number | null;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

/** Extension: throttles of one function by reason (sums to `throttles`). */
export interface ThrottleReasonsSummary {
  /** ConcurrentInvocationLimitExceeded: account limit or unreserved pool. */
  account: number;
  /** ReservedFunctionConcurrentInvocationLimitExceeded. */
  reserved: number;
  /** New environments beyond the scaling rate. */
  scaling: number;
  /** FunctionInvocationRateLimitExceeded. */
  rate: number;
}

/** Extension: throttles in the early window of the measured period (counted in 10 equal buckets). */
export interface EarlyThrottlesSummary {
  /** Throttles in the early window. */
  count: number;
  /** All of them happened within this time from the start of the measured period, ms (bucket resolution). */
  withinMs: number;
  /** The early window, ms: the first 10 s of the measured period, or its first 5% when shorter. */
  windowMs: number;
}

/** One function (or version) in summary.json. Definitions follow report-format.md. */
export interface FunctionSummary {
  /** Extension (only for a function with published versions): the function and the version this entry is ($LATEST, "1" ...), CloudWatch's ExecutedVersion. */
  function?: string;
  version?: string;
  /** Every attempt to invoke, throttled ones and retries included. */
  requests: number;
  /** Attempts that ran the function: successes + errors (timeouts included). */
  invocations: number;
  /** Function errors, timeouts included. */
  errors: number;
  timeouts: number;
  throttles: number;
  coldStarts: number;
  /** coldStarts / invocations, 6 decimals; 0 when there were no invocations. */
  coldStartRate: number;
  retries: number;
  deadLettered: number;
  dropped: number;
  inFlightAtEnd: number;
  /** Busy environments (INIT or invoking): peak, and time average over the simulated time. */
  concurrency: { max: number; mean: number };
  /** `prewarmed` (extension, only when > 0): environments created idle at time 0 by `prewarm`, also in `created`. */
  environments: { created: number; reclaimed: number; maxAlive: number; meanAlive: number; prewarmed?: number };
  /** Execution time of invocations, ms. */
  duration: DistributionSummary;
  /** INIT phases, ms. */
  initDuration: DistributionSummary;
  /**
   * End-to-end latency, ms: from the event's arrival (the request; a retried call's first attempt;
   * an async event's acceptance; the oldest message of an SQS batch; the first record of a stream
   * batch) to the final answer. Each final answer's latency = wait + INIT (cold starts) + duration.
   */
  latency: DistributionSummary;
  /**
   * Sum of billed duration, ms: on demand AND on provisioned concurrency (the on-PC share is
   * `provisionedConcurrency.billedDurationMs`), INIT included where billed.
   */
  billedDurationMs: number;
  /**
   * On-demand duration GB-s, before the free tier: what the free tier and the duration tiers apply
   * to. Invocations served by provisioned concurrency are NOT in it (they are priced per GB-s at the
   * PC duration price): their GB-s are `provisionedConcurrency.durationGbSeconds`. So
   * gbSeconds + provisionedConcurrency.durationGbSeconds = billedDurationMs / 1000 x memory / 1024.
   */
  gbSeconds: number;
  cost: CostSummary;
  /** Extension: invocations that ended without a function error. */
  successes: number;
  /** Extension: why requests were throttled. */
  throttleReasons: ThrottleReasonsSummary;
  /** Extension: configuration the numbers belong to. */
  runtime: string;
  architecture: Architecture;
  /** MB. */
  memorySize: number;
  /** MB. */
  ephemeralStorage: number;
  /**
   * Extension: the wait before the invocation that gave each final answer started, ms: from the
   * event's arrival to that start (SQS queue and batching window, stream iterator, async queue,
   * client-retry backoffs and earlier attempts); 0 for a plain synchronous request.
   */
  wait: DistributionSummary;
  /** Extension: requests running when the warm-up ended (only with a warm-up): requests + inFlightAtStart = successes + errors + throttles + inFlightAtEnd. */
  inFlightAtStart?: number;
  /** Extension: throttles in the first seconds of the measured period (only when the function was throttled). */
  earlyThrottles?: EarlyThrottlesSummary;
  /** Extension: calls waiting for their next client-retry attempt when simulated time ended (only when > 0). */
  retriesPendingAtEnd?: number;
  /**
   * Extension (only when workloads with clientRetries name this function; an alias has its own): their calls as their users see them. `calls`
   * made; `gaveUp`: every attempt throttled, no answer; `failed`: answered with an error after the
   * retries; `failureRate` = (gaveUp + failed) / calls, 6 decimals (calls still open at the end count as neither).
   */
  clientCalls?: ClientCallsSummary;
  /** Extension: the function's reserved concurrency, when it has one. */
  reservedConcurrency?: number;
  /**
   * Extension (issue #15), present when the function's INIT can fail (initErrorRate, initFails) or
   * either count is above 0: invocations whose INIT failed (also in `errors`), and INITs that passed
   * their limit (10 s on demand: the INIT ran again inside the invocation; max(130 s, timeout) on
   * provisioned concurrency: the INIT was tried again).
   */
  initErrors?: number;
  initTimeouts?: number;
  /** Extension (SnapStart functions only): cold starts that restored the snapshot (all of them). */
  restores?: number;
  /** Extension (SnapStart functions only): Restore Duration of those restores, ms (afterRestore hooks included). */
  restoreDuration?: DistributionSummary;
  /** Extension: provisioned concurrency, when the function has any configured. */
  provisionedConcurrency?: ProvisionedSummary;
  /** Extension: asynchronous invocation, when the function receives async events. */
  async?: AsyncSummary;
  /** Extension: invocations that ran out of memory (Runtime.OutOfMemory, a memoryUsed draw above memorySize); also in `errors`. */
  outOfMemory: number;
  /** Extension: Max Memory Used of invocations, whole MB, exact (no sketch). */
  memoryUsed: MemorySummary;
  /** Extension: where the time of final answers went (docs/reports.md "Where the time went"). */
  stages: StagesSummary;
}

/** Max Memory Used over invocations, MB; null statistics when nothing ran. */
export interface MemorySummary {
  samples: number;
  /** 2 decimals. */
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

/** One stage of the final answers' latency. */
export interface StageSummary {
  /** Mean over every final answer (0 where the stage did not occur), ms. */
  meanMs: number;
  /** 99th percentile over every final answer, ms (within 3.2%: a coarse log histogram). */
  p99Ms: number;
  /** Share (0..1) of the p99 tail's time spent in this stage; the shares sum to 1. */
  tailShare: number;
}

/** Final answers' latency split into stages that add up to it: the means sum to `meanMs`. */
export interface StagesSummary {
  /** Final answers split (= latency.samples). */
  requests: number;
  /** Mean end-to-end latency of those answers, ms. */
  meanMs: number;
  /** The p99 tail: final answers with a latency of at least this (the lower edge of the p99's 1/16-octave bucket), ms. */
  tailFromMs: number;
  /** Final answers in the tail. */
  tailRequests: number;
  queueWait: StageSummary;
  serviceOverhead: StageSummary;
  init: StageSummary;
  execution: StageSummary;
  retryWait: StageSummary;
}

/**
 * Asynchronous invocation of one function. `received` = `succeeded` + `dropped` + `pendingAtEnd`
 * (events); `dropped` counts events sent to a DLQ or destination too (CloudWatch AsyncEventsDropped).
 */
export interface AsyncSummary {
  /** AsyncEventsReceived (duplicates included). */
  received: number;
  succeeded: number;
  /** AsyncEventsDropped. */
  dropped: number;
  /** Dropped after maximumRetryAttempts function errors (condition RetriesExhausted). */
  retriesExhausted: number;
  /** Dropped at maximumEventAge (condition EventAgeExceeded). */
  eventAgeExceeded: number;
  /** Sent to the dead-letter queue. */
  deadLettered: number;
  onFailureDeliveries: number;
  onSuccessDeliveries: number;
  duplicates: number;
  errorRetries: number;
  throttleRetries: number;
  pendingAtEnd: number;
  /** Events waiting or running when the warm-up ended (only with a warm-up). */
  pendingAtStart?: number;
  /** Events accepted and not finished. */
  queueDepth: { max: number; mean: number };
  /** Events accepted and not finished at the start of the measured period's last tenth and at its end (backlog-trend.ts). */
  backlogTrend?: BacklogTrendSummary;
  /** AsyncEventAge: queueing to each invocation, ms. */
  eventAge: DistributionSummary;
}

/** Provisioned concurrency of one function (CloudWatch metric names in the comments). */
export interface ProvisionedSummary {
  /** Highest configured level. */
  configuredMax: number;
  /** Most provisioned environments ready at once. */
  readyMax: number;
  /** CloudWatch ProvisionedConcurrencyInvocations: invocations that ran on provisioned environments. */
  provisionedConcurrencyInvocations: number;
  /** CloudWatch ProvisionedConcurrencySpilloverInvocations: on-demand invocations while a level was configured. */
  provisionedConcurrencySpilloverInvocations: number;
  /** CloudWatch ProvisionedConcurrencyUtilization (busy / ready provisioned environments): time-averaged and peak. */
  provisionedConcurrencyUtilization: { mean: number; max: number };
  /** Billed ms at the provisioned duration price (invocations on PC and their INITs). */
  billedDurationMs: number;
  /** GB-s of those invocations (billedDurationMs / 1000 x memory / 1024), priced at provisionedDurationGbSecond; not in the function's `gbSeconds`. */
  durationGbSeconds: number;
  /** Environment-seconds of provisioned capacity billed (each level rounded up to 5 minutes). */
  billedEnvironmentSeconds: number;
}

/** The account-wide totals: sums over functions; `gbSeconds` and `cost` come from the bill (after any free tier). */
export interface TotalSummary {
  requests: number;
  invocations: number;
  errors: number;
  throttles: number;
  coldStarts: number;
  /** On-demand duration GB-s of all functions, before the free tier (invocations on provisioned concurrency excluded, see FunctionSummary.gbSeconds). */
  gbSeconds: number;
  cost: CostSummary;
  /** Extension: sums over functions of the per-function fields of the same name. */
  successes: number;
  timeouts: number;
  retries: number;
  deadLettered: number;
  dropped: number;
  inFlightAtEnd: number;
  /** Extension: coldStarts / invocations over all functions; 0 when there were none. */
  coldStartRate: number;
  /** Extension: GB-s of invocations served by provisioned concurrency (not in `gbSeconds`); present when a function has PC. */
  provisionedDurationGbSeconds?: number;
  /** Extension (only with S3, SNS, EventBridge or API Gateway): `cost.total` (Lambda) + `services.total`, USD. */
  costWithServices?: number;
  /** Extension: `cost.perMonth` + `services.totalPerMonth` (when both exist), USD. */
  costWithServicesPerMonth?: number;
}

/**
 * Extension: the other services' charges (services-cost.ts), one key per service the scenario has
 * (sums over its entries' `cost`), then their sum; `total.cost` stays Lambda only.
 */
export interface ServicesCostSummary {
  s3?: { total: number; perMonth?: number };
  sns?: { total: number; perMonth?: number };
  eventBridge?: { total: number; perMonth?: number };
  apiGateway?: { total: number; perMonth?: number };
  total: number;
  totalPerMonth?: number;
}

/** An SQS queue in summary.json (contract fields, then extensions). */
export interface QueueSummary {
  sent: number;
  deleted: number;
  deadLettered: number;
  visibleAtEnd: number;
  inFlightAtEnd: number;
  ageOfOldest: { max: number };
  latency: ShortDistributionSummary;
  /** Extension: receives, redeliveries included. */
  received: number;
  /**
   * Extension: receives that returned messages (batches), and messages per batch (received /
   * batches, 2 decimals; 0 without batches): how full the mapping's batches were.
   */
  batches: number;
  meanBatchSize: number;
  /** Extension: ApproximateNumberOfMessagesVisible, peak and time-weighted mean. */
  visible: { max: number; mean: number };
  /** Extension: the most concurrent batches the mapping's poller scaling allowed (0 without a mapping). */
  pollerLimitMax: number;
  /** Extension: visible and in-flight messages when the warm-up ended (only with a warm-up). */
  visibleAtStart?: number;
  inFlightAtStart?: number;
  /** Extension: the backlog (visible + in flight) at the start of the measured period's last tenth and at its end (backlog-trend.ts). */
  backlogTrend?: BacklogTrendSummary;
}

/** A Kinesis / DynamoDB stream in summary.json (contract fields, then extensions). */
export interface StreamSummary {
  records: number;
  processed: number;
  lost: number;
  failed: number;
  pendingAtEnd: number;
  iteratorAge: ShortDistributionSummary;
  /** Extension: batches handed to the function (retries and bisected halves included). */
  batches: number;
  /** Extension: records not yet processed, lost or failed when the warm-up ended (only with a warm-up). */
  pendingAtStart?: number;
  /** Extension: the backlog at the start of the measured period's last tenth and at its end (backlog-trend.ts). */
  backlogTrend?: BacklogTrendSummary;
  /** Extension, Kinesis only: writes per second against the 1,000 records/s shard limit (docs/reports.md "Per stream"). */
  writes?: { peakPerShardSecond: number; peakPerSecond: number; overShardLimit: number; shardSecondsOverLimit: number };
}

/** An S3 bucket in summary.json (docs/reports.md "Per bucket"). */
export interface BucketSummary {
  /** Objects created (PUT requests). */
  objects: number;
  /** Events sent to the bucket's EventBridge bus (when it has one). */
  eventBridgeEvents?: number;
  /**
   * Per notification target, by name: objects whose key matched its filter, and notifications delivered:
   * matched (+ inFlightAtStart, only with a warm-up) = delivered + inFlightAtEnd.
   */
  notifications: Record<string, { matched: number; delivered: number; inFlightAtEnd: number; inFlightAtStart?: number }>;
  /** USD of the PUT requests (notifications are free), measured period and 30-day month. */
  cost: { total: number; perMonth?: number };
}

/** An EventBridge bus in summary.json (docs/reports.md "Per bus"). */
export interface BusSummary {
  /** Events put on the bus. */
  events: number;
  /** Of them, free events from AWS services (S3 buckets). */
  serviceEvents: number;
  /** Per rule, by name: events its pattern matched, and events handed to each of its targets. */
  rules: Record<string, { matched: number; deliveries: Record<string, number> }>;
  /** USD of the custom events, measured period and 30-day month. */
  cost: { total: number; perMonth?: number };
}

/** An SNS topic in summary.json (docs/reports.md "Per topic"). */
export interface TopicSummary {
  published: number;
  /** Messages handed to each subscriber (function or queue), by name. */
  deliveries: Record<string, number>;
  /** USD of the publish requests, measured period and 30-day month. */
  cost: { total: number; perMonth?: number };
}

/**
 * A downstream dependency in summary.json (docs/reports.md "Per dependency"): a database's pool or
 * a table's bucket. `rejections` is what failed invocations: connections not had, calls refused.
 */
export type DependencySummary = DatabaseSummary | TableSummary;

export interface DatabaseSummary {
  type: 'database';
  connections: number;
  proxied: boolean;
  acquired: number;
  released: number;
  heldAtStart?: number;
  heldAtEnd: number;
  waitingAtEnd: number;
  /** Acquisitions that waited (> 0 us). */
  waits: number;
  /** refused + timeouts: invocations that never got a connection. */
  rejections: number;
  refused: number;
  timeouts: number;
  /** Connections in use over the capacity: time average and peak (0..1). */
  utilisation: { mean: number; max: number };
  waitingMax: number;
  /** Wait (ms) of every acquisition, 0 for a free connection. */
  wait: ShortDistributionSummary;
}

export interface TableSummary {
  type: 'table';
  rate: number;
  burst: number;
  calls: number;
  admitted: number;
  /** Calls refused (each failed its invocation). */
  rejections: number;
  /** Calls admitted after a wait (onThrottled: wait). */
  delayedCalls: number;
  /** Per invocation that waited: the wait (ms) for its last call. */
  delay: ShortDistributionSummary;
}

/**
 * An API Gateway API in summary.json: the counts of ApiGatewayResults (src/model/results.ts, same
 * names and meanings), then what the report derives. Reference: docs/reports.md "Per API".
 */
export interface ApiGatewaySummary
  extends Pick<ApiGatewayResults, 'type' | 'requests' | 'throttles' | 'timeouts' | 'lambdaThrottles' | 'functionErrors' | 'successes' | 'pendingAtEnd' | 'pendingAtStart'> {
  /** (throttles + timeouts + lambdaThrottles + functionErrors) / requests. */
  errorRate: number;
  latency: ShortDistributionSummary;
  integrationTimeoutMs: number;
  /** USD for the measured period and a 30-day month of it. */
  cost: { total: number; perMonth?: number };
}

/** A CloudFront distribution in summary.json (CloudFrontResults; docs/reports.md "Per CloudFront distribution"). */
export interface CloudFrontSummary {
  regions: string[];
  cacheHitRatio: number;
  viewerRequests: number;
  hits: number;
  misses: number;
  /** hits / viewerRequests, as measured. */
  hitRatio: number;
  completed: number;
  failed: number;
  inFlightAtEnd: number;
  /** Viewer request, arrival to answer (completed requests), on a hit and on a miss. */
  latency: { hit: ShortDistributionSummary; miss: ShortDistributionSummary };
  triggers: Record<string, EdgeTriggerSummary>;
  /** USD at Lambda@Edge prices, all triggers. */
  cost: { total: number; perMonth: number };
}

/** One trigger of a distribution in summary.json. */
export interface EdgeTriggerSummary {
  function: string;
  invocations: number;
  throttles: number;
  errors: number;
  /** The time this trigger added to a viewer request (its invocation, receipt to answer), on a hit and on a miss. */
  addedLatency: { hit: ShortDistributionSummary; miss: ShortDistributionSummary };
  cost: { total: number; perMonth: number };
}

/** The outcome of one `expect:` line. */
export interface ExpectationResult {
  /** The line as written, e.g. "checkout.latency.p99 < 800ms". */
  expr: string;
  /** The metric's value in report units, or null when the metric could not be resolved. */
  actual: number | null;
  ok: boolean;
  /** Why the line could not be evaluated (unknown metric, not a number), with a did-you-mean. */
  message?: string;
}

/** Extension: prices of one architecture, copied unrounded from the price table used. */
export interface ArchitecturePricesSummary {
  durationTiers: DurationTier[];
  provisionedGbSecond: number;
  provisionedDurationGbSecond: number;
}

/** Extension: the region and the prices the bill used (after scenario overrides), so a cost can be re-derived. */
export interface BillingSummary {
  region: string;
  /** Where the prices come from (URL and date). */
  source: string;
  requestsPerMillion: number;
  ephemeralGbSecond: number;
  freeTierRequests: number;
  freeTierGbSeconds: number;
  x86_64: ArchitecturePricesSummary;
  arm64: ArchitecturePricesSummary;
  /** How `cost.perMonth` is projected (absent when the bill has no projection). */
  perMonth?: MonthlyProjectionSummary;
}

/** Extension: the assumption behind every `cost.perMonth`. */
export interface MonthlyProjectionSummary {
  /** Days in the projected month (30). */
  days: number;
  /** Times the simulated period is repeated to fill the month (30 d / simulated time). */
  periodRepeats: number;
  /** Whether the monthly free tier was applied (once per month), as `billing.freeTier`. */
  freeTier: boolean;
  /** The assumption in words. */
  assumption: string;
}

/** Extension: how exact the numbers are, so a reader does not compare digits that are noise. */
export interface AccuracySummary {
  /** Every p50, p90, p99 and p999 is within this fraction of the true quantile (0.005 = 0.5%). */
  quantileRelativeError: number;
  /** The same in words. */
  note: string;
}

/**
 * summary.json. Contract keys in contract order (`queues` and `streams` only when there are any),
 * then the extensions `billing` and `notes`. See the file comment for units and rounding.
 */
export interface Summary {
  /** Scenario name. */
  scenario: string;
  seed: number;
  /** Simulated time, ms (the warm-up included). */
  simulatedMs: number;
  /**
   * Extension (only with a `warmup`): the warm-up, ms, and the measured period that follows it
   * (simulatedMs - warmupMs). Every count, distribution, time average and cost covers the measured
   * period only: what happens in it is counted (a request when it arrives, an invocation when it
   * ends), and what was under way when it began is the `...AtStart` stock.
   */
  warmupMs?: number;
  measuredMs?: number;
  simulator: { name: string; version: string };
  total: TotalSummary;
  /** By function (and version) name, in the order of Results.functions. */
  functions: Record<string, FunctionSummary>;
  queues?: Record<string, QueueSummary>;
  streams?: Record<string, StreamSummary>;
  /** Extension: SNS topics (only when the scenario has some). */
  topics?: Record<string, TopicSummary>;
  /** Extension: S3 buckets with event notifications (only when the scenario has some). */
  buckets?: Record<string, BucketSummary>;
  /** Extension: EventBridge buses (only when the scenario has some). */
  buses?: Record<string, BusSummary>;
  /** Extension: API Gateway APIs (only when the scenario has some). */
  apiGateways?: Record<string, ApiGatewaySummary>;
  /** Extension: S3, SNS, EventBridge and API Gateway charges, not in `total.cost` (only when the scenario has some). */
  services?: ServicesCostSummary;
  /** Extension: downstream databases and tables (only when the scenario has some). */
  dependencies?: Record<string, DependencySummary>;
  /**
   * Extension (only when async destinations chain functions): per chain end, the pipeline latency from
   * the first function's acceptance of the original event to the chain end's successful end, ms.
   */
  pipelines?: Record<string, ShortDistributionSummary>;
  /** Extension: CloudFront distributions with Lambda@Edge triggers (only when the scenario has some). */
  cloudfront?: Record<string, CloudFrontSummary>;
  /** Extension: aliases by qualified name `fn:alias` (only when the scenario has some). */
  aliases?: Record<string, AliasSummary>;
  /** Extension: CodeDeploy deployments and $LATEST updates, by `fn:alias` (only when the scenario has some; deployment-report.ts). */
  deployments?: Record<string, DeploymentSummary>;
  expectations: ExpectationResult[];
  /** Extension: region and prices used. */
  billing: BillingSummary;
  /** Extension (only with `breakEven:` in the scenario): Lambda against an always-on fleet. */
  breakEven?: BreakEvenSummary;
  /** Extension: the accuracy of the quantiles. */
  accuracy: AccuracySummary;
  /** Extension: remarks from the model, then from the bill (duplicates removed). */
  notes: string[];
}

/** Calls of retrying callers as their users saw them; `failureRate` = (gaveUp + failed) / calls. */
export interface ClientCallsSummary {
  calls: number;
  gaveUp: number;
  failed: number;
  failureRate: number;
}

/** An alias: where it routed requests (every attempt counts), its routing at the end and its provisioned concurrency. */
export interface AliasSummary {
  function: string;
  alias: string;
  /** Requests handed to each version, by version. */
  routed: Record<string, number>;
  /** Requests the versions refused (429), as the alias's callers saw them: the alias's own throttle count. */
  throttles: number;
  /**
   * End-to-end latency of the alias's requests, ms, as a function's `latency` (arrival to final
   * answer), whichever version gave the answer: what the alias's callers saw.
   */
  latency: DistributionSummary;
  /** Calls of retrying callers that name the alias, whichever version served them (only with such callers). */
  clientCalls?: ClientCallsSummary;
  /** The routing at the end of the run: the primary version, the secondary and its weight (null and 0 without). */
  routing: { primary: string; secondary: string | null; weight: number };
  /** Provisioned concurrency configured on the alias (0 = none). */
  provisionedConcurrency: number;
  /** The alias's own async event queue, when async events were sent to the alias (as a function's `async`). */
  async?: AsyncSummary;
}
