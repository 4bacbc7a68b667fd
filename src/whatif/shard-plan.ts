/**
 * How the runs of a sweep or of replications are split into shards (`--shard I/N`): each run's
 * expected cost is a whole number computed from its scenario alone, and the split is a fixed
 * greedy rule on those numbers, so every machine that reads the same scenario and options computes
 * the same split, whatever its speed, its number of cores or the order its shards start in.
 */
import { expectedInvocations } from '../run/streamed-reports.js';
import type { Scenario } from '../scenario/schema.js';
import type { Executor, Task } from './execute.js';
import type { ShardItem } from './shard-file.js';

/** One shard: its 1-based position among `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** "2/3". */
export function shardText(spec: ShardSpec): string {
  return `${spec.index}/${spec.count}`;
}

/**
 * A run's expected cost: the invocations its workloads are expected to make (each workload's mean
 * rate times its window), at least 1. A whole number, so the sums below are exact on every machine.
 * Replications of a point share it: they differ only in their seed.
 */
export function taskCost(scenario: Scenario): number {
  return Math.max(1, Math.round(expectedInvocations(scenario)));
}

/**
 * Split tasks (given by their costs, in task order) into `count` shards: longest first, each to
 * the shard with the least cost so far (the lower-numbered shard on a tie; equal costs in task
 * order). This is Graham's LPT rule, within 4/3 of the best possible longest shard. Returns, for
 * each shard in order, its task indices in increasing order.
 * @throws on a count below 1
 */
export function splitTasks(costs: readonly number[], count: number): number[][] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`splitTasks: expected a shard count >= 1, found ${count}`);
  const order = costs.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b);
  const load = new Array<number>(count).fill(0);
  const shards: number[][] = Array.from({ length: count }, () => []);
  for (const task of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[best]) best = s;
    load[best] += costs[task];
    shards[best].push(task);
  }
  for (const s of shards) s.sort((a, b) => a - b);
  return shards;
}

/** The task indices of one shard (increasing). */
export function shardTasks(costs: readonly number[], spec: ShardSpec): number[] {
  return splitTasks(costs, spec.count)[spec.index - 1];
}

/**
 * Run one shard's tasks on the executor (in task order, like the whole run) and pair each outcome
 * with its task number and cost.
 */
export async function runShardTasks(
  plan: { tasks: readonly Task[]; costs: readonly number[] },
  spec: ShardSpec,
  executor: Executor,
  onDone?: (finished: number, total: number) => void,
): Promise<ShardItem[]> {
  const picks = shardTasks(plan.costs, spec);
  const outcomes = await executor(picks.map((i) => plan.tasks[i]), onDone);
  return picks.map((task, k) => ({ task, cost: plan.costs[task], outcome: outcomes[k] }));
}
