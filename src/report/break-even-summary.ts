/**
 * summary.json's `breakEven` (only when the scenario has a `breakEven:` block): Lambda against an
 * always-on fleet, per function, in report units (USD to 8 decimals, fractions to 6).
 * The rules and the method are in src/billing/break-even.ts.
 */
import { FLEET_HOURS_PER_MONTH, type BreakEvenFunction, type BreakEvenResults } from '../billing/break-even.js';
import { MONTH_DAYS } from '../billing/month.js';
import { assertFinite, fraction, integer, usd } from './format-number.js';

/** One function's comparison: the model's figures rounded, plus which side is cheaper at 1x. */
export type BreakEvenFunctionSummary = Omit<BreakEvenFunction, 'name'> & { cheaper: 'lambda' | 'always-on' };

export interface BreakEvenSummary {
  method: 'closed-form';
  assumption: string;
  alternative: {
    instance: string;
    onDemandPerHour: number;
    savingsPlanDiscount: number;
    /** After the discount. */
    pricePerHour: number;
    hoursPerMonth: number;
    concurrencyPerInstance: number;
    sizeFor: string;
    headroom: number;
    minInstances: number;
    source: string;
  };
  functions: Record<string, BreakEvenFunctionSummary>;
}

/** `peak` or `p99`, `p99.9` as written. */
export function sizeForText(sizeFor: 'peak' | number): string {
  return sizeFor === 'peak' ? 'peak' : `p${Number((sizeFor * 100).toPrecision(6))}`;
}

/** Results.breakEven in report units. */
export function summarizeBreakEven(b: BreakEvenResults): BreakEvenSummary {
  const c = b.config;
  const functions: Record<string, BreakEvenFunctionSummary> = Object.create(null);
  for (const f of b.functions) {
    const field = `breakEven.functions.${f.name}`;
    const money = (v: number | null, key: string): number | null => (v === null ? null : usd(v, `${field}.${key}`));
    functions[f.name] = {
      sizedConcurrency: integer(f.sizedConcurrency, `${field}.sizedConcurrency`),
      meanConcurrency: fraction(f.meanConcurrency, `${field}.meanConcurrency`),
      instances: integer(f.instances, `${field}.instances`),
      utilization: fraction(f.utilization, `${field}.utilization`),
      lambdaPerMonth: usd(f.lambdaPerMonth, `${field}.lambdaPerMonth`),
      alwaysOnPerMonth: usd(f.alwaysOnPerMonth, `${field}.alwaysOnPerMonth`),
      cheaper: f.lambdaPerMonth < f.alwaysOnPerMonth ? 'lambda' : 'always-on',
      breakEvenMultiplier: f.breakEvenMultiplier === null ? null : fraction(f.breakEvenMultiplier, `${field}.breakEvenMultiplier`),
      searchedUpTo: fraction(f.searchedUpTo, `${field}.searchedUpTo`),
      lambdaAtBreakEven: money(f.lambdaAtBreakEven, 'lambdaAtBreakEven'),
      alwaysOnAtBreakEven: money(f.alwaysOnAtBreakEven, 'alwaysOnAtBreakEven'),
      curve: f.curve.map((p, i) => ({
        multiplier: fraction(p.multiplier, `${field}.curve.${i}.multiplier`),
        lambda: usd(p.lambda, `${field}.curve.${i}.lambda`),
        alwaysOn: usd(p.alwaysOn, `${field}.curve.${i}.alwaysOn`),
      })),
    };
  }
  return {
    method: b.method,
    assumption:
      `closed form, no re-simulation: at a traffic multiple m, requests, billed duration and the sized concurrency scale by m ` +
      `(exact for Lambda's usage and the mean concurrency; a peak grows more slowly, so above 1x the fleet is sized a little large); ` +
      `Lambda priced for ${MONTH_DAYS} days by the scenario's billing rules, each function alone; the fleet runs ${FLEET_HOURS_PER_MONTH} h a month`,
    alternative: {
      instance: b.fleet.instance,
      onDemandPerHour: assertFinite(b.fleet.onDemandHourly, 'breakEven.alternative.onDemandPerHour'),
      savingsPlanDiscount: assertFinite(b.fleet.savingsPlanDiscount, 'breakEven.alternative.savingsPlanDiscount'),
      pricePerHour: usd(b.fleet.hourly, 'breakEven.alternative.pricePerHour'),
      hoursPerMonth: FLEET_HOURS_PER_MONTH,
      concurrencyPerInstance: assertFinite(c.concurrencyPerInstance, 'breakEven.alternative.concurrencyPerInstance'),
      sizeFor: sizeForText(c.sizeFor),
      headroom: assertFinite(c.headroom, 'breakEven.alternative.headroom'),
      minInstances: integer(c.minInstances, 'breakEven.alternative.minInstances'),
      source: b.fleet.source,
    },
    functions,
  };
}
