/**
 * What the model needs to run: the validated scenario, in model units (integer microseconds,
 * rates per second). The scenario layer's schema produces a value assignable to `SimulationInput`
 * (checked at compile time in src/scenario/schema.ts), so imports keep running downward.
 *
 * Every default is decided in the scenario layer (src/scenario/defaults.ts and the schema files):
 * the model receives a fully defaulted input and refuses a partial one (input-check.ts). An optional
 * field here means "none" (no reservation, no destination), never "use the default".
 */
import type { DeploymentInput } from './deployment-controller.js';
import type { BreakEvenConfig } from '../billing/break-even.js';
import type { DistSpec } from '../kernel/dist-spec.js';
import type { ArrivalSpec } from '../workload/arrival-spec.js';
import type { Architecture, PriceOverrides } from '../billing/types.js';

export type EnvironmentSelection = 'most-recent' | 'newest' | 'oldest' | 'random';
export type ScalingRule = 'per-function' | 'regional-burst';

export interface AccountInput {
  /** Regional concurrency quota (default 1000). */
  concurrencyLimit: number;
  /** Unreserved pool AWS keeps free of reservations (default 100). */
  unreservedMinimum: number;
  scaling: ScalingRule;
  /**
   * API Gateway's throttle for all APIs of the account in the Region (a token bucket). Undefined =
   * none; the scenario fills AWS's default when it has `apiGateways` (api-gateway-schema.ts).
   */
  apiGatewayThrottle?: ThrottleInput;
}

/** A token bucket: steady requests per second and bucket size (whole numbers). */
export interface ThrottleInput {
  rate: number;
  burst: number;
}

/** An API Gateway API (one stage) in front of functions (api-gateway.ts; docs/front-doors.md). */
export interface ApiGatewayInput {
  type: 'rest' | 'http';
  /** The stage's own throttle (below the account's); undefined = only the account's. */
  throttle?: ThrottleInput;
  /** us: API Gateway answers 504 when the integration has not answered by then. */
  integrationTimeout: number;
}

export interface BillingInput {
  /** Billing granularity in ms: 1 (since Dec 2020) or 100 (before). */
  granularityMs: 1 | 100;
  freeTier: boolean;
  /** Bill the INIT phase of on-demand environments (AWS does for all since 2025-08-01). */
  billInit: boolean;
  prices: PriceOverrides;
}

export interface FunctionInput {
  runtime: string;
  architecture: Architecture;
  /** MB, 128..10240. */
  memorySize: number;
  /** MB, 512..10240. */
  ephemeralStorage: number;
  /** us */
  timeout: number;
  /** Execution time at this memorySize (us). */
  duration: DistSpec;
  /** INIT duration (us); the scenario fills in the runtime's default when the file gives none. */
  init: DistSpec;
  /** Probability that an invocation ends in a function error. */
  errorRate: number;
  /** Idle time before an environment is reclaimed (us). */
  keepAlive: DistSpec;
  /** Environments are recycled after this lifetime (us), without cutting a running invocation. */
  maxLifetime: number;
  environmentSelection: EnvironmentSelection;
  /**
   * Share (0..1) of `duration` that is CPU-bound and scales with the CPU that memory buys
   * (memorySize / 1769 vCPU, lambda-behavior.md 2.3). 0 = duration ignores memory.
   */
  cpuBound: number;
  /** MB at which `duration` was measured; undefined = `memorySize` (no scaling). */
  durationMemorySize?: number;
  // --- Memory used, threads and service overhead (issue #15, docs/model.md "Memory used") ---
  /**
   * Peak memory one invocation uses (MB, as REPORT's Max Memory Used); a draw above `memorySize` is
   * an out-of-memory error. Undefined = the runtime's hello-world baseline (runtime-defaults.ts).
   */
  memoryUsed?: DistSpec;
  /** Threads the code can keep busy: caps the CPU-bound speed-up at this many vCPUs. Undefined = 1. */
  threads?: number;
  /** Lambda service time before each invocation starts (us), unbilled. Undefined = 0. */
  serviceOverhead?: number;
  /**
   * Reserved concurrency: both a floor (taken out of the unreserved pool) and a ceiling for this
   * function; 0 throttles every request. Undefined = the function shares the unreserved pool.
   */
  reservedConcurrency?: number;
  /**
   * Provisioned concurrency over time: each step sets the level from `at` (us) on. A step at 0 is
   * allocated before the run starts; later raises take allocation time. Empty or undefined = none.
   */
  provisionedConcurrency?: ProvisionedStep[];
  /**
   * On-demand environments that exist, idle, at time 0 (a warm start): a number, or 'auto' for the
   * concurrency the workloads aimed at this function bring in the first minute (Little's law).
   * Undefined = none: every environment starts cold.
   */
  prewarm?: number | 'auto';
  /** Asynchronous invocation settings (EventInvokeConfig), used when a workload sends async events. */
  asyncConfig: AsyncConfigInput;

