/**
 * How memory changes execution time: Lambda gives a function CPU in proportion to its memory, so
 * the CPU-bound share of a duration shrinks (or grows) when memorySize moves away from the memory
 * at which the duration was measured.
 *
 * Source: lambda-behavior.md section 2.3. 1,769 MB is one vCPU of credit and the share is linear
 * in memory [DOC] (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html); the
 * number of visible vCPUs caps it [EMP] (https://github.com/rwnx/lambda-cpuinfo): 128-3,008 MB
 * see 2, up to 5,307 MB 3, up to 7,076 MB 4, up to 8,845 MB 5, up to 10,240 MB 6. The simulator
 * rule of section 2.3: CPU-bound work takes `work / min(vcpus, memory / 1769)`.
 *
 * Code can only use as many vCPUs as it has threads (issue #15): a single-threaded handler (most
 * Node.js and Python handlers) gets one vCPU's worth at 1,769 MB and nothing more above it, while
 * Lambda keeps charging for the memory. So the speed is `min(threads, visible vCPUs, memory / 1769)`
 * vCPUs, and the CPU-bound share of a duration stops shrinking at `threads x 1769` MB (the knee).
 * Without `threads` a memory sweep predicted a single-threaded function twice as fast at 3,538 MB as
 * at 1,769 MB; on AWS it runs at the same speed for twice the price.
 *
 * With today's vCPU table the visible-vCPU cap never binds on its own (each band ends where
 * memory / 1769 reaches its vCPU count, and 10,240 MB gives 5.79 of 6); it is kept so the rule
 * stays right if the table changes.
 */
import type { Rng } from '../kernel/random.js';
import { createSampler, type Sampler } from '../kernel/distributions.js';
import type { FunctionInput } from './input.js';

/** MB of memory that buys one vCPU of credit (lambda-behavior.md 2.3). */
export const MB_PER_VCPU = 1769;

/** Upper memory (MB, inclusive) of each visible-vCPU band, and its vCPU count (lambda-behavior.md 2.3, [EMP]). */
const VCPU_BANDS: readonly (readonly [maxMb: number, vcpus: number])[] = [
  [3008, 2],
  [5307, 3],
  [7076, 4],
  [8845, 5],
  [10240, 6],
];

/** Visible vCPUs at `memoryMb` (the last band for anything above it). */
export function visibleVcpus(memoryMb: number): number {
  for (const [maxMb, vcpus] of VCPU_BANDS) if (memoryMb <= maxMb) return vcpus;
  return VCPU_BANDS[VCPU_BANDS.length - 1][1];
}

/**
 * CPU a function with `memoryMb` can use, in vCPUs: min(threads, visible vCPUs, memory / 1769).
 * `threads` defaults to Infinity (the CPU Lambda grants, whether or not code can use it).
 */
export function cpuShare(memoryMb: number, threads = Infinity): number {
  return Math.min(threads, visibleVcpus(memoryMb), memoryMb / MB_PER_VCPU);
}

/**
 * The factor a duration measured at `referenceMb` is multiplied by at `memoryMb`, when the share
 * `cpuBound` (0..1) of it is CPU-bound and the code runs `threads` threads:
 * `(1 - cpuBound) + cpuBound * cpu(reference) / cpu(memory)`, cpu as in {@link cpuShare}.
 *
 * @example
 * durationFactor(0.7, 1024, 2048, 2) // 0.3 + 0.7 * 0.5 = 0.65: twice the memory, 35% faster
 * durationFactor(0.7, 1769, 3538, 1) // 1: one thread cannot use the second vCPU
 */
export function durationFactor(cpuBound: number, referenceMb: number, memoryMb: number, threads = 1): number {
  return 1 - cpuBound + (cpuBound * cpuShare(referenceMb, threads)) / cpuShare(memoryMb, threads);
}

/**
 * Multiplies every draw of a sampler by a constant factor. Each draw uses exactly the uniforms the
 * inner sampler uses, so a run at another memory size sees the same random numbers (common random
 * numbers): a what-if on memory changes durations by the factor, not by noise.
 */
export class ScaledSampler implements Sampler {
  constructor(
    private readonly inner: Sampler,
    /** The multiplier, > 0. */
    readonly factor: number,
  ) {}
  sample(rng: Rng): number {
    return this.inner.sample(rng) * this.factor;
  }
  mean(): number {
    return this.inner.mean() * this.factor;
  }
}

/**
 * The duration sampler of a function: its `duration` distribution, scaled for CPU when `cpuBound`
 * is above 0 and `memorySize` differs from the memory the duration was measured at
 * (`durationMemorySize`, which defaults to `memorySize`), capped by `threads` (default 1).
 * Otherwise the plain sampler, so functions
 * without `cpuBound` draw exactly as before.
 */
export function createDurationSampler(config: FunctionInput): Sampler {
  const base = createSampler(config.duration);
  const factor = durationScale(config);
  // Both memories above the knee (or nothing to scale): the same speed, and the same draws as the plain sampler.
  return factor === 1 ? base : new ScaledSampler(base, factor);
}

/** The multiplier of durations written for `durationMemorySize` when the function runs with its `memorySize` (1: none). */
export function durationScale(config: FunctionInput): number {
  const cpuBound = config.cpuBound ?? 0;
  const reference = config.durationMemorySize ?? config.memorySize;
  if (cpuBound === 0 || reference === config.memorySize) return 1;
  return durationFactor(cpuBound, reference, config.memorySize, config.threads ?? 1);
}
