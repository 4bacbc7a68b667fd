/**
 * Building blocks of the scenario schema: zod fields whose every failure carries a plain
 * "expected ..." phrase, so the loader can print `expected a whole number of MB from 128 to 10240, found 20000`
 * instead of zod's generic text.
 *
 * Conventions the loader relies on (see issues.ts):
 * - an issue's `message` is the "expected" half of the error line;
 * - a custom issue may carry {@link IssueParams} in `params`.
 */
import { z } from 'zod';
import { NOT_SUPPORTED_YET, type NotSupportedList } from './not-supported.js';
import {
  DURATION_EXPECTED,
  DURATION_PATTERN,
  RATE_EXPECTED,
  RATE_PATTERN,
  UnitError,
  formatDuration,
  parseDuration,
  parseRate,
} from './units.js';

/** Extra facts a custom issue can carry to the loader (all optional). */
export interface IssueParams {
  /** Replaces the rendering of the value found at the issue's path. */
  found?: string;
  /** Advice appended in parentheses, e.g. `did you mean "checkout"?`. */
  hint?: string;
  /** A whole sentence that replaces "expected ..., found ..." (e.g. "X is not supported yet"). */
  reason?: string;
  /** Column offset inside a string value (expect lines): the error points into the line. */
  offset?: number;
  /** The offset counts from the first non-blank character rather than from the string start. */
  offsetFromTrimmed?: boolean;
  /** Point at the key rather than the value (e.g. a bad function name). */
  atKey?: boolean;
}

/** A zod schema of any kind (the walker in schema-walk.ts works on these). */
export type AnySchema = z.core.$ZodType;

/** Which list of {@link NOT_SUPPORTED_YET} applies to a schema (an object's keys or an enum's values). */
const notSupportedBySchema = new WeakMap<AnySchema, NotSupportedList>();

/**
 * Tag `schema` with a list of not-yet-supported keys (for an object) or values (for an enum or
 * discriminated union). Clones made later (`.describe()`, `.default()` wrappers, refinements)
 * still find the tag through zod's parent link.
 */
export function markNotSupported<T extends AnySchema>(schema: T, list: NotSupportedList): T {
  notSupportedBySchema.set(schema, list);
  return schema;
}

/** The not-yet-supported names tagged on `schema` (or on a schema it was cloned from). */
export function notSupportedFor(schema: AnySchema): readonly string[] | undefined {
  let current: AnySchema | undefined = schema;
  for (let depth = 0; current && depth < 100; depth++) {
    const list = notSupportedBySchema.get(current);
    if (list) return NOT_SUPPORTED_YET[list];
    current = current._zod.parent;
  }
  return undefined;
}

/** A custom issue with the loader's params. `message` is the "expected" phrase. */
export function customIssue(
  message: string,
  input: unknown,
  params: IssueParams = {},
  path?: PropertyKey[],
): z.core.$ZodRawIssue {
  return { code: 'custom', message, input, params, ...(path ? { path } : {}) };
}

