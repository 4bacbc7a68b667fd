/**
 * Checks `expect:` metric names before a run, so a typo (`api.latency.p98`) is bad input (exit 2,
 * one line with its position) rather than a broken expectation discovered after a long run.
 *
 * The metric names of a scenario are those of its summary.json, which depend on what it configures
 * (provisioned concurrency, async workloads, queues, streams). We get them from the summary of the
 * same model run for one microsecond: same structure, no traffic.
 */
import { Simulation } from '../model/simulate.js';
import { buildSummary, resolveMetric } from '../report/index.js';
import type { Scenario } from '../scenario/schema.js';
import { ScenarioError } from '../scenario/errors.js';

export function checkExpectMetrics(scenario: Scenario, file: string): void {
  if (scenario.expect.length === 0) return;
  let summary;
  try {
    const shape = new Simulation({ ...scenario, duration: 1 }).results();
    summary = buildSummary(shape, { simulator: { name: 'lambda-sim', version: 'check' }, expectations: [] });
  } catch {
    // The structure could not be built this way; the expectations are still checked after the run.
    return;
  }
  scenario.expect.forEach((e, i) => {
    const lookup = resolveMetric(summary, e.metric);
    if (lookup.ok || !lookup.message.startsWith('unknown metric')) return;
    const hint = /did you mean "([^"]+)"/.exec(lookup.message);
    throw new ScenarioError({
      file,
      line: e.line,
      column: e.column,
      path: `expect.${i}`,
      expected: 'a metric of summary.json such as <function>.latency.p99, <function>.throttles or total.cost',
      found: e.metric,
      hint: hint ? `did you mean "${hint[1]}"?` : undefined,
    });
  });
}
