/**
 * Checks `expect:` metric names before a run, so a typo (`api.latency.p98`) is bad input (exit 2,
 * one line with its position) rather than a broken expectation discovered after a long run.
 *
 * The metric names of a scenario are those of its summary.json, which depend on what it configures
 * (provisioned concurrency, async workloads, queues, streams). The summary builder is the one
 * place that knows that structure, so we ask it: the summary of the same model run for one
 * microsecond has the structure and no traffic. Its lookup says why a name fails and what was
 * probably meant (report/expectations.ts); this file only turns that into a ScenarioError.
 */
import { Simulation } from '../model/simulate.js';
import { buildSummary, resolveMetric } from '../report/index.js';
import type { Summary } from '../report/summary-types.js';
import type { Scenario } from '../scenario/schema.js';
import { ScenarioError } from '../scenario/errors.js';

/** The metric structure of a scenario's summary.json, from a run of one microsecond (after a warm-up of one, if it has one). */
export function summaryShape(scenario: Scenario): Summary {
  const shape = new Simulation({ ...scenario, ...(scenario.warmup ? { duration: 2, warmup: 1 } : { duration: 1 }) }).results();
  return buildSummary(shape, { simulator: { name: 'lambda-sim', version: 'check' }, expectations: [] });
}

/**
 * @param file names the scenario in the error
 * @throws ScenarioError at the first `expect` line naming a metric this scenario's summary does not have
 */
export function checkExpectMetrics(scenario: Scenario, file: string): void {
  if (scenario.expect.length === 0) return;
  const summary = summaryShape(scenario);
  scenario.expect.forEach((e, i) => {
    const lookup = resolveMetric(summary, e.metric);
    // The metric exists: now a unit on a count is the mistake (expect.ts defers it until here).
    if (lookup.ok && e.unitIssue !== undefined) {
      throw new ScenarioError({ file, origin: e.origin, line: e.line, column: e.column, path: `expect.${i}`, expected: e.unitIssue.expected, found: e.unitIssue.found });
    }
    // A path that exists but names a block (`api.latency`) is left to the run's verdict, which says so.
    if (lookup.ok || (lookup.reason !== 'unknown' && lookup.reason !== 'per-version')) return;
    const alias = aliasMetricRefusal(summary, e.metric);
    throw new ScenarioError({
      file,
      origin: e.origin,
      line: e.line,
      column: e.column,
      path: `expect.${i}`,
      expected:
        alias !== null
          ? alias
          : lookup.reason === 'per-version'
          ? 'a metric of the whole function that adds up over its versions (a count, billed time or cost), or one of an instance'
          : 'a metric of summary.json such as <function>.latency.p99, <function>.throttles or total.cost',
      found: e.metric,
      hint: alias !== null ? undefined : lookup.hint,
    });
  });
}

/**
 * What an alias's metrics are, when `metric` reads one it does not have (`api:live.throttles`):
 * CloudWatch's per-alias figures other than the routing live on the rows of the versions it
 * routes to, which the message names. Null when `metric` is not about an alias.
 */
function aliasMetricRefusal(summary: Summary, metric: string): string | null {
  const dot = metric.indexOf('.');
  const name = dot < 0 ? metric : metric.slice(0, dot);
  const alias = summary.aliases?.[name];
  if (alias === undefined) return null;
  const rest = dot < 0 ? '<metric>' : metric.slice(dot + 1);
  const own = ['routed.<version>', 'throttles', ...(alias.async !== undefined ? ['async.<field>'] : [])].map((m) => `${name}.${m}`).join(', ');
  const versions = Object.keys(alias.routed).map((v) => `${alias.function}:${v}.${rest}`).join(', ');
  return `a metric alias ${name} has (${own}), or the same metric on the versions it routes to (${versions})`;
}
