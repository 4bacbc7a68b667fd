/**
 * Checks the scenario's `expect:` lines against a Summary.
 *
 * A metric path is dotted: the first segment is `total` (the account totals) or the name of a
 * function (then an event source of any kind the summary has: a queue, a stream); the rest walks into that entry
 * (`checkout.latency.p99`). A path that ends on a cost object means its `total`, so
 * `total.cost <= 40 USD` reads as written. `total` always means the totals, even if a function
 * has that name. Summary values are already in the Expectation's units (ms, fractions, USD).
 */
import type { ExpectOp, Expectation } from '../scenario/expect-types.js';
import type { SourceReport } from './source-report.js';
import { SOURCE_REPORTS, summarySection } from './source-reports.js';
import type { ExpectationResult, Summary } from './summary-types.js';
import { suggest } from '../scenario/suggest.js';

export type { ExpectationResult };

/** Relative tolerance for comparing floats: values this close count as equal for every operator. */
export const RELATIVE_TOLERANCE = 1e-9;

/**
 * A path resolved to a number, or why it could not be: `unknown` (no such path: a typo, or a
 * block this scenario does not have) or `not-a-number` (it names a block or a text field), with
 * the closest known path when one is close, and the one-line message built from both.
 */
export type MetricLookup =
  | { ok: true; value: number }
  | { ok: false; reason: 'unknown' | 'no-value' | 'not-a-number' | 'per-version'; suggestion: string | undefined; hint: string | undefined; message: string };

type Tree = Record<string, unknown>;

function isTree(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The entries a path's first segment can name, in lookup order: functions, then each kind of source in table order. */
function roots(summary: Summary, sources: readonly SourceReport[]): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [['total', summary.total]];
  // Aliases too: `checkout:live.routed.2` (versions are function entries already: `checkout:2.p99`).
  for (const group of [summary.functions, ...sources.map((s) => summarySection(summary, s.section)), summary.aliases ?? {}]) {
    for (const [name, entry] of Object.entries(group)) {
      if (name !== 'total' && !out.some(([n]) => n === name)) out.push([name, entry]);
      // The $LATEST entry of a function with versions is `fn:$LATEST` too (AWS's qualifier).
      if (group === summary.functions && isTree(entry) && entry.version === '$LATEST') out.push([`${name}:$LATEST`, entry]);
    }
  }
  // Chain ends' pipeline latency (pipeline-report.ts): `pipelines.<end>.p99`.
  if (summary.pipelines !== undefined && !out.some(([n]) => n === 'pipelines')) out.push(['pipelines', summary.pipelines]);
  // Deployments (deployment-report.ts): `deployments.<fn:alias>.rolledBack`.
  if (summary.deployments !== undefined && !out.some(([n]) => n === 'deployments')) out.push(['deployments', summary.deployments]);
  // The other services' charges (services-cost.ts): `services.s3`, `services.totalPerMonth`.
  if (summary.services !== undefined && !out.some(([n]) => n === 'services')) out.push(['services', summary.services]);
  return out;
}

/** An object holding a numeric `total` (a cost breakdown) stands for that total. */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (isTree(v) && typeof v.total === 'number') return v.total;
  return undefined;
}

/**
 * Every dotted path that resolves to a number, in summary order: for `total` and each function
 * (queue, stream), each numeric field, and each object with a numeric `total` as well as its
 * parts (`total.cost`, `total.cost.requests`, ...). For the loader to validate `expect` paths.
 * `sources`: the reports of the kinds of event source (the built-in ones by default), here and below.
 */
export function knownMetricPaths(summary: Summary, sources: readonly SourceReport[] = SOURCE_REPORTS): string[] {
  const paths: string[] = [];
  const walk = (v: unknown, path: string): void => {
    // null is a statistic without samples (an empty histogram): still a metric the summary has.
    if (typeof v === 'number' || v === null) {
      paths.push(path);
    } else if (isTree(v)) {
      if (typeof v.total === 'number') paths.push(path);
      for (const [k, child] of Object.entries(v)) walk(child, `${path}.${k}`);
    }
  };
  for (const [name, entry] of roots(summary, sources)) {
    if (isTree(entry)) for (const [k, child] of Object.entries(entry)) walk(child, `${name}.${k}`);
  }
  return paths;
}

/**
 * The fields of a function entry that add up over its instances: counts, billed time and cost.
 * Concurrency (the instances' peaks need not coincide), rates and percentiles do not.
 */
const SUMMED = /^(requests|invocations|errors|timeouts|throttles|coldStarts|retries|deadLettered|dropped|inFlightAtEnd|successes|outOfMemory|billedDurationMs|gbSeconds|cost(\.\w+)?|throttleReasons\.\w+|environments\.(created|reclaimed))$/;