  // --- INIT failures and VPC attachment (issue #15, init-phase.ts); absent = today's behaviour ---
  /** Probability (0..1) that an on-demand INIT fails (Runtime.ImportModuleError-style). Undefined = 0. */
  initErrorRate?: number;
  /** 'always': every on-demand INIT fails (a broken release). Undefined = 'never'. */
  initFails?: 'never' | 'always';
  /** The error type INIT failures print in the logs (default Runtime.ImportModuleError). */
  initErrorType?: string;
  /** VPC attachment: 'hyperplane' (today: no INIT cost) or 'legacy-eni' (pre-2019 ENI per cold start). Undefined = none. */
  vpc?: 'hyperplane' | 'legacy-eni';
  /** Downstream dependencies the handler uses (at most one database); undefined = none. */
  uses?: DependencyUseInput[];
  /**
   * SnapStart (issue #14, init-phase.ts): cold starts restore a snapshot (`restore`, unbilled) and run
   * the afterRestore hooks (`afterRestore` us, billed) instead of INIT. Undefined = off.
   */
  snapStart?: { restore: DistSpec; afterRestore?: number };
}

/** EventInvokeConfig plus the retry timing AWS describes but does not fix (lambda-behavior.md section 7). */
export interface AsyncConfigInput {
  /** Retries after function errors, 0..2 (default 2). */
  maximumRetryAttempts: number;
  /** Events older than this are dropped (us; 60 s..6 h, default 6 h). */
  maximumEventAge: number;
  /** On-failure destination, if any: a name (a queue, topic or function of the scenario, else only counted) or a typed target. */
  onFailure?: DestinationInput;
  /** On-success destination, if any (as onFailure). */
  onSuccess?: DestinationInput;
  /** Dead-letter queue (a queue or topic name), if any; used when there is no on-failure destination. */
  deadLetterQueue?: string;
  /** Waits before the retries after function errors (us): about 1 and 2 minutes. */
  retryDelays: number[];
  /**
   * Throttle backoff: first wait, largest wait (us), growth factor, and the jitter on each wait
   * (`none`: exactly the wait; `full`: uniform in (0, wait]; `equal`: uniform in [wait/2, wait]).
   */
  throttleBackoff: { initial: number; max: number; factor: number; jitter: 'none' | 'full' | 'equal' };
  /** Probability that the internal queue delivers an event twice (default 0). */
  duplicateRate: number;
}

/**
 * Where an async destination sends its records (chain.ts): a bare name is looked up among the
 * scenario's queues, then topics, then functions (the schema refuses a name that is more than one);
 * a typed target names its kind.
 */
export type DestinationInput = string | { kind: 'function' | 'topic' | 'queue' | 'bus'; name: string };

/** One scheduled provisioned-concurrency level (an Application Auto Scaling scheduled action). */
export interface ProvisionedStep {
  /** When the level takes effect (us from the start). */
  at: number;
  /** Environments to keep initialised. */
  value: number;
}

/** How a synchronous caller retries throttles (and optionally errors) itself. */
export interface ClientRetriesInput {
  /** Attempts in all, the first included (1 = no retry). */
  maxAttempts: number;
  backoff: 'constant' | 'exponential';
  /** First delay (us); exponential doubles it per retry. */
  base: number;
  /** Largest delay (us) before jitter. */
  cap: number;
  jitter: 'none' | 'full' | 'equal';
  /** Retry function errors (and timeouts) too, not only throttles. */
  retryOnErrors: boolean;
}

