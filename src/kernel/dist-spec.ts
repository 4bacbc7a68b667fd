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
  | { dist: 'gamma'; mean: number; cv: number }
  /**
   * The empirical distribution of a sample: each draw is one of `values`, each equally likely
   * (a bootstrap draw). The scenario loader reads the values from a file; the kernel only sees numbers.
   */
  | { dist: 'empirical'; values: Float64Array | readonly number[] }
  /**
   * Given quantiles, linear in between: `at` are probabilities from 0 to 1 (increasing, first 0, last
   * 1), `values` the quantiles there (non-decreasing). A draw is uniform inside the band its uniform
   * falls in (the Azure trace's duration percentiles, read by the scenario loader).
   */
  | { dist: 'percentiles'; at: readonly number[]; values: readonly number[] }
  /** A weighted mixture: a component is picked with probability weight / (sum of weights), then drawn. */
  | { dist: 'mixture'; components: readonly MixtureComponent[] };

/** One component of a `mixture` {@link DistSpec}. */
export interface MixtureComponent {
  /** Relative weight, > 0 (the weights need not sum to 1). */
  weight: number;
  /** The component's distribution. */
  spec: DistSpec;
}

/** The names of the distributions the kernel can sample. */
export type DistName = DistSpec['dist'];
