/**
 * From the replications of one variant to estimates: every metric as a mean with a 95% interval,
 * and every `expect` line judged on its interval.
 *
 * How an expect line is judged under replication (JUDGING_RULE): it holds when it holds for every
 * value in the 95% interval of its metric's mean, i.e. on the interval's unfavourable end: the
 * upper end for `<` and `<=`, the lower end for `>` and `>=`; `==` needs both ends equal to the
 * value, `!=` the value outside the interval. With one replication that is the run's own value,
 * exactly as `sim run` judges it.
 */
import { compare, resolveMetric } from '../report/expectations.js';
import type { ExpectOp } from '../scenario/expect-types.js';
import { entries, METRICS, type MetricKey } from './metrics.js';
import type { Outcome } from './execute.js';
import { estimate, interval, isQuantileMetric, withSketchError, type Estimate } from './stats.js';
import { mix32 } from '../kernel/hash.js';

/** Printed with every result that used replications. */
export const JUDGING_RULE =
  'Expect lines are judged on the 95% interval of the mean over replications: a line holds when it holds for every value in the interval (for < and <= its upper end, for > and >= its lower end).';

/**
 * The seed of replication `r` (0-based): the scenario's own seed for the first, so one replication
 * is exactly `sim run`; then a 32-bit mix of (seed, r). Every variant uses the same seeds, so their
 * differences are not seed noise where the model gives common random numbers.
 */
export function replicationSeed(seed: number, r: number): number {
  if (r === 0) return seed;
  return mix32(mix32(seed >>> 0) ^ mix32(r + 0x9e3779b9));
}

/** Estimates of one entry (a function or `total`). */
export interface EntryEstimates {
  name: string;
  metrics: Partial<Record<MetricKey, Estimate>>;
}

/** One expect line at one variant. */
export interface JudgedExpectation {
  expr: string;
  /** The metric's estimate; null when it could not be resolved. */
  estimate: Estimate | null;
  ok: boolean;
  message?: string;
}

/** A variant (a sweep point, or one side of a comparison) over its replications. */
export interface VariantResult {
  seeds: number[];
  simulatedMs: number;
  entries: EntryEstimates[];
  expectations: JudgedExpectation[];
  /** Every expect line holds (true when there are none). */
  meetsAll: boolean;
  notes: string[];
}

/** Whether `op value` holds for every value in the interval of `e`. */
export function holdsOnInterval(e: Estimate, op: ExpectOp, value: number): boolean {
  const [low, high] = interval(e);
  switch (op) {
    case '<':
    case '<=':
      return compare(high, op, value);
    case '>':
    case '>=':
      return compare(low, op, value);
    case '==':
      return compare(low, '==', value) && compare(high, '==', value);
    case '!=':
      return compare(low, '>', value) || compare(high, '<', value);
  }
}

/**
 * Combine the replications (in replication order) of one variant.
 * @throws on an empty list
 */
export function aggregate(outcomes: readonly Outcome[]): VariantResult {
  if (outcomes.length === 0) throw new Error('aggregate: no replications');
  const first = outcomes[0].summary;
  const result: EntryEstimates[] = entries(first).map(([name]) => {
    const metrics: EntryEstimates['metrics'] = {};
    for (const m of METRICS) {
      const values: number[] = [];
      for (const o of outcomes) {
        const entry = name === 'total' ? o.summary.total : o.summary.functions[name];
        const v = m.read(entry, o.summary.simulatedMs);
        if (v !== undefined) values.push(v);
      }
      if (values.length !== outcomes.length) continue;
      const e = estimate(values);
      metrics[m.key] = isQuantileMetric(m.key) ? withSketchError(e, Math.abs(e.mean)) : e;
    }
    return { name, metrics };
  });
  const expectations = outcomes[0].expect.map((line): JudgedExpectation => {
    const values: number[] = [];
    for (const o of outcomes) {
      const lookup = resolveMetric(o.summary, line.metric);
      if (!lookup.ok) return { expr: line.text, estimate: null, ok: false, message: lookup.message };
      if (line.unitIssue !== undefined) return { expr: line.text, estimate: null, ok: false, message: `expected ${line.unitIssue.expected}, found ${line.unitIssue.found}` };
      values.push(lookup.value);
    }
    const raw = estimate(values);
    const e = isQuantileMetric(line.metric) ? withSketchError(raw, Math.abs(raw.mean)) : raw;
    return { expr: line.text, estimate: e, ok: holdsOnInterval(e, line.op, line.value) };
  });
  const notes = [...new Set(outcomes.flatMap((o) => o.summary.notes))];
  return {
    seeds: outcomes.map((o) => o.summary.seed),
    simulatedMs: first.simulatedMs,
    entries: result,
    expectations,
    meetsAll: expectations.every((e) => e.ok),
    notes,
  };
}

/** The estimate of a metric of an entry, if reported. */
export function metricOf(v: VariantResult, entry: string, key: MetricKey): Estimate | undefined {
  return v.entries.find((e) => e.name === entry)?.metrics[key];
}

/**
 * The slowest function's p99 latency mean (ms): the speed a sweep ranks points by. 0 when no
 * function reports latency.
 */
export function worstP99(v: VariantResult): number {
  return worstP99Estimate(v)?.mean ?? 0;
}

/** The slowest function's p99 estimate (mean and interval); undefined when no function reports latency. */
export function worstP99Estimate(v: VariantResult): Estimate | undefined {
  let worst: Estimate | undefined;
  for (const e of v.entries) if (e.name !== 'total' && e.metrics.p99 && e.metrics.p99.mean > (worst?.mean ?? 0)) worst = e.metrics.p99;
  return worst;
}