/** How a workload's requests arrive (the arrival processes of src/workload/arrival-spec.ts). */
export type ArrivalInput = ArrivalSpec;

export interface WorkloadInput {
  name: string;
  /** Target function name (a key of `functions`). */
  function: string;
  invocation: 'sync' | 'async';
  /** Event payload size in KB (async billing: every 64 KB beyond 256 KB is another request). */
  payloadSize?: number;
  /** Retries by the caller; undefined = none. */
  clientRetries?: ClientRetriesInput;
  /** The API Gateway API (a key of `apiGateways`) the requests go through; undefined = straight to Lambda. */
  via?: string;
  /** Window of arrivals, us from the start: [start, end). */
  start: number;
  end: number;
  arrivals: ArrivalInput;
}

export interface SimulationInput {
  name: string;
  seed: number;
  /** Simulated time, us. */
  duration: number;
  /** Warm-up (us, < duration): excluded from every count, distribution, time average and the bill. Undefined = 0. */
  warmup?: number;
  region: string;
  account: AccountInput;
  billing: BillingInput;
  /** Insertion order is report order. */
  functions: Record<string, FunctionInput>;
  workloads: WorkloadInput[];
  /** Optional (absent = none): SQS queues, streams, their producers and event source mappings. */
  queues?: Record<string, QueueInput>;
  streams?: Record<string, StreamInput>;
  producers?: ProducerInput[];
  eventSourceMappings?: EventSourceMappingInput[];
  /** Compare each function with an always-on fleet (billing/break-even.ts); absent = no comparison. */
  breakEven?: BreakEvenConfig;
  /** Remarks of the scenario layer (what a template import brought in), first in the report's notes. */
  notes?: readonly string[];
  /** SNS topics by name (absent = none): producer workloads publish, subscribers get every message. */
  topics?: Record<string, TopicInput>;
  /** API Gateway APIs by name (absent = none); workloads use one with `via`. */
  apiGateways?: Record<string, ApiGatewayInput>;
  /** Downstream databases and tables by name (absent = none); functions name theirs in `uses`. */
  dependencies?: Record<string, DependencyInput>;
  /** CloudFront distributions with Lambda@Edge triggers, by name (absent = none; cloudfront.ts). */
  cloudfront?: Record<string, CloudFrontInput>;
  /**
   * Published versions (absent = none): by instance name (`fn:2`, an entry of `functions` with the
   * version's settings), the base function and version. They share the base function's reserved
   * concurrency and scaling rate; the unqualified `fn` is `$LATEST`.
   */
  versions?: Record<string, VersionInput>;
  /** Aliases by qualified name (`fn:live`; absent = none): alias-router.ts. */
  aliases?: Record<string, AliasInput>;
  /** S3 buckets with event notifications, by name (absent = none; s3.ts): producer workloads upload. */
  buckets?: Record<string, BucketInput>;
  /** EventBridge event buses and their rules, by name (absent = none; eventbridge.ts). */
  buses?: Record<string, BusInput>;
  /** CodeDeploy deployments of aliases, in time order (absent = none): deployment-controller.ts. */
  deployments?: DeploymentInput[];
  /**
   * Instances running a function's code after an update of `$LATEST` (absent = none), by instance
   * name: until the update's window ends the unqualified name routes to the old and new code
   * (deployments.ts). They share the function's reserved concurrency and scaling rate.
   */
  updates?: Record<string, { function: string; instance: string }>;
}

/** A published version's instance: which function and version it is. */
export interface VersionInput {
  /** The base function (a key of `functions`, its `$LATEST`). */
  function: string;
  /** The version number as a string ("1"). */
  version: string;
}

/** An alias: one published version, optionally a second with a weight (AdditionalVersionWeights). */
export interface AliasInput {
  function: string;
  /** The alias name. */
  alias: string;
  /** The primary version. */
  version: string;
  /** The second version and the share (0 < weight < 1) of requests it receives; absent = none. */
  additionalVersion?: { version: string; weight: number };
  /** Provisioned concurrency configured on the alias (placed on its versions); absent = none. */
  provisionedConcurrency?: number;
}

