/**
 * Samplers for the distributions a scenario can name (see {@link DistSpec}).
 *
 * Each distribution is a small class whose constructor checks the parameters and precomputes
 * everything `sample` needs, so `sample` does arithmetic only: no allocation, no closures, no
 * parameter checks. Samples are real numbers in the spec's unit (microseconds for times); use
 * {@link sampleUs} where the model needs an integer time.
 */
import type { DistName, DistSpec } from './dist-spec.js';
import type { Rng } from './random.js';

/** Draws values of one distribution from a caller-supplied stream. */
export interface Sampler {
  /** One draw, using as many uniforms from `rng` as the method needs. */
  sample(rng: Rng): number;
  /** The analytic mean of the distribution (not of a sample). */
  mean(): number;
}

/**
 * z of 0.99 for the standard normal (Phi^-1(0.99)): how many sigmas separate a lognormal's p50
 * from its p99 on the log scale.
 */
const Z_99 = 2.3263478740408408;

/**
 * Standard normal deviates by the Marsaglia polar method, two per accepted pair.
 *
 * The second deviate of a pair is cached in this object together with the stream it came from,
 * and handed out only to that same stream. So a value drawn from one stream never leaks into
 * another (streams stay independent even if a sampler is misused with several), but a sampler's
 * sequence is only reproducible when it is used with one stream: switching streams drops the
 * cached deviate. Hence the rule on {@link createSampler}: one sampler per stream. A counter-based
 * stream (`rng.counterBased`) never gets a spare: each call starts a fresh pair.
 *
 * {@link draw} leaves its deviate in {@link value} rather than returning it: V8 does not inline it
 * into a model's big invocation method, and a double returned from a call that is not inlined is
 * boxed (a heap allocation per draw), while a double field is updated in place.
 */
class NormalDeviates {
  /** The deviate of the last {@link draw}. */
  value = 0;
  /** The unused second deviate of the last pair. */
  private spare = 0;
  /** The stream `spare` was drawn from, or null when there is none. */
  private spareRng: Rng | null = null;

  /** The next standard normal deviate from `rng`, into {@link value}. */
  draw(rng: Rng): void {
    if (this.spareRng === rng) {
      this.spareRng = null;
      this.value = this.spare;
      return;
    }
    let u: number;
    let v: number;
    let s: number;
    // Rejection keeps (u, v) uniform in the unit disc; s = 0 is excluded because ln(0)/0 is NaN.
    do {
      u = 2 * rng.next() - 1;
      v = 2 * rng.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    // A counter-based stream is re-positioned per request: a cached spare would carry one request's
    // draw into the next, so the second deviate is dropped there (hashing a pair again is cheap).
    if (rng.counterBased !== true) {
      this.spare = v * f;
      this.spareRng = rng;
    }
    this.value = u * f;
  }
}

/** Always the same value. */
class ConstantSampler implements Sampler {
  constructor(private readonly value: number) {}
  sample(_rng: Rng): number {
    return this.value;
  }
  mean(): number {
    return this.value;
  }
}

/** Uniform on [min, max). */
class UniformSampler implements Sampler {
  private readonly width: number;
  constructor(private readonly min: number, max: number) {
    this.width = max - min;
  }
  sample(rng: Rng): number {
    return this.min + this.width * rng.next();
  }
  mean(): number {
    return this.min + this.width / 2;
  }
}

/** Exponential by inversion. */
class ExponentialSampler implements Sampler {
  constructor(private readonly meanValue: number) {}
  sample(rng: Rng): number {
    // 1 - u is in (0, 1], so the log is finite. With 32-bit uniforms the largest draw is
    // about 22.2 means (tail probability 2^-32): a truncation no simulation can notice.
    return -this.meanValue * Math.log(1 - rng.next());
  }
  mean(): number {
    return this.meanValue;
  }
}

/** Normal(mu, sd) truncated at 0 by redrawing negative values. */
class TruncatedNormalSampler implements Sampler {
  private readonly normals = new NormalDeviates();
  private readonly truncatedMean: number;
  constructor(private readonly mu: number, private readonly sd: number) {
    // E[X | X >= 0] = mu + sd * phi(a) / Phi(a) with a = mu / sd (inverse Mills ratio).
    if (sd === 0) {
      this.truncatedMean = mu;
    } else {
      const a = mu / sd;
      this.truncatedMean = mu + (sd * standardNormalPdf(a)) / standardNormalCdf(a);
    }
  }
  sample(rng: Rng): number {
    // mu >= 0 (checked at construction) means at least half the draws are accepted.
    let x: number;
    do {
      this.normals.draw(rng);
      x = this.mu + this.sd * this.normals.value;
    } while (x < 0);
    return x;
  }
  mean(): number {
    return this.truncatedMean;
  }
}

/** exp(N(ln median, sigma^2)). */
class LognormalSampler implements Sampler {
  private readonly normals = new NormalDeviates();
  constructor(private readonly median: number, private readonly sigma: number) {}
  sample(rng: Rng): number {
    this.normals.draw(rng);
    return this.median * Math.exp(this.sigma * this.normals.value);
  }
  mean(): number {
    return this.median * Math.exp((this.sigma * this.sigma) / 2);
  }
}

/**
 * Gamma by Marsaglia and Tsang (2000), "A simple method for generating gamma variables",
 * ACM TOMS 26(3). For shape k < 1 it draws Gamma(k + 1) and multiplies by U^(1/k) (the paper's
 * boost), because the squeeze is only valid for k >= 1.
 */
class GammaSampler implements Sampler {
  private readonly normals = new NormalDeviates();
  /** k - 1/3 for the (possibly boosted) shape k. */
  private readonly d: number;
  /** 1 / sqrt(9 d). */
  private readonly c: number;
  /** Scale theta = mean * cv^2, so that shape * scale = mean. */
  private readonly scale: number;
  /** True when the requested shape is below 1 and the boost applies. */
  private readonly boosted: boolean;
  /** 1 / k of the requested shape, for the boost U^(1/k). */
  private readonly invShape: number;

