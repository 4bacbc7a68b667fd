import { describe, expect, it } from 'vitest';
import type { DistSpec } from '../src/kernel/dist-spec.js';
import {
  createSampler,
  lognormalFromPercentiles,
  sampleUs,
  type Sampler,
} from '../src/kernel/distributions.js';
import { RandomStreams, type Rng } from '../src/kernel/random.js';

/**
 * Every statistical check compares a statistic of N samples (fixed seed, so the test is
 * deterministic) with the distribution's true value, allowing 4 standard errors computed below
 * for that statistic. A correct sampler fails a given check for about 6 in 100,000 seeds
 * (two-sided normal tail); a wrong parameterisation (scale for rate, sd for variance, a missing
 * boost) is off by many standard errors at N = 200,000.
 */
const N = 200_000;
const K_SE = 4;
/** z of 0.99, from standard normal tables. */
const Z99 = 2.3263478740408408;

function rngFor(name: string): Rng {
  return new RandomStreams(20240601).stream(name);
}

function drawMany(sampler: Sampler, rng: Rng, n = N): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = sampler.sample(rng);
  return xs;
}

/** Smallest element (a loop: spreading 200,000 arguments can overflow the stack). */
function minOf(xs: Float64Array): number {
  let m = Infinity;
  for (const x of xs) if (x < m) m = x;
  return m;
}

/** Largest element. */
function maxOf(xs: Float64Array): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  return m;
}

interface Moments {
  mean: number;
  sd: number;
  /** Standard error of the sample mean: sd / sqrt(n). */
  seMean: number;
  /**
   * Standard error of the sample sd, by the delta method from Var(s^2) ~ (m4 - s^4) / n with the
   * sample's fourth central moment m4 (so it is right for skewed, heavy-tailed distributions too,
   * not only for the normal's sd / sqrt(2n)).
   */
  seSd: number;
}

function moments(xs: Float64Array): Moments {
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = (x - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= n;
  m4 /= n;
  const sd = Math.sqrt(m2);
  return { mean, sd, seMean: sd / Math.sqrt(n), seSd: Math.sqrt((m4 - m2 * m2) / n) / (2 * sd) };
}

/** Nearest-rank quantile of sorted data: the value of rank ceil(q n). */
function quantileSorted(sorted: Float64Array, q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length - 1e-9)) - 1];
}

function expectMeanAndSd(xs: Float64Array, mean: number, sd: number): void {
  const m = moments(xs);
  expect(Math.abs(m.mean - mean)).toBeLessThan(K_SE * m.seMean);
  expect(Math.abs(m.sd - sd)).toBeLessThan(K_SE * m.seSd);
}

/** Fraction of samples <= x must match cdf: a binomial proportion, SE sqrt(p (1 - p) / n). */
function expectCdfAt(xs: Float64Array, x: number, cdf: number): void {
  let below = 0;
  for (const v of xs) if (v <= x) below++;
  expect(Math.abs(below / xs.length - cdf)).toBeLessThan(K_SE * Math.sqrt((cdf * (1 - cdf)) / xs.length));
}

describe('constant', () => {
  it('always returns its value, and that is the mean', () => {
    const s = createSampler({ dist: 'constant', value: 1234.5 });
    const rng = rngFor('constant');
    for (let i = 0; i < 10; i++) expect(s.sample(rng)).toBe(1234.5);
    expect(s.mean()).toBe(1234.5);
  });
});

describe('uniform', () => {
  it('has mean (a + b) / 2, sd (b - a) / sqrt 12, and stays in [a, b)', () => {
    const s = createSampler({ dist: 'uniform', min: 100, max: 500 });
    const xs = drawMany(s, rngFor('uniform'));
    expect(s.mean()).toBe(300);
    expectMeanAndSd(xs, 300, 400 / Math.sqrt(12));
    expect(minOf(xs)).toBeGreaterThanOrEqual(100);
    expect(maxOf(xs)).toBeLessThan(500);
  });
});

describe('exponential', () => {
  it('has sd = mean and P(X <= mean) = 1 - 1/e', () => {
    const s = createSampler({ dist: 'exponential', mean: 50_000 });
    const xs = drawMany(s, rngFor('exponential'));
    expect(s.mean()).toBe(50_000);
    expectMeanAndSd(xs, 50_000, 50_000);
    expectCdfAt(xs, 50_000, 1 - Math.exp(-1));
  });
});

