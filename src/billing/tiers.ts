/** Monthly duration tiers: checking a tier list and pricing an aggregate of GB-s across it. */
import type { DurationTier } from './types.js';

/**
 * Check that `tiers` can price any amount: at least one tier, non-negative finite prices, bounds
 * strictly increasing and positive, and only the last tier unbounded (`upToGbSeconds: null`).
 *
 * @param where - the setting's path for the message, e.g. `billing.prices.x86_64.durationTiers`
 * @throws RangeError naming `where` and the offending tier
 */
export function validateTiers(tiers: readonly DurationTier[], where: string): void {
  if (tiers.length === 0) throw new RangeError(`${where}: at least one tier is needed`);
  let previous = 0;
  tiers.forEach((tier, i) => {
    if (!(Number.isFinite(tier.gbSecond) && tier.gbSecond >= 0)) {
      throw new RangeError(`${where}[${i}].gbSecond: ${tier.gbSecond} is not a non-negative price`);
    }
    const last = i === tiers.length - 1;
    if (tier.upToGbSeconds === null) {
      if (!last) throw new RangeError(`${where}[${i}]: only the last tier may be unbounded (upToGbSeconds: null)`);
      return;
    }
    if (last) throw new RangeError(`${where}[${i}]: the last tier must be unbounded (upToGbSeconds: null)`);
    if (!(Number.isFinite(tier.upToGbSeconds) && tier.upToGbSeconds > previous)) {
      throw new RangeError(`${where}[${i}].upToGbSeconds: ${tier.upToGbSeconds} must be greater than ${previous}`);
    }
    previous = tier.upToGbSeconds;
  });
}

/**
 * Cost of `gbSeconds` billed over the month against cumulative `tiers`: each band's GB-s at that
 * band's price (e.g. x86: 9 B GB-s -> 6 B x $0.0000166667 + 3 B x $0.000015, Oracle 11).
 * Tiers must be valid (see {@link validateTiers}); the result is not rounded.
 */
export function tieredCost(gbSeconds: number, tiers: readonly DurationTier[]): number {
  let cost = 0;
  let floor = 0;
  for (const tier of tiers) {
    if (gbSeconds <= floor) break;
    const ceiling = tier.upToGbSeconds ?? Infinity;
    cost += (Math.min(gbSeconds, ceiling) - floor) * tier.gbSecond;
    floor = ceiling;
  }
  return cost;
}
