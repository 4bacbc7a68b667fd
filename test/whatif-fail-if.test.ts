import { describe, expect, it } from 'vitest';
import { parseLimit } from '../src/whatif/fail-if.js';
import { limitCrossed } from '../src/whatif/compare.js';
import { thrown } from './helpers/scenario-error.js';

describe('--fail-if limits', () => {
  it('read like expect lines: metric, direction, amount with a unit', () => {
    expect(parseLimit('api.cost.perMonth increases by more than 10%')).toEqual({
      text: 'api.cost.perMonth increases by more than 10%', metric: 'api.cost.perMonth', direction: 'increases', amount: 0.1, relative: true,
    });
    expect(parseLimit('api.latency.p99 increases by more than 50ms')).toMatchObject({ amount: 50, relative: false });
    expect(parseLimit('api.latency.p99 increases by more than 1.5s')).toMatchObject({ amount: 1500 });
    expect(parseLimit('total.cost decreases by more than $2')).toMatchObject({ direction: 'decreases', amount: 2 });
    expect(parseLimit('api.throttles changes')).toMatchObject({ direction: 'changes', amount: 0, relative: false });
  });

  it('refuses anything else in one line naming the option', () => {
    expect(thrown(() => parseLimit('api.cost goes up by 10%')).format()).toMatch(/^--fail-if 'api.cost goes up by 10%': expected METRIC increases\|decreases\|changes/);
    expect(thrown(() => parseLimit('api.cost increase by more than 10%')).format()).toMatch(/found "increase" \(write increases, decreases or changes\)/);
    expect(thrown(() => parseLimit('api.cost increases by more than ten')).format()).toMatch(/the amount "ten"/);
    expect(thrown(() => parseLimit('cost increases')).format()).toMatch(/the metric "cost"/);
    expect(thrown(() => parseLimit('api.cost increases by more than -1')).format()).toMatch(/negative amount/);
  });
});

describe('a limit is crossed unless it holds over the whole interval of the change', () => {
  const up50 = parseLimit('api.latency.p99 increases by more than 50ms');
  it('with one replication, on the change itself', () => {
    expect(limitCrossed(up50, { mean: 50, half: null, n: 1 }, 300)).toBe(false);
    expect(limitCrossed(up50, { mean: 51, half: null, n: 1 }, 300)).toBe(true);
    expect(limitCrossed(up50, { mean: -500, half: null, n: 1 }, 300)).toBe(false);
  });
  it('with replications, on the unfavourable end', () => {
    expect(limitCrossed(up50, { mean: 40, half: 5, n: 5 }, 300)).toBe(false);
    expect(limitCrossed(up50, { mean: 40, half: 15, n: 5 }, 300)).toBe(true);
  });
  it('relative amounts divide by the base mean; any rise from 0 is infinite', () => {
    const up10 = parseLimit('api.cost increases by more than 10%');
    expect(limitCrossed(up10, { mean: 9, half: null, n: 1 }, 100)).toBe(false);
    expect(limitCrossed(up10, { mean: 11, half: null, n: 1 }, 100)).toBe(true);
    expect(limitCrossed(up10, { mean: 1, half: null, n: 1 }, 0)).toBe(true);
    expect(limitCrossed(up10, { mean: 0, half: null, n: 1 }, 0)).toBe(false);
  });
  it('decreases and changes look at the lower end too', () => {
    const down = parseLimit('total.cost decreases by more than 1');
    const any = parseLimit('api.throttles changes');
    expect(limitCrossed(down, { mean: -2, half: null, n: 1 }, 10)).toBe(true);
    expect(limitCrossed(down, { mean: 2, half: null, n: 1 }, 10)).toBe(false);
    expect(limitCrossed(any, { mean: 0, half: 0, n: 3 }, 0)).toBe(false);
    expect(limitCrossed(any, { mean: -1, half: null, n: 1 }, 3)).toBe(true);
  });
});