  constructor(private readonly meanValue: number, cv: number) {
    const shape = 1 / (cv * cv);
    this.scale = meanValue * cv * cv;
    this.boosted = shape < 1;
    this.invShape = 1 / shape;
    this.d = (this.boosted ? shape + 1 : shape) - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
  }

  sample(rng: Rng): number {
    const d = this.d;
    const c = this.c;
    let x: number;
    let v: number;
    for (;;) {
      do {
        this.normals.draw(rng);
        x = this.normals.value;
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      // 1 - u is in (0, 1], so the log in the full test is finite.
      const u = 1 - rng.next();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) break;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) break;
    }
    let g = d * v;
    if (this.boosted) {
      g *= Math.pow(1 - rng.next(), this.invShape);
    }
    return g * this.scale;
  }

  mean(): number {
    return this.meanValue;
  }
}

/**
 * A draw from a sample: one of its values, each equally likely (the bootstrap). Draws reproduce the
 * sample's quantiles exactly in the limit, and never invent a value the sample does not hold.
 * The values are kept sorted, so the draws do not depend on the order of the rows in the file.
 */
class EmpiricalSampler implements Sampler {
  private readonly sorted: Float64Array;
  private readonly meanValue: number;
  constructor(values: Float64Array | readonly number[]) {
    this.sorted = Float64Array.from(values).sort();
    let sum = 0;
    for (let i = 0; i < this.sorted.length; i++) sum += this.sorted[i];
    this.meanValue = sum / this.sorted.length;
  }
  sample(rng: Rng): number {
    // u is in [0, 1) with 32-bit resolution, so the index is in [0, n - 1].
    return this.sorted[Math.floor(rng.next() * this.sorted.length)];
  }
  mean(): number {
    return this.meanValue;
  }
}

/**
 * Piecewise-linear quantile function through given percentiles: one uniform u, the band
 * at[i] <= u < at[i + 1] it falls in, and the value at u on the line between that band's quantiles.
 * Inside a band the draws are uniform; the mean is the bands' midpoints weighted by their widths.
 */
class PercentileSampler implements Sampler {
  private readonly at: Float64Array;
  private readonly values: Float64Array;
  private readonly meanValue: number;
  constructor(at: readonly number[], values: readonly number[]) {
    this.at = Float64Array.from(at);
    this.values = Float64Array.from(values);
    let mean = 0;
    for (let i = 0; i + 1 < at.length; i++) mean += (at[i + 1] - at[i]) * ((values[i] + values[i + 1]) / 2);
    this.meanValue = mean;
  }
  sample(rng: Rng): number {
    const u = rng.next();
    // u < 1, the last `at`: the band exists.
    let i = 0;
    while (u >= this.at[i + 1]) i++;
    const lo = this.at[i];
    return this.values[i] + ((u - lo) / (this.at[i + 1] - lo)) * (this.values[i + 1] - this.values[i]);
  }
  mean(): number {
    return this.meanValue;
  }
}

/**
 * A weighted mixture: one uniform picks the component (by the cumulative weights), then the
 * component draws from the same stream.
 */
