/**
 * `sim run FILE --replications N` (N > 1): the scenario N times with derived seeds, replication 1's
 * full reports as `sim run` writes them, plus replications.md / replications.json with every metric's
 * mean ± 95% interval; exit 1 when an expect line fails on its interval (JUDGING_RULE). With
 * --shard, one part of the replications into a partial folder (shard-command.ts).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../report/write-atomic.js';
import { scenarioSource } from '../run/scenario-source.js';
import type { Scenario } from '../scenario/schema.js';
import { planReplications, runReplications, type ReplicationsResult } from '../whatif/replicate.js';
import { renderReplicationsJson, renderReplicationsMd } from '../whatif/replications-output.js';
import { FIRST_REPORTS, scenarioHash } from '../whatif/shard-file.js';
import type { ShardSpec } from '../whatif/shard-plan.js';
import type { Io } from './main.js';
import { runShardCommand, shardFileHead } from './shard-command.js';
import { executorFactory, runCounter, shardDir } from './whatif-options.js';

export async function replicationsCommand(
  scenario: Scenario,
  options: { dir: string; replications: number; workers: number; quiet: boolean; shard?: ShardSpec; out?: string; maxInvocations?: number },
  io: Io,
  simulator: { name: string; version: string },
): Promise<number> {
  const { shard } = options;
  if (shard !== undefined) {
    const target = options.out !== undefined ? path.resolve(options.out) : shardDir(options.dir, shard);
    const hashed = { overrides: scenarioSource(scenario)?.overrides ?? [], replications: options.replications };
    return runShardCommand(io, 'replications', shard, target, { workers: options.workers, maxInvocations: options.maxInvocations }, simulator, async (tmp) => {
      const plan = planReplications({ scenario, replications: options.replications, firstReportsDir: path.join(tmp, FIRST_REPORTS), simulator });
      return {
        plan,
        file: (items) => ({
          ...shardFileHead('replications', plan, scenarioHash('replications', scenario, hashed), shard, simulator),
          kind: 'replications',
          header: plan.header,
          items,
        }),
      };
    });
  }
  const counter = runCounter(io, 'replications');
  const result = await runReplications(
    { scenario, replications: options.replications, firstReportsDir: options.dir, simulator },
    executorFactory({ workers: options.workers, maxInvocations: options.maxInvocations }),
    counter.update,
  );
  counter.done();
  return writeReplicationsOutputs(result, options.dir, options.quiet, io);
}

/**
 * Write replications.md and replications.json into `dir` (beside replication 1's reports), print
 * the table (or the one failure line with --quiet) and return the exit code. `sim merge` calls it
 * with the merged result.
 */
export function writeReplicationsOutputs(result: ReplicationsResult, dir: string, quiet: boolean, io: Io): number {
  const md = renderReplicationsMd(result);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, 'replications.md'), md);
  writeFileAtomic(path.join(dir, 'replications.json'), renderReplicationsJson(result));
  if (!quiet) {
    io.stdout(md);
    io.stdout(`reports: ${path.relative(process.cwd(), dir) || '.'}/ (replications.md, replications.json; replication 1's reports)\n`);
  } else if (!result.result.meetsAll) {
    io.stderr(`sim: an expect line does not hold on its 95% interval over ${result.replications} replications (replications.md)\n`);
  }
  return result.result.meetsAll ? 0 : 1;
}
