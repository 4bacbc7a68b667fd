/**
 * `breakEven:` (top level, optional): compare each function with an always-on fleet sized for the
 * simulated load (src/billing/break-even.ts has the rules).
 *
 * ```yaml
 * breakEven:
 *   instance: m7g.large           # t4g.medium, c7g.large, m7g.large, m7i.large, fargate, or any name with pricePerHour
 *   concurrencyPerInstance: 8     # concurrent requests one instance carries
 *   sizeFor: p99                  # peak (default) or a percentile of time-weighted concurrency: p50 .. p99.99
 *   headroom: 0.2                 # spare capacity on top (default 0.2)
 *   minInstances: 2               # default 1
 *   savingsPlanDiscount: 0.3      # off the on-demand price (default 0)
 * ```
 */
import { z } from 'zod';
import type { BreakEvenConfig } from '../billing/break-even.js';
import { INSTANCE_PRICES } from '../billing/break-even-prices.js';
import { customIssue, enumField, intField, listChoices, numberField, strictObject } from './fields.js';
import { didYouMean } from './suggest.js';

const INSTANCES = [...INSTANCE_PRICES.keys(), 'fargate'];
const SIZE_FOR_EXPECTED = 'peak or a percentile such as p99 (p50 to p99.99)';

/** `peak`, or `pNN[.N]` read as a quantile in (0, 1). */
const sizeFor = z
  .string({ error: SIZE_FOR_EXPECTED })
  .transform((text, ctx): 'peak' | number => {
    if (text === 'peak') return 'peak';
    const m = /^p(\d{1,2}(?:\.\d{1,2})?)$/.exec(text);
    const pct = m ? Number(m[1]) : NaN;
    if (!(pct >= 50 && pct < 100)) {
      ctx.issues.push(customIssue(SIZE_FOR_EXPECTED, text));
      return z.NEVER;
    }
    return Number((pct / 100).toPrecision(12));
  })
  .describe('What the fleet is sized for: peak (default) or a percentile of the time-weighted concurrency, e.g. p99.');

export const breakEvenSchema = strictObject({
  instance: z
    .string({ error: `an instance type: ${listChoices(INSTANCES)}, or any name with pricePerHour` })
    .min(1)
    .describe(`The always-on alternative: ${listChoices(INSTANCES)} (us-east-1 Linux on-demand prices built in), or any name with pricePerHour.`),
  pricePerHour: numberField(0).optional().describe('USD per instance-hour, on-demand; replaces the built-in price (required for other types).'),
  fargate: strictObject({
    vcpu: numberField(0, 16, true).describe('vCPU of one task (0.25 to 16).'),
    memoryGb: numberField(0, 120, true).describe('Memory of one task in GB (0.5 to 120).'),
    architecture: enumField(['x86_64', 'arm64']).default('x86_64').describe('Linux/x86 or Linux/ARM prices. Default x86_64.'),
  })
    .optional()
    .describe('The task size when instance is fargate.'),
  concurrencyPerInstance: numberField(0, undefined, true).describe(
    'Concurrent requests one instance (or task) carries (required). From a throughput per instance: requests/s x mean duration (Little\'s law).',
  ),
  sizeFor: sizeFor.prefault('peak'),
  headroom: numberField(0, 10).default(0.2).describe('Spare capacity on top of the sized concurrency, 0.2 = 20%. Default 0.2.'),
  minInstances: intField(1).default(1).describe('Smallest fleet (e.g. 2 for two Availability Zones). Default 1.'),
  savingsPlanDiscount: numberField(0, 0.99).default(0).describe('Discount off the on-demand price, 0.3 = 30% (Savings Plans: up to 72%). Default 0.'),
  functions: z.array(z.string({ error: 'a function name' }), { error: 'a list of function names' }).min(1).optional().describe('Functions to compare. Default all.'),
})
  .superRefine((b, ctx) => {
    if (b.instance === 'fargate' && b.fargate === undefined) {
      ctx.issues.push(customIssue('a fargate: {vcpu, memoryGb} task size with instance fargate', undefined, {}, ['fargate']));
    }
    if (b.instance !== 'fargate' && b.fargate !== undefined) {
      ctx.issues.push(customIssue('no fargate size unless instance is fargate', b.fargate, {}, ['fargate']));
    }
    if (!INSTANCES.includes(b.instance) && b.pricePerHour === undefined) {
      ctx.issues.push(
        customIssue(`an instance type with a built-in price (${listChoices(INSTANCES)}), or pricePerHour`, b.instance, { hint: didYouMean(b.instance, INSTANCES) }, ['instance']),
      );
    }
  })
  .transform((b): BreakEvenConfig => ({ ...b }))
  .optional()
  .describe('Compare each function with an always-on fleet sized for the simulated load (summary.json breakEven).');

/**
 * Checks that need the functions: names under `breakEven.functions` exist. Runs on the whole
 * scenario, defensively (other parts may have failed).
 */
export function checkBreakEvenFunctions(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (typeof value !== 'object' || value === null) return;
  const v = value as { functions?: unknown; breakEven?: { functions?: unknown } };
  const names = typeof v.functions === 'object' && v.functions !== null ? Object.keys(v.functions) : undefined;
  const wanted = v.breakEven?.functions;
  if (names === undefined || !Array.isArray(wanted)) return;
  wanted.forEach((name, i) => {
    if (typeof name === 'string' && !names.includes(name)) {
      ctx.issues.push(customIssue(`the name of a function under functions (${listChoices(names)})`, name, { hint: didYouMean(name, names) }, ['breakEven', 'functions', i]));
    }
  });
}
