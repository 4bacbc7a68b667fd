/**
 * Memory and CPU (lambda-behavior.md 2.3: 1,769 MB = 1 vCPU, capped by the visible vCPUs): the
 * CPU-bound share of a duration scales with the CPU ratio, so `--set functions.x.memorySize=2048`
 * changes both duration and cost; and the default INIT follows packageType and initMultiplier.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../src/kernel/random.js';
import { createSampler } from '../src/kernel/distributions.js';
import { cpuShare, createDurationSampler, durationFactor, visibleVcpus } from '../src/model/cpu-scaling.js';
import { defaultInitMeanMs } from '../src/model/runtime-defaults.js';
import { simulate } from './helpers/simulate.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { isScenarioError } from '../src/scenario/errors.js';
import { fn } from './helpers/model-input.js';

describe('CPU share of memory', () => {
  it('is memory / 1769 vCPU within the visible vCPU bands', () => {
    expect(cpuShare(1769)).toBe(1);
    expect(cpuShare(128)).toBeCloseTo(128 / 1769, 12);
    expect(cpuShare(10240)).toBeCloseTo(5.7886, 4); // section 2.3: 10,240 MB ~ 5.79 vCPU of credit
    expect([128, 3008, 3009, 5307, 5308, 7076, 7077, 8845, 8846, 10240].map(visibleVcpus)).toStrictEqual([2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
  });

  it('scales only the CPU-bound share: (1 - c) + c x cpu(ref) / cpu(mem)', () => {
    expect(durationFactor(0.7, 1024, 2048, 2)).toBeCloseTo(0.65, 12);
    expect(durationFactor(0.7, 1024, 2048)).toBeCloseTo(0.3 + (0.7 * 1024) / 1769, 12); // one thread: one vCPU at most
    expect(durationFactor(1, 1024, 512)).toBeCloseTo(2, 12);
    expect(durationFactor(0, 128, 10240)).toBe(1);
  });

  it('multiplies each draw of the same stream (common random numbers)', () => {
    const duration = { dist: 'lognormal' as const, median: 80_000, sigma: 0.8 };
    const scaled = createDurationSampler(fn({ duration, memorySize: 2048, cpuBound: 0.7, durationMemorySize: 1024, threads: 2 }));
    const plain = createSampler(duration);
    const a = new RandomStreams(1).stream('d');
    const b = new RandomStreams(1).stream('d');
    for (let i = 0; i < 1000; i++) expect(scaled.sample(a)).toBeCloseTo(plain.sample(b) * 0.65, 6);
    expect(createDurationSampler(fn({ duration, memorySize: 2048, cpuBound: 0.7 }))).toBeInstanceOf(plain.constructor);
  });
});

describe('--set memorySize on a CPU-bound function', () => {
  const text = [
    'name: power',
    'duration: 10m',
    'functions:',
    '  api:',
    '    memorySize: 1024',
    '    duration: { dist: lognormal, p50: 100ms, p99: 400ms }',
    '    init: 0ms',
    '    cpuBound: 0.8',
    '    threads: 2                  # linear up to 2 vCPUs (3,538 MB)',
    'workloads:',
    '  - { function: api, arrivals: { process: poisson, rate: 20/s } }',
    '',
  ].join('\n');

  it('keeps the file memorySize as the reference memory of duration', () => {
    expect(parseScenarioText(text, 's.yaml').functions.api).toMatchObject({ memorySize: 1024, durationMemorySize: 1024, cpuBound: 0.8 });
    expect(parseScenarioText(text, 's.yaml', { overrides: ['functions.api.memorySize=2048'] }).functions.api).toMatchObject({
      memorySize: 2048,
      durationMemorySize: 1024,
    });
    expect(parseScenarioText(text, 's.yaml', { overrides: ['functions.api.durationMemorySize=512'] }).functions.api.durationMemorySize).toBe(512);
  });

  it('changes mean duration by the factor and cost accordingly', () => {
    const at1024 = simulate(parseScenarioText(text, 's.yaml')).functions[0];
    const at2048 = simulate(parseScenarioText(text, 's.yaml', { overrides: ['functions.api.memorySize=2048'] })).functions[0];
    expect(at2048.requests).toBe(at1024.requests); // the same arrivals
    // Same draws times 0.2 + 0.8 x 0.5 = 0.6 (only the few invocations in flight at the end differ).
    expect(at2048.duration.mean() / at1024.duration.mean()).toBeCloseTo(0.6, 2);
    // GB-s: twice the memory for 0.6 of the time (1 ms rounding aside).
    expect(at2048.gbSeconds / at1024.gbSeconds).toBeCloseTo(1.2, 2);
  });
});

describe('default INIT by packageType and initMultiplier (lambda-behavior.md 2.2)', () => {
  const load = (extra: string[]) =>
    parseScenarioText(['name: i', 'duration: 1h', 'functions:', '  f:', '    duration: 10ms', ...extra.map((l) => `    ${l}`), ''].join('\n'), 's.yaml').functions.f;
  const mean = (spec: unknown) => createSampler(spec as never).mean() / 1000;

  it('zip x 1 fills in the runtime default (the scenario decides it, not the model); image uses the image column', () => {
    expect(mean(load([]).init)).toBeCloseTo(139.5, 6); // nodejs20.x zip x86, mean of 128 and 1024 MB
    expect(mean(load(['architecture: arm64']).init)).toBeCloseTo(125, 6);
    expect(mean(load(['packageType: image']).init)).toBeCloseTo(297, 6); // nodejs20.x image x86 128 MB
    expect(mean(load(['runtime: java21', 'packageType: image']).init)).toBeCloseTo(322, 6);
    expect(defaultInitMeanMs('python3.12', 'arm64', 'image')).toBeCloseTo(159 * (77.5 / 83), 9);
  });

  it('initMultiplier scales the default, and is refused next to an explicit init', () => {
    expect(mean(load(['runtime: python3.12', 'initMultiplier: 3']).init)).toBeCloseTo(3 * 83, 6);
    try {
      load(['init: 300ms', 'initMultiplier: 2']);
      throw new Error('expected an error');
    } catch (e) {
      expect(isScenarioError(e) && e.format()).toBe(
        's.yaml:7:21: functions.f.initMultiplier: initMultiplier scales the default INIT; with an explicit init, scale init itself and remove initMultiplier',
      );
    }
  });
});
