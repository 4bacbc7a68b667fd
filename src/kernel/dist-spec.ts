/**
 * Plain-data description of a probability distribution, as the kernel samples it.
 *
 * Every parameter is already in the unit of the quantity drawn (microseconds for times).
 * The scenario loader turns the user's YAML (`lognormal {p50, p99}`, `250ms` ...) into one of
 * these; the kernel knows nothing of YAML or units.
 */
export type DistSpec =
  | { dist: 'constant'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  /** Normal truncated at 0 (redrawn until non-negative). */
  | { dist: 'normal'; mean: number; sd: number }
  /** exp(N(ln median, sigma^2)). The loader converts {p50, p99} to {median, sigma}. */
  | { dist: 'lognormal'; median: number; sigma: number }
  /** Gamma with the given mean and coefficient of variation (sd / mean). */
  | { dist: 'gamma'; mean: number; cv: number };

/** The names of the distributions the kernel can sample. */
export type DistName = DistSpec['dist'];