describe('normal truncated at 0', () => {
  // Standard normal density and CDF at 1.25, from tables (Python's statistics.NormalDist agrees).
  const PDF_1_25 = 0.18264908538902191;
  const CDF_1_25 = 0.8943502263331446;

  it('never goes negative and has the truncated mean and sd', () => {
    const mu = 100;
    const sd = 80;
    // Truncating N(mu, sd^2) to x >= 0 is truncation below at a = -mu/sd = -1.25. With the inverse
    // Mills ratio lambda = phi(a) / (1 - Phi(a)) = phi(1.25) / Phi(1.25):
    // mean = mu + sd lambda, variance = sd^2 (1 + a lambda - lambda^2).
    const lambda = PDF_1_25 / CDF_1_25;
    const truncMean = mu + sd * lambda;
    const truncSd = sd * Math.sqrt(1 - 1.25 * lambda - lambda * lambda);

    const s = createSampler({ dist: 'normal', mean: mu, sd });
    // The erfc approximation behind mean() has relative error below 1.2e-7.
    expect(s.mean()).toBeCloseTo(truncMean, 4);
    const xs = drawMany(s, rngFor('normal'));
    expect(minOf(xs)).toBeGreaterThanOrEqual(0);
    expectMeanAndSd(xs, truncMean, truncSd);
  });

  it('with mean 0 is the half-normal, mean sd sqrt(2 / pi)', () => {
    const s = createSampler({ dist: 'normal', mean: 0, sd: 1000 });
    const halfMean = 1000 * Math.sqrt(2 / Math.PI);
    expect(s.mean()).toBeCloseTo(halfMean, 3);
    const xs = drawMany(s, rngFor('halfnormal'));
    expect(minOf(xs)).toBeGreaterThanOrEqual(0);
    expectMeanAndSd(xs, halfMean, 1000 * Math.sqrt(1 - 2 / Math.PI));
  });

  it('barely truncated, it is the plain normal', () => {
    // mu = 10 sd: the truncated mass is 8e-24, far below anything a sample could show.
    const s = createSampler({ dist: 'normal', mean: 10_000, sd: 1000 });
    expect(s.mean()).toBeCloseTo(10_000, 6);
    const xs = drawMany(s, rngFor('plainnormal'));
    expectMeanAndSd(xs, 10_000, 1000);
    expectCdfAt(xs, 10_000, 0.5);
    expectCdfAt(xs, 11_000, 0.8413447460685429); // Phi(1), from tables
  });

  it('consecutive draws are uncorrelated (both deviates of a polar pair are used, each once)', () => {
    // Moments and CDF points cannot see a pair's second deviate repeating the first; the lag-1
    // correlation can (it would be about 0.5). Under independence its standard error is ~1/sqrt(n).
    const xs = drawMany(createSampler({ dist: 'normal', mean: 10_000, sd: 1000 }), rngFor('serial'));
    const m = moments(xs);
    let lag = 0;
    for (let i = 1; i < xs.length; i++) lag += (xs[i] - m.mean) * (xs[i - 1] - m.mean);
    const corr = lag / (xs.length - 1) / (m.sd * m.sd);
    expect(Math.abs(corr)).toBeLessThan(K_SE / Math.sqrt(xs.length));
  });
});

