/**
 * Quantities with units, as users write them in a scenario: durations (`250ms`, `1.5s`, `15m`)
 * and rates (`200/s`, `12000/min`). Inside the simulator time is integer microseconds and a rate
 * is events per second; this file is the one place where text becomes those numbers and back.
 *
 * A bare number is refused on purpose (scenario-format.md: "every quantity carries its unit in
 * the text"): `timeout: 30` could mean seconds or milliseconds, and guessing wrong is silent.
 */

import { US_PER_DAY, US_PER_HOUR, US_PER_MINUTE, US_PER_MS, US_PER_SECOND } from '../kernel/time.js';

/** Microseconds per duration unit. */
export const DURATION_UNITS = {
  us: 1,
  ms: US_PER_MS,
  s: US_PER_SECOND,
  m: US_PER_MINUTE,
  h: US_PER_HOUR,
  d: US_PER_DAY,
} as const;

/** A duration unit accepted in scenario text. */
export type DurationUnit = keyof typeof DURATION_UNITS;

/** Seconds per rate unit (the denominator of `N/unit`); several spellings per unit. */
export const RATE_UNITS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  second: 1,
  min: 60,
  minute: 60,
  h: 3_600,
  hour: 3_600,
  d: 86_400,
  day: 86_400,
};

/** A decimal number with optional fraction and exponent (no sign: durations and rates are >= 0). */
const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;

/**
 * JSON Schema `pattern` of a duration string, one part (`15m`) or several (`7h20m`, `1h 30m 15s`).
 * Kept in step with {@link parseDuration} so editors flag most strings the loader refuses (the
 * order of the parts, largest unit first, is checked by the loader only).
 */
export const DURATION_PATTERN = String.raw`^\s*(?:${NUMBER}\s*(?:us|ms|s|m|h|d)\s*)+$`;

/** JSON Schema `pattern` of a rate string, in step with {@link parseRate}. */
export const RATE_PATTERN = String.raw`^\s*${NUMBER}\s*/\s*(s|sec|second|min|minute|h|hour|d|day)\s*$`;

/** One part of a duration: a number and a unit word, after optional spaces (sticky: read in a loop). */
const DURATION_PART_RE = new RegExp(String.raw`\s*(${NUMBER})\s*([a-zA-Zµ]+)`, 'y');
const RATE_RE = new RegExp(String.raw`^\s*(${NUMBER})\s*/\s*([a-zA-Z]+)\s*$`);
const BARE_NUMBER_RE = new RegExp(String.raw`^\s*[+-]?${NUMBER}\s*$`);
const NEGATIVE_RE = new RegExp(String.raw`^\s*-\s*${NUMBER}`);

/** What the user should write instead, used verbatim in error messages. */
export const DURATION_EXPECTED = 'a duration with a unit such as 250ms, 1.5s, 15m, 2h';
/** What a compound duration must look like, for a part out of order or repeated. */
const COMPOUND_EXPECTED = 'a duration whose parts go from the largest unit to the smallest, each once, such as 1h30m or 2d12h';
/** What the user should write instead of a bad rate. */
export const RATE_EXPECTED = 'a rate with a unit such as 200/s, 12000/min, 1e6/h, 100000/d';

/**
 * A quantity that could not be read. Carries the two halves of the loader's one-line message
 * ("expected X, found Y") so the schema can turn it into an issue without parsing text.
 */
export class UnitError extends Error {
  /** What would have been accepted, e.g. "a duration with a unit such as 250ms, ...". */
  readonly expected: string;
  /** The text as written, e.g. "250". */
  readonly found: string;
  /** Optional advice, e.g. 'did you mean "250ms"?'. */
  readonly hint: string | undefined;

  constructor(expected: string, found: string, hint?: string) {
    super(`expected ${expected}, found ${found}${hint ? ` (${hint})` : ''}`);
    this.name = 'UnitError';
    this.expected = expected;
    this.found = found;
    this.hint = hint;
  }
}

/**
 * Read a duration such as `250ms`, `1.5s`, `15m`, `2h`, `1d`, `500us`, `250 ms` or `1e3ms`, or a
 * compound one such as `7h20m`, `1h30m15s`, `2d12h`, `1m30s`, `1h 30m` (parts from the largest
 * unit to the smallest, each unit once, so `30m1h` and `1m1m` are refused rather than guessed).
 *
 * @returns integer microseconds (the sum of the parts, rounded once to the nearest microsecond)
 * @throws UnitError for a bare number, an unknown unit, parts out of order, a negative value or an absurdly large one
 * @example parseDuration('1.5s') === 1_500_000; parseDuration('7h20m') === 26_400_000_000
 */
