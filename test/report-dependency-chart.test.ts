/**
 * The dependency rows of report.html's backlog chart (dependency-report.ts chart): a database's
 * utilisation per bin (peak connections in use / its limit) and every dependency's rejections per
 * bin (the growth of the running total in timeseries.csv), so their peak and sum match summary.json.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../src/model/simulate.js';
import { buildSummary } from '../src/report/build-summary.js';
import { backlogSpec, backlogTitle } from '../src/report/charts.js';
import { TimeSeriesObserver, timeSeriesShape } from '../src/report/timeseries.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { yaml } from './helpers/scenario-error.js';

const input = parseScenarioText(
  yaml(
    'name: d',
    'duration: 10m',
    'functions:',
    '  w: {duration: {dist: constant, value: 400ms}, uses: [{dependency: db}]}',
    '  t: {duration: {dist: constant, value: 20ms}, uses: [{dependency: orders}]}',
    'dependencies:',
    '  db: {type: database, connections: 20, acquireTimeout: 50ms}',
    '  orders: {type: table, rate: 30/s, burst: 30}',
    'workloads:',
    '  - {function: w, arrivals: {process: poisson, rate: 40/s}}',
    '  - {function: w, start: 4m, end: 6m, arrivals: {process: poisson, rate: 80/s}}',
    '  - {function: t, arrivals: {process: poisson, rate: 40/s}}',
  ),
  'd.yaml',
);

describe('the dependency chart rows', () => {
  const series = new TimeSeriesObserver({ ...timeSeriesShape(input), bucketUs: 60_000_000, sink: () => {} });
  const summary = buildSummary(new Simulation(input, series).results(), { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] });
  const chart = series.chartSeries();
  const spec = backlogSpec(chart);
  // The values of a row's lines (each dependency row has one line).
  const rows = (row: string) =>
    spec.panels.filter((p) => p.header === row).flatMap((p) => p.layers.flatMap((l) => (l.kind === 'line' ? l.points.map((q) => q[1]) : [])));

  it('shows the database utilisation, whose peak is the summary peak', () => {
    const db = summary.dependencies!.db;
    if (db.type !== 'database') throw new Error('db is a database');
    const utilisation = rows('db: connection utilisation (in use / 20)');
    expect(utilisation).toHaveLength(10);
    expect(Math.max(...utilisation)).toBeCloseTo(db.utilisation.max, 6);
    expect(db.utilisation.max).toBe(1);
  });

  it('shows rejections per bin, adding up to the summary rejections, for a database and a table', () => {
    for (const name of ['db', 'orders']) {
      const perBin = rows(`${name}: rejections per bin`);
      expect(perBin).toHaveLength(10);
      const d = summary.dependencies![name];
      expect(perBin.reduce((a, b) => a + b, 0), name).toBe(d.rejections);
      expect(d.rejections, name).toBeGreaterThan(0);
    }
    expect(rows('orders: connection utilisation (in use / 30)')).toHaveLength(0);
    expect(backlogTitle(chart)).toBe('Queues, streams and dependencies');
  });
});
