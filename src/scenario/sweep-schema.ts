/**
 * `sweep:` (the what-if engine, `sim sweep`): the grid of variants to run, written in the scenario
 * so CI needs no long command line. `sim run` ignores it.
 *
 * ```yaml
 * sweep:
 *   vary:
 *     functions.api.memorySize: 128..3008 step 128   # a range: FROM..TO step STEP (numbers)
 *     functions.api.architecture: [x86_64, arm64]     # or a list of values, each read like --set
 *   replications: 5
 *   pick: cheapest
 * ```
 *
 * Each key of `vary` is a `--set` path; the grid is every combination, the first key varying
 * slowest. Ranges are expanded here so the rest of the program sees lists only.
 */
import { z } from 'zod';
import { customIssue, enumField, intField, strictObject } from './fields.js';

/** Largest grid a sweep accepts: beyond it a typo (step 1 instead of 128) would run for hours. */
export const MAX_SWEEP_POINTS = 10_000;

/** How a sweep picks its recommendation among the points that meet every `expect` line. */
export const PICK_STRATEGIES = ['cheapest', 'fastest', 'balanced'] as const;
export type PickStrategy = (typeof PICK_STRATEGIES)[number];

export const RANGE_EXPECTED = 'a range FROM..TO step STEP such as 128..3008 step 128';

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const RANGE = new RegExp(String.raw`^\s*(${NUMBER})\s*\.\.\s*(${NUMBER})\s+step\s+(${NUMBER})\s*$`);

/** Whether text looks like a range (has `..`), so a malformed one is reported as a range. */
export function looksLikeRange(text: string): boolean {
  return /^\s*[+-]?[\d.]+\s*\.\./.test(text);
}

/** Why a range is refused: the "expected" phrase and what was found, for one error line. */
export interface RangeProblem {
  expected: string;
  found: string;
}

/**
 * Expand `FROM..TO step STEP` (both ends included when the step lands on TO). Values are rounded to
 * 12 significant digits so `0.1..0.5 step 0.1` gives 0.3, not 0.30000000000000004.
 *
 * @returns the values, or what is wrong (a range of more than {@link MAX_SWEEP_POINTS} values is
 * well written: the problem is then its count, said as such)
 * @example parseRange('128..512 step 128') -> [128, 256, 384, 512]
 */
export function parseRange(text: string): number[] | RangeProblem {
  const m = RANGE.exec(text);
  const found = `"${text.trim()}"`;
  if (!m) return { expected: RANGE_EXPECTED, found };
  const [from, to, step] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!(step > 0)) return { expected: 'a step above 0', found };
  if (to < from) return { expected: 'FROM <= TO', found };
  // The small epsilon keeps TO when (TO - FROM) / STEP is a whole number up to float error.
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_SWEEP_POINTS) {
    return { expected: `at most ${MAX_SWEEP_POINTS.toLocaleString('en-US')} values (a sweep's limit: a larger step, or a narrower range)`, found: `${count.toLocaleString('en-US')} values in ${found}` };
  }
  return Array.from({ length: count }, (_, i) => Number((from + i * step).toPrecision(12)));
}

const varyValues = z
  .union([
    z.array(z.unknown()).min(1),
    z.string().transform((text, ctx) => {
      const values = parseRange(text);
      if (!Array.isArray(values)) {
        ctx.issues.push(customIssue(values.expected, text, { found: values.found }));
        return z.NEVER;
      }
      return values as unknown[];
    }),
  ], { error: `a list of values such as [512, 1024, 2048] or ${RANGE_EXPECTED}` })
  .describe('The values of one key path: a list, or a range FROM..TO step STEP.');

export const sweepSchema = strictObject({
  vary: z
    .record(z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/), varyValues, {
      error: 'a mapping of --set key paths to value lists, e.g. functions.api.memorySize: [512, 1024]',
    })
    .refine((vary) => Object.keys(vary).length > 0, { error: 'at least one key path to vary' })
    .describe('Key paths (as in --set) to the values each takes; the grid is every combination.'),
  replications: intField(1, 1000)
    .default(1)
    .describe('Independent replications per point (seeds derived from the scenario seed); metrics get 95% intervals. Default 1.'),
  pick: enumField(PICK_STRATEGIES)
    .default('cheapest')
    .describe('Which recommendation leads: cheapest, fastest or balanced, each among the points meeting every expect line. Default cheapest.'),
})
  .optional()
  .describe('What `sim sweep` varies (ignored by `sim run`).');

/** `sweep:` after validation: ranges expanded to lists. */
export type SweepConfig = NonNullable<z.output<typeof sweepSchema>>;
