/**
 * Issue #20, group 6: outputs that explode. timeseries.csv keeps at most MAX_TIMESERIES_ROWS rows:
 * a long run (or a tiny `reports.timeseries`) gets wider buckets, said in one note on stderr.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostile, hostileDir } from './helpers/hostile.js';
import { MAX_TIMESERIES_ROWS, timeseriesBucketUs } from '../src/report/timeseries.js';

const S = 1e6;
const DAY = 86_400 * S;

describe('timeseries bucket width', () => {
  it('keeps the requested width when the file stays small (every example does)', () => {
    expect(timeseriesBucketUs(S, DAY, 3)).toBe(S);
    expect(timeseriesBucketUs(60 * S, 100 * DAY, 2)).toBe(60 * S);
  });

  it('widens to the smallest nice width that fits', () => {
    // 1000 days, 2 rows a bucket: 500,000 buckets at most, 172.8 s each at least: 5 minutes.
    expect(timeseriesBucketUs(S, 1000 * DAY, 2)).toBe(300 * S);
    // 1 us buckets over an hour, 2 rows: 7.2 ms at least: 10 ms.
    expect(timeseriesBucketUs(1, 3600 * S, 2)).toBe(10_000);
    // 285 years: whole days.
    expect(timeseriesBucketUs(S, 285 * 365 * DAY, 1001) % DAY).toBe(0);
    for (const [requested, duration, rows] of [[1, DAY, 7], [S, 100 * DAY, 1001], [S, 285 * 365 * DAY, 2]]) {
      const width = timeseriesBucketUs(requested, duration, rows);
      expect(Math.ceil(duration / width) * rows).toBeLessThanOrEqual(MAX_TIMESERIES_ROWS);
    }
  });

  it('a cron every minute for 20 days at 1 s buckets writes at most a million rows, with a note', async () => {
    const dir = hostileDir();
    const r = await hostile(
      ['run', 'tiny.yaml', '--out', 'out', '--quiet', '--set', 'duration=20d', '--set', 'reports.formats=[timeseries]', '--set', 'workloads.0.arrivals={process: schedule, expression: "cron(* * * * ? *)"}'],
      dir,
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('sim: note: time-series buckets of 5s instead of 1s (reports.timeseries), so that timeseries.csv stays within 1,000,000 rows\n');
    const lines = readFileSync(path.join(dir, 'out', 'timeseries.csv'), 'utf8').trimEnd().split('\n');
    expect(lines.length - 1).toBe(2 * (20 * 86_400) / 5);
    expect(lines[3]).toMatch(/^5000,api,/);
  });
});

describe('report.html with many functions', () => {
  it('charts the 12 functions with the most requests and says so', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `fn${String(i).padStart(2, '0')}`);
    const yaml =
      `name: many\nduration: 1m\nfunctions:\n${names.map((n) => `  ${n}: { duration: 10ms }`).join('\n')}\n` +
      `workloads:\n${names.map((n, i) => `  - { function: ${n}, arrivals: { process: constant, rate: ${i + 1}/s } }`).join('\n')}\n` +
      'reports: { formats: [html] }\n';
    const dir = hostileDir({ 'many.yaml': yaml });
    const r = await hostile(['run', 'many.yaml', '--out', 'out', '--quiet'], dir);
    expect(r.status).toBe(0);
    const html = readFileSync(path.join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('The charts show the 12 functions with the most requests of 30;');
    const count = (name: string): number => html.split(name).length - 1;
    // fn29 (the most requests) is charted; fn00 appears in the tables only.
    expect(count('fn29')).toBeGreaterThan(count('fn00') + 3);
  });
});
