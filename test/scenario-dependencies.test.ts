/**
 * `dependencies:` and `uses:` from YAML to the reports: defaults and their sources, one-line errors,
 * summary.json, summary.txt, expect paths and timeseries.csv rows (whose columns appear only in
 * scenarios with dependencies).
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { buildSummary, simulate } from '../src/index.js';
import { Simulation } from '../src/model/simulate.js';
import { detailLines } from '../src/report/summary-details.js';
import { evaluateExpectations } from '../src/report/expectations.js';
import { TIMESERIES_CSV_HEADER, TimeSeriesObserver, timeSeriesShape } from '../src/report/timeseries.js';
import type { DatabaseSummary, TableSummary } from '../src/report/summary-types.js';
import { errorOf, yaml } from './helpers/scenario-error.js';

const base = (...lines: string[]): string =>
  yaml('name: d', 'duration: 1m', 'functions:', '  f:', '    duration: 100ms', ...lines);

describe('dependencies in a scenario', () => {
  it('fills the defaults: whole hold, wait, no acquire limit; a proxy brings its pool and a 120 s borrow timeout', () => {
    const s = parseScenarioText(
      base('    uses: [{dependency: db}, {dependency: t}]', 'dependencies:', '  db: {type: database, connections: 100}', '  t: {type: table, rate: 500/s}', '  p: {type: database, connections: 100, proxy: {connections: 20}}'),
      'x.yaml',
    );
    expect(s.functions.f.uses).toStrictEqual([
      { dependency: 'db', hold: 1, onExhausted: 'wait', calls: 1, onThrottled: 'error' },
      { dependency: 't', hold: 1, onExhausted: 'wait', calls: 1, onThrottled: 'error' },
    ]);
    expect(s.dependencies!.db).toStrictEqual({ type: 'database', connections: 100 });
    expect(s.dependencies!.t).toStrictEqual({ type: 'table', rate: 500, burst: 500 });
    expect(s.dependencies!.p).toStrictEqual({ type: 'database', connections: 100, acquireTimeout: 120_000_000, proxy: { connections: 20 } });
  });

  it('refuses an unknown dependency with a did-you-mean, a second database, and a fractional rate', () => {
    const unknown = errorOf(base('    uses: [{dependency: ordrs-db}]', 'dependencies:', '  orders-db: {type: database, connections: 10}'));
    expect(unknown.format()).toMatch(/functions\.f\.uses\.0\.dependency: expected a dependency under dependencies \(orders-db\).*did you mean "orders-db"/);
    const two = errorOf(base('    uses: [{dependency: a}, {dependency: b}]', 'dependencies:', '  a: {type: database, connections: 10}', '  b: {type: database, connections: 10}'));
    expect(two.format()).toMatch(/uses\.1\.dependency.*one database and one table/);
    const rate = errorOf(base('dependencies:', '  t: {type: table, rate: 0.5/s}'));
    expect(rate.format()).toMatch(/dependencies\.t\.rate: expected a whole number of calls per second/);
  });

  it('reports each dependency in summary.json, summary.txt and timeseries.csv, and expect lines can name it', () => {
    // One connection, constant 10/s arrivals of 100 ms without INIT: each arrives as the previous
    // one gives its connection back, so none is refused although the pool is always full.
    const s = parseScenarioText(
      base(
        '    init: 0ms',
        '    uses: [{dependency: db, onExhausted: error}, {dependency: t, calls: 2}]',
        'dependencies:',
        '  db: {type: database, connections: 1}',
        '  t: {type: table, rate: 10/s, burst: 10}',
        'workloads:',
        '  - {function: f, arrivals: {process: constant, rate: 10/s}}',
        'expect:',
        '  - db.rejections == 0',
        '  - db.utilisation.max == 1',
        '  - t.rejections > 0',
      ),
      'x.yaml',
    );
    let csv = '';
    const observer = new TimeSeriesObserver({ ...timeSeriesShape(s), bucketUs: 10_000_000, sink: (t) => (csv += t) });
    const summary = buildSummary(new Simulation(s, observer).results(), { simulator: { name: 'lambda-sim', version: 't' }, expectations: [] });
    const db = summary.dependencies!.db as DatabaseSummary;
    const t = summary.dependencies!.t as TableSummary;
    expect([db.acquired, db.rejections, db.waits]).toStrictEqual([600, 0, 0]);
    // 20 calls/s against 10/s with a bucket of 10: floor(10 + 10 x 59.9) = 609 of 1,200 admitted.
    expect([t.calls, t.admitted, t.rejections]).toStrictEqual([1200, 609, 591]);
    expect(detailLines(summary)).toContain('dependency t (table, 10/s, burst 10): 1,200 calls, 591 throttled, 0 delayed (p99 -)');
    expect(evaluateExpectations(s.expect, summary).map((r) => r.ok)).toStrictEqual([true, true, true]);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(TIMESERIES_CSV_HEADER.replace(',latency_p50_ms', ',connections_in_use_max,connection_waiters_max,dependency_rejections_total,latency_p50_ms'));
    expect(lines.filter((l) => l.includes(',dependency,t,')).at(-1)).toBe('50000,,,,,,,,dependency,t,,,,,,0,0,591,,');
  });

  it('leaves the timeseries header of a scenario without dependencies as it was', () => {
    const s = parseScenarioText(base(), 'x.yaml');
    expect(timeSeriesShape(s).sources!.map((k) => k.report.section)).not.toContain('dependencies');
    expect(TIMESERIES_CSV_HEADER).not.toMatch(/connections_in_use_max/);
    expect(simulate(s).dependencies).toBeUndefined();
  });
});
