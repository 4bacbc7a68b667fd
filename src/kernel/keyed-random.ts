/**
 * Counter-based random numbers: the uniforms of one request, found by its key rather than by how
 * many draws came before it.
 *
 * A sequential stream (random.ts) hands out draws in call order, so when one variant of a scenario
 * throttles, retries or cold-starts differently from another, every later draw shifts and the two
 * runs see different durations for the same request. Here the u-th uniform of (request key, run,
 * purpose) is a hash of (stream seed, key, run, purpose, u): random access, so the same request gets
 * the same base duration, error and INIT draws in both variants whatever order it runs in (common
 * random numbers). docs/model.md "Random streams" states the contract.
 *
 * The hash is murmur3_x86_32 over the words (key low, key high, run) and then (purpose << 24 |
 * counter), with murmur3's finaliser: each output bit depends on every input bit (avalanche), and
 * test/kernel-keyed-random.test.ts checks uniformity (chi-square, KS) and independence between
 * purposes. The key's rounds are computed once per (key, run), lazily: a request's later purposes
 * cost one round each, and a draw site whose sampler needs no uniform (a constant) costs nothing.
 */
import { mix32 } from './hash.js';
import type { Rng } from './random.js';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const TWO_POW_32 = 4294967296;

/** One murmur3 body step: mixes word `k` into state `h`. */
function round(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * An {@link Rng} positioned at one (key, run, purpose): `next()` returns its 1st, 2nd, ... uniform.
 *
 * One object per stream, re-positioned with {@link at} before each draw site, so drawing allocates
 * nothing. Samplers take it like any Rng; `counterBased` tells the normal samplers not to keep the
 * spare deviate of a polar pair, which would otherwise leak into the next request's draw.
 */
export class KeyedRng implements Rng {
  /** Samplers must not cache deviates across calls (see NormalDeviates in distributions.ts). */
  readonly counterBased = true;
  private readonly seed: number;
  /** The (key, run) the stream is positioned at, and whether `base` is yet to be computed for it. */
  private key = -1;
  private run = -1;
  private stale = true;
  /** Hash state after the (key, run) words; next() mixes (purpose, counter) into it. */
  private base = 0;
  /** purpose << 24 | counter: up to 2^24 uniforms per position, far beyond any sampler's loop. */
  private word = 0;
  /** The last uniform drawn. */
  private u = 0;

  /** @param seed - The stream seed, a 32-bit integer (e.g. from a named sequential stream). */
  constructor(seed: number) {
    this.seed = seed | 0;
  }

  /**
   * Position the stream at request `key` (an integer in [0, 2^53)), its `run` (0 for the first
   * execution, 1 for the first retry that ran ...) and `purpose` (a small integer, 0..255, naming the
   * draw: duration, error ...). Returns this, for `sampleUs(sampler, rng.at(...))`.
   */
  at(key: number, run: number, purpose: number): this {
    if (key !== this.key || run !== this.run) {
      this.key = key;
      this.run = run;
      this.stale = true;
    }
    this.word = (purpose & 0xff) << 24;
    return this;
  }

  next(): number {
    this.advance();
    return this.u;
  }

  /**
   * True with probability `p`: exactly `next() < p`, for a draw site that needs only the outcome
   * (an error or not), where `next` would not be inlined (see {@link advance}).
   */
  chance(p: number): boolean {
    this.advance();
    return this.u < p;
  }

  /**
   * The next uniform, into {@link u}. V8 does not inline every draw into a model's big methods, and a
   * double returned from a call that is not inlined is boxed (a heap allocation per draw); a double
   * field is updated in place, and a boolean (`chance`) needs no box.
   */
  private advance(): void {
    if (this.stale) this.rebase();
    // 16: murmur3's length word for the four words hashed.
    const h = round(this.base, this.word++) ^ 16;
    this.u = mix32(h) / TWO_POW_32;
  }

  /** The (key, run) rounds, once per position. */
  private rebase(): void {
    const h = round(this.seed, this.key >>> 0);
    this.base = round(round(h, (this.key / TWO_POW_32) >>> 0), this.run);
    this.stale = false;
  }
}

/** A 32-bit stream seed from a sequential stream's first draw (so it derives from (seed, name)). */
export function seedFrom(rng: Rng): number {
  return Math.floor(rng.next() * TWO_POW_32) | 0;
}
