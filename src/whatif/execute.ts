/**
 * Runs the independent simulations of a sweep or comparison (points × replications): in this
 * thread, or spread over worker threads. Either way the outcomes come back in task order, so every
 * output is the same bytes whatever the number of workers and whichever task finishes first.
 */
import { Worker } from 'node:worker_threads';
import type { Summary } from '../report/index.js';
import type { Expectation } from '../scenario/expect-types.js';
import type { Scenario } from '../scenario/schema.js';
import { expectLines, runScenario } from './run-point.js';

/**
 * One simulation to run: a scenario parsed in the main thread (variant and seed applied), which
 * crosses to a worker as plain data (structured clone).
 */
export interface Task {
  scenario: Scenario;
  /** Keep this run's full report folder here (`--keep-reports`). */
  dir?: string;
}

/** What one simulation gives back: plain data, so it crosses a thread boundary as it is. */
export interface Outcome {
  summary: Summary;
  expect: Expectation[];
}

/** What every run needs besides its task. */
export interface ExecuteContext {
  simulator: { name: string; version: string };
  /** The work limit of each run (`--max-invocations`; the library's default when absent). */
  maxInvocations?: number;
}

/** Runs tasks and resolves to their outcomes in task order; `onDone` is called as each finishes. */
export type Executor = (tasks: readonly Task[], onDone?: (finished: number, total: number) => void) => Promise<Outcome[]>;

/** Simulate one task (in whichever thread calls it); an abort of `signal` stops it between slices. */
export async function runTask(context: ExecuteContext, task: Task, signal?: AbortSignal): Promise<Outcome> {
  const { summary } = await runScenario(task.scenario, { dir: task.dir, simulator: context.simulator, maxInvocations: context.maxInvocations, signal });
  return { summary, expect: expectLines(task.scenario) };
}

/** Runs every task in this thread, one after the other; an abort of `signal` stops the current one (and rejects). */
export function inlineExecutor(context: ExecuteContext, signal?: AbortSignal): Executor {
  return async (tasks, onDone) => {
    const out: Outcome[] = [];
    for (const task of tasks) {
      signal?.throwIfAborted();
      out.push(await runTask(context, task, signal));
      onDone?.(out.length, tasks.length);
    }
    return out;
  };
}

/**
 * The compiled worker script. Under the test runner this module is the TypeScript source, which a
 * worker thread cannot load: use the build in dist/ (npm test builds it first).
 */
function workerUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('../../dist/whatif/worker.js', here);
  return new URL('./worker.js', here);
}

/** Messages between this thread and a worker. */
export type ToWorker = { id: number; task: Task };
export type FromWorker = { id: number; ok: true; outcome: Outcome } | { id: number; ok: false; name?: string; message: string; stack?: string };

/**
 * Runs tasks on up to `workers` worker threads (node:worker_threads), each taking the next task
 * when it finishes one. A failure stops every worker and rejects with the first error. An abort of
 * `signal` ends every worker and rejects with its reason once they have all stopped, so nothing is
 * still writing (a kept report's temporary folder) when the caller cleans up.
 */
export function threadExecutor(context: ExecuteContext, workers: number, signal?: AbortSignal): Executor {
  return (tasks, onDone) =>
    new Promise<Outcome[]>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const out = new Array<Outcome>(tasks.length);
      const pool: Worker[] = [];
      let next = 0;
      let finished = 0;
      let failed = false;
      // Workers this side stopped: their exit code (1 after terminate) is not a failure.
      const stopped = new Set<Worker>();
      const end = (worker: Worker): void => {
        stopped.add(worker);
        void worker.terminate();
      };
      const stop = (): void => {
        for (const w of pool) end(w);
      };
      const fail = (error: Error): void => {
        if (failed) return;
        failed = true;
        stop();
        settle();
        reject(error);
      };
      const onAbort = (): void => {
        if (failed) return;
        failed = true;
        void Promise.all(pool.map((w) => { stopped.add(w); return w.terminate(); })).then(() => reject(signal?.reason));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (): void => signal?.removeEventListener('abort', onAbort);
      const feed = (worker: Worker): void => {
        if (next >= tasks.length) {
          end(worker);
          return;
        }
        const id = next++;
        worker.postMessage({ id, task: tasks[id] } satisfies ToWorker);
      };
      const count = Math.max(1, Math.min(workers, tasks.length));
      if (tasks.length === 0) {
        resolve(out);
        return;
      }
      for (let i = 0; i < count; i++) {
        const worker = new Worker(workerUrl(), { workerData: context });
        pool.push(worker);
        worker.on('message', (message: FromWorker) => {
          if (failed) return;
          if (!message.ok) {
            const error = new Error(message.message);
            // The class is lost between threads; its name tells the CLI a refusal (exit 2, 4) from a bug.
            if (message.name) error.name = message.name;
            if (message.stack) error.stack = message.stack;
            fail(error);
            return;
          }
          out[message.id] = message.outcome;
          finished++;
          onDone?.(finished, tasks.length);
          if (finished === tasks.length) {
            stop();
            settle();
            resolve(out);
          } else {
            feed(worker);
          }
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          // A worker only exits when this side ends it; anything else (even code 0) lost its task.
          if (!stopped.has(worker) && !failed) fail(new Error(`a worker thread exited with code ${code}`));
        });
        feed(worker);
      }
    });
}

/** The executor for `workers` threads: this thread for 1 (no start-up cost), worker threads above; `signal` aborts it. */
export function executorFor(context: ExecuteContext, workers: number, signal?: AbortSignal): Executor {
  return workers <= 1 ? inlineExecutor(context, signal) : threadExecutor(context, workers, signal);
}
