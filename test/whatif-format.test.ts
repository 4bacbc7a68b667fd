import { describe, expect, it } from 'vitest';
import { ciHalf, ciMean, estimateText } from '../src/whatif/format.js';

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
