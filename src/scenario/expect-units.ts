/**
 * Whether the unit written on an `expect:` value fits its metric, so a guess never decides a CI
 * verdict: a duration needs a time unit (`< 0.45` on a latency would silently mean 0.45 ms), a
 * rate needs `%` (`< 1` could mean 1% or 100%), a count takes no unit (`throttles < 5ms` is a
 * mistake). Money may be bare (USD is the only currency), `40 USD` or `$40`.
 */
import { metricKind, type MetricKind } from './metric-kind.js';

const TIME_UNITS = new Set(['us', 'ms', 's', 'm', 'h', 'd']);

/** What each kind of metric accepts, for the message. */
const EXPECTED: Record<MetricKind, string> = {
  duration: 'a duration with a unit (us, ms, s, m, h, d) such as 800ms or 1.5s',
  fraction: 'a percentage such as 1%',
  money: 'an amount in USD such as 40 USD or $40',
  count: 'a number without a unit',
};

/** A unit that does not fit the metric: what was expected and what was found. */
export interface UnitMismatch {
  expected: string;
  found: string;
}

/**
 * Checks the unit of an expectation's value against its metric's kind.
 * @param unit - the unit as written (`ms`, `%`, `USD`; `USD` for a `$` prefix), undefined for a bare number
 * @param number - the number as written, for the message
 * @returns undefined when the unit fits
 */
export function unitMismatch(metric: string, unit: string | undefined, number: string): UnitMismatch | undefined {
  const kind = metricKind(metric);
  const fits =
    kind === 'duration' ? unit !== undefined && TIME_UNITS.has(unit)
    : kind === 'fraction' ? unit === '%'
    : kind === 'money' ? unit === undefined || unit === 'USD'
    : unit === undefined;
  if (fits) return undefined;
  const what = { duration: 'a duration', fraction: 'a rate', money: 'an amount of money', count: 'a count' }[kind];
  return {
    expected: `${EXPECTED[kind]} (${metric} is ${what})`,
    found: unit === undefined ? `the bare number ${number}` : `"${number}${unit}"`,
  };
}
