import { describe, expect, it } from 'vitest';
import { ciHalf, ciMean, COUNT_CLAMP_NOTE, estimateText, isClampedCount, metricText } from '../src/whatif/format.js';
import { limitsVerdict, percentText } from '../src/whatif/compare-output.js';

describe('what-if estimates for people: only the digits the data supports', () => {
  it('rounds the half-width to one significant figure and the mean to its decimal place', () => {
    expect(estimateText({ mean: 477.5121, half: 2.9618, n: 5 })).toBe('478 ± 3');
    expect(estimateText({ mean: 0.09708312, half: 0.0000412, n: 5 })).toBe('0.09708 ± 0.00004');
    expect(estimateText({ mean: 123456.7, half: 2400, n: 5 })).toBe('123,000 ± 2,000');
    // 9.6 rounds to 10: one significant figure at the tens.
    expect(estimateText({ mean: 1234.5, half: 9.6, n: 5 })).toBe('1,230 ± 10');
    expect([ciMean(-12.345, 0.26), ciHalf(0.26)]).toEqual(['-12.3', '0.3']);
  });

  it('prints a single run (or a zero interval) to 3 significant figures', () => {
    expect(estimateText({ mean: 0.09708312, half: null, n: 1 })).toBe('0.0971');
    expect(estimateText({ mean: 477.5121, half: 0, n: 3 })).toBe('478 ± 0');
    expect(estimateText(undefined)).toBe('');
  });
});

describe('counts and changes in % (a new user\'s findings)', () => {
  it('shows a count\'s interval that reaches below 0 clamped at 0, and leaves other metrics and single runs alone', () => {
    expect(metricText({ mean: 2, half: 7, n: 3 }, true)).toBe('2 (0–9)');
    expect(isClampedCount({ mean: 2, half: 7, n: 3 }, true)).toBe(true);
    expect(metricText({ mean: 2, half: 7, n: 3 }, false)).toBe('2 ± 7');
    expect(metricText({ mean: 20, half: 7, n: 3 }, true)).toBe('20 ± 7');
    expect(metricText({ mean: 2, half: null, n: 1 }, true)).toBe('2');
    expect(COUNT_CLAMP_NOTE).toContain('2 ± 7 reads `2 (0–9)`');
  });

  it('prints a change in % at the precision of the change beside it', () => {
    expect(percentText({ mean: -10, half: 10, n: 5 }, 110)).toBe('-9%');
    expect(percentText({ mean: -72.8, half: 0.5, n: 5 }, 416)).toBe('-17.5%');
    expect(percentText({ mean: -10, half: null, n: 1 }, 110)).toBe('-9.09%');
  });

  it('says "The 1 limit holds." and "All 2 limits hold."', () => {
    expect(limitsVerdict(1, 0)).toBe('The 1 limit holds.');
    expect(limitsVerdict(1, 1)).toBe('**The 1 limit is crossed.**');
    expect(limitsVerdict(2, 0)).toBe('All 2 limits hold.');
    expect(limitsVerdict(3, 2)).toBe('**2 of 3 limits crossed.**');
  });
});
