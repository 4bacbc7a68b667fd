/**
 * The model's memory budget (issue #20, group 4): state that grows with a backlog (the messages of
 * a queue, the records of a stream, the events of an async backlog) or with concurrency (execution
 * environments) is counted where it grows, and a run that would pass the budget stops with one line
 * naming what grew, how much and when, instead of exhausting memory (docs/limits.md; `sim` exits 4).
 *
 * A count per place, checked with one comparison where an item is added: nothing is polled, nothing
 * is allocated. Measured cost per pending item: about 55 bytes for a standard queue or a stream,
 * 70 for a FIFO queue, 130 for an async event (its retry timer included).
 */
import { US_PER_SECOND } from '../kernel/time.js';

/** The budget. Fixed for users (docs/limits.md); tests lower it to reach it in milliseconds. */
export const STATE_BUDGET = {
  /** Most items one queue, stream or async backlog may hold at once: about 1 to 2.5 GB (20 M). */
  pendingItems: 20_000_000,
  /** Most execution environments one function may have at once (1 M: about 0.5 GB with their timers). */
  environments: 1_000_000,
};

/** The model's state passed its budget: the run stops (exit 4), its reports are not written. */
export class StateLimitError extends Error {
  /**
   * @param what  what grew, e.g. `queue "orders"`
   * @param items  what it holds, e.g. `20000001 messages`
   * @param now  simulated time (us)
   * @param limit  the budget passed
   */
  constructor(what: string, items: string, now: number, limit: number) {
    // Whole numbers with thousands separators: "20,000,001 messages".
    super(
      `the model's state passed its memory budget: ${what} held ${items} at ${(now / US_PER_SECOND).toFixed(3)} s of simulated time ` +
        `(the budget is ${limit.toLocaleString('en-US')}, docs/limits.md); lower the rate or give the function more concurrency`,
    );
    this.name = 'StateLimitError';
  }
}
