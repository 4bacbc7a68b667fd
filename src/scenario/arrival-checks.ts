/**
 * Checks of arrival processes against their workload's window: a `burst` must fit in [start, end)
 * (its arrivals would otherwise be silently lost). Runs on the parsed scenario even when other parts
 * failed, hence the defensive reading.
 */
import type { z } from 'zod';
import { customIssue } from './fields.js';
import { formatDuration } from './units.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Issues for bursts outside their workload's window. */
export function checkArrivalWindows(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!isRecord(value) || !Array.isArray(value.workloads) || typeof value.duration !== 'number') return;
  const duration = value.duration;
  value.workloads.forEach((w, i) => {
    if (!isRecord(w) || !isRecord(w.arrivals) || w.arrivals.process !== 'burst') return;
    const { at, over } = w.arrivals;
    if (typeof at !== 'number' || typeof over !== 'number') return;
    const start = typeof w.start === 'number' ? w.start : 0;
    const end = Math.min(typeof w.end === 'number' ? w.end : duration, duration);
    if (at < start || at >= end) {
      const expected = `a time inside the workload's window, from ${formatDuration(start)} to before ${formatDuration(end)}`;
      ctx.issues.push(customIssue(expected, at, { found: formatDuration(at) }, ['workloads', i, 'arrivals', 'at']));
    } else if (at + over > end) {
      const expected = `a burst that ends by the workload's end (${formatDuration(end)}): over of at most ${formatDuration(end - at)}`;
      ctx.issues.push(customIssue(expected, over, { found: formatDuration(over) }, ['workloads', i, 'arrivals', 'over']));
    }
  });
}
