/**
 * How Kinesis and DynamoDB streams appear in the reports (source-report.ts is the seam): the
 * `streams` section of summary.json, `stream` rows of timeseries.csv with the largest IteratorAge
 * of the bucket, an iterator-age row per stream in the backlog chart, and one detail line each.
 */
import type { StreamResults } from '../model/results.js';
import { ITERATOR_AGE } from '../model/streams.js';
import { backlogTrendWords, summarizeBacklogTrend } from './backlog-trend.js';
import { integer, plainNumber, usToMs } from './format-number.js';
import { shortDistribution } from './histogram-summary.js';
import type { BacklogPoint, SourceReport } from './source-report.js';
import type { StreamSummary } from './summary-types.js';
import { groupThousands as n } from './text-table.js';
import { shortDuration } from './humanize.js';

/** The unit of iterator-age rows: ms below 2 s, s below 3 minutes, else minutes. */
function ageUnit(maxUs: number): { divisorUs: number; label: string } {
  if (maxUs < 2e6) return { divisorUs: 1e3, label: 'ms' };
  if (maxUs < 180e6) return { divisorUs: 1e6, label: 's' };
  return { divisorUs: 60e6, label: 'min' };
}

export const STREAM_REPORT: SourceReport<StreamResults, StreamSummary> = {
  section: 'streams',
  rowKind: 'stream',
  // In the model's probe order: ITERATOR_AGE, a sample per batch handed to the function (nothing carried in).
  columns: [{ header: 'iterator_age_max_ms', aggregate: 'sample', cell: (us) => plainNumber(usToMs(us, 'iterator_age_max_ms')) }],

  /** Contract fields, then the extension batches, and the stock at the end of a warm-up. */
  summarize(st) {
    const i = (value: number, key: string): number => integer(value, `${st.name}.${key}`);
    return {
      records: i(st.records, 'records'),
      processed: i(st.processed, 'processed'),
      lost: i(st.lost, 'lost'),
      failed: i(st.failed, 'failed'),
      pendingAtEnd: i(st.pendingAtEnd, 'pendingAtEnd'),
      iteratorAge: shortDistribution(st.iteratorAge, `${st.name}.iteratorAge`),
      batches: i(st.batches, 'batches'),
      ...(st.pendingAtStart !== undefined ? { pendingAtStart: i(st.pendingAtStart, 'pendingAtStart') } : {}),
      ...(st.writes !== undefined
        ? {
            writes: {
              peakPerShardSecond: i(st.writes.peakPerShardSecond, 'writes.peakPerShardSecond'),
              peakPerSecond: i(st.writes.peakPerSecond, 'writes.peakPerSecond'),
              overShardLimit: i(st.writes.overShardLimit, 'writes.overShardLimit'),
              shardSecondsOverLimit: i(st.writes.shardSecondsOverLimit, 'writes.shardSecondsOverLimit'),
            },
          }
        : {}),
      ...(st.backlogTrend !== undefined ? { backlogTrend: summarizeBacklogTrend(st.backlogTrend, `${st.name}.backlogTrend`) } : {}),
    };
  },

  /**
   * Records still waiting at the end are shown, and when they are a tenth of the records or more the
   * line says that the consumer's latency counts finished batches only: a stuck shard (a poison record
   * retried forever) otherwise shows a fine p99 over the few batches that ended.
   */
  detail(name, s) {
    const stuck = s.records > 0 && s.pendingAtEnd >= 0.1 * s.records;
    const pending =
      s.pendingAtEnd === 0
        ? ''
        : ` pending at the end ${n(s.pendingAtEnd)}${stuck ? ` (${Math.round((100 * s.pendingAtEnd) / s.records)}% of the records: the consumer's latency counts finished batches only)` : ''},`;
    return (
      `stream ${name}: records ${n(s.records)}, processed ${n(s.processed)}, lost ${n(s.lost)}, failed ${n(s.failed)},${pending}` +
      ` iterator age max ${shortDuration(s.iteratorAge.max)}` +
      backlogTrendWords(s.backlogTrend, false)
    );
  },

  /** One row per stream in one unit for all; a bin in which no batch was handed out has no point. */
  chart(names, bins, t) {
    const ages = bins[ITERATOR_AGE];
    let ageMax = 0;
    for (const perBin of ages) for (const a of perBin) if (a !== null && a > ageMax) ageMax = a;
    const unit = ageUnit(ageMax);
    const order: string[] = [];
    const points: BacklogPoint[] = [];
    names.forEach((name, st) => {
      const row = `${name}: iterator age (${unit.label})`;
      order.push(row);
      ages[st].forEach((value, i) => {
        if (value !== null) points.push({ t: t(i), row, what: 'iterator age', value: Number((value / unit.divisorUs).toPrecision(9)) });
      });
    });
    return { order, points, colours: { 'iterator age': '#b279a2' } };
  },
};
