/** What `sim sweep` and `sim compare` share: reading the scenario source, counts, workers, progress. */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { readScenarioFile } from '../scenario/load.js';
import { executorFor, type ExecuteContext, type Executor } from '../whatif/execute.js';
import type { Source } from '../whatif/parse-point.js';
import type { ShardSpec } from '../whatif/shard-plan.js';
import type { Io } from './main.js';
import { UsageError } from './usage-error.js';
import { quoteInput } from '../scenario/errors.js';
import { SHARD_INDEX_VARIABLE } from './shard-help.js';

/** The scenario file as a source the engine (and its worker threads) can parse. */
export function readSource(file: string): Source {
  const text = readScenarioFile(file);
  return { text, baseDir: path.dirname(file), fileName: path.basename(file) };
}

/** A whole number option within bounds, or a usage error naming the option. */
export function wholeNumber(option: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < min || n > max) {
    throw new UsageError(`${option}: expected a whole number from ${min} to ${max}, found ${quoteInput(text)}`);
  }
  return n;
}

/** `--workers`: default the number of cores this process may use. */
export function workerCount(text: string | undefined): number {
  return wholeNumber('--workers', text, 1, 256) ?? availableParallelism();
}

/** How the runs of a what-if command are executed: worker threads and each run's work limit. */
export interface ExecutionOptions {
  workers: number;
  /** `--max-invocations`: each run's work limit (the library's default when absent). */
  maxInvocations?: number;
  /** Aborted on SIGINT/SIGTERM/SIGHUP (signals.ts): the runs stop and the workers end. */
  signal?: AbortSignal;
}

/** The executor factory for the chosen number of workers and work limit. */
export function executorFactory(options: ExecutionOptions): (context: ExecuteContext) => Executor {
  return (context) => executorFor({ ...context, maxInvocations: options.maxInvocations }, options.workers, options.signal);
}

/** "sweep: 5/12 runs" redrawn in place on a terminal; nothing when stderr is a file or pipe. */
export function runCounter(io: Io, what: string): { update: (finished: number, total: number) => void; done: () => void } {
  let shown = false;
  return {
    update: (finished, total) => {
      if (!io.stderrIsTty) return;
      shown = true;
      io.stderr(`\r\x1b[2K${what}: ${finished}/${total} runs`);
    },
    done: () => {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}

/**
 * `--shard I/N` (1-based: 1/3, 2/3, 3/3) or `auto/N`, which reads I from the Kubernetes Indexed Job's
 * JOB_COMPLETION_INDEX (0-based, so I = index + 1).
 */
export function parseShard(text: string | undefined, env: NodeJS.ProcessEnv = process.env): ShardSpec | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+|auto)\s*\/\s*(\d+)\s*$/.exec(text);
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || count > MAX_SHARDS) {
    throw new UsageError(`--shard: expected I/N with 1 <= I <= N <= ${MAX_SHARDS} (e.g. 2/3), or auto/N in a Kubernetes Indexed Job, found ${quoteInput(text)}`);
  }
  if (m[1] === 'auto') {
    const value = env[SHARD_INDEX_VARIABLE];
    if (value === undefined) {
      throw new UsageError(`--shard auto/${count}: ${SHARD_INDEX_VARIABLE} is not set (a Kubernetes Indexed Job sets it); elsewhere give --shard I/${count}`);
    }
    if (!/^\d+$/.test(value) || Number(value) >= count) {
      throw new UsageError(`--shard auto/${count}: expected ${SHARD_INDEX_VARIABLE} from 0 to ${count - 1}, found ${quoteInput(value)} (set completions: ${count} in the Job)`);
    }
    return { index: Number(value) + 1, count };
  }
  const index = Number(m[1]);
  if (index < 1 || index > count) {
    throw new UsageError(`--shard: expected I/N with 1 <= I <= N (shards count from 1), found ${quoteInput(text)}`);
  }
  return { index, count };
}

/** The most shards of one run: far more than a sweep's useful machines, few enough to list. */
export const MAX_SHARDS = 10_000;

/** The default partial folder of a shard: the run's own folder with `-shard-I-of-N`. */
export function shardDir(dir: string, spec: ShardSpec): string {
  return `${dir}-shard-${spec.index}-of-${spec.count}`;
}
