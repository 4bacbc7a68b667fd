/**
 * The report files `sim run` writes beyond the summary: timeseries.csv, logs, report.html and
 * summary.md, their agreement with summary.json, their determinism, and colour only on a terminal.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.js';
import { expectedInvocations, openStreamedReports } from '../src/run/streamed-reports.js';
import { loadScenario } from '../src/scenario/load.js';
import { parseReportLine, StreamFile } from '../src/report/index.js';
import { sim, tempDir } from './helpers/cli.js';

const TWO = `name: two
seed: 3
duration: 3m
account: { concurrencyLimit: 25, unreservedMinimum: 0 }
functions:
  api:
    memorySize: 512
    timeout: 2s
    duration: { dist: lognormal, p50: 120ms, p99: 2500ms }
    init: { dist: lognormal, p50: 400ms, p99: 1s }
    errorRate: 0.02
  jobs:
    duration: { dist: exponential, mean: 300ms }
    init: 150ms
workloads:
  - { name: web, function: api, arrivals: { process: poisson, rate: 80/s } }
  - { name: batch, function: jobs, start: 1m, end: 2m, arrivals: { process: constant, rate: 40/s } }
reports: { formats: [summary, json, csv, html, logs], timeseries: 500ms }
`;

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('sim run: streamed reports', () => {
  const dir = tempDir({ 'two.yaml': TWO });
  const r = sim(['run', 'two.yaml', '--quiet', '--out', 'a'], dir);
  const out = path.join(dir, 'a');
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));

  it('writes every selected file and no temporary one', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(files(out)).toEqual([
      'functions.csv', 'logs', 'logs/api.log', 'logs/jobs.log', 'report.html', 'summary.json', 'summary.md', 'summary.txt', 'timeseries.csv',
    ]);
  });

  it('timeseries.csv adds up to the summary: requests, invocations, errors, throttles, cold starts; its peak is concurrency.max', () => {
    const [header, ...rows] = readFileSync(path.join(out, 'timeseries.csv'), 'utf8').trimEnd().split('\n');
    expect(header).toBe(
      'bucket_start_ms,function,requests,invocations,errors,throttles,cold_starts,concurrency_max,' +
        'kind,name,limit,async_queue_depth_max,messages_visible_max,messages_in_flight_max,iterator_age_max_ms,' +
        'latency_p50_ms,latency_p99_ms',
    );
    expect(rows.length).toBe(3 * 360); // 3 minutes of 500 ms buckets: two functions and the account
    expect(rows[0].startsWith('0,api,')).toBe(true);
    expect(rows[1].startsWith('0,jobs,')).toBe(true);
    expect(rows[rows.length - 1]).toMatch(/^179500,,,,,,,\d+,account,,25,,,,,,$/);
    for (const name of ['api', 'jobs']) {
      const mine = rows.map((l) => l.split(',')).filter((c) => c[1] === name).map((c) => c.slice(2, 8).map(Number));
      const sum = (k: number) => mine.reduce((a, c) => a + c[k], 0);
      const f = summary.functions[name];
      expect({ requests: sum(0), invocations: sum(1), errors: sum(2), throttles: sum(3), coldStarts: sum(4) }).toEqual({
        requests: f.requests, invocations: f.invocations, errors: f.errors, throttles: f.throttles, coldStarts: f.coldStarts,
      });
      expect(Math.max(...mine.map((c) => c[5]))).toBe(f.concurrency.max);
      // A quantile of all calls lies between the smallest and the largest of the buckets' (0.5% sketch error aside).
      const cells = rows.map((l) => l.split(',')).filter((c) => c[1] === name && c[15] !== '');
      for (const [col, q] of [[15, 'p50'], [16, 'p99']] as const) {
        const perBucket = cells.map((c) => Number(c[col]));
        expect(f.latency[q]!).toBeGreaterThanOrEqual(Math.min(...perBucket) * 0.99);
        expect(f.latency[q]!).toBeLessThanOrEqual(Math.max(...perBucket) * 1.01);
      }
      expect(cells.length).toBeGreaterThan(50);
    }
    expect(summary.total.throttles).toBeGreaterThan(0);
  });

  it('logs parse back to the bill: one REPORT per invocation, billed durations summing to billedDurationMs', () => {
    for (const name of ['api', 'jobs']) {
      const text = readFileSync(path.join(out, 'logs', `${name}.log`), 'utf8');
      const reports = text.split('\n').map(parseReportLine).filter((x) => x !== null);
      const f = summary.functions[name];
      expect(reports.length).toBe(f.invocations);
      expect(reports.reduce((a, x) => a + x.billedDurationMs, 0)).toBe(f.billedDurationMs);
      // Init Duration on cold starts only; a cold start still running at the end has no REPORT yet.
      const cold = reports.filter((x) => x.initDurationMs !== undefined).length;
      expect(cold).toBeLessThanOrEqual(f.coldStarts);
      expect(cold).toBeGreaterThanOrEqual(f.coldStarts - f.inFlightAtEnd);
      expect(cold).toBeGreaterThan(0);
    }
  });

  it('gives byte-identical files on a second run, report.html and logs included', () => {
    expect(sim(['run', 'two.yaml', '--quiet', '--out', 'b'], dir).status).toBe(0);
    const b = path.join(dir, 'b');
    for (const f of files(out)) {
      if (f === 'logs') continue;
      expect(readFileSync(path.join(b, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
    }
  });

  it('report.html has no queues and streams chart when the scenario has no async function, queue or stream', () => {
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2 id="traffic">');
    expect(html).not.toContain('id="backlog"');
  });

  it('summary.md is the Markdown summary', () => {
    const md = readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('### two: no expectations');
    expect(md).toContain(`| \`api\` | ${summary.functions.api.requests.toLocaleString('en-US')} |`);
  });
});

const BACKLOGS = `name: backlogs
seed: 4
duration: 2m
account: { concurrencyLimit: 50, unreservedMinimum: 10 }
functions:
  thumbs: { duration: { dist: exponential, mean: 800ms }, reservedConcurrency: 10 }
  worker: { duration: { dist: exponential, mean: 200ms }, reservedConcurrency: 4 }
  analytics: { duration: { dist: gamma, mean: 300ms, cv: 0.5 } }
queues:
  orders: { type: standard, visibilityTimeout: 30s }
streams:
  clicks: { type: kinesis, shards: 2 }
eventSourceMappings:
  - { source: orders, function: worker, batchSize: 5 }
  - { source: clicks, function: analytics, batchSize: 50 }
workloads:
  - { name: uploads, function: thumbs, invocation: async, arrivals: { process: poisson, rate: 15/s } }
  - { name: orders, queue: orders, arrivals: { process: poisson, rate: 120/s } }
  - { name: clicks, stream: clicks, partitionKeys: 100, arrivals: { process: poisson, rate: 200/s } }
reports: { formats: [json, csv, html], timeseries: 1s }
`;

describe('sim run: backlog rows of timeseries.csv', () => {
  const dir = tempDir({ 'backlogs.yaml': BACKLOGS });
  const r = sim(['run', 'backlogs.yaml', '--quiet', '--out', 'a'], dir);
  const out = path.join(dir, 'a');

  it('writes function, account, queue and stream rows whose maxima are the summary\'s', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    const [header, ...lines] = readFileSync(path.join(out, 'timeseries.csv'), 'utf8').trimEnd().split('\n');
    const col = Object.fromEntries(header.split(',').map((n, i) => [n, i]));
    const rows = lines.map((l) => l.split(','));
    expect(rows.length).toBe(120 * 6);
    expect(rows.slice(0, 6).map((c) => `${c[col.kind]}:${c[col.name]}:${c[col.limit]}`)).toEqual([
      'function:thumbs:10', 'function:worker:4', 'function:analytics:', 'account::50', 'queue:orders:', 'stream:clicks:',
    ]);
    const of = (kind: string, name: string): string[][] => rows.filter((c) => c[col.kind] === kind && c[col.name] === name);
    const max = (rs: string[][], field: string): number => Math.max(...rs.filter((c) => c[col[field]] !== '').map((c) => Number(c[col[field]])));
    for (const name of ['thumbs', 'worker', 'analytics']) {
      const f = summary.functions[name];
      const mine = of('function', name);
      expect(mine.reduce((a, c) => a + Number(c[col.requests]), 0)).toBe(f.requests);
      expect(mine.reduce((a, c) => a + Number(c[col.invocations]), 0)).toBe(f.invocations);
      expect(max(mine, 'concurrency_max')).toBe(f.concurrency.max);
    }
    expect(max(of('function', 'thumbs'), 'async_queue_depth_max')).toBe(summary.functions.thumbs.async.queueDepth.max);
    expect(summary.functions.thumbs.async.queueDepth.max).toBeGreaterThan(10); // reserved 10 at 15/s x 0.8 s: a backlog
    expect(max(of('queue', 'orders'), 'messages_visible_max')).toBe(summary.queues.orders.visible.max);
    expect(max(of('stream', 'clicks'), 'iterator_age_max_ms')).toBe(summary.streams.clicks.iteratorAge.max);
    const account = of('account', '');
    expect(max(account, 'concurrency_max')).toBeGreaterThanOrEqual(Math.max(...['thumbs', 'worker', 'analytics'].map((n) => summary.functions[n].concurrency.max)));
  });

  it('draws the queues and streams chart in report.html, and gives the same bytes on a second run', () => {
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2 id="backlog">Queues and streams</h2>');
    for (const label of ['thumbs: async events accepted, not finished', 'orders: SQS messages', 'clicks: iterator age']) expect(html).toContain(label);
    expect(sim(['run', 'backlogs.yaml', '--quiet', '--out', 'b'], dir).status).toBe(0);
    for (const f of ['timeseries.csv', 'report.html', 'summary.json']) {
      expect(readFileSync(path.join(dir, 'b', f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
    }
  });
});

describe('colour', () => {
  async function run(tty: boolean, noColor = false): Promise<string> {
    const dir = tempDir({ 'two.yaml': TWO.replace('formats: [summary, json, csv, html, logs]', 'formats: [summary]') });
    let stdout = '';
    const io: Io = { stdout: (t) => (stdout += t), stderr: () => {}, stdoutIsTty: tty, stderrIsTty: false, noColor };
    const code = await main(['run', path.join(dir, 'two.yaml'), '--out', path.join(dir, 'o')], io);
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, 'o', 'summary.txt'), 'utf8')).not.toContain('\u001b[');
    return stdout;
  }

  it('colours the terminal table only when stdout is a terminal, and never with NO_COLOR', async () => {
    expect(await run(true)).toContain('\u001b[1m');
    expect(await run(false)).not.toContain('\u001b[');
    expect(await run(true, true)).not.toContain('\u001b[');
  });
});

describe('logs size warning and cleanup', () => {
  it('estimates invocations from the workloads and warns above the threshold, before the run', () => {
    const dir = tempDir({ 'two.yaml': TWO });
    const scenario = loadScenario(path.join(dir, 'two.yaml'));
    expect(expectedInvocations(scenario)).toBeCloseTo(80 * 180 + 40 * 60, 6);
    const warnings: string[] = [];
    const s = openStreamedReports(scenario, path.join(dir, 'o'), ['logs', 'csv'], { warn: (l) => warnings.push(l), logWarnBytes: 1_000_000 });
    expect(warnings).toEqual(['sim: warning: the logs of this run will take about 6 MB (16,800 invocations expected); remove "logs" from reports.formats to skip them\n']);
    // Nothing has a final name before the run completes; abort leaves no file at all.
    expect(files(path.join(dir, 'o')).filter((f) => !f.includes('.tmp-'))).toEqual(['logs']);
    s.abort();
    expect(files(path.join(dir, 'o'))).toEqual(['logs']);
    const quiet: string[] = [];
    openStreamedReports(scenario, path.join(dir, 'p'), ['logs'], { warn: (l) => quiet.push(l), logWarnBytes: 100 * 1024 * 1024 }).abort();
    expect(quiet).toEqual([]);
  });

  it('StreamFile publishes the file whole on commit and removes it on abort', () => {
    const dir = tempDir();
    const a = new StreamFile(path.join(dir, 'a.csv'));
    a.write('x'.repeat(100_000));
    a.write('end\n');
    expect(existsSync(path.join(dir, 'a.csv'))).toBe(false);
    a.commit();
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8').length).toBe(100_004);
    const b = new StreamFile(path.join(dir, 'b.csv'));
    b.write('partial');
    b.abort();
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });
});
