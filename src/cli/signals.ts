/**
 * Ctrl-C, a kill or a closed terminal while a command runs: the command's work is aborted (its
 * runs stop, worker threads are ended, temporary folders removed) and it exits 128 + the signal's
 * number, as a shell reports. `sim run` and the what-if commands share it.
 */

/** Signals that stop a command cleanly, and their numbers. */
const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/**
 * Run `work` with an AbortSignal that a SIGINT, SIGTERM or SIGHUP aborts. When `work` fails after
 * such a signal, resolve to 128 + its number instead of the failure (the abort's own error).
 */
export async function onSignals(work: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  let exitOnSignal = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    exitOnSignal = 128 + (SIGNAL_NUMBERS[signal] ?? 15);
    controller.abort();
  };
  for (const signal of HANDLED_SIGNALS) process.once(signal, onSignal);
  try {
    return await work(controller.signal);
  } catch (err) {
    if (controller.signal.aborted && exitOnSignal !== 0) return exitOnSignal;
    throw err;
  } finally {
    for (const signal of HANDLED_SIGNALS) process.off(signal, onSignal);
  }
}
