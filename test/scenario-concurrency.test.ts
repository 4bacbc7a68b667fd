/** Scenario fields for reserved / provisioned concurrency and client retries, and AWS's account checks. */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { errorOf, yaml } from './helpers/scenario-error.js';


describe('reserved concurrency (oracle 24: limit 1,000 -> at most 900 reservable)', () => {
  const scenario = (reserved: number, extra: string[] = []) =>
    yaml('name: r', 'duration: 1h', 'functions:', '  api:', '    duration: 100ms', `    reservedConcurrency: ${reserved}`, ...extra);

  it('accepts 900 in an account of 1,000', () => {
    expect(parseScenarioText(scenario(900), 'scenario.yaml').functions.api.reservedConcurrency).toBe(900);
  });

  it('refuses 901 the way AWS does, naming the line and the arithmetic', () => {
    const e = errorOf(scenario(901));
    expect(e.line).toBe(6);
    expect(e.path).toBe('functions.api.reservedConcurrency');
    expect(e.format()).toMatch(/expected at most 900: the account limit 1000 less the unreserved minimum 100, found 901/);
    expect(e.format()).toMatch(/UnreservedConcurrentExecution below its minimum value/);
  });

  it('counts the reservations of the functions above', () => {
    const e = errorOf(
      yaml('name: r', 'duration: 1h', 'functions:', '  a:', '    duration: 1ms', '    reservedConcurrency: 600', '  b:', '    duration: 1ms', '    reservedConcurrency: 301'),
    );
    expect(e.path).toBe('functions.b.reservedConcurrency');
    expect(e.format()).toMatch(/at most 300: .* and 600 reserved by the functions above, found 301/);
  });

  it('is optional, and 0 is allowed (the function is disabled)', () => {
    const s = parseScenarioText(yaml('name: r', 'duration: 1h', 'functions:', '  a: {duration: 1ms, reservedConcurrency: 0}', '  b: {duration: 1ms}'), 'x.yaml');
    expect(s.functions.a.reservedConcurrency).toBe(0);
    expect(s.functions.b.reservedConcurrency).toBeUndefined();
  });
});

describe('provisioned concurrency', () => {
  it('reads a number as a level configured before the run', () => {
    const s = parseScenarioText(yaml('name: p', 'duration: 1h', 'functions:', '  api: {duration: 1ms, provisionedConcurrency: 50}'), 'x.yaml');
    expect(s.functions.api.provisionedConcurrency).toEqual([{ at: 0, value: 50 }]);
  });

  it('reads a schedule of levels in microseconds', () => {
    const s = parseScenarioText(
      yaml('name: p', 'duration: 1d', 'functions:', '  api:', '    duration: 1ms', '    provisionedConcurrency:', '      - { at: 9h, value: 200 }', '      - { at: 18h, value: 10 }'),
      'x.yaml',
    );
    expect(s.functions.api.provisionedConcurrency).toEqual([
      { at: 9 * 3600e6, value: 200 },
      { at: 18 * 3600e6, value: 10 },
    ]);
  });

  it('refuses steps out of order', () => {
    const e = errorOf(
      yaml('name: p', 'duration: 1d', 'functions:', '  api:', '    duration: 1ms', '    provisionedConcurrency:', '      - { at: 9h, value: 200 }', '      - { at: 8h, value: 10 }'),
    );
    expect(e.path).toBe('functions.api.provisionedConcurrency.1.at');
    expect(e.format()).toMatch(/increasing order/);
  });

  it('refuses more provisioned than reserved concurrency', () => {
    const e = errorOf(yaml('name: p', 'duration: 1h', 'functions:', '  api: {duration: 1ms, reservedConcurrency: 10, provisionedConcurrency: 11}'));
    expect(e.path).toBe('functions.api.provisionedConcurrency');
    expect(e.format()).toMatch(/at most the function's reservedConcurrency \(10\), found a level of 11/);
  });

  it('keeps the unreserved minimum free of provisioned concurrency (PC 3 needs a limit above 103)', () => {
    const text = (limit: number) =>
      yaml('name: p', 'duration: 1h', 'account:', `  concurrencyLimit: ${limit}`, 'functions:', '  api: {duration: 1ms, provisionedConcurrency: 3}');
    expect(() => parseScenarioText(text(103), 'x.yaml')).not.toThrow();
    expect(errorOf(text(102)).format()).toMatch(/of at most 2 in all/);
  });
});

describe('client retries', () => {
  it('fills the AWS SDK standard-mode defaults', () => {
    const s = parseScenarioText(
      yaml('name: c', 'duration: 1h', 'functions:', '  api: {duration: 1ms}', 'workloads:', '  - function: api', '    arrivals: {process: poisson, rate: 1/s}', '    clientRetries: {}'),
      'x.yaml',
    );
    expect(s.workloads[0].clientRetries).toEqual({
      maxAttempts: 3,
      backoff: 'exponential',
      base: 100_000,
      cap: 20_000_000,
      jitter: 'full',
      retryOnErrors: false,
    });
  });

  it('refuses an unknown jitter with the choices', () => {
    const e = errorOf(
      yaml('name: c', 'duration: 1h', 'functions:', '  api: {duration: 1ms}', 'workloads:', '  - function: api', '    arrivals: {process: poisson, rate: 1/s}', '    clientRetries: {jitter: decorrelated}'),
    );
    expect(e.path).toBe('workloads.0.clientRetries.jitter');
    expect(e.format()).toMatch(/expected one of none, full or equal/);
  });
});
