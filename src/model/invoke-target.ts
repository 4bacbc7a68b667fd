/**
 * What callers need from an invocation target: a function instance (FunctionModel: `$LATEST` or a
 * published version `fn:N`) or an alias in front of versions (AliasRouter, alias-router.ts). Workloads,
 * retrying callers, async queues, event source mappings, API Gateway routes and SNS subscriptions
 * call this, so they need not know whether a name is qualified.
 */
import type { RequestSink } from '../workload/arrivals.js';
import type { AsyncInvoker } from './async-invoker.js';
import type { ClientCallCounts } from './client-calls.js';
import type { FunctionStats } from './function-stats.js';
import type { InvocationClient } from './function-model.js';
import type { FunctionInput } from './input.js';

export interface InvokeTarget extends RequestSink {
  /** Observer index of the function instance (an alias: its primary version's at set-up). */
  readonly index: number;
  /** `fn`, `fn:2` or `fn:live`. */
  readonly name: string;
  /** The settings callers read (timeout, reservedConcurrency, asyncConfig). */
  readonly config: FunctionInput;
  /** Where callers count retries and extra billed requests. */
  readonly stats: FunctionStats;
  /** Calls of retrying callers that name this target (client-calls.ts). */
  readonly clientCalls: ClientCallCounts;
  newRequestKey(): number;
  keySpace(): number;
  invoke(firstAt: number, client: InvocationClient | null, token: number, forceError?: boolean, key?: number, run?: number, itemsUs?: number): boolean;
  asyncEvents(): AsyncInvoker;
  readonly asyncInvoker: AsyncInvoker | null;
}
