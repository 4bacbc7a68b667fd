/**
 * functions.csv: one row per function (and version) with summary.json's per-function fields
 * flattened to snake_case columns, units in the name (`latency_p99_ms`, `cost_total_usd`).
 * Column order is fixed: the function's name, the contract's fields in contract order, then the
 * extensions, as in summary.json. Numbers print as in the JSON, without exponent notation.
 */
import { stringify } from 'csv-stringify/sync';
import type { DistributionSummary, FunctionSummary, Summary } from './summary-types.js';
import { plainNumber } from './format-number.js';

/** A column: its header and how to read it from a function's summary. */
type Column = readonly [header: string, read: (f: FunctionSummary) => number | string];

const STATS = ['mean', 'p50', 'p90', 'p99', 'p999', 'max'] as const;

/** `duration_p50_ms`, ... for one time distribution; an empty cell where there were no samples (null in summary.json). */
function timeColumns(prefix: string, pick: (f: FunctionSummary) => DistributionSummary): Column[] {
  return STATS.map((stat): Column => [`${prefix}_${stat}_ms`, (f) => pick(f)[stat] ?? '']);
}

/** Every column after `function`, in output order. */
export const FUNCTION_COLUMNS: readonly Column[] = [
  ['requests', (f) => f.requests],
  ['invocations', (f) => f.invocations],
  ['errors', (f) => f.errors],
  ['timeouts', (f) => f.timeouts],
  ['throttles', (f) => f.throttles],
  ['cold_starts', (f) => f.coldStarts],
  ['cold_start_rate', (f) => f.coldStartRate],
  ['retries', (f) => f.retries],
  ['dead_lettered', (f) => f.deadLettered],
  ['dropped', (f) => f.dropped],
  ['in_flight_at_end', (f) => f.inFlightAtEnd],
  ['concurrency_max', (f) => f.concurrency.max],
  ['concurrency_mean', (f) => f.concurrency.mean],
  ['environments_created', (f) => f.environments.created],
  ['environments_reclaimed', (f) => f.environments.reclaimed],
  ['environments_max_alive', (f) => f.environments.maxAlive],
  ['environments_mean_alive', (f) => f.environments.meanAlive],
  ...timeColumns('duration', (f) => f.duration),
  ...timeColumns('init_duration', (f) => f.initDuration),
  ...timeColumns('latency', (f) => f.latency),
  ['billed_duration_ms', (f) => f.billedDurationMs],
  ['gb_seconds', (f) => f.gbSeconds],
  ['cost_requests_usd', (f) => f.cost.requests],
  ['cost_compute_usd', (f) => f.cost.compute],
  ['cost_provisioned_usd', (f) => f.cost.provisioned],
  ['cost_storage_usd', (f) => f.cost.storage],
  ['cost_total_usd', (f) => f.cost.total],
  ['successes', (f) => f.successes],
  ['throttles_account', (f) => f.throttleReasons.account],
  ['throttles_reserved', (f) => f.throttleReasons.reserved],
  ['throttles_scaling', (f) => f.throttleReasons.scaling],
  ['throttles_rate', (f) => f.throttleReasons.rate],
  ['runtime', (f) => f.runtime],
  ['architecture', (f) => f.architecture],
  ['memory_size_mb', (f) => f.memorySize],
  ['ephemeral_storage_mb', (f) => f.ephemeralStorage],
  ['out_of_memory', (f) => f.outOfMemory],
  ...(['mean', 'p50', 'p90', 'p99', 'max'] as const).map((stat): Column => [`memory_used_${stat}_mb`, (f) => f.memoryUsed[stat] ?? '']),
];

/** The header row of functions.csv (without the optional columns below). */
export const FUNCTIONS_CSV_HEADER: readonly string[] = ['function', ...FUNCTION_COLUMNS.map(([h]) => h)];

/**
 * Columns appended only when some function of the scenario has the field (issue #15: INIT failures;
 * issue #14: SnapStart),
 * so a scenario that does not use the feature keeps its columns; an empty cell for the others.
 */
export const OPTIONAL_FUNCTION_COLUMNS: readonly (readonly [header: string, read: (f: FunctionSummary) => number | undefined])[] = [
  ['init_errors', (f) => f.initErrors],
  ['init_timeouts', (f) => f.initTimeouts],
  // SnapStart (issue #14)
  ['restores', (f) => f.restores],
  ['restore_duration_p50_ms', (f) => f.restoreDuration?.p50 ?? undefined],
  ['restore_duration_p99_ms', (f) => f.restoreDuration?.p99 ?? undefined],
  ['cost_snapstart_cache_usd', (f) => f.cost.snapStartCache],
  ['cost_snapstart_restore_usd', (f) => f.cost.snapStartRestore],
];

/** functions.csv's text: header, then one row per function in summary order; `\n` line ends. */
export function renderFunctionsCsv(summary: Summary): string {
  const functions = Object.values(summary.functions);
  const optional = OPTIONAL_FUNCTION_COLUMNS.filter(([, read]) => functions.some((f) => read(f) !== undefined));
  const columns: Column[] = [...FUNCTION_COLUMNS, ...optional.map(([h, read]): Column => [h, (f) => read(f) ?? ''])];
  const rows: string[][] = [['function', ...columns.map(([h]) => h)]];
  for (const [name, f] of Object.entries(summary.functions)) {
    rows.push([name, ...columns.map(([, read]) => {
      const v = read(f);
      return typeof v === 'number' ? plainNumber(v) : v;
    })]);
  }
  return stringify(rows, { record_delimiter: 'unix' });
}