describe('lognormal', () => {
  it('built from p50 and p99 has those percentiles and the analytic mean and sd', () => {
    const { median, sigma } = lognormalFromPercentiles(200_000, 1_000_000);
    const s = createSampler({ dist: 'lognormal', median, sigma });
    const mean = median * Math.exp((sigma * sigma) / 2);
    const sd = mean * Math.sqrt(Math.exp(sigma * sigma) - 1);
    expect(s.mean()).toBeCloseTo(mean, 6);

    const xs = drawMany(s, rngFor('lognormal'));
    expectMeanAndSd(xs, mean, sd);

    // A sample quantile has standard error sqrt(p (1 - p) / n) / f(x_p), with the lognormal
    // density f(x) = phi(z) / (x sigma) at z = (ln x - ln median) / sigma.
    const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    const seQuantile = (p: number, x: number, z: number) =>
      Math.sqrt((p * (1 - p)) / N) / (phi(z) / (x * sigma));
    const sorted = xs.slice().sort();
    expect(Math.abs(quantileSorted(sorted, 0.5) - 200_000)).toBeLessThan(K_SE * seQuantile(0.5, 200_000, 0));
    expect(Math.abs(quantileSorted(sorted, 0.99) - 1_000_000)).toBeLessThan(
      K_SE * seQuantile(0.99, 1_000_000, Z99),
    );
  });

  it('lognormalFromPercentiles: median = p50, sigma = ln(p99 / p50) / z(0.99)', () => {
    expect(lognormalFromPercentiles(100, 1000)).toEqual({ median: 100, sigma: Math.log(10) / Z99 });
    expect(lognormalFromPercentiles(250, 250)).toEqual({ median: 250, sigma: 0 });
    expect(() => lognormalFromPercentiles(0, 10)).toThrow(/p50 must be a finite number > 0/);
    expect(() => lognormalFromPercentiles(100, 50)).toThrow(/p99 \(50\) must be >= p50 \(100\)/);
  });
});

describe('gamma', () => {
  // Gamma(shape k = 1 / cv^2, scale = mean cv^2): mean = mean, sd = mean * cv.
  for (const cv of [0.5, 1, 2]) {
    it(`cv ${cv} (shape ${1 / (cv * cv)}${cv > 1 ? ', the boosted shape < 1 path' : ''}) has the right mean and sd`, () => {
      const s = createSampler({ dist: 'gamma', mean: 80_000, cv });
      expect(s.mean()).toBe(80_000);
      const xs = drawMany(s, rngFor(`gamma:${cv}`));
      expect(minOf(xs)).toBeGreaterThanOrEqual(0);
      expectMeanAndSd(xs, 80_000, 80_000 * cv);
    });
  }

  it('cv 1 is the exponential: P(X <= mean) = 1 - 1/e, P(X <= mean/10) = 1 - e^-0.1', () => {
    const xs = drawMany(createSampler({ dist: 'gamma', mean: 1000, cv: 1 }), rngFor('gamma:cdf'));
    expectCdfAt(xs, 1000, 1 - Math.exp(-1));
    expectCdfAt(xs, 100, 1 - Math.exp(-0.1));
  });

  it('cv sqrt 2 (shape 1/2, boosted path) is a scaled chi-square with 1 degree of freedom', () => {
    // Gamma(1/2, scale 2 m) with m the mean is m Z^2 for Z standard normal, so
    // P(X <= m c^2) = P(|Z| <= c) = 2 Phi(c) - 1, with Phi from tables. Checking near 0 and at the
    // mean tests the shape the U^(1/k) boost creates, which mean and sd alone would not.
    const xs = drawMany(createSampler({ dist: 'gamma', mean: 1000, cv: Math.SQRT2 }), rngFor('gamma:half'));
    expectCdfAt(xs, 1000, 2 * 0.8413447460685429 - 1); // c = 1
    expectCdfAt(xs, 10, 2 * 0.539827837277029 - 1); // c = 0.1
  });
});

describe('sampleUs', () => {
  it('rounds to whole microseconds and clamps at 0', () => {
    const rng = rngFor('sampleUs');
    expect(sampleUs(createSampler({ dist: 'constant', value: 2.5 }), rng)).toBe(3);
    expect(sampleUs(createSampler({ dist: 'constant', value: 2.49 }), rng)).toBe(2);
    expect(sampleUs(createSampler({ dist: 'constant', value: -3 }), rng)).toBe(0);
    expect(Object.is(sampleUs(createSampler({ dist: 'constant', value: -0.2 }), rng), 0)).toBe(true);
  });

  it('gives non-negative integers from a continuous distribution', () => {
    const s = createSampler({ dist: 'exponential', mean: 3 });
    const rng = rngFor('sampleUs:exp');
    let bad = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = sampleUs(s, rng);
      if (!(Number.isInteger(x) && x >= 0)) bad++;
    }
    expect(bad).toBe(0);
  });
});

