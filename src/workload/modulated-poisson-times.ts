/**
 * Non-homogeneous Poisson arrivals (`poisson` with `ramp` and/or `diurnal`), by thinning
 * (Lewis and Shedler 1979, "Simulation of nonhomogeneous Poisson processes by thinning", Naval
 * Research Logistics Quarterly 26(3)): candidates come from a homogeneous process at a bound
 * `lambdaMax >= lambda(t)` and each is kept with probability lambda(t) / lambdaMax.
 *
 * The bound is taken per segment of time (a piecewise-constant majorant) so a steep ramp does not
 * waste candidates: inside a segment it is the exact maximum of the ramp times the exact maximum of
 * the diurnal factor, hence never below lambda(t). When a candidate falls past the segment's end the
 * process restarts at the boundary with the next segment's bound, which is exact because
 * exponential gaps are memoryless. The result is an exact sample of the process, not an
 * approximation; the segment length only changes how many uniforms it costs.
 *
 * Time is kept as a real number of microseconds; each kept arrival is floored to an integer, so it
 * stays inside [start, end).
 */
import type { Rng } from '../kernel/random.js';
import { US_PER_SECOND } from '../kernel/time.js';
import type { ArrivalSpec } from './arrival-spec.js';
import type { ArrivalTimes } from './arrival-times.js';

/** Segments per ramp length and per diurnal period: enough that the bound hugs the rate. */
const SEGMENTS_PER_CYCLE = 64;
/** No segment shorter than 1 ms (a shorter one would only cost more bound computations). */
const MIN_SEGMENT_US = 1_000;

const TWO_PI = 2 * Math.PI;

/** The Poisson spec with at least one modulation. */
type PoissonSpec = Extract<ArrivalSpec, { process: 'poisson' }>;

export class ModulatedPoissonTimes implements ArrivalTimes {
  /** Current time (real us). Declared with a number so V8 keeps it an unboxed double (poisson-times.ts). */
  private t = 0;
  /** Rates per microsecond. */
  private readonly rate0: number;
  private readonly rate1: number;
  private readonly rampEnd: number;
  private readonly rampOver: number;
  private readonly amplitude: number;
  private readonly period: number;
  private readonly peakAt: number;
  private readonly segmentUs: number;
  /** Current segment [.., segEnd) and its bound (per us). */
  private segEnd = 0;
  private bound = 0;

  constructor(
    spec: PoissonSpec,
    private readonly start: number,
    private readonly end: number,
    private readonly rng: Rng,
  ) {
    this.t = start;
    this.rate0 = spec.rate / US_PER_SECOND;
    this.rate1 = spec.ramp ? spec.ramp.to / US_PER_SECOND : this.rate0;
    this.rampOver = spec.ramp ? spec.ramp.over : 0;
    this.rampEnd = start + this.rampOver;
    this.amplitude = spec.diurnal ? spec.diurnal.amplitude : 0;
    this.period = spec.diurnal ? spec.diurnal.period : Infinity;
    this.peakAt = spec.diurnal ? spec.diurnal.peakAt : 0;
    let segment = Infinity;
    if (spec.diurnal) segment = Math.min(segment, spec.diurnal.period / SEGMENTS_PER_CYCLE);
    if (spec.ramp) segment = Math.min(segment, spec.ramp.over / SEGMENTS_PER_CYCLE);
    this.segmentUs = Math.max(segment, MIN_SEGMENT_US);
    this.segEnd = start;
  }

  /** lambda(t) per microsecond. */
  rateAt(t: number): number {
    return this.rampRate(t) * this.factor(t);
  }

  next(): number {
    const rng = this.rng;
    for (;;) {
      if (this.t >= this.segEnd) {
        if (this.t >= this.end) return Infinity;
        this.openSegment();
      }
      if (this.bound <= 0) {
        this.t = this.segEnd;
        continue;
      }
      // 1 - u is in (0, 1], so the gap is finite.
      const candidate = this.t - Math.log(1 - rng.next()) / this.bound;
      if (candidate >= this.segEnd) {
        // Memoryless: restart at the boundary under the next segment's bound.
        this.t = this.segEnd;
        continue;
      }
      this.t = candidate;
      if (rng.next() * this.bound < this.rateAt(candidate)) return Math.floor(candidate);
    }
  }

  /** Start the segment containing t: its end and the bound over it. */
  private openSegment(): void {
    const k = Math.floor((this.t - this.start) / this.segmentUs) + 1;
    let segEnd = this.start + k * this.segmentUs;
    if (this.rampOver > 0 && this.t < this.rampEnd && segEnd > this.rampEnd) segEnd = this.rampEnd;
    if (segEnd <= this.t) segEnd = this.t + this.segmentUs; // float guard: always move forward
    this.segEnd = Math.min(segEnd, this.end);
    const a = this.t;
    const b = this.segEnd;
    // The ramp is monotone on [a, b] (linear, then flat), so its maximum is at an end point.
    const rampMax = Math.max(this.rampRate(a), this.rampRate(b));
    this.bound = rampMax * this.factorMax(a, b);
  }

  /** The ramp part of the rate (per us): linear from rate0 to rate1 over the ramp, then rate1. */
  private rampRate(t: number): number {
    if (t >= this.rampEnd) return this.rate1;
    return this.rate0 + ((this.rate1 - this.rate0) * (t - this.start)) / this.rampOver;
  }

  /** The diurnal factor 1 + A cos(2 pi (t - peakAt) / P) (1 without diurnal). */
  private factor(t: number): number {
    if (this.amplitude === 0) return 1;
    return 1 + this.amplitude * Math.cos((TWO_PI * (t - this.peakAt)) / this.period);
  }

  /**
   * The maximum of the factor on [a, b]: 1 + A if a peak (peakAt + k P) lies inside, else the larger
   * end value (between two peaks the cosine has no interior maximum).
   */
  private factorMax(a: number, b: number): number {
    if (this.amplitude === 0) return 1;
    const nextPeak = this.peakAt + Math.ceil((a - this.peakAt) / this.period) * this.period;
    if (nextPeak <= b) return 1 + this.amplitude;
    return Math.max(this.factor(a), this.factor(b));
  }
}
