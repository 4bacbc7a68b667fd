/** Who a function is and what it shares with the rest of the Region: what FunctionModel is built from. */
import type { Account, ConcurrencyShare } from './account.js';
import type { BillingInput, FunctionInput, ScalingRule } from './input.js';
import type { TokenBucket } from './scaling.js';
import type { Dependencies } from './dependencies.js';

export interface FunctionSpec {
  /** Position in the scenario's `functions` (observers identify functions by it). */
  readonly index: number;
  readonly name: string;
  readonly config: FunctionInput;
  readonly account: Account;
  readonly billing: BillingInput;
  /** The bucket this function takes new-environment tokens from (its own, or the Region's). */
  readonly scaling: TokenBucket;
  readonly scalingRule: ScalingRule;
  readonly region: string;
  /** Length of the measured period (duration - warm-up, us); undefined = unbounded (tests). */
  readonly measuredUs?: number;
  /**
   * The concurrency the function draws on, shared by all versions of one function (its reservation
   * is per function, lambda-behavior.md section 3); absent = its own, from config.reservedConcurrency.
   */
  readonly share?: ConcurrencyShare;
  /** The scenario's downstream dependencies (absent in tests without any). */
  readonly dependencies?: Dependencies;
}
