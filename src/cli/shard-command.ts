/**
 * What `sim sweep --shard I/N` and `sim run --replications R --shard I/N` share: run this shard's
 * part of the runs and write the partial folder (shard-file.ts) that `sim merge` reads. A shard
 * judges nothing (its part alone cannot): it exits 0 once its folder is written, and the merge
 * gives the run's exit code.
 */
import path from 'node:path';
import type { Task } from '../whatif/execute.js';
import { SHARD_FILE, SHARD_FORMAT, SHARD_FORMAT_VERSION, writeShardFolder, type ShardFile, type ShardItem } from '../whatif/shard-file.js';
import { runShardTasks, shardText, type ShardSpec } from '../whatif/shard-plan.js';
import type { Io } from './main.js';
import { executorFactory, runCounter, type ExecutionOptions } from './whatif-options.js';

/** A planned run: its tasks and costs, and the seed its header carries. */
interface Plan {
  tasks: readonly Task[];
  costs: readonly number[];
  header: { seed: number };
}

/** The fields every shard file has, before its kind, header and items. */
export function shardFileHead(
  kind: ShardFile['kind'],
  plan: Plan,
  hash: string,
  shard: ShardSpec,
  simulator: { name: string; version: string },
): Omit<ShardFile, 'kind' | 'header' | 'items'> {
  return {
    format: SHARD_FORMAT,
    formatVersion: SHARD_FORMAT_VERSION,
    simulator,
    scenarioHash: hash,
    seed: plan.header.seed,
    shard,
    tasks: plan.tasks.length,
  };
}

/**
 * Plan (in the partial folder's temporary copy `tmp`, where kept reports go), run this shard's
 * tasks, write the folder at `target`, and say what was done. Returns exit code 0.
 */
export async function runShardCommand(
  io: Io,
  what: string,
  shard: ShardSpec,
  target: string,
  execution: ExecutionOptions,
  simulator: { name: string; version: string },
  prepare: (tmp: string) => Promise<{ plan: Plan; file: (items: ShardItem[]) => ShardFile }>,
): Promise<number> {
  let runs = 0;
  let total = 0;
  let cost = 0;
  let allCost = 0;
  await writeShardFolder(target, async (tmp) => {
    const { plan, file } = await prepare(tmp);
    const counter = runCounter(io, `${what} shard ${shardText(shard)}`);
    const items = await runShardTasks(plan, shard, executorFactory(execution)({ simulator }), counter.update);
    counter.done();
    runs = items.length;
    total = plan.tasks.length;
    for (const item of items) cost += item.cost;
    for (const c of plan.costs) allCost += c;
    return file(items);
  });
  const shown = path.relative(process.cwd(), target) || '.';
  io.stdout(
    `${what} shard ${shardText(shard)}: ${runs} of ${total} runs (expected cost ${cost.toLocaleString('en-US')} of ${allCost.toLocaleString('en-US')} invocations)\n` +
      `partial result: ${shown}/ (${SHARD_FILE}); when every shard is done: sim merge DIR... (one folder per shard)\n`,
  );
  return 0;
}
