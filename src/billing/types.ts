/** Types shared by the price tables and the billing rules. Money is USD, sizes MB, time ms. */

export type Architecture = 'x86_64' | 'arm64';

/** One band of the monthly duration tiers: applies to GB-s up to `upToGbSeconds` (cumulative; null = no upper bound). */
export interface DurationTier {
  upToGbSeconds: number | null;
  gbSecond: number;
}

export interface ArchitecturePrices {
  /** Duration price tiers for on-demand invocations, cumulative over the month. */
  durationTiers: DurationTier[];
  /** Provisioned concurrency capacity price, per GB-s while enabled. */
  provisionedGbSecond: number;
  /** Duration price for invocations that run on provisioned concurrency, per GB-s. */
  provisionedDurationGbSecond: number;
}

export interface PriceTable {
  region: string;
  /** Where the numbers come from (URL and date). */
  source: string;
  requestsPerMillion: number;
  /** Ephemeral storage above 512 MB, per GB-s. */
  ephemeralGbSecond: number;
  freeTierRequests: number;
  freeTierGbSeconds: number;
  x86_64: ArchitecturePrices;
  arm64: ArchitecturePrices;
}

/** `billing.prices` in a scenario: any subset of the table. A flat `gbSecond` replaces the tiers. */
export interface ArchitecturePriceOverride {
  gbSecond?: number;
  durationTiers?: DurationTier[];
  provisionedGbSecond?: number;
  provisionedDurationGbSecond?: number;
}
export interface PriceOverrides {
  requestsPerMillion?: number;
  ephemeralGbSecond?: number;
  freeTierRequests?: number;
  freeTierGbSeconds?: number;
  x86_64?: ArchitecturePriceOverride;
  arm64?: ArchitecturePriceOverride;
}

/** What one function (or version) used during the simulated period. */
export interface FunctionUsage {
  name: string;
  architecture: Architecture;
  memoryMb: number;
  ephemeralStorageMb: number;
  /** Billable requests (invocations, plus extra requests for large async payloads). */
  requests: number;
  /** Sum of billed duration (ms) of on-demand invocations, INIT included where billed. */
  billedMs: number;
  /** Sum of billed duration (ms) of invocations that ran on provisioned concurrency. */
  provisionedBilledMs?: number;
  /** Provisioned concurrency enabled time: sum over configurations of (concurrency x billed ms, already rounded up to 5 minutes). */
  provisionedConcurrencyMs?: number;
  /**
   * The same for the monthly projection (month.ts): the level still on at the end of the period not
   * rounded, since it runs on into the next period. Absent: provisionedConcurrencyMs.
   */
  provisionedConcurrencyMonthMs?: number;
  /** SnapStart (snapstart.ts): present when the function (version) has it. */
  snapStart?: SnapStartUsage;
}

/** A SnapStart version's usage in the period. */
export interface SnapStartUsage {
  /** Time the version was active (ms): its cache is billed for it, at least 3 h. */
  activeMs: number;
  /** Restores (cold starts from the snapshot). */
  restores: number;
  /** false on runtimes AWS does not charge SnapStart on (Java). */
  charged: boolean;
}

export interface CostBreakdown {
  requests: number;
  compute: number;
  provisioned: number;
  storage: number;
  /** SnapStart cache charge; present when a function has SnapStart. */
  snapStartCache?: number;
  /** SnapStart restore charge; present when a function has SnapStart. */
  snapStartRestore?: number;
  total: number;
}

export interface BillingOptions {
  region: string;
  /** Subtract the monthly free tier (1M requests, 400,000 GB-s). */
  freeTier: boolean;
  prices?: PriceOverrides;
  /** The simulated period in ms; when given, the bill carries a 30-day projection (`perMonth`, see month.ts). */
  periodMs?: number;
}

export interface FunctionBill {
  name: string;
  /** GB-s of on-demand duration (before the free tier). */
  gbSeconds: number;
  /** GB-s of duration on provisioned concurrency. */
  provisionedDurationGbSeconds: number;
  /** GB-s of provisioned concurrency capacity. */
  provisionedGbSeconds: number;
  cost: CostBreakdown;
}

export interface Bill {
  region: string;
  /** The price table actually used (after overrides). */
  prices: PriceTable;
  functions: FunctionBill[];
  total: CostBreakdown & { gbSeconds: number };
  /** The period repeated over 30 days, free tier once (month.ts); present when BillingOptions.periodMs was given. */
  perMonth?: { repeats: number; freeTier: boolean; functions: number[]; total: number };
  /** Human-readable remarks, e.g. "no price table for eu-south-2; us-east-1 prices used". */
  notes: string[];
}