class MixtureSampler implements Sampler {
  /** Cumulative weights normalised to end at 1. */
  private readonly cumulative: Float64Array;
  private readonly meanValue: number;
  constructor(private readonly parts: readonly Sampler[], weights: readonly number[]) {
    const total = weights.reduce((a, b) => a + b, 0);
    this.cumulative = new Float64Array(weights.length);
    let acc = 0;
    let mean = 0;
    weights.forEach((w, i) => {
      acc += w / total;
      this.cumulative[i] = acc;
      mean += (w / total) * parts[i].mean();
    });
    // Rounding could leave the last bound a hair below 1; a draw must always find a component.
    this.cumulative[weights.length - 1] = 1;
    this.meanValue = mean;
  }
  sample(rng: Rng): number {
    const u = rng.next();
    let i = 0;
    while (u >= this.cumulative[i]) i++;
    return this.parts[i].sample(rng);
  }
  mean(): number {
    return this.meanValue;
  }
}

/**
 * One factory per distribution name, typed so each receives its own spec variant.
 *
 * This table is the one place to add a distribution. Adding a variant to {@link DistSpec} (say
 * `empirical` with its sample data, or `mixture` with weights and component specs) makes this
 * type fail to compile until the entry is written; the entry gets the whole spec, so a sampler
 * that needs data reads it from the spec (the scenario loader puts it there), and one that needs
 * sub-samplers builds them by calling {@link createSampler} on its components.
 */
type SamplerFactories = {
  readonly [K in DistName]: (spec: Extract<DistSpec, { dist: K }>) => Sampler;
};

const FACTORIES: SamplerFactories = {
  constant: (s) => {
    requireFinite('constant', 'value', s.value);
    return new ConstantSampler(s.value);
  },
  uniform: (s) => {
    requireFinite('uniform', 'min', s.min);
    requireFinite('uniform', 'max', s.max);
    if (s.max < s.min) {
      throw new Error(`uniform: max (${s.max}) must be >= min (${s.min})`);
    }
    return new UniformSampler(s.min, s.max);
  },
  exponential: (s) => {
    requirePositive('exponential', 'mean', s.mean);
    return new ExponentialSampler(s.mean);
  },
  normal: (s) => {
    // A negative mean is rejected rather than redrawn: truncation at 0 would then accept fewer
    // than half the draws (a mean of -3 sd accepts 1 in 740), and a negative mean time is
    // almost certainly a mistake in the scenario.
    requireFinite('normal', 'mean', s.mean);
    requireFinite('normal', 'sd', s.sd);
    if (s.mean < 0) throw new Error(`normal: mean must be >= 0, got ${s.mean}`);
    if (s.sd < 0) throw new Error(`normal: sd must be >= 0, got ${s.sd}`);
    return new TruncatedNormalSampler(s.mean, s.sd);
  },
  lognormal: (s) => {
    requirePositive('lognormal', 'median', s.median);
    requireFinite('lognormal', 'sigma', s.sigma);
    if (s.sigma < 0) throw new Error(`lognormal: sigma must be >= 0, got ${s.sigma}`);
    return new LognormalSampler(s.median, s.sigma);
  },
  gamma: (s) => {
    requirePositive('gamma', 'mean', s.mean);
    // cv = 0 would be an infinite shape: a constant, which the scenario should say as one.
    requirePositive('gamma', 'cv', s.cv);
    return new GammaSampler(s.mean, s.cv);
  },
  empirical: (s) => {
    if (s.values.length === 0) throw new Error('empirical: values must hold at least one value');
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i];
      if (!Number.isFinite(v)) throw new Error(`empirical: values[${i}] must be a finite number, got ${String(v)}`);
    }
    return new EmpiricalSampler(s.values);
  },
  percentiles: (s) => {
    const n = s.at.length;
    if (n < 2 || s.values.length !== n) throw new Error(`percentiles: at and values must hold the same number (>= 2) of points, got ${n} and ${s.values.length}`);
    if (s.at[0] !== 0 || s.at[n - 1] !== 1) throw new Error(`percentiles: at must run from 0 to 1, got ${s.at[0]} .. ${s.at[n - 1]}`);
    for (let i = 0; i < n; i++) {
      requireFinite('percentiles', `values[${i}]`, s.values[i]);
      if (i > 0 && !(s.at[i] > s.at[i - 1])) throw new Error(`percentiles: at must increase, got ${s.at[i - 1]} then ${s.at[i]}`);
      if (i > 0 && s.values[i] < s.values[i - 1]) throw new Error(`percentiles: values must not decrease, got ${s.values[i - 1]} then ${s.values[i]}`);
    }
    return new PercentileSampler(s.at, s.values);
  },
  mixture: (s) => {
    if (s.components.length === 0) throw new Error('mixture: components must hold at least one component');
    s.components.forEach((c, i) => requirePositive('mixture', `components[${i}].weight`, c.weight));
    // One sampler per component, each used with the caller's single stream (see createSampler).
    return new MixtureSampler(
      s.components.map((c) => createSampler(c.spec)),
      s.components.map((c) => c.weight),
    );
  },
};

