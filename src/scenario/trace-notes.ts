/**
 * Report notes on `trace` workloads that leave the run without traffic (a silent `requests 0` or a
 * rate that drops to nothing part-way is otherwise easy to read as the system's doing): a workload
 * whose played part of the trace holds no request, and one whose trace ends before the workload's
 * window does. Read from the trace itself, before the run (trace-times.ts plays it: trace time
 * `offset + x` at `start + x`). A per-minute table ends after its last column; a timestamp list at its
 * last time, noted only when the window goes on a minute or more past it (a shorter gap reads as
 * the trace's own spacing).
 */
import type { ArrivalSpec } from '../workload/arrival-spec.js';
import { US_PER_MINUTE } from '../kernel/time.js';
import { formatDuration } from './units.js';

/** The notes of one workload named `name` over the window [start, end) (us). */
export function traceNotes(name: string, spec: ArrivalSpec, start: number, end: number): string[] {
  if (spec.process !== 'trace') return [];
  const from = spec.offset;
  const to = spec.offset + (end - start);
  const perMinute = spec.format === 'per-minute-counts';
  // The trace's end in trace time, and whether any request falls in [from, to).
  let traceEnd: number;
  let any = false;
  if (perMinute) {
    traceEnd = spec.counts.length * US_PER_MINUTE;
    const first = Math.floor(from / US_PER_MINUTE);
    for (let m = first; m < spec.counts.length && m * US_PER_MINUTE < to && !any; m++) any = spec.counts[m] > 0;
  } else {
    const times = spec.times;
    traceEnd = times.length === 0 ? 0 : times[times.length - 1];
    for (let i = 0; i < times.length && !any; i++) any = times[i] >= from && times[i] < to;
  }
  const length = perMinute ? `the trace is ${formatDuration(traceEnd)} long` : `its last timestamp is at ${formatDuration(traceEnd)}`;
  if (!any) return [`workload ${name}: its trace yields no request in the run (it plays trace time ${formatDuration(from)} to ${formatDuration(to)}; ${length})`];
  const stops = start + traceEnd - from;
  const gap = end - stops;
  if (gap <= 0 || (!perMinute && gap < US_PER_MINUTE)) return [];
  const how = perMinute ? `(${length}${from > 0 ? `, played from ${formatDuration(from)}` : ''})` : '(its last timestamp)';
  return [`workload ${name}: its trace ends at ${formatDuration(stops)} of the run ${how}, ${formatDuration(gap)} before the run ends: no requests after that`];
}
