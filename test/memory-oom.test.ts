/**
 * Memory used and out-of-memory errors (issue #15): each invocation draws its Max Memory Used; a
 * draw above memorySize is Runtime.OutOfMemory (an error, the environment discarded), so a memory
 * sweep shows the floor below which the function fails, with a share P(memoryUsed > memorySize).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './helpers/simulate.js';
import type { DistSpec } from '../src/kernel/dist-spec.js';
import type { FunctionInput, WorkloadInput } from '../src/model/input.js';
import { defaultMemoryUsedMb } from '../src/model/runtime-defaults.js';
import { reportedMemoryMb } from '../src/model/memory-use.js';
import { Z_99 } from '../src/scenario/distribution.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { formatInvocationLog, parseReportLine } from '../src/report/logs.js';
import { fn, H, MIN, MS, S, scenario, sync } from './helpers/model-input.js';

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 erf, |error| < 1.5e-7: far below the tolerances here). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function run(f: Partial<FunctionInput>, workloads: WorkloadInput[] = [sync('f', { process: 'poisson', rate: 50 })], duration = 10 * MIN) {
  return simulate(scenario({ duration, functions: { f: fn({ duration: { dist: 'constant', value: 20 * MS }, ...f }) }, workloads })).functions[0];
}

/**
 * Tolerance of an observed share of n Bernoulli(p) trials: 4.5 binomial standard deviations
 * (a false failure about once in 150,000 runs for a fixed seed that could have been any).
 */
function tolerance(p: number, n: number): number {
  return 4.5 * Math.sqrt((p * (1 - p)) / n);
}

describe('out of memory', () => {
  it('OOM share equals P(memoryUsed > memorySize): uniform 100..300 MB at 256 MB -> 0.22', () => {
    const f = run({ memorySize: 256, memoryUsed: { dist: 'uniform', min: 100, max: 300 } });
    const p = (300 - 256) / (300 - 100);
    expect(f.invocations).toBeGreaterThan(25_000);
    expect(Math.abs(f.outOfMemory / f.invocations - p)).toBeLessThan(tolerance(p, f.invocations));
    // Every OOM is an error the synchronous caller sees (errorRate is 0).
    expect(f.errors).toBe(f.outOfMemory);
    expect(f.memoryUsed.max).toBe(256);
    expect(f.memoryUsed.quantile(0.5)).toBeGreaterThanOrEqual(199);
    expect(f.memoryUsed.quantile(0.5)).toBeLessThanOrEqual(201);
  });

  it('a memory sweep shows the floor: the share at each size is the lognormal tail P(X > m)', () => {
    const median = 200;
    const sigma = Math.log(400 / 200) / Z_99; // p50 200 MB, p99 400 MB
    const memoryUsed: DistSpec = { dist: 'lognormal', median, sigma };
    for (const memorySize of [128, 192, 256, 320, 448, 512]) {
      const f = run({ memorySize, memoryUsed });
      const p = 1 - normalCdf(Math.log(memorySize / median) / sigma);
      const share = f.outOfMemory / f.invocations;
      expect(Math.abs(share - p), `${memorySize} MB: share ${share}, P ${p}`).toBeLessThanOrEqual(Math.max(tolerance(p, f.invocations), 1e-9));
    }
  });

  it('discards the environment: one environment serving requests in turn cold-starts again after each OOM', () => {
    // One request per second, 20 ms each: a single environment, unless an OOM discards it.
    const f = run({ memorySize: 256, memoryUsed: { dist: 'uniform', min: 200, max: 300 } }, [sync('f', { process: 'constant', rate: 1 })], H);
    expect(f.outOfMemory).toBeGreaterThan(100);
    // The first request is cold; every OOM but possibly the last is followed by a cold start.
    expect(f.coldStarts - 1).toBeGreaterThanOrEqual(f.outOfMemory - 1);
    expect(f.coldStarts - 1).toBeLessThanOrEqual(f.outOfMemory);
  });

  it('async events retry an OOM by the async rules (3 attempts in all)', () => {
    const events: WorkloadInput = { name: 'e', function: 'f', invocation: 'async', start: 0, end: 10 * S, arrivals: { process: 'constant', rate: 1 } };
    const f = run({ memorySize: 128, memoryUsed: { dist: 'constant', value: 300 } }, [events], H);
    expect(f.invocations).toBe(30);
    expect(f.outOfMemory).toBe(30);
    expect(f.async!.retriesExhausted).toBe(10);
  });

  it('changes no other draw: a memoryUsed that never exceeds memorySize leaves every other result as it was', () => {
    const base = { memorySize: 512, duration: { dist: 'lognormal', median: 50 * MS, sigma: 0.7 } as DistSpec, errorRate: 0.05 };
    const plain = run(base);
    const withMemory = run({ ...base, memoryUsed: { dist: 'normal', mean: 200, sd: 40 } });
    for (const key of ['requests', 'invocations', 'errors', 'coldStarts', 'billedDurationMs'] as const) expect(withMemory[key]).toBe(plain[key]);
    expect(withMemory.latency.sum).toBe(plain.latency.sum);
    expect(withMemory.duration.sum).toBe(plain.duration.sum);
    expect(withMemory.outOfMemory).toBe(0);
  });
});

describe('memory used default and reporting', () => {
  it('defaults to the runtime baseline (AWS documentation REPORT examples), constant', () => {
    expect(['nodejs20.x', 'python3.12', 'java21', 'dotnet8', 'ruby3.3', 'provided.al2023'].map(defaultMemoryUsedMb)).toStrictEqual([74, 56, 90, 99, 48, 54]);
    const f = run({ runtime: 'python3.12' });
    expect(f.memoryUsed.quantile(0.99)).toBe(56);
    expect(f.outOfMemory).toBe(0);
  });

  it('REPORT prints whole MB rounded up, at most the memory size', () => {
    expect(reportedMemoryMb(73.2, 128)).toBe(74);
    expect(reportedMemoryMb(200, 128)).toBe(128);
    expect(reportedMemoryMb(0, 128)).toBe(0);
  });

  it('an out-of-memory invocation logs the runtime kill and Max Memory Used = Memory Size', () => {
    const lines = formatInvocationLog({ requestId: 'ab12', startUs: 0, endUs: 20_000, durationUs: 20_000, initUs: 0, billedMs: 20, memorySize: 128, maxMemoryUsed: 128, outOfMemory: true }).split('\n');
    expect(lines[1]).toBe('1970-01-01T00:00:00.020Z RequestId: ab12 Error: Runtime exited with error: signal: killed Runtime.OutOfMemory');
    expect(parseReportLine(lines[3])).toMatchObject({ memorySizeMb: 128, maxMemoryUsedMb: 128 });
  });

  it('reads memoryUsed from YAML as MB: a number or a distribution of numbers', () => {
    const load = (line: string) =>
      parseScenarioText(['name: m', 'duration: 1h', 'functions:', '  f:', '    duration: 10ms', `    ${line}`, ''].join('\n'), 's.yaml').functions.f;
    expect(load('memoryUsed: 90').memoryUsed).toStrictEqual({ dist: 'constant', value: 90 });
    expect(load('memoryUsed: {dist: lognormal, p50: 90, p99: 140}').memoryUsed).toMatchObject({ dist: 'lognormal', median: 90 });
    expect(load('threads: 2').threads).toBe(2);
    expect(load('serviceOverhead: 5ms').serviceOverhead).toBe(5000);
    expect(() => load('memoryUsed: 90MB')).toThrow(/a number of MB such as 90/);
  });
});
