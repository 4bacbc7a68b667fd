/**
 * Rounding and printing of the numbers that go into report files.
 *
 * Every number a report writes passes through one of these helpers, so the precision rules live
 * in one place and the same Results always print the same bytes:
 * - times in ms: 3 decimals (the simulator's clock ticks in whole microseconds, so this is exact);
 * - rates, fractions and averages: 6 decimals;
 * - GB-seconds: 6 decimals (a micro-GB-s costs about 1.7e-11 USD, far below money precision);
 * - money in USD: 8 decimals;
 * - counts: integers, refused when they are not.
 * A value that is NaN or infinite is a bug upstream and throws with the field's name, rather
 * than being printed as `null` (JSON.stringify's choice) or hidden as 0.
 */

/** Decimals kept for times in milliseconds (microsecond precision). */
export const MS_DECIMALS = 3;
/** Decimals kept for rates, fractions and time averages. */
export const FRACTION_DECIMALS = 6;
/** Decimals kept for GB-seconds. */
export const GB_SECONDS_DECIMALS = 6;
/** Decimals kept for money (USD). */
export const USD_DECIMALS = 8;

/**
 * Throws when `value` is not a finite number.
 * @param value - the number to check
 * @param field - dotted name of the field, used in the message (e.g. "checkout.latency.p99")
 * @returns `value`, for chaining
 */
export function assertFinite(value: number, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`report: ${field} is ${String(value)}, expected a finite number`);
  }
  return value;
}

/**
 * Rounds half up to `decimals` places. `-0` becomes `0` so it never prints as "-0".
 * @param value - a finite number (checked)
 * @param decimals - places to keep, 0..15
 * @param field - field name for the error message
 */
export function roundTo(value: number, decimals: number, field: string): number {
  assertFinite(value, field);
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded;
}

/**
 * A count that must be a whole number (requests, cold starts, ...).
 * @throws when the value is not a safe integer: a fractional count is a model bug.
 */
export function integer(value: number, field: string): number {
  assertFinite(value, field);
  if (!Number.isSafeInteger(value)) {
    throw new Error(`report: ${field} is ${value}, expected a whole number`);
  }
  return value === 0 ? 0 : value;
}

/** Microseconds (the simulator's unit) to milliseconds, rounded to whole microseconds. */
export function usToMs(us: number, field: string): number {
  assertFinite(us, field);
  // Rounding in microseconds first and dividing once keeps the result the closest double to
  // the exact decimal (e.g. 12345 us -> 12.345), instead of rounding a scaled product.
  const ms = Math.round(us) / 1000;
  return ms === 0 ? 0 : ms;
}

/** A time already in ms, rounded to 3 decimals. */
export function ms(value: number, field: string): number {
  return roundTo(value, MS_DECIMALS, field);
}

/** A rate, fraction or time average, rounded to 6 decimals. */
export function fraction(value: number, field: string): number {
  return roundTo(value, FRACTION_DECIMALS, field);
}

/** GB-seconds, rounded to 6 decimals. */
export function gbSeconds(value: number, field: string): number {
  return roundTo(value, GB_SECONDS_DECIMALS, field);
}

/** Money in USD, rounded to 8 decimals. */
export function usd(value: number, field: string): number {
  return roundTo(value, USD_DECIMALS, field);
}

/**
 * Prints a number in plain positional notation, never exponent notation, with the shortest
 * digits that read back as the same double: `1.5e-7` -> `"0.00000015"`, `12.345` -> `"12.345"`.
 * JSON and CSV both accept exponents, but people and spreadsheets read money better without them.
 * @throws when the value is NaN or infinite
 */
export function plainNumber(value: number): string {
  assertFinite(value, 'number');
  if (value === 0) return '0';
  const shortest = String(value);
  const e = shortest.indexOf('e');
  if (e < 0) return shortest;
  const exponent = Number(shortest.slice(e + 1));
  if (exponent > 0) {
    // >= 1e21: always a whole double, and BigInt prints every digit of it exactly.
    return BigInt(value).toString();
  }
  // String() gave the shortest digits "d.ddd"; toFixed with exactly that many places rounds
  // the double back to those digits (the double is within half an ulp of them).
  const mantissa = shortest.slice(0, e).replace('-', '');
  const dot = mantissa.indexOf('.');
  const mantissaDecimals = dot < 0 ? 0 : mantissa.length - dot - 1;
  const places = mantissaDecimals - exponent;
  // toFixed stops at 100 places; such tiny values never come out of the rounding helpers above.
  return places <= 100 ? value.toFixed(places) : shortest;
}
