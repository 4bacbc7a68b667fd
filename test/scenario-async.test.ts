/** Scenario fields for asynchronous invocation (lambda-behavior.md section 7, oracle 34). */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { errorOf, yaml } from './helpers/scenario-error.js';

const HEAD = ['name: a', 'duration: 1h', 'functions:'];

describe('asyncConfig', () => {
  it('fills AWS defaults: 2 retries, 6 h, retries after 1 and 2 minutes, throttle backoff 1 s to 5 min x2', () => {
    const s = parseScenarioText(yaml(...HEAD, '  f: {duration: 1ms, asyncConfig: {onFailure: failed}}'), 'x.yaml');
    expect(s.functions.f.asyncConfig).toEqual({
      maximumRetryAttempts: 2,
      maximumEventAge: 21_600_000_000,
      onFailure: 'failed',
      retryDelays: [60_000_000, 120_000_000],
      throttleBackoff: { initial: 1_000_000, max: 300_000_000, factor: 2, jitter: 'none' },
      duplicateRate: 0,
    });
  });

  it('oracle 34: refuses a maximum event age outside 60 s .. 6 h', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 1ms', '    asyncConfig: {maximumEventAge: 59s}'));
    expect(e.path).toBe('functions.f.asyncConfig.maximumEventAge');
    expect(e.format()).toMatch(/expected a whole number of seconds from 60s to 21600s, found 59s/);
    expect(errorOf(yaml(...HEAD, '  f:', '    duration: 1ms', '    asyncConfig: {maximumEventAge: 7h}')).format()).toMatch(/found 7h/);
  });

  it('refuses more than 2 retry attempts', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 1ms', '    asyncConfig: {maximumRetryAttempts: 3}'));
    expect(e.format()).toMatch(/functions\.f\.asyncConfig\.maximumRetryAttempts: expected an integer from 0 to 2, found 3/);
  });
});

describe('async workloads', () => {
  const workload = (extra: string) =>
    yaml(...HEAD, '  f: {duration: 1ms}', 'workloads:', `  - { function: f, invocation: async, arrivals: { process: poisson, rate: 1/s }${extra} }`);

  it('accept invocation: async and a payload size in KB', () => {
    const s = parseScenarioText(workload(', payloadSize: 300'), 'x.yaml');
    expect(s.workloads[0].invocation).toBe('async');
    expect(s.workloads[0].payloadSize).toBe(300);
  });

  it('refuse clientRetries (Lambda retries async events itself)', () => {
    const e = errorOf(workload(', clientRetries: {maxAttempts: 2}'));
    expect(e.path).toBe('workloads.0.clientRetries');
    expect(e.format()).toMatch(/sync workloads only/);
  });

  it('refuse a payload size on a sync workload, and one above 1 MB', () => {
    const sync = errorOf(yaml(...HEAD, '  f: {duration: 1ms}', 'workloads:', '  - { function: f, payloadSize: 10, arrivals: { process: poisson, rate: 1/s } }'));
    expect(sync.format()).toMatch(/async workloads only/);
    expect(errorOf(workload(', payloadSize: 2000')).format()).toMatch(/expected an integer from 1 to 1024, found 2000/);
  });
});

describe('async destination names', () => {
  const text = (target: string) =>
    yaml(
      'name: a',
      'duration: 1h',
      'functions:',
      `  f: {duration: 1ms, asyncConfig: {onFailure: ${target}}}`,
      'queues:',
      '  failures: {type: standard}',
    );

  it('accept a queue of the scenario, and a name far from every queue (an SNS topic, a bus ...)', () => {
    expect(parseScenarioText(text('failures'), 'x.yaml').functions.f.asyncConfig?.onFailure).toBe('failures');
    expect(parseScenarioText(text('alerts-topic'), 'x.yaml').functions.f.asyncConfig?.onFailure).toBe('alerts-topic');
  });

  it('refuse a near miss of a queue name with a did-you-mean', () => {
    const e = errorOf(text('failurs'));
    expect(e.path).toBe('functions.f.asyncConfig.onFailure');
    expect(e.format()).toMatch(/did you mean "failures"/);
  });
});