describe('determinism', () => {
  const specs: DistSpec[] = [
    { dist: 'uniform', min: 0, max: 10 },
    { dist: 'exponential', mean: 10 },
    { dist: 'normal', mean: 10, sd: 5 },
    { dist: 'lognormal', median: 10, sigma: 1 },
    { dist: 'gamma', mean: 10, cv: 0.5 },
    { dist: 'gamma', mean: 10, cv: 3 },
  ];

  for (const spec of specs) {
    const label = JSON.stringify(spec);

    it(`${label}: same seed and name give the same sequence`, () => {
      const a = drawMany(createSampler(spec), new RandomStreams(9).stream('fn:a:duration'), 1000);
      const b = drawMany(createSampler(spec), new RandomStreams(9).stream('fn:a:duration'), 1000);
      expect(a).toEqual(b);
    });

    it(`${label}: different names give different sequences`, () => {
      const streams = new RandomStreams(9);
      const a = drawMany(createSampler(spec), streams.stream('fn:a:duration'), 1000);
      const b = drawMany(createSampler(spec), streams.stream('fn:b:duration'), 1000);
      expect(a).not.toEqual(b);
    });

    it(`${label}: drawing from another stream does not change this one`, () => {
      const alone = drawMany(createSampler(spec), new RandomStreams(9).stream('fn:a:duration'), 1000);

      const streams = new RandomStreams(9);
      const mine = streams.stream('fn:a:duration');
      const other = streams.stream('fn:b:duration');
      const mySampler = createSampler(spec);
      const otherSampler = createSampler(spec);
      const interleaved = new Float64Array(1000);
      for (let i = 0; i < 1000; i++) {
        for (let j = 0; j <= i % 3; j++) otherSampler.sample(other);
        interleaved[i] = mySampler.sample(mine);
      }
      expect(interleaved).toEqual(alone);
    });
  }

  it('a normal sampler never hands one stream a deviate drawn from another', () => {
    // Misuse on purpose: one sampler, two streams, alternating. Stream b must see only the first
    // deviate of each of its own pairs (the cached second one belongs to stream a and is dropped),
    // which is exactly what a sampler used once per fresh object would give.
    const shared = createSampler({ dist: 'lognormal', median: 1, sigma: 1 });
    const streams = new RandomStreams(9);
    const a = streams.stream('fn:a:duration');
    const b = streams.stream('fn:b:duration');
    const bRef = streams.stream('fn:b:duration');
    for (let i = 0; i < 100; i++) {
      shared.sample(a);
      const fromB = shared.sample(b);
      // A fresh sampler has no cached deviate, so it starts a new pair from bRef, as `shared` did.
      expect(fromB).toBe(createSampler({ dist: 'lognormal', median: 1, sigma: 1 }).sample(bRef));
    }
  });
});

describe('parameter checks', () => {
  const bad: Array<[DistSpec, RegExp]> = [
    [{ dist: 'constant', value: Number.NaN }, /constant: value must be a finite number/],
    [{ dist: 'uniform', min: 5, max: 4 }, /uniform: max \(4\) must be >= min \(5\)/],
    [{ dist: 'exponential', mean: 0 }, /exponential: mean must be a finite number > 0/],
    [{ dist: 'normal', mean: -1, sd: 1 }, /normal: mean must be >= 0/],
    [{ dist: 'normal', mean: 1, sd: -1 }, /normal: sd must be >= 0/],
    [{ dist: 'lognormal', median: 0, sigma: 1 }, /lognormal: median must be a finite number > 0/],
    [{ dist: 'lognormal', median: 1, sigma: -1 }, /lognormal: sigma must be >= 0/],
    [{ dist: 'gamma', mean: 1, cv: 0 }, /gamma: cv must be a finite number > 0/],
    [{ dist: 'gamma', mean: Infinity, cv: 1 }, /gamma: mean must be a finite number > 0/],
    [{ dist: 'weibull' } as unknown as DistSpec, /unknown distribution 'weibull'/],
  ];
  for (const [spec, message] of bad) {
    it(`rejects ${JSON.stringify(spec)}`, () => {
      expect(() => createSampler(spec)).toThrow(message);
    });
  }
});
