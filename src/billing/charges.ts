/**
 * The billing rules: usage in, itemised charges out, per function and for the account, at full
 * precision (nothing is rounded here; see invoice.ts for AWS's cents).
 *
 * Both the `Bill` (bill.ts) and the AWS-style invoice (invoice.ts) are views of these charges, so the
 * rules live in one place.
 */
import type { Architecture, FunctionUsage, PriceTable } from './types.js';
import { tieredCost } from './tiers.js';
import { snapStartCharges } from './snapstart.js';

/** Iteration order of architectures in totals and invoices (fixed, for deterministic output). */
export const ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];

/** AWS bills only ephemeral storage above this size (MB). Source: https://aws.amazon.com/lambda/pricing/ (2025/26 snapshot). */
export const FREE_EPHEMERAL_MB = 512;

/** ms x MB -> GB-s: / 1000 (ms per s) / 1024 (MB per GB, AWS's GB for Lambda memory). One division keeps it exact for round inputs. */
const MS_MB_PER_GB_SECOND = 1_000 * 1_024;

/** One function's usage priced item by item. Money in USD, unrounded. */
export interface FunctionCharges {
  name: string;
  architecture: Architecture;
  /** On-demand duration GB-s, before the free tier. */
  gbSeconds: number;
  /** On-demand duration GB-s left after this function's share of the free tier. */
  billableGbSeconds: number;
  /** GB-s of invocations that ran on provisioned concurrency. */
  provisionedDurationGbSeconds: number;
  /** GB-s of provisioned concurrency capacity (enabled time x concurrency x memory). */
  provisionedGbSeconds: number;
  /** GB-s of ephemeral storage above 512 MB, over on-demand and on-PC billed time. */
  storageGbSeconds: number;
  /** Requests left after this function's share of the free tier. */
  billableRequests: number;
  /** Request charge. */
  requests: number;
  /** On-demand duration charge: this function's share of its architecture's tiered cost. */
  onDemandDuration: number;
  /** Duration charge of invocations on provisioned concurrency. */
  provisionedDuration: number;
  /** Provisioned concurrency capacity charge. */
  provisionedConcurrency: number;
  /** Ephemeral storage charge. */
  storage: number;
  /** SnapStart cache GB-s and charge, GB restored and charge (snapstart.ts); 0 without SnapStart. */
  snapStartCacheGbSeconds: number;
  snapStartCache: number;
  snapStartRestoredGb: number;
  snapStartRestore: number;
}

/** One architecture's account-wide usage and charges (tiers apply per architecture). */
export interface ArchitectureCharges {
  gbSeconds: number;
  billableGbSeconds: number;
  provisionedDurationGbSeconds: number;
  provisionedGbSeconds: number;
  /** Tiered cost of `billableGbSeconds`. */
  onDemandDuration: number;
  provisionedDuration: number;
  provisionedConcurrency: number;
}

/** Account-wide charges, computed from the aggregates (what AWS invoices), not summed from functions. */
export interface AccountCharges {
  requests: number;
  billableRequests: number;
  storageGbSeconds: number;
  storage: number;
  snapStartCacheGbSeconds: number;
  snapStartCache: number;
  snapStartRestoredGb: number;
  snapStartRestore: number;
  x86_64: ArchitectureCharges;
  arm64: ArchitectureCharges;
}

/** Everything `computeCharges` derives: per function in input order, and for the account. */
export interface Charges {
  functions: FunctionCharges[];
  account: AccountCharges;
}

/**
 * Price `usages` against `table`.
 *
 * - Requests: `requests x requestsPerMillion / 1e6`. With `freeTier`, the account's first
 *   `freeTierRequests` are free; the free requests are shared among functions in proportion to their
 *   requests, so per-function charges add up to the account's.
 * - On-demand duration: GB-s = billed ms / 1000 x memory MB / 1024. The free tier's GB-s are shared by
 *   both architectures and deducted before the tiers. AWS does not document how it splits the free tier
 *   between functions or architectures; we split it in proportion to on-demand GB-s. The tiers then
 *   apply to each architecture's remaining aggregate, and each function pays its architecture's tiered
 *   cost in proportion to its GB-s.
 * - Provisioned concurrency: capacity GB-s x `provisionedGbSecond`, plus on-PC duration GB-s x
 *   `provisionedDurationGbSecond`. No free tier: AWS's Oracle 4 applies the compute free tier to the
 *   on-demand part only (and the request free tier to all requests, on-PC ones included), see
 *   lambda-behavior.md Disagreement 1.
 * - Ephemeral storage: (MB - 512) / 1024 GB x billed seconds (on-demand + on-PC) x `ephemeralGbSecond`,
 *   only above 512 MB; no free tier (Oracle 3 bills all of it).
 * - SnapStart: cache GB-s and GB restored, priced in snapstart.ts; no free tier, no tiers.
 *
 * @throws RangeError when a usage field is negative or not a number, or memory is not positive
 */
