/**
 * Distributions as users write them (`120ms`, `{dist: lognormal, p50: 80ms, p99: 600ms}`), read
 * into the kernel's {@link DistSpec} in microseconds.
 *
 * To add a distribution: write one entry of {@link DISTRIBUTION_OPTIONS} that reads its YAML and
 * returns a DistSpec, and remove its name from NOT_SUPPORTED_YET.distributions. `empirical`
 * (empirical-schema.ts), `percentiles` (percentiles-schema.ts) and `mixture` (mixture-schema.ts) are
 * added in {@link distributionField}.
 */
import { z } from 'zod';
import type { DistSpec } from '../kernel/dist-spec.js';
import { customIssue, durationField, markNotSupported, numberField, strictObject } from './fields.js';
import { formatDuration } from './units.js';
import { empiricalDist } from './empirical-schema.js';
import { mixtureDist } from './mixture-schema.js';
import { percentilesDist } from './percentiles-schema.js';
import type { ReportField } from './report-log.js';

/**
 * z of the 0.99 quantile of the standard normal: for a lognormal, ln(p99 / p50) = 2.3263... x sigma.
 * Value of the inverse normal CDF at 0.99 (Abramowitz & Stegun table 26.5; any statistics library).
 */
export const Z_99 = 2.3263478740408408;

/** What a distribution field accepts, for error messages. */
export const DISTRIBUTION_EXPECTED =
  'a duration such as 120ms or a distribution such as {dist: lognormal, p50: 80ms, p99: 600ms}';

/**
 * What a distribution's parameters are: durations (`120ms`, read into us) for times, or plain
 * numbers for other quantities (memory in MB). The options below are written once for both.
 */
interface ValueKind {
  /** Any value of the quantity (>= 0). */
  any(): z.ZodType<number, unknown>;
  /** A value > 0. */
  positive(): z.ZodType<number, unknown>;
  /** A value as the user would write it, for "expected" phrases. */
  format(value: number): string;
  /** Example values for descriptions, by parameter role. */
  eg: { value: string; min: string; max: string; mean: string; expMean: string; sd: string; p50: string; p99: string };
  /** What one value is, for "expected" phrases: a duration, a number. */
  noun: string;
}

const DURATIONS: ValueKind = {
  any: () => durationField(),
  positive: () => durationField({ min: 0, exclusiveMin: true }),
  format: formatDuration,
  eg: { value: '120ms', min: '5m', max: '15m', mean: '200ms', expMean: '100ms', sd: '20ms', p50: '80ms', p99: '600ms' },
  noun: 'a duration',
};

/** Megabytes (memory used): plain numbers. */
const MEGABYTES: ValueKind = {
  any: () => numberField(0),
  positive: () => numberField(0, undefined, true),
  format: (mb) => `${mb}`,
  eg: { value: '90', min: '80', max: '120', mean: '100', expMean: '100', sd: '10', p50: '90', p99: '140' },
  noun: 'a number',
};