// --- Downstream dependencies (dependency-*.ts; docs/front-doors.md "Downstream dependencies") ----

export type DependencyInput = DatabaseInput | TableInput;

/** A database whose connections invocations hold (dependency-pool.ts). */
export interface DatabaseInput {
  type: 'database';
  /** The database's connection limit (max_connections left for the functions). */
  connections: number;
  /** us an invocation waits for a connection before it fails; undefined = no limit (its own timeout ends it). */
  acquireTimeout?: number;
  /** RDS Proxy in front: invocations borrow one of its `connections` (the pool they compete for). */
  proxy?: { connections: number };
}

/** A table with a request-rate limit (dependency-table.ts): a token bucket of calls. */
export interface TableInput {
  type: 'table';
  /** Calls per second (a whole number). */
  rate: number;
  /** Bucket size in calls. */
  burst: number;
}

/** One entry of a function's `uses`: the dependency and how the function uses it. */
export interface DependencyUseInput {
  /** A key of `dependencies`. */
  dependency: string;
  /** Database: share (0..1] of the drawn duration a connection is held from the handler's start (1 = whole). */
  hold: number;
  /** Database: wait for a connection (up to acquireTimeout) or fail at once when none is free. */
  onExhausted: 'wait' | 'error';
  /** Table: calls per invocation. */
  calls: number;
  /** Table: a throttled call fails the invocation, or waits for its token (the SDK retries). */
  onThrottled: 'wait' | 'error';
}

/** The four CloudFront events, as scenario keys, in the order a viewer request meets them. */
export type EdgeTriggerKey = 'viewerRequest' | 'originRequest' | 'originResponse' | 'viewerResponse';

/** A CloudFront distribution with Lambda@Edge triggers (cloudfront.ts; docs/edge-and-break-even.md). */
export interface CloudFrontInput {
  /** Viewer requests per edge Region: its share of the distribution's requests (shares sum to 1). */
  regions: Record<string, number>;
  /** Share of viewer requests answered from the cache, 0..1. */
  cacheHitRatio: number;
  /** The function (a key of `functions`) run at each trigger; absent = no function there. */
  triggers: Partial<Record<EdgeTriggerKey, string>>;
  /** How long the origin takes to answer a cache miss (us). */
  originLatency: DistSpec;
  /** Viewer requests: window [start, end) in us (no end = the end of the run) and arrivals. */
  start: number;
  end?: number;
  arrivals: ArrivalInput;
}

// --- Queues, streams and event source mappings (lambda-behavior.md sections 8 and 9) -------------

/** An SQS queue, standard or FIFO (sqs.ts over a message store: sqs-standard-store.ts, sqs-fifo.ts). */
export type QueueInput = StandardQueueInput | FifoQueueInput;

interface QueueCommon {
  /** us; SQS default 30 s. */
  visibilityTimeout: number;
  /** Receives before a message moves to `deadLetterQueue` (both or neither). */
  maxReceiveCount?: number;
  /** Name of another queue. */
  deadLetterQueue?: string;
}

export interface StandardQueueInput extends QueueCommon {
  type: 'standard';
}

export interface FifoQueueInput extends QueueCommon {
  type: 'fifo';
  /** Message groups (MessageGroupId values 0..N-1) producers spread messages over. */
  messageGroups: number;
}

/** Where an S3 notification (s3.ts) or an EventBridge rule sends its events: a function (async), a topic or a queue. */
export interface PushTargetInput {
  kind: 'function' | 'topic' | 'queue';
  name: string;
}

/** One notification configuration of a bucket (s3.ts): its destination and the share of objects its filter matches. */
export interface BucketNotificationInput extends PushTargetInput {
  /** Share of created objects whose key matches the prefix/suffix filter, 0..1 (1: no filter). */
  match: number;
}

