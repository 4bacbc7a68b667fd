/**
 * Does a queue or stream drain? Its backlog (messages or records accepted and not yet done) at the
 * start of the measured period's last tenth and at its end (model: EventSources, BacklogTrend), in
 * summary.json and as words on the source's detail line.
 *
 * Two readings of a busy queue differ even when it keeps up (messages in flight come and go, a FIFO
 * queue's groups block and clear), so the words name a trend only when the change is large on both
 * scales: more than 3 x the square root of the larger reading (the spread of a count of that size)
 * and more than 5% of the items that went through (the larger of those that arrived and those done
 * in the window: arrivals outrun the consumers by a twentieth, or the consumers outrun them).
 * Otherwise the backlog is "level": the summary gives both readings, never a verdict from noise.
 */
import type { BacklogTrend } from '../model/results.js';
import { integer, roundTo } from './format-number.js';
import { shortDuration } from './humanize.js';
import { groupThousands as n } from './text-table.js';

export type BacklogDirection = 'shrinking' | 'growing' | 'level';

/** summary.json's `backlogTrend` of a queue or stream. */
export interface BacklogTrendSummary {
  /** Length of the window: the measured period's last tenth (s). */
  windowSeconds: number;
  /** Backlog when the window opened, and at the end. */
  start: number;
  end: number;
  /** Items that arrived during the window. */
  arrivals: number;
  /** (end - start) per minute of the window, 1 decimal: below 0 the backlog shrinks. */
  perMinute: number;
  /** The change read as above (module comment). */
  direction: BacklogDirection;
}

/** The direction of a change from `start` to `end` with `arrivals` in between (module comment). */
export function backlogDirection(start: number, end: number, arrivals: number): BacklogDirection {
  const change = end - start;
  const done = arrivals - change;
  if (Math.abs(change) <= 3 * Math.sqrt(Math.max(start, end)) || Math.abs(change) <= 0.05 * Math.max(arrivals, done)) return 'level';
  return change < 0 ? 'shrinking' : 'growing';
}

export function summarizeBacklogTrend(t: BacklogTrend, field: string): BacklogTrendSummary {
  return {
    windowSeconds: roundTo(t.windowUs / 1e6, 3, `${field}.windowSeconds`),
    start: integer(t.start, `${field}.start`),
    end: integer(t.end, `${field}.end`),
    arrivals: integer(t.arrivals, `${field}.arrivals`),
    perMinute: roundTo(((t.end - t.start) * 60e6) / t.windowUs, 1, `${field}.perMinute`),
    direction: backlogDirection(t.start, t.end, t.arrivals),
  };
}

/**
 * ", backlog 42,217 at the end, shrinking 311/min over the last 3.00 min: empty in about 2.26 h at
 * that pace" (or "growing ...: not draining", "level ..."); nothing when the backlog is empty at the
 * end (the line's own counts say so). `showEnd` false: the line gives the backlog already (a
 * stream's pending records), so the words are ", pending growing ...".
 */
export function backlogTrendWords(t: BacklogTrendSummary | undefined, showEnd = true): string {
  if (t === undefined || t.end === 0) return '';
  const over = `over the last ${shortDuration(t.windowSeconds * 1000)}`;
  const speed = Math.abs(t.perMinute);
  const rate = speed >= 10 ? n(Math.round(speed)) : String(speed);
  const head = showEnd ? `, backlog ${n(t.end)} at the end,` : ', pending';
  switch (t.direction) {
    case 'shrinking':
      return `${head} shrinking ${rate}/min ${over}: empty in about ${shortDuration((t.end * t.windowSeconds * 1000) / (t.start - t.end))} at that pace`;
    case 'growing':
      return `${head} growing ${rate}/min ${over}: not draining`;
    case 'level':
      return `${head} level ${over} (${n(t.start)} at its start, ${n(t.arrivals)} arrived)`;
  }
}