/** The `{dist: ...}` options whose parameters are of kind `kind`. */
function distributionOptions(kind: ValueKind) {
  const constantDist = strictObject({
    dist: z.literal('constant').describe('Always the same value.'),
    value: kind.any().describe(`The value, e.g. ${kind.eg.value}.`),
  })
    .describe('constant {value}')
    .transform((v): DistSpec => ({ dist: 'constant', value: v.value }));

  const uniformDist = strictObject({
    dist: z.literal('uniform').describe('Uniform between min and max.'),
    min: kind.any().describe(`Smallest value, e.g. ${kind.eg.min}.`),
    max: kind.any().describe(`Largest value (at least min), e.g. ${kind.eg.max}.`),
  })
    .describe('uniform {min, max}')
    .transform((v, ctx): DistSpec => {
      if (v.max < v.min) {
        ctx.issues.push(customIssue(`max of at least min (${kind.format(v.min)})`, v.max, {}, ['max']));
        return z.NEVER;
      }
      return { dist: 'uniform', min: v.min, max: v.max };
    });

  const exponentialDist = strictObject({
    dist: z.literal('exponential').describe('Exponential (memoryless) with the given mean.'),
    mean: kind.positive().describe(`Mean, e.g. ${kind.eg.expMean}.`),
  })
    .describe('exponential {mean}')
    .transform((v): DistSpec => ({ dist: 'exponential', mean: v.mean }));

  const normalDist = strictObject({
    dist: z.literal('normal').describe('Normal, truncated at 0 (negative draws are redrawn).'),
    mean: kind.any().describe(`Mean, e.g. ${kind.eg.mean}.`),
    sd: kind.any().describe(`Standard deviation, e.g. ${kind.eg.sd}.`),
  })
    .describe('normal {mean, sd}')
    .transform((v): DistSpec => ({ dist: 'normal', mean: v.mean, sd: v.sd }));

  const lognormalDist = strictObject({
    dist: z.literal('lognormal').describe('Lognormal, given by two percentiles or by median and sigma.'),
    p50: kind.positive().optional().describe(`Median (50th percentile), e.g. ${kind.eg.p50}; give with p99.`),
    p99: kind.positive().optional().describe(`99th percentile, greater than p50, e.g. ${kind.eg.p99}.`),
    median: kind.positive().optional().describe(`Median, e.g. ${kind.eg.p50}; give with sigma.`),
    sigma: numberField(0, undefined, true).optional().describe('Standard deviation of ln(value), > 0.'),
  })
    .describe('lognormal {p50, p99} or {median, sigma}')
    .meta({ oneOf: [{ required: ['p50', 'p99'] }, { required: ['median', 'sigma'] }] })
    .transform((v, ctx): DistSpec => {
      const byPercentiles = v.p50 !== undefined || v.p99 !== undefined;
      const byMedian = v.median !== undefined || v.sigma !== undefined;
      const either = 'either p50 and p99, or median and sigma';
      if (byPercentiles && byMedian) {
        const key = v.median !== undefined ? 'median' : 'sigma';
        ctx.issues.push(customIssue(`${either}, not both`, v[key], { reason: `give ${either}, not both` }, [key]));
        return z.NEVER;
      }
      if (byPercentiles) {
        if (v.p50 === undefined || v.p99 === undefined) {
          const missing = v.p50 === undefined ? 'p50' : 'p99';
          ctx.issues.push(customIssue(`${kind.noun} (a lognormal given by p50 also needs p99)`, undefined, {}, [missing]));
          return z.NEVER;
        }
        if (v.p99 <= v.p50) {
          ctx.issues.push(customIssue(`p99 greater than p50 (${kind.format(v.p50)})`, v.p99, {}, ['p99']));
          return z.NEVER;
        }
        return { dist: 'lognormal', median: v.p50, sigma: Math.log(v.p99 / v.p50) / Z_99 };
      }
      if (v.median === undefined || v.sigma === undefined) {
        const missing = v.median === undefined ? 'median' : 'sigma';
        const message = byMedian ? `a value (a lognormal given by median also needs sigma)` : either;
        ctx.issues.push(customIssue(message, undefined, {}, byMedian ? [missing] : []));
        return z.NEVER;
      }
      return { dist: 'lognormal', median: v.median, sigma: v.sigma };
    });

  const gammaDist = strictObject({
    dist: z.literal('gamma').describe('Gamma with a mean and a coefficient of variation.'),
    mean: kind.positive().describe(`Mean, e.g. ${kind.eg.mean}.`),
    cv: numberField(0, undefined, true).describe('Coefficient of variation (sd / mean), > 0.'),
  })
    .describe('gamma {mean, cv}')
    .transform((v): DistSpec => ({ dist: 'gamma', mean: v.mean, cv: v.cv }));
  return [constantDist, uniformDist, exponentialDist, normalDist, lognormalDist, gammaDist] as const;
}

/** One entry per `dist` value the loader reads. Add a distribution here (see the file comment). */
export const DISTRIBUTION_OPTIONS = distributionOptions(DURATIONS);

/**
 * The `{dist: ...}` form, dispatched on `dist`: the options above, `empirical` (whose REPORT-log
 * field depends on where the distribution is), `percentiles` and `mixture` of any of them.
 */
function distributionObject(reportField: ReportField) {
  const base = [...DISTRIBUTION_OPTIONS, empiricalDist(reportField), percentilesDist()] as const;
  return markNotSupported(
    z.discriminatedUnion('dist', [...base, mixtureDist(base)], { error: DISTRIBUTION_EXPECTED }),
    'distributions',
  );
}

const durationObject = distributionObject('Duration');
const initObject = distributionObject('Init Duration');

/** The bare-string shorthand: `120ms` means `{dist: constant, value: 120ms}`. */
const constantShorthand = durationField().transform((us): DistSpec => ({ dist: 'constant', value: us }));

/**
 * A distribution field: a duration string (constant) or a `{dist: ...}` mapping, read into a
 * {@link DistSpec} whose times are microseconds. `reportField` is what an `empirical` REPORT log gives
 * here: Duration (the default) or Init Duration (for `init`).
 */
export function distributionField(options: { reportField?: ReportField } = {}) {
  const object = options.reportField === 'Init Duration' ? initObject : durationObject;
  return z.union([constantShorthand, object], { error: DISTRIBUTION_EXPECTED });
}

/** What a memory distribution field accepts, for error messages. */
export const MEMORY_DISTRIBUTION_EXPECTED = 'a number of MB such as 90 or a distribution such as {dist: lognormal, p50: 90, p99: 140}';

/**
 * A distribution of megabytes (`memoryUsed`): a number (constant) or a `{dist: ...}` mapping whose
 * parameters are numbers of MB, or a `mixture` of them. (`empirical` reads durations, so it is not
 * offered here.)
 */
export function memoryDistributionField() {
  const options = distributionOptions(MEGABYTES);
  const object = z.discriminatedUnion('dist', [...options, mixtureDist(options)], { error: MEMORY_DISTRIBUTION_EXPECTED });
  const shorthand = numberField(0).transform((mb): DistSpec => ({ dist: 'constant', value: mb }));
  return z.union([shorthand, object], { error: MEMORY_DISTRIBUTION_EXPECTED });
}