export function parseDuration(text: string): number {
  const found = text.trim() === '' ? 'an empty string' : text.trim();
  if (BARE_NUMBER_RE.test(text)) {
    throw new UnitError(DURATION_EXPECTED, found, `write the unit, e.g. "${found}ms" or "${found}s"`);
  }
  if (NEGATIVE_RE.test(text)) throw new UnitError('a duration that is not negative', found);
  let total = 0;
  let previousFactor = Infinity;
  let pos = 0;
  for (;;) {
    DURATION_PART_RE.lastIndex = pos;
    const match = DURATION_PART_RE.exec(text);
    if (!match) break;
    const [, num, unit] = match;
    const factor = Object.hasOwn(DURATION_UNITS, unit) ? (DURATION_UNITS as Record<string, number>)[unit] : undefined;
    if (factor === undefined) throw new UnitError(DURATION_EXPECTED, found, durationUnitHint(unit));
    if (factor >= previousFactor) throw new UnitError(COMPOUND_EXPECTED, found);
    previousFactor = factor;
    total += Number(num) * factor;
    pos = DURATION_PART_RE.lastIndex;
  }
  if (pos === 0 || text.slice(pos).trim() !== '') throw new UnitError(DURATION_EXPECTED, found);
  const us = Math.round(total);
  if (!Number.isSafeInteger(us)) {
    throw new UnitError('a duration below 285 years (2^53 microseconds)', found);
  }
  return us;
}

/** Advice for a unit that is close to a valid one (`sec`, `MS`, `min`). */
function durationUnitHint(unit: string): string {
  const lower = unit.toLowerCase();
  const aliases: Record<string, DurationUnit> = {
    sec: 's', secs: 's', second: 's', seconds: 's', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
    hr: 'h', hrs: 'h', hour: 'h', hours: 'h', day: 'd', days: 'd', msec: 'ms', millis: 'ms', µs: 'us',
  };
  const fix = Object.hasOwn(DURATION_UNITS, lower) ? lower : Object.hasOwn(aliases, lower) ? aliases[lower] : undefined;
  return fix ? `write the unit as "${fix}"` : 'units are us, ms, s, m, h, d';
}

/**
 * Read a rate such as `200/s`, `12000/min`, `1e6/h`, `100000/d` (also `/sec`, `/minute`, `/hour`, `/day`).
 *
 * @returns events per second (a float: `1/min` is 1/60)
 * @throws UnitError for a bare number or an unknown unit
 * @example parseRate('12000/min') === 200
 */
export function parseRate(text: string): number {
  const match = RATE_RE.exec(text);
  if (!match) {
    if (BARE_NUMBER_RE.test(text)) {
      throw new UnitError(RATE_EXPECTED, text.trim(), `write the unit, e.g. "${text.trim()}/s"`);
    }
    throw new UnitError(RATE_EXPECTED, text.trim() === '' ? 'an empty string' : text.trim());
  }
  const [, num, unit] = match;
  const seconds = Object.hasOwn(RATE_UNITS, unit) ? RATE_UNITS[unit] : undefined;
  if (seconds === undefined) {
    // `/m` is refused rather than guessed: it reads as minute to some and as milli- to others.
    const hint = unit === 'm' ? 'write "/min" for per minute' : 'units are /s, /min, /h, /d';
    throw new UnitError(RATE_EXPECTED, text.trim(), hint);
  }
  const perSecond = Number(num) / seconds;
  if (!Number.isFinite(perSecond)) {
    throw new UnitError('a finite rate', text.trim());
  }
  return perSecond;
}

/** Units tried by {@link formatDuration}, largest first. */
const FORMAT_ORDER: readonly DurationUnit[] = ['d', 'h', 'm', 's', 'ms', 'us'];

/**
 * Write microseconds back as the shortest readable duration that {@link parseDuration} reads
 * back to the same integer: the largest unit giving a value >= 1 with at most three decimals.
 *
 * @example formatDuration(1_500_000) === '1.5s'; formatDuration(600_000_000) === '10m'
 */
export function formatDuration(us: number): string {
  if (us === 0) return '0s';
  for (const unit of FORMAT_ORDER) {
    const factor = DURATION_UNITS[unit];
    // us * 1000 / factor is an integer exactly when the value has at most three decimals.
    if (Math.abs(us) >= factor && Number.isInteger((us * 1000) / factor)) {
      return `${us / factor}${unit}`;
    }
  }
  return `${us}us`;
}

/**
 * Write events per second back as a rate string, choosing the unit that gives a whole number
 * where one exists (`0.5` -> `30/min`).
 */
export function formatRate(perSecond: number): string {
  if (Number.isInteger(perSecond)) return `${perSecond}/s`;
  for (const [unit, seconds] of [['min', 60], ['h', 3_600], ['d', 86_400]] as const) {
    const count = perSecond * seconds;
    if (Math.abs(count - Math.round(count)) < 1e-9 * Math.max(1, Math.abs(count))) {
      return `${Math.round(count)}/${unit}`;
    }
  }
  return `${perSecond}/s`;
}
