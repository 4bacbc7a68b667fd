import { describe, expect, it } from 'vitest';
import { fraction, gbSeconds, integer, ms, plainNumber, usToMs, usd } from '../src/report/format-number.js';
import { groupThousands, humanDuration } from '../src/report/text-table.js';

describe('rounding to report precision', () => {
  it('converts microseconds to ms with microsecond precision, half up', () => {
    expect(usToMs(12_345, 'x')).toBe(12.345);
    expect(usToMs(12_345.5, 'x')).toBe(12.346);
    expect(usToMs(12_345.49, 'x')).toBe(12.345);
    expect(usToMs(7_200_000_000, 'x')).toBe(7_200_000);
  });

  it('keeps 3 decimals for ms, 6 for fractions and GB-s, 8 for USD', () => {
    expect(ms(80.7504, 'x')).toBe(80.75);
    expect(fraction(1 / 3, 'x')).toBe(0.333333);
    expect(fraction(2 / 3, 'x')).toBe(0.666667);
    expect(gbSeconds(0.0009765625, 'x')).toBe(0.000977);
    expect(usd(0.001345836025, 'x')).toBe(0.00134584);
    expect(usd(123456.123456789, 'x')).toBe(123456.12345679);
  });

  it('never produces -0', () => {
    expect(Object.is(usd(-1e-12, 'x'), 0)).toBe(true);
    expect(Object.is(usToMs(-0.2, 'x'), 0)).toBe(true);
  });

  it('refuses NaN, infinities and fractional counts, naming the field', () => {
    expect(() => usToMs(NaN, 'checkout.latency.p99')).toThrow('report: checkout.latency.p99 is NaN, expected a finite number');
    expect(() => usd(Infinity, 'total.cost.total')).toThrow('total.cost.total is Infinity');
    expect(() => integer(2.5, 'checkout.requests')).toThrow('report: checkout.requests is 2.5, expected a whole number');
    expect(integer(7, 'x')).toBe(7);
  });
});

describe('plainNumber', () => {
  it('prints small numbers without exponent notation', () => {
    expect(plainNumber(1.5e-7)).toBe('0.00000015');
    expect(plainNumber(1e-8)).toBe('0.00000001');
    expect(plainNumber(-2.5e-7)).toBe('-0.00000025');
    expect(plainNumber(3.09e-8)).toBe('0.0000000309');
  });

  it('prints ordinary numbers as String() does', () => {
    expect(plainNumber(12.345)).toBe('12.345');
    expect(plainNumber(0.0000166667)).toBe('0.0000166667');
    expect(plainNumber(1000)).toBe('1000');
    expect(plainNumber(0)).toBe('0');
    expect(plainNumber(-0)).toBe('0');
  });

  it('prints huge whole numbers digit by digit', () => {
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
  });

  it('refuses NaN', () => {
    expect(() => plainNumber(NaN)).toThrow('expected a finite number');
  });
});

describe('text helpers', () => {
  it('groups thousands', () => {
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(1000)).toBe('1,000');
    expect(groupThousands(1234567)).toBe('1,234,567');
    expect(groupThousands(-1234.5)).toBe('-1,234.5');
  });

  it('prints simulated time for people', () => {
    expect(humanDuration(7_200_000)).toBe('2h');
    expect(humanDuration(5_400_000)).toBe('1h 30m');
    expect(humanDuration(90_500)).toBe('1m 30.5s');
    expect(humanDuration(3_600_001)).toBe('1h 0.001s');
    expect(humanDuration(250)).toBe('250ms');
    expect(humanDuration(0)).toBe('0ms');
  });
});
