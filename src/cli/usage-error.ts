/** A mistake in the command's arguments: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