/** An S3 bucket whose object-created events notify functions, topics and queues (s3.ts). */
export interface BucketInput {
  /** In scenario order; the shares add up to at most 1 (S3 refuses overlapping filters). */
  notifications: BucketNotificationInput[];
  /** Time from the object's creation to each notification's delivery (us). */
  deliveryDelay: number;
  /** The bus that receives every object-created event (S3's EventBridge setting), if any. */
  eventBridge?: string;
}

/** One rule of an event bus (eventbridge.ts): the share of events its pattern matches and its targets. */
export interface BusRuleInput {
  /** Share of the bus's events the rule's event pattern matches, 0..1 (1: every event). */
  match: number;
  targets: PushTargetInput[];
}

/** An EventBridge event bus: every rule whose pattern an event matches sends it to each of its targets. */
export interface BusInput {
  /** Rules by name, in scenario order. */
  rules: Record<string, BusRuleInput>;
}

/** An SNS standard topic and its subscriptions (sns.ts). */
export interface TopicInput {
  /** Functions invoked asynchronously with every message (each with its own async retries). */
  functions: string[];
  /** Standard queues that receive every message. */
  queues: string[];
}

/** A Kinesis data stream or a DynamoDB stream. */
export interface StreamInput {
  type: 'kinesis' | 'dynamodb';
  shards: number;
  /** us; records older than this are lost. */
  retention: number;
}

/** Messages sent to a queue or records put on a stream by an arrival process. */
export interface ProducerInput {
  name: string;
  /** The queue or stream it writes to. */
  source: string;
  /** Distinct partition keys, hashed to shards (streams only). */
  partitionKeys: number;
  start: number;
  end: number;
  arrivals: ArrivalInput;
}

/**
 * An event source mapping: a poller that reads a queue or a stream and invokes a function. The
 * schema builds the variant of the source's kind with every default filled (esm-schema.ts).
 */
export type EventSourceMappingInput = SqsMappingInput | StreamMappingInput;

/** What every mapping has, whatever it reads. */
export interface MappingCommon {
  /** A queue or stream name. */
  source: string;
  function: string;
  batchSize: number;
  /** us, 0..300 s. */
  maximumBatchingWindow: number;
  /** SQS: partial batch response. Streams: checkpoint before the first failed record. */
  reportBatchItemFailures: boolean;
  /**
   * Probability (0..1) that an item is "poison": the function fails on it at every attempt. Drawn
   * once per message or record when it is sent. Transient failures come from the function's errorRate.
   */
  itemFailureRate: number;
  /**
   * Handler time per message or record of a batch (us, >= 0), added to the function's drawn duration
   * (then the per-invocation part), scaled with memory as the duration is. 0: a batch takes the same
   * time whatever its size.
   */
  durationPerItem: number;
  /** 0-based positions (in send/put order on the source) of items that always fail (tests, what-ifs). */
  poisonItems?: number[];
}

/** A mapping that reads an SQS queue. */
export interface SqsMappingInput extends MappingCommon {
  kind: 'sqs';
  /** ScalingConfig.MaximumConcurrency, 2..1000 (1000 when the scenario leaves it unset). */
  maximumConcurrency: number;
  /** Poller scale-up per minute: 300 (since late 2023) or 60 (older rule). */
  scaleUpPerMinute: 300 | 60;
  /**
   * FIFO queues: a batch may mix message groups (current docs) or holds one group only (older
   * docs; lambda-behavior.md disagreement 5). Ignored on standard queues.
   */
  fifoBatching: 'mixed-groups' | 'one-group';
}

/** A mapping that reads a Kinesis or DynamoDB stream. */
export interface StreamMappingInput extends MappingCommon {
  kind: 'stream';
  parallelizationFactor: number;
  /** How parallel batches of one shard keep order: per partition key (current docs) or per shard (2022 doc). */
  ordering: 'partition-key' | 'shard';
  bisectBatchOnFunctionError: boolean;
  /** -1 = until the records expire. */
  maximumRetryAttempts: number;
  /** us; undefined = no limit (AWS's -1). */
  maximumRecordAge?: number;
  /** A queue name that receives one message per discarded batch. */
  onFailure?: string;
  startingPosition: 'LATEST' | 'TRIM_HORIZON';
}