export function computeCharges(usages: readonly FunctionUsage[], table: PriceTable, freeTier: boolean): Charges {
  usages.forEach(validateUsage);

  // Request free tier, account-wide.
  let totalRequests = 0;
  for (const u of usages) totalRequests += u.requests;
  const freeRequests = freeTier ? Math.min(table.freeTierRequests, totalRequests) : 0;
  const billableRequests = totalRequests - freeRequests;
  const requestsCost = (billableRequests * table.requestsPerMillion) / 1e6;

  // Duration free tier, shared across architectures.
  const gbSeconds = usages.map((u) => (u.billedMs * u.memoryMb) / MS_MB_PER_GB_SECOND);
  let totalGbSeconds = 0;
  for (const g of gbSeconds) totalGbSeconds += g;
  const freeGbSeconds = freeTier ? Math.min(table.freeTierGbSeconds, totalGbSeconds) : 0;
  const billableShare = totalGbSeconds > 0 ? (totalGbSeconds - freeGbSeconds) / totalGbSeconds : 0;

  const perArch = { x86_64: emptyArchitecture(), arm64: emptyArchitecture() };
  const functions: FunctionCharges[] = usages.map((u, i) => {
    const mb = u.memoryMb;
    const arch = perArch[u.architecture];
    const gbs = gbSeconds[i];
    const provisionedDurationGbSeconds = ((u.provisionedBilledMs ?? 0) * mb) / MS_MB_PER_GB_SECOND;
    const provisionedGbSeconds = ((u.provisionedConcurrencyMs ?? 0) * mb) / MS_MB_PER_GB_SECOND;
    const extraMb = Math.max(0, u.ephemeralStorageMb - FREE_EPHEMERAL_MB);
    const storageGbSeconds = ((u.billedMs + (u.provisionedBilledMs ?? 0)) * extraMb) / MS_MB_PER_GB_SECOND;
    const prices = table[u.architecture];

    arch.gbSeconds += gbs;
    arch.provisionedDurationGbSeconds += provisionedDurationGbSeconds;
    arch.provisionedGbSeconds += provisionedGbSeconds;
    const snap = snapStartCharges(u);

    return {
      name: u.name,
      architecture: u.architecture,
      gbSeconds: gbs,
      billableGbSeconds: gbs * billableShare,
      provisionedDurationGbSeconds,
      provisionedGbSeconds,
      storageGbSeconds,
      billableRequests: totalRequests > 0 ? billableRequests * (u.requests / totalRequests) : 0,
      requests: totalRequests > 0 ? requestsCost * (u.requests / totalRequests) : 0,
      onDemandDuration: 0, // filled in below, once the architecture's aggregate is known
      provisionedDuration: provisionedDurationGbSeconds * prices.provisionedDurationGbSecond,
      provisionedConcurrency: provisionedGbSeconds * prices.provisionedGbSecond,
      storage: storageGbSeconds * table.ephemeralGbSecond,
      snapStartCacheGbSeconds: snap.cacheGbSeconds,
      snapStartCache: snap.cache,
      snapStartRestoredGb: snap.restoredGb,
      snapStartRestore: snap.restore,
    };
  });

  for (const name of ARCHITECTURES) {
    const arch = perArch[name];
    const prices = table[name];
    arch.billableGbSeconds = arch.gbSeconds * billableShare;
    arch.onDemandDuration = tieredCost(arch.billableGbSeconds, prices.durationTiers);
    arch.provisionedDuration = arch.provisionedDurationGbSeconds * prices.provisionedDurationGbSecond;
    arch.provisionedConcurrency = arch.provisionedGbSeconds * prices.provisionedGbSecond;
  }
  for (const f of functions) {
    const arch = perArch[f.architecture];
    f.onDemandDuration = arch.gbSeconds > 0 ? arch.onDemandDuration * (f.gbSeconds / arch.gbSeconds) : 0;
  }

  let storageGbSeconds = 0;
  const snap = { snapStartCacheGbSeconds: 0, snapStartCache: 0, snapStartRestoredGb: 0, snapStartRestore: 0 };
  for (const f of functions) {
    storageGbSeconds += f.storageGbSeconds;
    snap.snapStartCacheGbSeconds += f.snapStartCacheGbSeconds;
    snap.snapStartCache += f.snapStartCache;
    snap.snapStartRestoredGb += f.snapStartRestoredGb;
    snap.snapStartRestore += f.snapStartRestore;
  }

  return {
    functions,
    account: {
      requests: requestsCost,
      billableRequests,
      storageGbSeconds,
      storage: storageGbSeconds * table.ephemeralGbSecond,
      ...snap,
      x86_64: perArch.x86_64,
      arm64: perArch.arm64,
    },
  };
}

function emptyArchitecture(): ArchitectureCharges {
  return {
    gbSeconds: 0,
    billableGbSeconds: 0,
    provisionedDurationGbSeconds: 0,
    provisionedGbSeconds: 0,
    onDemandDuration: 0,
    provisionedDuration: 0,
    provisionedConcurrency: 0,
  };
}

/** Fail fast on usage no real account can have: a silent NaN would turn the whole bill into NaN. */
function validateUsage(u: FunctionUsage): void {
  const fields: Array<[string, number | undefined]> = [
    ['requests', u.requests],
    ['billedMs', u.billedMs],
    ['provisionedBilledMs', u.provisionedBilledMs],
    ['provisionedConcurrencyMs', u.provisionedConcurrencyMs],
    ['provisionedConcurrencyMonthMs', u.provisionedConcurrencyMonthMs],
    ['ephemeralStorageMb', u.ephemeralStorageMb],
    ['snapStart.activeMs', u.snapStart?.activeMs],
    ['snapStart.restores', u.snapStart?.restores],
  ];
  for (const [field, value] of fields) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`billing: function ${u.name}: ${field} ${value} is not a non-negative number`);
    }
  }
  if (!(Number.isFinite(u.memoryMb) && u.memoryMb > 0)) {
    throw new RangeError(`billing: function ${u.name}: memoryMb ${u.memoryMb} is not a positive number`);
  }
  if (u.architecture !== 'x86_64' && u.architecture !== 'arm64') {
    throw new RangeError(`billing: function ${u.name}: unknown architecture ${String(u.architecture)}`);
  }
}
