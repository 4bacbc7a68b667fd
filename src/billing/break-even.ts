/**
 * Break-even against always-on capacity: what the simulated load would cost on a fleet of
 * instances (EC2 or Fargate tasks) that run all month, against what it costs on Lambda, and the
 * traffic level at which the two cost the same.
 *
 * Sizing: the fleet carries `sizedConcurrency` (the peak, or a time-weighted percentile, of the
 * function's concurrent requests, measured by the simulation) plus `headroom`, at
 * `concurrencyPerInstance` requests per instance:
 *   instances = max(minInstances, ceil(sized x (1 + headroom) / concurrencyPerInstance)).
 * A throughput per instance (requests/s) converts to a concurrency by Little's law
 * (concurrency = rate x mean duration), so one knob covers both.
 *
 * Method ("closed-form"): no re-simulation. At a traffic multiplier m, requests, billed duration
 * and the sized concurrency are taken to scale by m (the duration distribution stays fixed).
 * That is exact for Lambda's usage and for the mean concurrency (Little's law); a peak or a high
 * percentile grows more slowly than the traffic, so above 1x the fleet is sized a little large and
 * below 1x a little small. Lambda's monthly cost is then a continuous, increasing, piecewise
 * linear function of m (free tier and duration tiers, the same rules as the bill, month.ts), the
 * fleet's a step function of m; the first m at which Lambda costs at least the fleet is found
 * exactly within each step (bisection on the linear pieces to float precision).
 *
 * Each function is priced alone (its own free tier, when the scenario applies one); provisioned
 * concurrency capacity stays as configured at every m.
 */
import type { Architecture, BillingOptions, FunctionUsage } from './types.js';
import { computeCharges } from './charges.js';
import { priceTable } from './prices.js';
import { MONTH_DAYS, monthlyProvisionedMs } from './month.js';
import { FARGATE_PRICES, INSTANCE_PRICES, INSTANCE_PRICE_REGION } from './break-even-prices.js';

/** Hours the fleet runs in the projected month (the same 30-day month as the Lambda projection). */
export const FLEET_HOURS_PER_MONTH = MONTH_DAYS * 24;
/** The break-even search stops at this multiple of the simulated traffic. */
export const MAX_MULTIPLIER = 1000;
/** The break-even search walks at most this many fleet steps (about 0.1 s), then stops short of MAX_MULTIPLIER and says so. */
export const MAX_STEPS = 100_000;
/** Points of each cost curve (report chart and summary.json). */
export const CURVE_POINTS = 40;

/** `breakEven:` of a scenario, validated (break-even-schema.ts). */
export interface BreakEvenConfig {
  /** A built-in instance type (break-even-prices.ts), `fargate`, or any name with `pricePerHour`. */
  instance: string;
  /** USD per instance-hour; replaces the table's price (required for a type not in the table). */
  pricePerHour?: number;
  /** The task size when `instance` is `fargate`. */
  fargate?: { vcpu: number; memoryGb: number; architecture: Architecture };
  /** Concurrent requests one instance carries. */
  concurrencyPerInstance: number;
  /** `peak`, or a quantile in (0, 1) of the time-weighted concurrency (0.99 = p99). */
  sizeFor: 'peak' | number;
  /** Spare capacity on top of the sized concurrency (0.2 = 20%). */
  headroom: number;
  minInstances: number;
  /** Savings-plan discount off the on-demand price (0.3 = 30%). */
  savingsPlanDiscount: number;
  /** The functions to compare (default all). */
  functions?: string[];
}

/** What the simulation measured of one function. */
export interface BreakEvenLoad {
  usage: FunctionUsage;
  /** The concurrency the fleet is sized for (peak or percentile). */
  sizedConcurrency: number;
  /** Time-averaged concurrency (for the fleet's utilisation). */
  meanConcurrency: number;
}

/** The always-on alternative as priced. */
export interface FleetPrice {
  instance: string;
  /** USD per instance-hour after the savings-plan discount. */
  hourly: number;
  onDemandHourly: number;
  savingsPlanDiscount: number;
  source: string;
}

export interface CurvePoint {
  multiplier: number;
  lambda: number;
  alwaysOn: number;
}

