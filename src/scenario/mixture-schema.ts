/**
 * `mixture {of: [{weight, ...dist}]}`: a weighted mixture of distributions (scenario-format.md,
 * Functions), e.g. 95% warm-cache lookups and 5% slow database reads. Each component is a
 * distribution mapping with a `weight` added; weights are relative (they need not sum to 1). A
 * component cannot itself be a mixture (write its parts as components instead).
 */
import { z } from 'zod';
import type { DistSpec, MixtureComponent } from '../kernel/dist-spec.js';
import { numberField, strictObject } from './fields.js';

/** A distribution option as distribution.ts builds it: a strict object piped into a transform to DistSpec. */
type DistOption = z.ZodPipe<z.ZodObject, z.ZodTransform<DistSpec>>;

/** The component form of one option: the same keys plus `weight`, read into a {@link MixtureComponent}. */
function weighted(option: DistOption) {
  // Reuse the option's own reading (its checks and unit conversion) on the component minus `weight`.
  const toSpec = option.out._zod.def.transform;
  return option.in
    .extend({ weight: numberField(0, undefined, true).describe('Relative weight of this component, > 0.') })
    .transform((v, ctx): MixtureComponent => {
      const { weight, ...rest } = v as { weight: number } & Record<string, unknown>;
      const spec = toSpec(rest, ctx as unknown as Parameters<typeof toSpec>[1]) as DistSpec;
      return { weight, spec };
    });
}

/** The `mixture` option, whose components may be any of `options`. */
export function mixtureDist(options: readonly DistOption[]) {
  const component = z.discriminatedUnion(
    'dist',
    options.map(weighted) as unknown as [ReturnType<typeof weighted>, ...ReturnType<typeof weighted>[]],
    { error: 'a weighted distribution such as {weight: 0.9, dist: lognormal, p50: 80ms, p99: 600ms}' },
  );
  return strictObject({
    dist: z.literal('mixture').describe('A weighted mixture of distributions.'),
    of: z
      .array(component, { error: 'a list of weighted distributions' })
      .min(1, { error: 'a list of at least one weighted distribution' })
      .describe('Components: each a distribution mapping with a weight, e.g. {weight: 0.95, dist: constant, value: 20ms}.'),
  })
    .describe('mixture {of: [{weight, ...dist}]}')
    .transform((v): DistSpec => ({ dist: 'mixture', components: v.of }));
}