/**
 * A sampler for `spec`, with its parameters checked once here.
 *
 * Use one sampler per stream: normal-based samplers (normal, lognormal, gamma) cache the second
 * deviate of each pair, so their sequence is reproducible only when every call passes the same
 * stream. Creating a sampler is cheap; do it at set-up, not per event.
 *
 * @throws Error naming the distribution and parameter when a parameter is out of range
 *   (non-finite, a non-positive mean/median/cv, negative sd/sigma, max < min, negative normal mean)
 *   or the distribution name is unknown.
 */
export function createSampler(spec: DistSpec): Sampler {
  const factory = FACTORIES[spec.dist] as ((s: DistSpec) => Sampler) | undefined;
  if (factory === undefined) {
    throw new Error(`createSampler: unknown distribution '${String((spec as { dist: unknown }).dist)}'`);
  }
  return factory(spec);
}

/**
 * One draw rounded to whole microseconds and clamped at 0: `max(0, round(x))`.
 *
 * The model's clock is integer microseconds, so every sampled time goes through here. Rounding
 * moves the mean by less than 0.5 us; the clamp only matters for specs that can go negative
 * (a negative constant, a uniform with min < 0), since the others are non-negative already.
 */
export function sampleUs(sampler: Sampler, rng: Rng): number {
  const x = sampler.sample(rng);
  // Exactly Math.max(0, Math.round(x)) without Math.round's branch on the data: a negative draw
  // rounds to at most -0, which the clamp makes a plain 0; NaN (no sampler's) stays NaN.
  return x >= 0 ? roundNonNegative(x) : x < 0 ? 0 : x;
}

/** 2^52: from here on every double is an integer and x + 0.5 may round. */
const TWO_52 = 4503599627370496;
/** The largest double below 0.5: x + 0.5 rounds up to 1 for it (ties to even). */
const BELOW_HALF = 0.49999999999999994;

/**
 * Math.round(x) for x >= 0 (and -0), exactly, at a fraction of its cost: V8 compiles Math.round to
 * a data-dependent branch that a random x mispredicts half the time (measured: 19 ns of a Poisson
 * gap's 37; sampled durations likewise). For 0 <= x < 2^52, x + 0.5 is exact (0.5 is a multiple of x's ulp once x >= 0.5), so
 * floor(x + 0.5) is round-half-up except at the one double below 0.5, whose sum rounds to 1; both
 * remaining cases take Math.round. Only -0 differs (0 here), which no caller can tell from 0 once
 * added to a time (and {@link sampleUs} turns into 0 anyway).
 */
export function roundNonNegative(x: number): number {
  return x < TWO_52 && x !== BELOW_HALF ? Math.floor(x + 0.5) : Math.round(x);
}


/**
 * Lognormal parameters from two percentiles: median = p50, sigma = ln(p99 / p50) / z(0.99).
 *
 * This is how the scenario's `lognormal {p50, p99}` becomes a {@link DistSpec}, because people
 * know their function's p50 and p99 latency, not its log-scale sigma.
 *
 * @throws Error if p50 is not positive or p99 < p50.
 */
export function lognormalFromPercentiles(p50: number, p99: number): { median: number; sigma: number } {
  requirePositive('lognormal', 'p50', p50);
  requireFinite('lognormal', 'p99', p99);
  if (p99 < p50) {
    throw new Error(`lognormal: p99 (${p99}) must be >= p50 (${p50})`);
  }
  return { median: p50, sigma: Math.log(p99 / p50) / Z_99 };
}

/** Standard normal density. */
function standardNormalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF, Phi(x) = erfc(-x / sqrt 2) / 2. */
function standardNormalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * Complementary error function with fractional error below 1.2e-7 everywhere
 * (Chebyshev fit from Numerical Recipes, 2nd ed., section 6.2, `erfcc`). Only used for the
 * truncated normal's analytic mean, where that accuracy is far below any sampling error.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

function requireFinite(dist: string, param: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new Error(`${dist}: ${param} must be a finite number, got ${String(value)}`);
  }
}

function requirePositive(dist: string, param: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new Error(`${dist}: ${param} must be a finite number > 0, got ${String(value)}`);
  }
}
