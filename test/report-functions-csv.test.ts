import { describe, expect, it } from 'vitest';
import { buildSummary, FUNCTIONS_CSV_HEADER, renderFunctionsCsv } from '../src/report/index.js';
import { sampleResults, SIMULATOR } from './helpers/report-fixtures.js';

const summary = () => buildSummary(sampleResults(), { simulator: SIMULATOR, expectations: [] });

/** Our output never needs quoting (no commas, quotes or newlines in names), so a plain split parses it. */
function parse(csv: string): Array<Record<string, string>> {
  const [header, ...rows] = csv.trimEnd().split('\n').map((l) => l.split(','));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe('functions.csv', () => {
  it('starts with a stable header', () => {
    const csv = renderFunctionsCsv(summary());
    const header = csv.split('\n')[0].split(',');
    expect(header).toEqual([...FUNCTIONS_CSV_HEADER]);
    expect(header).toEqual([
      'function', 'requests', 'invocations', 'errors', 'timeouts', 'throttles', 'cold_starts', 'cold_start_rate',
      'retries', 'dead_lettered', 'dropped', 'in_flight_at_end', 'concurrency_max', 'concurrency_mean',
      'environments_created', 'environments_reclaimed', 'environments_max_alive', 'environments_mean_alive',
      'duration_mean_ms', 'duration_p50_ms', 'duration_p90_ms', 'duration_p99_ms', 'duration_p999_ms', 'duration_max_ms',
      'init_duration_mean_ms', 'init_duration_p50_ms', 'init_duration_p90_ms', 'init_duration_p99_ms', 'init_duration_p999_ms', 'init_duration_max_ms',
      'latency_mean_ms', 'latency_p50_ms', 'latency_p90_ms', 'latency_p99_ms', 'latency_p999_ms', 'latency_max_ms',
      'billed_duration_ms', 'gb_seconds',
      'cost_requests_usd', 'cost_compute_usd', 'cost_provisioned_usd', 'cost_storage_usd', 'cost_total_usd',
      'successes', 'throttles_account', 'throttles_reserved', 'throttles_scaling', 'throttles_rate',
      'runtime', 'architecture', 'memory_size_mb', 'ephemeral_storage_mb', 'out_of_memory',
      'memory_used_mean_mb', 'memory_used_p50_mb', 'memory_used_p90_mb', 'memory_used_p99_mb', 'memory_used_max_mb',
    ]);
    expect(new Set(header).size).toBe(header.length);
  });

  it('has one row per function with the summary values', () => {
    const rows = parse(renderFunctionsCsv(summary()));
    expect(rows.map((r) => r.function)).toEqual(['checkout', 'idle']);
    const c = rows[0];
    expect(c.requests).toBe('1000');
    expect(c.cold_start_rate).toBe('0.02');
    expect(c.concurrency_max).toBe('12');
    expect(c.concurrency_mean).toBe('3.456789');
    expect(c.environments_mean_alive).toBe('5.123457');
    expect(c.duration_p50_ms).toBe('80');
    expect(c.init_duration_p99_ms).toBe('250');
    expect(c.latency_p50_ms).toBe('500.124');
    expect(c.latency_p99_ms).toBe('990.124');
    expect(c.latency_max_ms).toBe('1000.124');
    expect(c.billed_duration_ms).toBe('80750');
    expect(c.gb_seconds).toBe('80.75');
    expect(c.cost_compute_usd).toBe('0.00134584');
    expect(c.cost_total_usd).toBe('0.00153584');
    expect(c.throttles_reserved).toBe('30');
    expect(c.runtime).toBe('nodejs20.x');
    expect(c.memory_size_mb).toBe('1024');
    // No samples: an empty cell (null in summary.json), not a 0 ms latency.
    expect(rows[1].latency_p99_ms).toBe('');
    expect(rows[1].architecture).toBe('arm64');
  });

  it('writes tiny numbers without exponents and ends lines with \\n', () => {
    const s = summary();
    s.functions.checkout.cost.storage = 1.5e-7;
    const csv = renderFunctionsCsv(s);
    expect(parse(csv)[0].cost_storage_usd).toBe('0.00000015');
    expect(csv).not.toContain('\r');
    expect(csv.endsWith('\n')).toBe(true);
  });

  it('is byte-identical for the same input twice', () => {
    expect(renderFunctionsCsv(summary())).toBe(renderFunctionsCsv(summary()));
  });
});
