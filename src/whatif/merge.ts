/**
 * `sim merge`'s checks: read the shards' partial folders and put every run's outcome back at its
 * place in task order, refusing (ShardError, one line naming the shard) anything that would merge
 * into a wrong answer: a folder that is not a shard, another shard format or lambda-sim version,
 * another kind of run, seed or scenario, another shard count, a shard given twice or missing.
 *
 * The outcomes are each run's own summary: merging recomputes every mean, interval and
 * percentile estimate from them exactly as one machine does (assembleSweep, assembleReplications),
 * never from per-shard averages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { quoteInput } from '../scenario/errors.js';
import type { Outcome } from './execute.js';
import { SHARD_FILE, SHARD_FORMAT, SHARD_FORMAT_VERSION, ShardError, type ShardFile } from './shard-file.js';
import { shardText } from './shard-plan.js';

/** A shard as read from its folder. */
export interface LoadedShard {
  dir: string;
  file: ShardFile;
}

/** The merged shards: the first shard's file (its header and options) and every outcome in task order. */
export interface MergedShards {
  file: ShardFile;
  outcomes: Outcome[];
  /** The shards in shard order. */
  shards: LoadedShard[];
}

/** A scenario name as the schema allows it (it names the default output folder). */
const SCENARIO_NAME = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWhole = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min;

/**
 * Read `dir/shard.json` and check its shape.
 * @throws ShardError naming the folder when it is not a shard folder of this format
 */
export function readShard(dir: string): LoadedShard {
  const where = quoteInput(dir);
  const file = path.join(dir, SHARD_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ShardError(`${where}: not a shard folder (no readable ${SHARD_FILE}: ${code ?? String(error)}); give the folders sim sweep/run --shard wrote`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ShardError(`${where}: ${SHARD_FILE} is not JSON (${error instanceof Error ? error.message : String(error)}): a shard folder copied half-way?`);
  }
  if (!isObject(data) || data.format !== SHARD_FORMAT) throw new ShardError(`${where}: ${SHARD_FILE} is not a lambda-sim shard file (no "format": "${SHARD_FORMAT}")`);
  if (data.formatVersion !== SHARD_FORMAT_VERSION) {
    throw new ShardError(`${where}: shard format ${quoteInput(String(data.formatVersion))}, this lambda-sim reads format ${SHARD_FORMAT_VERSION}: run every shard and the merge with the same lambda-sim version`);
  }
  const shard = data.shard;
  const ok =
    isObject(data.simulator) && typeof data.simulator.version === 'string' &&
    (data.kind === 'sweep' || data.kind === 'replications') &&
    typeof data.scenarioHash === 'string' && isWhole(data.seed, 0) && isWhole(data.tasks, 1) &&
    isObject(data.header) && typeof data.header.scenario === 'string' && SCENARIO_NAME.test(data.header.scenario) &&
    isObject(shard) && isWhole(shard.count, 1) && isWhole(shard.index, 1) && shard.index <= shard.count &&
    Array.isArray(data.items) && data.items.every((it) => isObject(it) && isWhole(it.task, 0) && (it.task as number) < (data.tasks as number) && isObject(it.outcome));
  if (!ok) throw new ShardError(`${where}: ${SHARD_FILE} is damaged (a field is missing or of the wrong type): run that shard again`);
  return { dir, file: data as unknown as ShardFile };
}

/**
 * Check that the shards are all the shards of one run, and put their outcomes in task order.
 * @throws ShardError naming the shard at fault
 */
export function mergeShards(shards: readonly LoadedShard[], simulator: { name: string; version: string }): MergedShards {
  if (shards.length === 0) throw new ShardError('name the shard folders to merge');
  const first = shards[0];
  const a = first.file;
  const name = (s: LoadedShard) => `shard ${shardText(s.file.shard)} (${quoteInput(s.dir)})`;
  // Every shard made by this very version: outputs are only the same bytes from the same code.
  for (const s of shards) {
    if (s.file.simulator.version !== simulator.version) {
      throw new ShardError(`${name(s)} was made by lambda-sim ${quoteInput(s.file.simulator.version)}, this is lambda-sim ${simulator.version}: run every shard and the merge with one version`);
    }
  }
  for (const s of shards.slice(1)) {
    const b = s.file;
    const versus = `than ${name(first)}`;
    if (b.kind !== a.kind) throw new ShardError(`${name(s)} is a ${b.kind} shard, ${name(first)} a ${a.kind} shard: merge the shards of one run`);
    if (b.seed !== a.seed) throw new ShardError(`${name(s)} has seed ${b.seed}, ${name(first)} seed ${a.seed}: run every shard with the same --seed`);
    if (b.scenarioHash !== a.scenarioHash) {
      throw new ShardError(`${name(s)} is of a different scenario ${versus} (the scenario file, --set, --vary, --replications, --pick or --keep-reports/--no-html differ): run every shard with the same command`);
    }
    if (b.shard.count !== a.shard.count) throw new ShardError(`${name(s)} is one of ${b.shard.count} shards, ${name(first)} one of ${a.shard.count}: run every shard with the same N in --shard I/N`);
  }
  // Filled, not sparse: flatMap below skips holes.
  const byIndex = Array.from<LoadedShard | undefined>({ length: a.shard.count });
  for (const s of shards) {
    const before = byIndex[s.file.shard.index - 1];
    if (before !== undefined) throw new ShardError(`shard ${shardText(s.file.shard)} is given twice: ${quoteInput(before.dir)} and ${quoteInput(s.dir)}`);
    byIndex[s.file.shard.index - 1] = s;
  }
  const missing = byIndex.flatMap((s, i) => (s === undefined ? [`${i + 1}/${a.shard.count}`] : []));
  if (missing.length > 0) {
    throw new ShardError(`shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} missing (got ${shards.length} of ${a.shard.count}): merge every shard's folder`);
  }
  const ordered = byIndex as LoadedShard[];
  const outcomes = Array.from<Outcome | undefined>({ length: a.tasks });
  for (const s of ordered) {
    for (const item of s.file.items) {
      if (outcomes[item.task] !== undefined) throw new ShardError(`${name(s)} repeats run ${item.task + 1}, which another shard has: its shard.json is damaged; run that shard again`);
      outcomes[item.task] = item.outcome;
    }
  }
  const gap = outcomes.findIndex((o) => o === undefined);
  if (gap >= 0) throw new ShardError(`run ${gap + 1} of ${a.tasks} is in no shard: a shard.json is damaged; run the shards again`);
  return { file: ordered[0].file, outcomes: outcomes as Outcome[], shards: ordered };
}