/** `a, b or c` for a short list of choices. */
export function listChoices(values: readonly string[], joiner = 'or'): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ${joiner} ${values[values.length - 1]}`;
}

/** Bounds of a duration field, in microseconds. */
export interface DurationBounds {
  /** Smallest allowed value (inclusive unless `exclusiveMin`). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** The minimum itself is refused (e.g. a simulated duration must be > 0s). */
  exclusiveMin?: boolean;
  /**
   * The value must be a whole number of this unit: AWS's API takes the setting as an integer of
   * seconds (Timeout, VisibilityTimeout, MaximumBatchingWindowInSeconds, ...), hours
   * (RetentionPeriodHours) or milliseconds (TimeoutInMillis).
   */
  whole?: WholeUnit;
}

/** Units a duration may have to be a whole number of, with their size in µs and their name. */
const WHOLE_UNITS = { ms: [1_000, 'milliseconds'], s: [1_000_000, 'seconds'], h: [3_600_000_000, 'hours'] } as const;
export type WholeUnit = keyof typeof WHOLE_UNITS;

/** The "expected" phrase for a duration with these bounds. */
export function durationExpected(bounds: DurationBounds = {}): string {
  const { min, max, exclusiveMin, whole } = bounds;
  const what = whole ? `a whole number of ${WHOLE_UNITS[whole][1]}` : 'a duration';
  // Limits in whole units read as AWS states them (1s to 900s, 24h to 8760h), not as 15m or 365d.
  const show = (us: number) => (whole ? `${us / WHOLE_UNITS[whole][0]}${whole}` : formatDuration(us));
  if (min !== undefined && max !== undefined) return `${what} from ${show(min)} to ${show(max)}`;
  if (min !== undefined) return `${what} ${exclusiveMin ? 'greater than' : 'of at least'} ${show(min)}`;
  if (max !== undefined) return `${what} of at most ${show(max)}`;
  return whole ? what : DURATION_EXPECTED;
}

/**
 * A duration string (`250ms`, `1.5s`, `15m`) read into integer microseconds. A bare number, a
 * missing unit or a value outside `bounds` is an issue. The JSON Schema shows the string pattern.
 */
export function durationField(bounds: DurationBounds = {}) {
  const rangeText = durationExpected(bounds);
  return z
    .string({ error: DURATION_EXPECTED })
    .meta({ pattern: DURATION_PATTERN, description: 'A duration: a number and a unit us, ms, s, m, h or d (250ms, 1.5s, 15m, 2h), or several such parts, largest unit first (7h20m, 1h30m15s).' })
    .transform((text, ctx): number => {
      let us: number;
      try {
        us = parseDuration(text);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        ctx.issues.push(customIssue(error.expected, text, { found: error.found, hint: error.hint }));
        return z.NEVER;
      }
      const { min, max, exclusiveMin, whole } = bounds;
      const tooSmall = min !== undefined && (exclusiveMin ? us <= min : us < min);
      const tooBig = max !== undefined && us > max;
      if (tooSmall || tooBig || (whole !== undefined && us % WHOLE_UNITS[whole][0] !== 0)) {
        ctx.issues.push(customIssue(rangeText, text));
        return z.NEVER;
      }
      return us;
    });
}

/** A rate string (`200/s`, `12000/min`) read into events per second; must be > 0. */
export function rateField() {
  return z
    .string({ error: RATE_EXPECTED })
    .meta({ pattern: RATE_PATTERN, description: 'A rate: a number per s, min, h or d (200/s, 12000/min, 1e6/h).' })
    .transform((text, ctx): number => {
      let perSecond: number;
      try {
        perSecond = parseRate(text);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        ctx.issues.push(customIssue(error.expected, text, { found: error.found, hint: error.hint }));
        return z.NEVER;
      }
      if (perSecond <= 0) {
        ctx.issues.push(customIssue('a rate greater than 0/s', text));
        return z.NEVER;
      }
      return perSecond;
    });
}

/** An integer in [min, max] (or >= min), with one "expected" phrase for every way it can fail. */
export function intField(min: number, max?: number) {
  const expected = max === undefined ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
  const base = z.int({ error: expected }).min(min, { error: expected });
  return max === undefined ? base : base.max(max, { error: expected });
}

/**
 * A size in MB, a whole number as AWS's MemorySize and EphemeralStorage take it: the unit is in the
 * message, so `memorySize: 1GB` reads "expected a whole number of MB from 128 to 10240, found 1GB".
 */
export function megabytesField(min: number, max: number) {
  const expected = `a whole number of MB from ${min} to ${max}`;
  return z.int({ error: expected }).min(min, { error: expected }).max(max, { error: expected });
}

/** A finite number in [min, max] (bounds inclusive unless `exclusiveMin`). */
export function numberField(min: number, max?: number, exclusiveMin = false) {
  const low = exclusiveMin ? `greater than ${min}` : `at least ${min}`;
  const expected = max === undefined ? `a number ${low}` : `a number from ${min} to ${max}`;
  const base = exclusiveMin
    ? z.number({ error: expected }).gt(min, { error: expected })
    : z.number({ error: expected }).min(min, { error: expected });
  return max === undefined ? base : base.max(max, { error: expected });
}

/**
 * One of a fixed set of strings. A value named in the `notSupported` list gets
 * "X is not supported yet" instead of "expected one of ...".
 */
export function enumField<const T extends readonly [string, ...string[]]>(
  values: T,
  options: { expected?: string; notSupported?: NotSupportedList } = {},
) {
  const schema = z.enum(values, { error: options.expected ?? `one of ${listChoices(values)}` });
  return options.notSupported ? markNotSupported(schema, options.notSupported) : schema;
}

/**
 * A mapping with a fixed set of keys: an unknown key is an error (with a did-you-mean), and a key
 * named in the `notSupported` list gets "X is not supported yet".
 */
/** `match: {column: value}`: rows of a data file chosen by the values of named columns (traces, percentile tables). */
export function columnMatchField(description: string) {
  return z
    .record(z.string(), z.string({ error: 'a text value' }), { error: 'a mapping of column names to values' })
    .optional()
    .describe(description);
}

export function strictObject<const S extends z.core.$ZodLooseShape>(
  shape: S,
  options: { expected?: string; notSupported?: NotSupportedList } = {},
) {
  const schema = z.strictObject(shape, { error: options.expected ?? 'a mapping' });
  return options.notSupported ? markNotSupported(schema, options.notSupported) : schema;
}
