/** Applying a scenario's `billing.prices` overrides to a price table. */
import type { Architecture, ArchitecturePriceOverride, ArchitecturePrices, PriceOverrides, PriceTable } from './types.js';
import { validateTiers } from './tiers.js';

const ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];
const SCALAR_FIELDS = ['requestsPerMillion', 'ephemeralGbSecond', 'freeTierRequests', 'freeTierGbSeconds'] as const;

/**
 * Apply `overrides` to `table` in place and return it.
 *
 * A flat `gbSecond` replaces the tiers with one unbounded tier (how old, untiered examples were priced);
 * `durationTiers` replaces the tiers; giving both for one architecture is ambiguous and rejected.
 * Every other field replaces its counterpart. Each applied override is listed in one note
 * ("price overrides: x86_64.gbSecond=0.00001667"), so a report says its numbers are not AWS's list prices.
 *
 * @throws RangeError for a negative or non-finite value, both `gbSecond` and `durationTiers`, or invalid tiers
 */
export function applyOverrides(table: PriceTable, overrides: PriceOverrides | undefined, notes: string[]): PriceTable {
  if (overrides === undefined) return table;
  const applied: string[] = [];
  for (const field of SCALAR_FIELDS) {
    const value = overrides[field];
    if (value === undefined) continue;
    table[field] = checkedPrice(value, `billing.prices.${field}`);
    applied.push(`${field}=${value}`);
  }
  for (const arch of ARCHITECTURES) {
    const o = overrides[arch];
    if (o !== undefined) applyArchitecture(table[arch], o, arch, applied);
  }
  if (applied.length > 0) notes.push(`price overrides: ${applied.join(', ')}`);
  return table;
}

function applyArchitecture(prices: ArchitecturePrices, o: ArchitecturePriceOverride, arch: Architecture, applied: string[]): void {
  const where = `billing.prices.${arch}`;
  if (o.gbSecond !== undefined && o.durationTiers !== undefined) {
    throw new RangeError(`${where}: give either gbSecond or durationTiers, not both`);
  }
  if (o.gbSecond !== undefined) {
    prices.durationTiers = [{ upToGbSeconds: null, gbSecond: checkedPrice(o.gbSecond, `${where}.gbSecond`) }];
    applied.push(`${arch}.gbSecond=${o.gbSecond}`);
  }
  if (o.durationTiers !== undefined) {
    validateTiers(o.durationTiers, `${where}.durationTiers`);
    prices.durationTiers = o.durationTiers.map((tier) => ({ ...tier }));
    applied.push(`${arch}.durationTiers`);
  }
  if (o.provisionedGbSecond !== undefined) {
    prices.provisionedGbSecond = checkedPrice(o.provisionedGbSecond, `${where}.provisionedGbSecond`);
    applied.push(`${arch}.provisionedGbSecond=${o.provisionedGbSecond}`);
  }
  if (o.provisionedDurationGbSecond !== undefined) {
    prices.provisionedDurationGbSecond = checkedPrice(o.provisionedDurationGbSecond, `${where}.provisionedDurationGbSecond`);
    applied.push(`${arch}.provisionedDurationGbSecond=${o.provisionedDurationGbSecond}`);
  }
}

function checkedPrice(value: number, where: string): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${where}: ${value} is not a non-negative number`);
  return value;
}
