/**
 * A worker thread of the what-if engine: receives tasks (a variant and a seed), simulates each and
 * posts back its summary. The sources and simulator name arrive once, as workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runTask, type ExecuteContext, type FromWorker, type ToWorker } from './execute.js';

const context = workerData as ExecuteContext;
const port = parentPort;
if (port === null) throw new Error('whatif/worker.js must run as a worker thread');

port.on('message', (message: ToWorker) => {
  runTask(context, message.task).then(
    (outcome) => port.postMessage({ id: message.id, ok: true, outcome } satisfies FromWorker),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ id: message.id, ok: false, name: e.name, message: e.message, stack: e.stack } satisfies FromWorker);
    },
  );
});
