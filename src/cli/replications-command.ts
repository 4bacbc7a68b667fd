/**
 * `sim run FILE --replications N` (N > 1): the scenario N times with derived seeds, replication 1's
 * full reports as `sim run` writes them, plus replications.md / replications.json with every metric's
 * mean ± 95% interval; exit 1 when an expect line fails on its interval (JUDGING_RULE). With
 * --shard, one part of the replications into a partial folder (shard-command.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../report/write-atomic.js';
import { withStagedFolder } from '../run/report-folder.js';
import { replicatedReportHtml, replicatedSummaryMd, replicatedSummaryTxt } from '../whatif/replicated-verdict.js';
import { scenarioSource } from '../run/scenario-source.js';
import type { Scenario } from '../scenario/schema.js';
import { planReplications, runReplications, type ReplicationsResult } from '../whatif/replicate.js';
import { renderReplicationsJson, renderReplicationsMd } from '../whatif/replications-output.js';
import { FIRST_REPORTS, scenarioHash } from '../whatif/shard-file.js';
import type { ShardSpec } from '../whatif/shard-plan.js';
import type { Io } from './main.js';
import { runShardCommand, shardFileHead } from './shard-command.js';
import { onSignals } from './signals.js';
import { executorFactory, runCounter, shardDir } from './whatif-options.js';

export async function replicationsCommand(
  scenario: Scenario,
  options: { dir: string; replications: number; workers: number; quiet: boolean; shard?: ShardSpec; out?: string; maxInvocations?: number },
  io: Io,
  simulator: { name: string; version: string },
): Promise<number> {
  const { shard } = options;
  return onSignals(async (signal) => {
    const execution = { workers: options.workers, maxInvocations: options.maxInvocations, signal };
    if (shard !== undefined) {
      const target = options.out !== undefined ? path.resolve(options.out) : shardDir(options.dir, shard);
      const hashed = { overrides: scenarioSource(scenario)?.overrides ?? [], replications: options.replications };
      return runShardCommand(io, 'replications', shard, target, execution, simulator, async (tmp) => {
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
    // The whole folder (replication 1's reports and the estimates) is written aside and swapped in at the end.
    const result = await withStagedFolder(options.dir, async (tmp) => {
      const first = path.join(tmp, FIRST_REPORTS);
      const counter = runCounter(io, 'replications');
      const result = await runReplications({ scenario, replications: options.replications, firstReportsDir: first, simulator }, executorFactory(execution), counter.update);
      counter.done();
      for (const name of readdirSync(first)) renameSync(path.join(first, name), path.join(tmp, name));
      rmSync(first, { recursive: true, force: true });
      writeReplicationsFiles(result, tmp);
      return result;
    });
    return reportReplications(result, options.dir, options.quiet, io);
  });
}

/**
 * Write replications.md and replications.json into `dir` (a staged folder holding replication 1's
 * reports), and give replication 1's summary.md, summary.txt and report.html the verdict over the
 * replications, the one that sets the exit code (replicated-verdict.ts). `sim merge` calls it with
 * the merged result.
 */
export function writeReplicationsFiles(result: ReplicationsResult, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, 'replications.md'), renderReplicationsMd(result));
  writeFileAtomic(path.join(dir, 'replications.json'), renderReplicationsJson(result));
  const edits: [string, (text: string, r: ReplicationsResult) => string][] = [
    ['summary.md', replicatedSummaryMd],
    ['summary.txt', replicatedSummaryTxt],
    ['report.html', replicatedReportHtml],
  ];
  for (const [name, edit] of edits) {
    const file = path.join(dir, name);
    if (existsSync(file)) writeFileAtomic(file, edit(readFileSync(file, 'utf8'), result));
  }
}

/** Print the table (or the one failure line with --quiet) once the folder is in place; the exit code. */
export function reportReplications(result: ReplicationsResult, dir: string, quiet: boolean, io: Io): number {
  if (!quiet) {
    io.stdout(renderReplicationsMd(result));
    io.stdout(`reports: ${path.relative(process.cwd(), dir) || '.'}/ (replications.md, replications.json; replication 1's reports)\n`);
  } else if (!result.result.meetsAll) {
    io.stderr(`sim: an expect line does not hold on its 95% interval over ${result.replications} replications (replications.md)\n`);
  }
  return result.result.meetsAll ? 0 : 1;
}