export interface BreakEvenFunction {
  name: string;
  sizedConcurrency: number;
  meanConcurrency: number;
  instances: number;
  /** Mean concurrency over the fleet's capacity (instances x concurrencyPerInstance). */
  utilization: number;
  /** USD per 30-day month at the simulated traffic. */
  lambdaPerMonth: number;
  alwaysOnPerMonth: number;
  /** The first traffic multiple at which Lambda costs at least the fleet; null: not up to `searchedUpTo`. */
  breakEvenMultiplier: number | null;
  /** How far the search went: MAX_MULTIPLIER, or less when the fleet has more than MAX_STEPS steps before it. */
  searchedUpTo: number;
  /** Monthly cost of each at the break-even multiple (equal unless the fleet steps up there). */
  lambdaAtBreakEven: number | null;
  alwaysOnAtBreakEven: number | null;
  curve: CurvePoint[];
}

export interface BreakEvenResults {
  method: 'closed-form';
  fleet: FleetPrice;
  config: BreakEvenConfig;
  functions: BreakEvenFunction[];
  notes: string[];
}

/**
 * The hourly price of the configured alternative.
 * @throws RangeError for an unknown instance without `pricePerHour`, or fargate without a size
 */
export function fleetPrice(config: BreakEvenConfig, region: string, notes: string[] = []): FleetPrice {
  let onDemandHourly: number;
  let source: string;
  if (config.instance === 'fargate') {
    if (config.fargate === undefined) throw new RangeError('breakEven: instance fargate needs a fargate {vcpu, memoryGb} size');
    const p = FARGATE_PRICES[config.fargate.architecture];
    onDemandHourly = config.fargate.vcpu * p.vcpuHour + config.fargate.memoryGb * p.gbHour;
    source = p.source;
  } else {
    const known = INSTANCE_PRICES.get(config.instance);
    if (known === undefined && config.pricePerHour === undefined) throw new RangeError(`breakEven: no built-in price for ${config.instance}; give pricePerHour`);
    onDemandHourly = known?.hourly ?? 0;
    source = known?.source ?? '';
  }
  if (config.pricePerHour !== undefined) {
    onDemandHourly = config.pricePerHour;
    source = 'breakEven.pricePerHour in the scenario';
  } else if (region !== INSTANCE_PRICE_REGION) {
    notes.push(`no instance prices for ${region}; ${INSTANCE_PRICE_REGION} prices used for the always-on alternative`);
  }
  return { instance: config.instance, onDemandHourly, hourly: onDemandHourly * (1 - config.savingsPlanDiscount), savingsPlanDiscount: config.savingsPlanDiscount, source };
}

/**
 * ceil of a ratio that should be whole when it is whole on paper: 10 x 1.2 / 4 is
 * 3.0000000000000004 in binary, which must size 3 instances, not 4.
 */
function ceilClean(x: number): number {
  return Math.ceil(Number.parseFloat(x.toPrecision(12)));
}

/** Instances the fleet needs at traffic multiple `m`. */
export function fleetInstances(config: Pick<BreakEvenConfig, 'minInstances' | 'headroom' | 'concurrencyPerInstance'>, sizedConcurrency: number, m: number): number {
  return Math.max(config.minInstances, ceilClean((m * sizedConcurrency * (1 + config.headroom)) / config.concurrencyPerInstance));
}

/**
 * Lambda's cost per 30-day month of `usage` (measured over `periodMs`) at traffic multiple `m`,
 * by the bill's own rules (computeCharges), the function priced alone.
 */
export function lambdaMonthlyAt(usage: FunctionUsage, options: BillingOptions, periodMs: number): (m: number) => number {
  const { table } = priceTable(options.region, options.prices);
  const k = (MONTH_DAYS * 86_400_000) / periodMs;
  return (m: number): number => {
    const scaled: FunctionUsage = {
      ...usage,
      requests: usage.requests * k * m,
      billedMs: usage.billedMs * k * m,
      ...(usage.provisionedBilledMs !== undefined ? { provisionedBilledMs: usage.provisionedBilledMs * k * m } : {}),
      ...(usage.provisionedConcurrencyMs !== undefined ? { provisionedConcurrencyMs: monthlyProvisionedMs(usage)! * k } : {}),
    };
    const f = computeCharges([scaled], table, options.freeTier).functions[0];
    return f.requests + f.onDemandDuration + f.provisionedDuration + f.provisionedConcurrency + f.storage;
  };
}

/**
 * A line above Lambda's monthly cost at every m: its cost at 0 (provisioned capacity) plus the
 * slope without a free tier at the first, dearest duration tier (tiers only make it cheaper, so the
 * curve is concave and lies under this tangent).
 */
function linearBound(usage: FunctionUsage, options: BillingOptions, periodMs: number): { c0: number; slope: number } {
  const noFree = lambdaMonthlyAt(usage, { ...options, freeTier: false }, periodMs);
  const c0 = noFree(0);
  const eps = 1e-6;
  return { c0, slope: ((noFree(eps) - c0) / eps) * (1 + 1e-9) };
}

