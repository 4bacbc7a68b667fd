/**
 * Issue 11, points 3 and 4: numbers for people carry the precision the data supports (3 significant
 * figures for quantiles, which are within 0.5%) and a unit, the expectation's when there is one.
 */
import { describe, expect, it } from 'vitest';
import { humanMs, humanPercent, humanUsd, inDurationUnit, significant } from '../src/report/humanize.js';
import { formatMetricValue } from '../src/report/metric-unit.js';
import { metricKind } from '../src/scenario/metric-kind.js';

describe('significant figures', () => {
  it.each([
    [398.353, '398'],
    [1719.268, '1,720'],
    [139718.996, '140,000'],
    [1.5, '1.50'],
    [0.000469, '0.000469'],
    [0.0004694, '0.000469'],
    [999.7, '1,000'],
    [0, '0'],
    [12, '12.0'],
  ])('%d -> %s', (value, text) => {
    expect(significant(value)).toBe(text);
  });

  it('never prints exponent notation', () => {
    for (const v of [1.72e3, 1e21 / 7, 1.5e-7, 123456789]) expect(significant(v)).not.toMatch(/e/);
  });
});

describe('durations for people', () => {
  it.each([
    [398.353, '398 ms'],
    [1720, '1.72 s'],
    [1719268.438, '28.7 min'],
    [0.25, '250 us'],
    [999.7, '1.00 s'],
    [59_990, '1.00 min'],
    [7_200_000, '2.00 h'],
    [172_800_000, '2.00 d'],
    [0, '0 ms'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanMs(ms)).toBe(text);
  });

  it('prints the same seed-independent text for values within the sketch error (398.353 and 398.4)', () => {
    expect(humanMs(398.353)).toBe(humanMs(398.4));
  });

  it('prints in a given unit', () => {
    expect(inDurationUnit(1719268.438, 'm')).toBe('28.7 min');
    expect(inDurationUnit(913, 's')).toBe('0.913 s');
    expect(inDurationUnit(2_400, 'ms')).toBe('2,400 ms');
  });
});

describe('percentages and money', () => {
  it('prints rates as percentages', () => {
    expect(humanPercent(0.000469)).toBe('0.0469%');
    expect(humanPercent(0.7693)).toBe('76.9%');
    expect(humanPercent(0)).toBe('0%');
  });

  it('prints money in cents from a dollar, 3 figures below', () => {
    expect(humanUsd(412.3749)).toBe('412.37 USD');
    expect(humanUsd(1234.5)).toBe('1,234.50 USD');
    expect(humanUsd(0.75543455)).toBe('0.755 USD');
    expect(humanUsd(0.00153584)).toBe('0.00154 USD');
  });
});

describe('a metric value in the unit of its expectation', () => {
  it.each([
    [1719268.438, 'thumbnail.async.eventAge.p99', 'm', '28.7 min'],
    [0.000469, 'api.coldStartRate', '%', '0.0469%'],
    [990.124, 'checkout.latency.p99', 'ms', '990 ms'],
    [990.124, 'checkout.latency.p99', 's', '0.990 s'],
    [990.124, 'checkout.latency.p99', undefined, '990 ms'],
    [0.75543455, 'total.cost', 'USD', '0.755 USD'],
    [361236, 'thumbnail.throttles', undefined, '361,236'],
    [12.345678, 'api.concurrency.mean', undefined, '12.3'],
  ])('%d for %s (unit %s) -> %s', (value, metric, unit, text) => {
    expect(formatMetricValue(value, metric, unit)).toBe(text);
  });

  it('knows each kind of metric by its name', () => {
    expect(metricKind('checkout.latency.p99')).toBe('duration');
    expect(metricKind('checkout.initDuration.max')).toBe('duration');
    expect(metricKind('checkout.billedDurationMs')).toBe('duration');
    expect(metricKind('thumbnail.async.eventAge.p99')).toBe('duration');
    expect(metricKind('orders.ageOfOldest.max')).toBe('duration');
    expect(metricKind('total.cost')).toBe('money');
    expect(metricKind('checkout.cost.compute')).toBe('money');
    expect(metricKind('total.cost.perMonth')).toBe('money');
    expect(metricKind('checkout.coldStartRate')).toBe('fraction');
    expect(metricKind('api.provisionedConcurrency.provisionedConcurrencyUtilization.max')).toBe('fraction');
    expect(metricKind('checkout.throttles')).toBe('count');
    // The first segment is a user's name and never decides the kind.
    expect(metricKind('latency.throttles')).toBe('count');
  });
});
