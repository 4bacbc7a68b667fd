/**
 * SnapStart charges (issue #14): the snapshot cache, per GB-s while the version is active with a
 * minimum of 3 hours per version, and each restore, per GB restored.
 *
 * Prices, us-east-1 (lambda-behavior.md 12.2, https://aws.amazon.com/lambda/pricing/, 2025/26
 * snapshot): cache $0.0000015046 per GB-s, minimum 3 h per version; restore $0.0001397998 per GB
 * restored; no SnapStart charges for the supported Java managed runtimes (same page, and
 * https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html, "SnapStart pricing"). Other Regions use
 * these figures, as every other price does (prices.ts). The GB is the function's memory / 1024, the
 * unit every Lambda memory price uses; Oracle 6 (1 GB, 31 days, 74,400 restores: cache $4.03,
 * restores $10.40) is priced this way.
 */
import type { FunctionUsage } from './types.js';

/** Cache price per GB-s (us-east-1; https://aws.amazon.com/lambda/pricing/, 2025/26 snapshot). */
export const SNAPSTART_CACHE_GB_SECOND = 0.0000015046;
/** Restore price per GB restored (us-east-1; same page). */
export const SNAPSTART_RESTORE_GB = 0.0001397998;
/** The cache is billed for at least 3 hours per version (same page). */
export const SNAPSTART_MIN_CACHE_MS = 3 * 3_600_000;

/** Whether AWS charges SnapStart on this runtime: not on the supported Java managed runtimes (same page). */
export function snapStartCharged(runtime: string): boolean {
  return !runtime.startsWith('java');
}

/** One function's SnapStart usage priced. Zero everywhere without SnapStart or on a free runtime. */
export interface SnapStartCharges {
  /** Cache GB-s billed: memory GB x max(active time, 3 h). */
  cacheGbSeconds: number;
  /** GB restored: memory GB x restores. */
  restoredGb: number;
  cache: number;
  restore: number;
}

const NONE: SnapStartCharges = { cacheGbSeconds: 0, restoredGb: 0, cache: 0, restore: 0 };

/** Price `u.snapStart` (see the file comment). */
export function snapStartCharges(u: FunctionUsage): SnapStartCharges {
  const s = u.snapStart;
  if (s === undefined || !s.charged) return NONE;
  const gb = u.memoryMb / 1024;
  const cacheGbSeconds = (gb * Math.max(s.activeMs, SNAPSTART_MIN_CACHE_MS)) / 1000;
  const restoredGb = gb * s.restores;
  return { cacheGbSeconds, restoredGb, cache: cacheGbSeconds * SNAPSTART_CACHE_GB_SECOND, restore: restoredGb * SNAPSTART_RESTORE_GB };
}
