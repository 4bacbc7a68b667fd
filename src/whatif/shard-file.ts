/**
 * A shard's partial result folder: `shard.json` (below), and the report folders its runs keep
 * (`first/`: replication 1's full reports, `points/`: a sweep's --keep-reports). The format is
 * documented in docs/scale-out.md; `sim merge` reads it back (merge.ts).
 *
 * The folder is written like a report folder (src/run/report-folder.ts): into a temporary sibling
 * that replaces the target only when shard.json is complete, so a shard killed half-way (a
 * preempted CI runner, an evicted pod) leaves no folder that looks finished.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { stageReportFolder } from '../run/report-folder.js';
import { writeFileAtomic } from '../report/write-atomic.js';
import type { Outcome } from './execute.js';
import type { ReplicationsHeader } from './replicate.js';
import type { ShardSpec } from './shard-plan.js';
import type { SweepHeader } from './sweep.js';

/** `format` of every shard.json. */
export const SHARD_FORMAT = 'lambda-sim-shard';
/** Bumped when shard.json changes shape: `sim merge` refuses other versions. */
export const SHARD_FORMAT_VERSION = 1;
/** The file in a partial folder. */
export const SHARD_FILE = 'shard.json';
/** Sub-folder of the shard holding replication 1 with its full reports (`sim run --replications`). */
export const FIRST_REPORTS = 'first';
/** Sub-folder of the shard holding its runs' report folders (`sim sweep --keep-reports`). */
export const KEPT_REPORTS = 'points';

/** One run of the shard: its task number (0-based, point-major: point p, replication r is p·R + r) and outcome. */
export interface ShardItem {
  task: number;
  /** Its expected cost (shard-plan.ts taskCost), kept to show how the work was split. */
  cost: number;
  outcome: Outcome;
}

interface ShardCommon {
  format: typeof SHARD_FORMAT;
  formatVersion: number;
  simulator: { name: string; version: string };
  /** sha256 of the normalised scenario and every option that changes the result (scenarioHash). */
  scenarioHash: string;
  /** The seed replication seeds derive from. */
  seed: number;
  shard: ShardSpec;
  /** Number of tasks of the whole run (all shards). */
  tasks: number;
  items: ShardItem[];
}

/** A shard of `sim sweep`: the header sweep outputs are written from, and which files to write. */
export interface SweepShardFile extends ShardCommon {
  kind: 'sweep';
  header: SweepHeader;
  output: { html: boolean; keepReports: boolean };
}

/** A shard of `sim run --replications`. */
export interface ReplicationsShardFile extends ShardCommon {
  kind: 'replications';
  header: ReplicationsHeader;
}

export type ShardFile = SweepShardFile | ReplicationsShardFile;

/** A shard that cannot be merged: one line naming the shard (exit 2), never a wrong answer. */
export class ShardError extends Error {
  override name = 'ShardError';
}

/**
 * The hash that names what a shard belongs to: sha256 over the normalised scenario (parsed, with
 * defaults filled and the user's overrides applied, so comments and spacing do not count) and
 * every option that changes the outputs (the overrides as typed, the vary spec, replications...).
 */
export function scenarioHash(kind: ShardFile['kind'], scenario: unknown, options: unknown): string {
  return 'sha256:' + createHash('sha256').update(JSON.stringify({ kind, scenario, options })).digest('hex');
}

/**
 * Throws unless `value` survives JSON unchanged (no undefined member, NaN, ±Infinity or -0), so
 * that what `sim merge` reads back is exactly what the run on one machine aggregates.
 */
export function assertJsonExact(value: unknown, where = '$'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new Error(`shard.json: ${where} is ${value}, which JSON cannot carry exactly`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertJsonExact(v, `${where}[${i}]`));
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) throw new Error(`shard.json: ${where}.${k} is undefined, which JSON drops`);
      assertJsonExact(v, `${where}.${k}`);
    }
    return;
  }
  throw new Error(`shard.json: ${where} is a ${typeof value}, which JSON cannot carry`);
}

/**
 * Write a partial folder at `target` whole or not at all: `run` gets the temporary folder (to
 * put kept reports in) and returns the shard file, written last.
 */
export async function writeShardFolder(target: string, run: (dir: string) => Promise<ShardFile>): Promise<void> {
  const staged = stageReportFolder(target);
  try {
    const file = await run(staged.dir);
    assertJsonExact(file.items);
    // JSON.stringify, not renderJson: its shortest digits read back as the very same doubles.
    writeFileAtomic(path.join(staged.dir, SHARD_FILE), JSON.stringify(file, null, 1) + '\n');
    staged.commit();
  } catch (error) {
    staged.abort();
    throw error;
  }
}
