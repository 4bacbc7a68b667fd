import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { yaml } from './helpers/scenario-error.js';
import { UnitError, formatDuration, formatRate, parseDuration, parseRate } from '../src/scenario/units.js';

describe('parseDuration reads a duration with a unit into integer microseconds', () => {
  it.each([
    ['250ms', 250_000],
    ['1.5s', 1_500_000],
    ['15m', 900_000_000],
    ['2h', 7_200_000_000],
    ['1d', 86_400_000_000],
    ['500us', 500],
    ['0s', 0],
    ['250 ms', 250_000],
    ['  3s  ', 3_000_000],
    ['1e3ms', 1_000_000],
    ['2.5e-1s', 250_000],
    ['.5s', 500_000],
    ['10.s', 10_000_000],
    // Rounded to the nearest microsecond: 0.0004 ms = 0.4 us -> 0; 1.0006 ms = 1000.6 us -> 1001.
    ['0.0004ms', 0],
    ['1.0006ms', 1001],
  ])('%s -> %d us', (text, us) => {
    expect(parseDuration(text)).toBe(us);
  });

  it('refuses a bare number with the message the loader prints', () => {
    expect(() => parseDuration('250')).toThrow(UnitError);
    try {
      parseDuration('250');
    } catch (error) {
      expect(error).toBeInstanceOf(UnitError);
      const e = error as UnitError;
      expect(e.expected).toBe('a duration with a unit such as 250ms, 1.5s, 15m, 2h');
      expect(e.found).toBe('250');
      expect(e.message).toBe(
        'expected a duration with a unit such as 250ms, 1.5s, 15m, 2h, found 250 (write the unit, e.g. "250ms" or "250s")',
      );
    }
  });

  it.each(['', 'ms', 'fast', '1e3', '-5s', '5 seconds', '5sec', '5MS', '1..5s', '5s5', '5 s s', 'constructor'])(
    'refuses %j',
    (text) => {
      expect(() => parseDuration(text)).toThrow(UnitError);
    },
  );

  it('suggests the right spelling of a near-miss unit', () => {
    expect(() => parseDuration('5sec')).toThrow('write the unit as "s"');
    expect(() => parseDuration('2min')).toThrow('write the unit as "m"');
    expect(() => parseDuration('5MS')).toThrow('write the unit as "ms"');
  });

  it('refuses a negative duration as such', () => {
    expect(() => parseDuration('-5s')).toThrow('expected a duration that is not negative, found -5s');
  });

  it('refuses a duration beyond 2^53 microseconds instead of losing precision', () => {
    expect(() => parseDuration('1e300d')).toThrow(UnitError);
  });
});

describe('parseRate reads a rate into events per second', () => {
  it.each([
    ['200/s', 200],
    ['12000/min', 200],
    ['1e6/h', 1e6 / 3600],
    ['100000/d', 100_000 / 86_400],
    ['5/sec', 5],
    ['5/second', 5],
    ['60/minute', 1],
    ['7200/hour', 2],
    ['86400/day', 1],
    ['  300 / s ', 300],
    ['0.5/s', 0.5],
  ])('%s -> %d/s', (text, perSecond) => {
    expect(parseRate(text)).toBe(perSecond);
  });

  it('refuses a bare number', () => {
    expect(() => parseRate('200')).toThrow(
      'expected a rate with a unit such as 200/s, 12000/min, 1e6/h, 100000/d, found 200 (write the unit, e.g. "200/s")',
    );
  });

  it('refuses /m, which some read as per minute and others as per millisecond', () => {
    expect(() => parseRate('5/m')).toThrow('write "/min" for per minute');
  });

  it.each(['', '/s', '5 per s', '5/ms', '5/week', '-5/s', '5/s/s', '5/toString'])('refuses %j', (text) => {
    expect(() => parseRate(text)).toThrow(UnitError);
  });
});

describe('formatDuration writes the shortest text that reads back to the same microseconds', () => {
  it.each([
    [0, '0s'],
    [250_000, '250ms'],
    [1_500_000, '1.5s'],
    [600_000_000, '10m'],
    [90_000_000, '1.5m'],
    [7_200_000_000, '2h'],
    [86_400_000_000, '1d'],
    [500, '500us'],
    [1_234, '1.234ms'],
    [1_001, '1.001ms'],
    [1, '1us'],
  ])('%d us -> %s', (us, text) => {
    expect(formatDuration(us)).toBe(text);
    expect(parseDuration(text)).toBe(us);
  });
});

describe('formatRate', () => {
  it.each([
    [200, '200/s'],
    [0.5, '30/min'],
    [1 / 3600, '1/h'],
    [1 / 86_400, '1/d'],
  ])('%d/s -> %s', (perSecond, text) => {
    expect(formatRate(perSecond)).toBe(text);
    expect(parseRate(text)).toBeCloseTo(perSecond, 12);
  });
});

describe('parseDuration reads compound durations (issue 11, point 10)', () => {
  it.each([
    ['7h20m', 26_400_000_000],
    ['1h30m15s', 5_415_000_000],
    ['2d12h', 216_000_000_000],
    ['1m30s', 90_000_000],
    ['1h 30m', 5_400_000_000],
    ['1s500ms', 1_500_000],
    ['1.5h30s', 5_430_000_000],
  ])('%s -> %d us', (text, us) => {
    expect(parseDuration(text)).toBe(us);
  });

  it.each(['30m1h', '1m1m', '1h30', '1h30x', '1h-30m', 'h30m'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(UnitError);
  });

  it('says how the parts must be ordered', () => {
    expect(() => parseDuration('30m1h')).toThrow('from the largest unit to the smallest, each once');
  });

  it('keeps the JSON Schema pattern in step with the parser', async () => {
    const { DURATION_PATTERN } = await import('../src/scenario/units.js');
    const re = new RegExp(DURATION_PATTERN);
    for (const ok of ['7h20m', '1h 30m 15s', '250ms', '2d12h']) expect(re.test(ok)).toBe(true);
    for (const bad of ['250', '1h30', '7h20x']) expect(re.test(bad)).toBe(false);
  });
});

describe('a compound duration in a scenario (issue 11, point 10)', () => {
  it('is accepted by the loader: `at: 7h20m` in a provisioned concurrency schedule', () => {
    const s = parseScenarioText(
      yaml('name: p', 'duration: 1d', 'functions:', '  api:', '    duration: 1ms', '    provisionedConcurrency:', '      - { at: 7h20m, value: 20 }'),
      'x.yaml',
    );
    expect(s.functions.api.provisionedConcurrency).toEqual([{ at: 26_400_000_000, value: 20 }]);
  });
});
