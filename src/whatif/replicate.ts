/**
 * `sim run --replications N`: one scenario run N times with the seeds a sweep point uses
 * (replicationSeed: the scenario's own seed first, so replication 1 is exactly `sim run`), every
 * metric as a mean with its 95% interval and every expect line judged on that interval (JUDGING_RULE).
 *
 * Replication 1 writes the full report folder `sim run` writes (summary.json, functions.csv ...), so
 * readers of a single run's files keep working; the estimates go next to it in replications.md and
 * replications.json.
 */
import type { Scenario } from '../scenario/schema.js';
import { aggregate, replicationSeed, type VariantResult } from './aggregate.js';
import type { ExecuteContext, Executor, Outcome, Task } from './execute.js';
import { taskCost } from './shard-plan.js';

export interface ReplicationsRequest {
  /** The parsed scenario (overrides and seed applied). */
  scenario: Scenario;
  replications: number;
  /** Where replication 1 writes its full reports (as `sim run`); nothing written without it. */
  firstReportsDir?: string;
  simulator: { name: string; version: string };
}

export interface ReplicationsResult {
  scenario: string;
  /** The scenario's seed (replication 1's). */
  seed: number;
  replications: number;
  result: VariantResult;
  simulator: { name: string; version: string };
}

/** What replications.md/json say besides the result: a shard file carries it to `sim merge`. */
export type ReplicationsHeader = Omit<ReplicationsResult, 'result'>;

/** Replications ready to run: the header, one task per replication and their expected costs. */
export interface ReplicationsPlan {
  header: ReplicationsHeader;
  tasks: Task[];
  costs: number[];
}

/** List the replications (replication 1 writes its full reports to firstReportsDir, when given). */
export function planReplications(request: ReplicationsRequest): ReplicationsPlan {
  const { scenario } = request;
  const tasks: Task[] = [];
  for (let r = 0; r < request.replications; r++) {
    const task: Task = { scenario: { ...scenario, seed: replicationSeed(scenario.seed, r) } };
    if (r === 0 && request.firstReportsDir !== undefined) task.dir = request.firstReportsDir;
    tasks.push(task);
  }
  const header = { scenario: scenario.name, seed: scenario.seed, replications: request.replications, simulator: request.simulator };
  return { header, tasks, costs: tasks.map(() => taskCost(scenario)) };
}

/** The result from every replication's outcome (in replication order): one machine's run and `sim merge` alike. */
export function assembleReplications(header: ReplicationsHeader, outcomes: readonly Outcome[]): ReplicationsResult {
  return { ...header, result: aggregate(outcomes) };
}

/** Run the replications (on the executor's threads) and combine them in replication order. */
export async function runReplications(
  request: ReplicationsRequest,
  makeExecutor: (context: ExecuteContext) => Executor,
  onDone?: (finished: number, total: number) => void,
): Promise<ReplicationsResult> {
  const plan = planReplications(request);
  const outcomes = await makeExecutor({ simulator: request.simulator })(plan.tasks, onDone);
  return assembleReplications(plan.header, outcomes);
}
