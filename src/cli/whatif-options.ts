/** What `sim sweep` and `sim compare` share: reading the scenario source, counts, workers, progress. */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { readScenarioFile } from '../scenario/load.js';
import { executorFor, type ExecuteContext, type Executor } from '../whatif/execute.js';
import type { Source } from '../whatif/parse-point.js';
import type { Io } from './main.js';
import { UsageError } from './usage-error.js';
import { quoteInput } from '../scenario/errors.js';

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

/** The executor factory for the chosen number of workers. */
export function executorFactory(workers: number): (context: ExecuteContext) => Executor {
  return (context) => executorFor(context, workers);
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
