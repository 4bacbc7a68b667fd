/** Virtual time is integer microseconds; these convert at the edges. */
export const US_PER_MS = 1_000;
export const US_PER_SECOND = 1_000_000;
export const US_PER_MINUTE = 60 * US_PER_SECOND;
export const US_PER_HOUR = 60 * US_PER_MINUTE;

/** Microseconds to milliseconds (float). */
export function usToMs(us: number): number {
  return us / US_PER_MS;
}
