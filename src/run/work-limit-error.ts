/** The error of work-limit.ts, in a file of its own so the CLI can recognise it without loading the estimator. */

/** A run whose expected work is above the limit: the user's to change (exit 2), not a bug. */
export class WorkLimitError extends Error {
  constructor(
    readonly invocations: number,
    readonly limit: number,
  ) {
    super(`work limit: ${invocations} expected invocations, limit ${limit}`);
    this.name = 'WorkLimitError';
  }
}