/**
 * The first m in (0, MAX_MULTIPLIER] with lambda(m) >= fleet(m), or null. Walks the fleet's steps
 * (k instances on (a, b], b = k x perInstance / (sized x (1 + headroom))) and bisects within the
 * first step whose end Lambda reaches.
 */
function solveBreakEven(
  lambda: (m: number) => number,
  lambdaBound: { c0: number; slope: number },
  fleetMonthly: (instances: number) => number,
  config: BreakEvenConfig,
  sized: number,
): { at: number | null; searchedUpTo: number } {
  const perStep = config.concurrencyPerInstance / (sized * (1 + config.headroom));
  // Past `a`, the fleet costs at least (m / perStep) x one instance, Lambda at most c0 + slope x m:
  // when the first line is above the second at `a` and grows faster, they never meet again.
  const fleetSlope = fleetMonthly(1) / perStep;
  const neverAfter = (a: number): boolean => lambdaBound.slope <= fleetSlope && lambdaBound.c0 + lambdaBound.slope * a < fleetSlope * a;
  let a = 0;
  for (let k = config.minInstances, steps = 0; a < MAX_MULTIPLIER; k++, steps++) {
    if (steps % 1000 === 999 && neverAfter(a)) return { at: null, searchedUpTo: MAX_MULTIPLIER };
    if (steps === MAX_STEPS) return { at: null, searchedUpTo: a };
    const b = Number.isFinite(perStep) ? Math.min(MAX_MULTIPLIER, k * perStep) : MAX_MULTIPLIER;
    if (b <= a) continue;
    const fleet = fleetMonthly(k);
    if (lambda(b) >= fleet) {
      // lambda is continuous and increasing: bisect (a, b] to float precision.
      let lo = a;
      let hi = b;
      for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
        const mid = (lo + hi) / 2;
        if (lambda(mid) >= fleet) hi = mid;
        else lo = mid;
      }
      return { at: hi, searchedUpTo: MAX_MULTIPLIER };
    }
    a = b;
  }
  return { at: null, searchedUpTo: MAX_MULTIPLIER };
}

/** The right end of the chart's traffic axis: a round number past both 1x and the break-even. */
function curveEnd(breakEven: number | null): number {
  const need = 1.25 * Math.max(1, breakEven ?? 2);
  for (const x of [2, 3, 4, 5, 10, 20, 50, 100, 200, 500, 1000]) if (x >= need) return x;
  return MAX_MULTIPLIER;
}

/**
 * The break-even of each load against the configured fleet.
 * @param periodMs  the measured period the usage covers
 * @throws RangeError on an unpriced instance (see fleetPrice)
 */
export function computeBreakEven(config: BreakEvenConfig, loads: readonly BreakEvenLoad[], options: BillingOptions, periodMs: number): BreakEvenResults {
  const notes: string[] = [];
  const fleet = fleetPrice(config, options.region, notes);
  const fleetMonthly = (instances: number): number => instances * fleet.hourly * FLEET_HOURS_PER_MONTH;
  const functions = loads.map((load): BreakEvenFunction => {
    const lambda = lambdaMonthlyAt(load.usage, options, periodMs);
    const instances = fleetInstances(config, load.sizedConcurrency, 1);
    const { at: m, searchedUpTo } = solveBreakEven(lambda, linearBound(load.usage, options, periodMs), fleetMonthly, config, load.sizedConcurrency);
    const end = curveEnd(m);
    const curve: CurvePoint[] = [];
    for (let i = 0; i <= CURVE_POINTS; i++) {
      const x = (end * i) / CURVE_POINTS;
      curve.push({ multiplier: x, lambda: lambda(x), alwaysOn: fleetMonthly(fleetInstances(config, load.sizedConcurrency, x)) });
    }
    return {
      name: load.usage.name,
      sizedConcurrency: load.sizedConcurrency,
      meanConcurrency: load.meanConcurrency,
      instances,
      utilization: load.meanConcurrency / (instances * config.concurrencyPerInstance),
      lambdaPerMonth: lambda(1),
      alwaysOnPerMonth: fleetMonthly(instances),
      breakEvenMultiplier: m,
      searchedUpTo,
      lambdaAtBreakEven: m === null ? null : lambda(m),
      alwaysOnAtBreakEven: m === null ? null : fleetMonthly(fleetInstances(config, load.sizedConcurrency, m)),
      curve,
    };
  });
  return { method: 'closed-form', fleet, config, functions, notes };
}