/**
 * `fn.<metric>` of a function with versions is the function as a whole, as CloudWatch's unqualified
 * FunctionName metrics add up all versions: the sum over `fn:$LATEST` and each `fn:N` for a count,
 * else refused with those alternatives. Undefined when `fn` has no versions (or the path is unknown).
 */
function resolveWhole(summary: Summary, head: string, sub: string, sources: readonly SourceReport[]): MetricLookup | undefined {
  const latest = summary.functions[head] as unknown;
  if (!isTree(latest) || latest.version !== '$LATEST' || sub === '') return undefined;
  const names = [`${head}:$LATEST`, ...Object.entries(summary.functions).filter(([n, e]) => n !== head && isTree(e) && e.function === head).map(([n]) => n)];
  const first = resolveMetric(summary, `${names[0]}.${sub}`, sources);
  if (!first.ok && first.reason === 'unknown') return undefined;
  if (SUMMED.test(sub)) {
    let sum = 0;
    for (const n of names) {
      const one = resolveMetric(summary, `${n}.${sub}`, sources);
      if (!one.ok) return one;
      sum += one.value;
    }
    return { ok: true, value: sum };
  }
  const hint = `${head} has versions and ${head}.${sub} does not add up over them: read ${names.map((n) => `${n}.${sub}`).join(', ')}`;
  return { ok: false, reason: 'per-version', suggestion: undefined, hint, message: `metric "${head}.${sub}" is per version; ${hint}` };
}

/** Resolves a dotted metric path against a summary (see the file comment for the rules). */
export function resolveMetric(summary: Summary, metric: string, sources: readonly SourceReport[] = SOURCE_REPORTS): MetricLookup {
  const [head, ...rest] = metric.split('.');
  const whole = resolveWhole(summary, head, rest.join('.'), sources);
  if (whole !== undefined) return whole;
  let node: unknown = roots(summary, sources).find(([name]) => name === head)?.[1];
  let parent: unknown;
  for (const key of rest) {
    parent = node;
    node = isTree(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  }
  const value = node === undefined ? undefined : asNumber(node);
  if (value !== undefined) return { ok: true, value };
  const reason = node === undefined ? 'unknown' : node === null ? 'no-value' : 'not-a-number';
  // A percentile the summary does not keep (p98) is closest to another by spelling (p90), which is
  // not what was meant: list the ones the block has instead of guessing.
  const last = rest[rest.length - 1] ?? '';
  const percentiles = reason === 'unknown' && /^p\d/.test(last) && isTree(parent) ? Object.keys(parent).filter((k) => /^p\d|^max$/.test(k)) : undefined;
  const suggestion = reason === 'no-value' || percentiles !== undefined ? undefined : suggest(metric, knownMetricPaths(summary, sources));
  const hintText =
    percentiles !== undefined ? `${metric.slice(0, metric.length - last.length - 1)} keeps ${percentiles.join(', ')}`
    : suggestion === undefined ? undefined
    : `did you mean "${suggestion}"?`;
  const hint = hintText === undefined ? '' : `; ${hintText}`;
  const what =
    reason === 'unknown' ? `unknown metric "${metric}"`
    : reason === 'no-value' ? `metric "${metric}" has no value: no samples were recorded`
    : `metric "${metric}" is not a number`;
  return { ok: false, reason, suggestion, hint: hintText, message: what + hint };
}

/** True when a and b are equal within RELATIVE_TOLERANCE of the larger magnitude. */
export function nearlyEqual(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Applies a comparison. Values within the tolerance count as equal for every operator, so a
 * float that is a rounding hair above a limit still satisfies `<=` and fails `<`.
 */
export function compare(actual: number, op: ExpectOp, expected: number): boolean {
  const equal = nearlyEqual(actual, expected);
  switch (op) {
    case '<':
      return !equal && actual < expected;
    case '<=':
      return equal || actual < expected;
    case '>':
      return !equal && actual > expected;
    case '>=':
      return equal || actual > expected;
    case '==':
      return equal;
    case '!=':
      return !equal;
  }
}

/**
 * Evaluates each expectation against the summary, in order. An unresolvable metric is a broken
 * line (`ok: false`, `actual: null`) with a message naming the nearest known metric.
 */
export function evaluateExpectations(
  expect: readonly Expectation[],
  summary: Summary,
  sources: readonly SourceReport[] = SOURCE_REPORTS,
): ExpectationResult[] {
  return expect.map((e) => {
    const lookup = resolveMetric(summary, e.metric, sources);
    if (!lookup.ok) return { expr: e.text, actual: null, ok: false, message: lookup.message };
    // Never compared: the value's unit does not fit the metric (expect-types.ts).
    if (e.unitIssue !== undefined) return { expr: e.text, actual: null, ok: false, message: `expected ${e.unitIssue.expected}, found ${e.unitIssue.found}` };
    return { expr: e.text, actual: lookup.value, ok: compare(lookup.value, e.op, e.value) };
  });
}
