/**
 * How downstream dependencies appear in the reports, through the event-source report seam
 * (source-report.ts): the `dependencies` section of summary.json (so `expect:` can name
 * `<dependency>.rejections`, `<dependency>.utilisation.max`, `<dependency>.wait.p99`), `dependency`
 * rows of timeseries.csv, rows of report.html's backlog chart (a database's utilisation, every
 * dependency's rejections per bin) and one summary.txt/md line each. Its columns exist only in
 * scenarios with dependencies, so every other timeseries.csv keeps its header.
 */
import { COL_IN_USE, COL_REJECTIONS, COL_WAITING } from '../model/dependency-pool.js';
import type { DependencyResults } from '../model/results.js';
import { fraction, integer } from './format-number.js';
import { shortDistribution } from './histogram-summary.js';
import type { DependencyInput } from '../model/input.js';
import type { BacklogPoint, SourceReport } from './source-report.js';
import type { DependencySummary } from './summary-types.js';
import { groupThousands as n } from './text-table.js';
import { shortDuration } from './humanize.js';

/** Probe column order of the model (dependency-pool.ts), checked at load. */
const COLUMN_ORDER = [COL_IN_USE, COL_WAITING, COL_REJECTIONS];
if (COLUMN_ORDER.some((c, i) => c !== i)) throw new Error('dependency-report: column order differs from the model probe');

export const DEPENDENCY_REPORT: SourceReport<DependencyResults, DependencySummary> = {
  section: 'dependencies',
  rowKind: 'dependency',
  columnsOnlyWhenPresent: true,
  // In the model's probe order. A table's rows keep 0 in the two connection columns.
  columns: [
    { header: 'connections_in_use_max', aggregate: 'level', cell: String },
    { header: 'connection_waiters_max', aggregate: 'level', cell: String },
    { header: 'dependency_rejections_total', aggregate: 'level', cell: String },
  ],

  summarize(d) {
    const i = (value: number, key: string): number => integer(value, `${d.name}.${key}`);
    if (d.type === 'table') {
      return {
        type: 'table',
        rate: i(d.rate, 'rate'),
        burst: i(d.burst, 'burst'),
        calls: i(d.calls, 'calls'),
        admitted: i(d.admitted, 'admitted'),
        rejections: i(d.throttled, 'rejections'),
        delayedCalls: i(d.delayed, 'delayedCalls'),
        delay: shortDistribution(d.delay, `${d.name}.delay`),
      };
    }
    return {
      type: 'database',
      connections: i(d.connections, 'connections'),
      proxied: d.proxied,
      acquired: i(d.acquired, 'acquired'),
      released: i(d.released, 'released'),
      ...(d.heldAtStart > 0 ? { heldAtStart: i(d.heldAtStart, 'heldAtStart') } : {}),
      heldAtEnd: i(d.heldAtEnd, 'heldAtEnd'),
      waitingAtEnd: i(d.waitingAtEnd, 'waitingAtEnd'),
      waits: i(d.waited, 'waits'),
      rejections: i(d.refused + d.gaveUp, 'rejections'),
      refused: i(d.refused, 'refused'),
      timeouts: i(d.gaveUp, 'timeouts'),
      utilisation: {
        mean: fraction(d.inUseMean / d.connections, `${d.name}.utilisation.mean`),
        max: fraction(d.inUseMax / d.connections, `${d.name}.utilisation.max`),
      },
      waitingMax: i(d.waitingMax, 'waitingMax'),
      wait: shortDistribution(d.wait, `${d.name}.wait`),
    };
  },

  /**
   * Per database a row of utilisation (peak connections in use per bin / the connections invocations
   * compete for: the proxy's when proxied), per dependency a row of rejections per bin (refused and
   * timed out, or throttled: the bin's growth of the running total).
   */
  chart(names, bins, t, settings) {
    const order: string[] = [];
    const points: BacklogPoint[] = [];
    names.forEach((name, k) => {
      const config = settings?.[k] as DependencyInput | undefined;
      if (config?.type === 'database') {
        const limit = config.proxy?.connections ?? config.connections;
        const row = `${name}: connection utilisation (in use / ${n(limit)})`;
        order.push(row);
        bins[COL_IN_USE][k].forEach((value, i) => points.push({ t: t(i), row, what: 'utilisation', value: (value ?? 0) / limit }));
      }
      const row = `${name}: rejections per bin`;
      order.push(row);
      let before = 0;
      bins[COL_REJECTIONS][k].forEach((value, i) => {
        const total = value ?? before;
        // The total restarts from 0 when a warm-up ends.
        points.push({ t: t(i), row, what: 'rejections', value: total >= before ? total - before : total });
        before = total;
      });
    });
    return { order, points, colours: { utilisation: '#b279a2', rejections: '#e45756' } };
  },

  detail(name, d) {
    const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
    if (d.type === 'table') {
      return (
        `dependency ${name} (table, ${n(d.rate)}/s, burst ${n(d.burst)}): ${n(d.calls)} calls, ${n(d.rejections)} throttled,` +
        ` ${n(d.delayedCalls)} delayed (p99 ${shortDuration(d.delay.p99)})`
      );
    }
    return (
      `dependency ${name} (database${d.proxied ? ' via proxy' : ''}, ${n(d.connections)} connections): utilisation mean ${pct(d.utilisation.mean)},` +
      ` max ${pct(d.utilisation.max)}; ${n(d.waits)} waits (p99 ${shortDuration(d.wait.p99)}); ${n(d.rejections)} rejections (${n(d.timeouts)} timed out)`
    );
  },
};
