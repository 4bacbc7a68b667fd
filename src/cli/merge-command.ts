/**
 * `sim merge DIR... [--out DIR]`: the shards' partial folders into exactly the folder the run on
 * one machine writes (the same writers on the same aggregated data), with its exit code (0, or 1
 * when the sweep has no point meeting every expect line / an expect line fails on its interval).
 * A shard that does not belong is refused with one line naming it, exit 2.
 */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describeFsError, isFsError, ReportFolderError, withStagedFolder } from '../run/report-folder.js';
import { LINE_CHARS, shorten } from '../scenario/errors.js';
import { mergeShards, readShard, type MergedShards } from '../whatif/merge.js';
import { assembleReplications } from '../whatif/replicate.js';
import { FIRST_REPORTS, KEPT_REPORTS, ShardError } from '../whatif/shard-file.js';
import { assembleSweep } from '../whatif/sweep.js';
import type { Io } from './main.js';
import { reportReplications, writeReplicationsFiles } from './replications-command.js';
import { reportSweep, writeSweepFiles } from './sweep-command.js';

export interface MergeArgs {
  dirs: string[];
  out?: string;
  quiet: boolean;
}

export async function mergeCommand(args: MergeArgs, io: Io, simulator: { name: string; version: string }): Promise<number> {
  let merged: MergedShards;
  try {
    merged = mergeShards(args.dirs.map(readShard), simulator);
  } catch (error) {
    if (!(error instanceof ShardError)) throw error;
    io.stderr(`sim: ${shorten(error.message, LINE_CHARS)}\n`);
    return 2;
  }
  const { file, outcomes, shards } = merged;
  if (file.kind === 'sweep') {
    // The folder `sim sweep` writes by default (the name is checked by readShard).
    const dir = args.out !== undefined ? path.resolve(args.out) : path.resolve('reports', `${file.header.scenario}-sweep`);
    const result = assembleSweep(file.header, outcomes);
    const output = { ...file.output, quiet: args.quiet };
    const files = await withStagedFolder(dir, async (tmp) => {
      if (file.output.keepReports) {
        for (const s of shards) {
          const kept = path.join(s.dir, KEPT_REPORTS);
          if (existsSync(kept)) onFolder(dir, () => cpSync(kept, path.join(tmp, KEPT_REPORTS), { recursive: true }));
        }
      }
      return writeSweepFiles(result, tmp, output);
    });
    return reportSweep(result, dir, files, output, io);
  }
  // `sim run`'s default folder; replication 1's full reports come from the shard that ran it.
  const dir = args.out !== undefined ? path.resolve(args.out) : path.resolve('reports', file.header.scenario);
  const owner = shards.find((s) => s.file.items.some((item) => item.task === 0))!;
  const first = path.join(owner.dir, FIRST_REPORTS);
  if (!existsSync(first)) {
    io.stderr(`sim: ${shorten(`shard ${owner.file.shard.index}/${owner.file.shard.count} (${owner.dir}) has no ${FIRST_REPORTS}/ folder (replication 1's reports): copy the whole shard folder`, LINE_CHARS)}\n`);
    return 2;
  }
  const result = assembleReplications(file.header, outcomes);
  await withStagedFolder(dir, async (tmp) => {
    onFolder(dir, () => {
      for (const name of readdirSync(first)) cpSync(path.join(first, name), path.join(tmp, name), { recursive: true });
    });
    writeReplicationsFiles(result, tmp);
  });
  return reportReplications(result, dir, args.quiet, io);
}

/** Runs `copy`; a filesystem error (full disk, no permission) is the user's to fix: exit 2, not a bug. */
function onFolder(dir: string, copy: () => void): void {
  try {
    copy();
  } catch (error) {
    if (isFsError(error)) throw new ReportFolderError(dir, describeFsError(error));
    throw error;
  }
}
