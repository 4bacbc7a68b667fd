/**
 * Issue #20, group 5: runs that would take days. The expected work is estimated from the arrival
 * specs before anything runs (src/run/work-estimate.ts), and a run above the limit is refused with
 * one line that gives the estimate and the option that raises it.
 */
import { describe, expect, it } from 'vitest';
import { expectOneLine, hostile, hostileDir } from './helpers/hostile.js';
import { parseScenario } from '../src/run/parse.js';
import { runScenario } from '../src/run/run.js';
import { estimateWork, expectedArrivals } from '../src/run/work-estimate.js';
import { WorkLimitError } from '../src/run/work-limit.js';

const HOUR = 3_600e6;

async function refused(set: string[], pattern = /would take about .* expected invocations .*above the limit of 1\.0e9.*--max-invocations \d/): Promise<void> {
  const args = ['run', 'tiny.yaml', '--out', 'out', '--quiet', ...set.flatMap((s) => ['--set', s])];
  expectOneLine(await hostile(args), pattern);
}

describe('runs that would take days are refused before they start', () => {
  it('duration: 1000d at 50/s', () => refused(['duration=1000d', 'workloads.0.arrivals.rate=50/s'], /4\.3e9 expected invocations \(workload "api": 4\.3e9\)/));
  it('rate 1e9/s for a minute', () => refused(['duration=1m', 'workloads.0.arrivals.rate=1e9/s']));
  it('a constant rate, a ramp and diurnal modulation', async () => {
    await refused(['duration=1000d', 'workloads.0.arrivals={process: constant, rate: 50/s}']);
    await refused(['duration=100d', 'workloads.0.arrivals={process: poisson, rate: 1/s, ramp: {to: 1000/s, over: 1d}, diurnal: {amplitude: 0.5, peakAt: 14h}}']);
  });
  it('a burst of 1e10', () => refused(['workloads.0.arrivals={process: burst, at: 1s, count: 10000000000, over: 1s}']));
  it('a cron every minute for 200 years (1.1e8 firings) above a lower limit', async () => {
    const args = ['run', 'tiny.yaml', '--out', 'out', '--max-invocations', '1e6', '--set', 'duration=73000d', '--set', 'workloads.0.arrivals={process: schedule, expression: "cron(* * * * ? *)"}'];
    expectOneLine(await hostile(args), /1\.1e8 expected invocations .*limit of 1\.0e6/);
  });
  it('a per-minute count of 1e11', () =>
    refused(['duration=3m', 'workloads.0.arrivals={process: trace, file: huge-minute-counts.csv, format: per-minute-counts, row: 1}'], /1\.0e11 expected/));
  it('a trace scaled by 1e12', () =>
    refused(['duration=3m', 'workloads.0.arrivals={process: trace, file: minute-counts.csv, format: per-minute-counts, row: 1, scale: 1e12}'], /6\.0e13 expected/));
  it('queue messages count too', () =>
    refused(['duration=100d', 'queues={q: {type: standard}}', 'workloads.1={queue: q, arrivals: {process: constant, rate: 1000/s}}'], /workload "q": 8\.6e9/));

  it('--max-invocations raises (or lowers) the limit', async () => {
    const dir = hostileDir();
    expectOneLine(await hostile(['run', 'tiny.yaml', '--out', 'o', '--max-invocations', '10'], dir), /25 expected invocations .*limit of 10; .*--max-invocations 26/);
    const r = await hostile(['run', 'tiny.yaml', '--out', 'o', '--quiet', '--max-invocations', '100'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectOneLine(await hostile(['run', 'tiny.yaml', '--max-invocations', 'lots'], dir), /--max-invocations: expected a positive number/);
    expectOneLine(await hostile(['run', 'tiny.yaml', '--max-invocations', '1', '--max-invocations', '2'], dir), /--max-invocations given 2 times/);
  });

  it('sweep and compare refuse the same way (from worker threads too)', async () => {
    const huge = ['--set', 'duration=1000d', '--set', 'workloads.0.arrivals.rate=50/s', '--quiet'];
    expectOneLine(await hostile(['sweep', 'tiny.yaml', '--vary', 'functions.api.memorySize=128,256', '--out', 'sw', '--workers', '2', ...huge]), /4\.3e9 expected invocations/);
    expectOneLine(await hostile(['compare', 'tiny.yaml', '--out', 'cw', ...huge]), /4\.3e9 expected invocations/);
  });

  it('sweep, compare and replications take --max-invocations too, down to each run (worker threads included)', async () => {
    const dir = hostileDir();
    const low = ['--max-invocations', '10', '--quiet'];
    expectOneLine(await hostile(['sweep', 'tiny.yaml', '--vary', 'functions.api.memorySize=128,256', '--out', 'sw', '--workers', '2', ...low], dir), /limit of 10; .*--max-invocations 26/);
    expectOneLine(await hostile(['compare', 'tiny.yaml', '--set', 'functions.api.memorySize=256', '--out', 'cw', ...low], dir), /limit of 10; .*--max-invocations 26/);
    expectOneLine(await hostile(['run', 'tiny.yaml', '--replications', '2', '--out', 'rw', ...low], dir), /limit of 10; .*--max-invocations 26/);
    const ok = await hostile(['sweep', 'tiny.yaml', '--vary', 'functions.api.memorySize=128,256', '--out', 'sw', '--workers', '2', '--max-invocations', '100', '--quiet'], dir);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
  });

  it('the library refuses too, and Infinity turns the check off', async () => {
    const scenario = parseScenario('name: t\nduration: 1000d\nfunctions: {api: {duration: 1ms}}\nworkloads: [{function: api, arrivals: {process: constant, rate: 50/s}}]\n');
    await expect(runScenario(scenario)).rejects.toBeInstanceOf(WorkLimitError);
    const small = parseScenario('name: t\nduration: 10s\nfunctions: {api: {duration: 1ms}}\nworkloads: [{function: api, arrivals: {process: constant, rate: 50/s}}]\n');
    await expect(runScenario(small, { maxInvocations: 100 })).rejects.toBeInstanceOf(WorkLimitError);
    expect((await runScenario(small, { maxInvocations: Infinity })).summary.total.requests).toBe(500);
  });
});

describe('estimateWork', () => {
  it('counts each arrival process in its window', () => {
    expect(expectedArrivals({ process: 'constant', rate: 10 }, 0, 60e6)).toBe(600);
    expect(expectedArrivals({ process: 'poisson', rate: 10 }, 30e6, 60e6)).toBe(300);
    // A ramp from 0 to 100/s over 10 s, then 100/s for 10 s: 500 + 1000.
    expect(expectedArrivals({ process: 'poisson', rate: 0, ramp: { to: 100, over: 10e6 } }, 0, 20e6)).toBeCloseTo(1500, 6);
    // Cut inside the ramp: 0 -> 50/s over 5 s.
    expect(expectedArrivals({ process: 'poisson', rate: 0, ramp: { to: 100, over: 10e6 } }, 0, 5e6)).toBeCloseTo(125, 6);
    expect(expectedArrivals({ process: 'burst', at: 5e6, count: 7, over: 1e6 }, 0, 10e6)).toBe(7);
    expect(expectedArrivals({ process: 'schedule', expression: 'rate(5 minutes)', startTime: 0 }, 0, HOUR)).toBe(12);
    expect(expectedArrivals({ process: 'schedule', expression: 'cron(0 2 * * ? *)', startTime: 0 }, 0, 10 * 24 * HOUR)).toBe(10);
    // Every minute for a year: extrapolated from the first 10,000 firings.
    expect(expectedArrivals({ process: 'schedule', expression: 'cron(* * * * ? *)', startTime: 0 }, 0, 365 * 24 * HOUR)).toBeGreaterThan(525_600 * 0.999);
    expect(expectedArrivals({ process: 'schedule', expression: 'cron(* * * * ? *)', startTime: 0 }, 0, 365 * 24 * HOUR)).toBeLessThan(525_600 * 1.001);
    const counts = [10, 20, 30];
    expect(expectedArrivals({ process: 'trace', format: 'per-minute-counts', counts, scale: 2, offset: 0 }, 0, 2 * 60e6)).toBe(60);
    expect(expectedArrivals({ process: 'trace', format: 'per-minute-counts', counts, scale: 1, offset: 60e6 }, 0, HOUR)).toBe(50);
    expect(expectedArrivals({ process: 'trace', format: 'timestamps', times: [0, 1e6, 2e6, 3e6], scale: 1, offset: 1e6 }, 0, 2e6)).toBe(2);
  });

  it('adds workloads and producers and names the largest', () => {
    const w = (name: string, rate: number) => ({ name, start: 0, end: 10e6, arrivals: { process: 'constant' as const, rate } });
    const e = estimateWork({ duration: 10e6, workloads: [w('a', 1)], producers: [w('b', 10)] });
    expect(e.invocations).toBe(110);
    expect(e.largest).toEqual({ name: 'b', arrivals: 100 });
    expect(e.events).toBeGreaterThan(e.invocations);
  });
});
