/**
 * CPU above one vCPU (issue #15, lambda-behavior.md 2.3): 1,769 MB buys one vCPU, and code uses at
 * most `threads` of them, so the CPU-bound share stops speeding up at threads x 1,769 MB. The knee is
 * derived here from the model, not written in: the first memory size from which duration no longer
 * falls.
 */
import { describe, expect, it } from 'vitest';
import { durationFactor, MB_PER_VCPU } from '../src/model/cpu-scaling.js';
import { simulate } from './helpers/simulate.js';
import { fn, MIN, MS, scenario, sync } from './helpers/model-input.js';

/** Smallest memory (MB, 1 MB steps) from which the duration factor stops falling. */
function knee(threads: number): number {
  let previous = durationFactor(1, 1024, 128, threads);
  for (let mb = 129; mb <= 10240; mb++) {
    const f = durationFactor(1, 1024, mb, threads);
    if (f >= previous) return mb - 1;
    previous = f;
  }
  return 10240;
}

/** Mean duration (us) of a fully CPU-bound 1 s (at 1,024 MB) function run at `memorySize`. */
function meanDuration(memorySize: number, threads: number): number {
  const input = scenario({
    duration: 10 * MIN,
    functions: { f: fn({ memorySize, durationMemorySize: 1024, cpuBound: 1, threads, duration: { dist: 'constant', value: 1000 * MS } }) },
    workloads: [sync('f', { process: 'constant', rate: 1 })],
  });
  return simulate(input).functions[0].duration.mean();
}

describe('the knee at 1,769 MB per thread', () => {
  it('is derived at 1,769 MB with one thread and 3,538 MB with two', () => {
    expect(knee(1)).toBe(MB_PER_VCPU);
    expect(knee(2)).toBe(2 * MB_PER_VCPU);
    // Six threads: the visible vCPUs and memory / 1769 bind first, so it keeps improving to 10,240 MB.
    expect(knee(6)).toBe(10240);
  });

  it('one thread: duration falls in proportion up to 1,769 MB, then stays flat', () => {
    const at = (mb: number) => meanDuration(mb, 1);
    expect(at(1024)).toBeCloseTo(1_000_000, 0);
    expect(at(1769)).toBeCloseTo((1_000_000 * 1024) / 1769, -1);
    for (const mb of [2048, 3538, 5000, 10240]) expect(at(mb)).toBe(at(1769));
  });

  it('two threads: keeps improving up to 3,538 MB, flat above', () => {
    const at = (mb: number) => meanDuration(mb, 2);
    expect(at(2048)).toBeLessThan(at(1769));
    expect(at(3538)).toBeLessThan(at(2048));
    expect(at(3538)).toBeCloseTo((1_000_000 * 1024) / 3538, -1);
    for (const mb of [4096, 10240]) expect(at(mb)).toBe(at(3538));
  });

  it('a function measured above the knee is not slowed down or sped up between sizes above it', () => {
    expect(durationFactor(0.8, 2048, 4096, 1)).toBe(1);
    expect(durationFactor(0.8, 2048, 1024, 1)).toBeCloseTo(0.2 + 0.8 * (1769 / 1024), 12);
  });
});
