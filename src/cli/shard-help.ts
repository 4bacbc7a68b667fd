/** `--shard`'s help text, in a file of its own so that `sim --help` loads nothing heavier. */

/** The Kubernetes Indexed Job variable `--shard auto/N` reads (0-based; index 0 runs shard 1/N). */
export const SHARD_INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';

export const SHARD_HELP =
  `run only part I of N of the runs (1-based, e.g. 2/3) and write a partial folder for sim merge; auto/N takes I from Kubernetes' ${SHARD_INDEX_VARIABLE} (0-based: index 0 runs 1/N)`;
