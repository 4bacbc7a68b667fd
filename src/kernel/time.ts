/**
 * Virtual time is integer microseconds; these convert at the edges. The one home of time constants:
 * every other file imports them from here rather than writing 1_000_000 again.
 */
export const US_PER_MS = 1_000;
export const US_PER_SECOND = 1_000_000;
export const US_PER_MINUTE = 60 * US_PER_SECOND;
export const US_PER_HOUR = 60 * US_PER_MINUTE;
export const US_PER_DAY = 24 * US_PER_HOUR;

/** Microseconds to milliseconds (float). */
export function usToMs(us: number): number {
  return us / US_PER_MS;
}
