import { describe, expect, it } from 'vitest';
import { buildSummary, compare, evaluateExpectations, knownMetricPaths, resolveMetric } from '../src/report/index.js';
import type { Expectation, ExpectOp } from '../src/scenario/expect-types.js';
import { sampleResults, SIMULATOR } from './helpers/report-fixtures.js';

const summary = buildSummary(sampleResults(), { simulator: SIMULATOR, expectations: [] });

/** An Expectation as the loader would produce it (value already in report units). */
function line(metric: string, op: ExpectOp, value: number, written: string): Expectation {
  return { text: `${metric} ${op} ${written}`, metric, op, value };
}

describe('evaluateExpectations', () => {
  it('checks each operator against the summary value (checkout.throttles is 50)', () => {
    const cases: Array<[ExpectOp, number, boolean]> = [
      ['<', 51, true], ['<', 50, false],
      ['<=', 50, true], ['<=', 49, false],
      ['>', 49, true], ['>', 50, false],
      ['>=', 50, true], ['>=', 51, false],
      ['==', 50, true], ['==', 0, false],
      ['!=', 0, true], ['!=', 50, false],
    ];
    for (const [op, value, ok] of cases) {
      const [r] = evaluateExpectations([line('checkout.throttles', op, value, String(value))], summary);
      expect({ op, value, ok: r.ok, actual: r.actual }).toEqual({ op, value, ok, actual: 50 });
    }
  });

  it('compares in report units: ms for times, fractions for rates, USD for money', () => {
    const results = evaluateExpectations(
      [
        line('checkout.latency.p99', '<', 800, '800ms'), // 990.124 ms: broken
        line('checkout.latency.p99', '<', 1000, '1s'),
        line('checkout.coldStartRate', '<', 0.01, '1%'), // 0.02: broken
        line('checkout.coldStartRate', '<=', 0.02, '2%'),
        line('total.cost.compute', '<', 0.001, '0.001 USD'), // 0.00134584: broken
      ],
      summary,
    );
    expect(results).toEqual([
      { expr: 'checkout.latency.p99 < 800ms', actual: 990.124, ok: false },
      { expr: 'checkout.latency.p99 < 1s', actual: 990.124, ok: true },
      { expr: 'checkout.coldStartRate < 1%', actual: 0.02, ok: false },
      { expr: 'checkout.coldStartRate <= 2%', actual: 0.02, ok: true },
      { expr: 'total.cost.compute < 0.001 USD', actual: 0.00134584, ok: false },
    ]);
  });

  it('reads a cost object as its total', () => {
    const [total, fn] = evaluateExpectations(
      [line('total.cost', '<=', 40, '40 USD'), line('checkout.cost', '>', 0.0015, '0.0015 USD')],
      summary,
    );
    expect(total).toEqual({ expr: 'total.cost <= 40 USD', actual: 0.00153584, ok: true });
    expect(fn).toEqual({ expr: 'checkout.cost > 0.0015 USD', actual: 0.00153584, ok: true });
  });

  it('breaks on an unknown metric and names the nearest known one', () => {
    const [typoFn, typoField] = evaluateExpectations(
      [line('chekout.latency.p99', '<', 800, '800ms'), line('checkout.coldStartRat', '<', 0.01, '1%')],
      summary,
    );
    expect(typoFn).toEqual({
      expr: 'chekout.latency.p99 < 800ms',
      actual: null,
      ok: false,
      message: 'unknown metric "chekout.latency.p99"; did you mean "checkout.latency.p99"?',
    });
    expect(typoField.message).toBe('unknown metric "checkout.coldStartRat"; did you mean "checkout.coldStartRate"?');
  });

  it('breaks on a path that is not a number', () => {
    const [group, text] = evaluateExpectations(
      [line('checkout.latency', '<', 800, '800ms'), line('checkout.runtime', '==', 1, '1')],
      summary,
    );
    expect(group).toEqual({
      expr: 'checkout.latency < 800ms',
      actual: null,
      ok: false,
      message: 'metric "checkout.latency" is not a number; did you mean "checkout.latency.p50"?',
    });
    expect(text.ok).toBe(false);
    expect(text.message).toMatch(/^metric "checkout.runtime" is not a number; did you mean /);
  });

  it('does not walk into inherited properties', () => {
    const [r] = evaluateExpectations([line('checkout.constructor', '==', 0, '0')], summary);
    expect(r.ok).toBe(false);
    expect(r.actual).toBeNull();
  });
});

describe('float tolerance', () => {
  it('treats values within 1e-9 relative as equal for every operator', () => {
    const a = 0.1 + 0.2; // 0.30000000000000004
    expect(compare(a, '==', 0.3)).toBe(true);
    expect(compare(a, '<=', 0.3)).toBe(true);
    expect(compare(a, '>', 0.3)).toBe(false);
    expect(compare(a, '<', 0.3)).toBe(false);
    expect(compare(a, '!=', 0.3)).toBe(false);
    expect(compare(1 + 2e-9, '==', 1)).toBe(false);
    expect(compare(1e-12, '==', 0)).toBe(false);
  });
});

describe('metric paths', () => {
  it('lists every numeric path, cost objects included as their own path', () => {
    const paths = knownMetricPaths(summary);
    expect(paths.slice(0, 12)).toEqual([
      'total.requests', 'total.invocations', 'total.errors', 'total.throttles', 'total.coldStarts', 'total.gbSeconds',
      'total.cost', 'total.cost.requests', 'total.cost.compute', 'total.cost.provisioned', 'total.cost.storage', 'total.cost.total',
    ]);
    expect(paths).toContain('checkout.latency.p999');
    expect(paths).toContain('checkout.throttleReasons.scaling');
    expect(paths).toContain('idle.cost');
    expect(paths).not.toContain('checkout.runtime');
    expect(paths).not.toContain('checkout.latency');
    // Every listed path resolves, or has no value because nothing was recorded (idle's latency).
    for (const p of paths) {
      const lookup = resolveMetric(summary, p);
      expect(lookup.ok || lookup.message.includes('no samples were recorded')).toBe(true);
    }
    expect(paths).toContain('idle.latency.p99');
    expect(resolveMetric(summary, 'idle.latency.p99')).toStrictEqual({
      ok: false,
      reason: 'no-value',
      suggestion: undefined,
      hint: undefined,
      message: 'metric "idle.latency.p99" has no value: no samples were recorded',
    });
  });

  it('says why a lookup failed and what was probably meant, as data', () => {
    expect(resolveMetric(summary, 'chekout.throttles')).toMatchObject({ ok: false, reason: 'unknown', suggestion: 'checkout.throttles' });
    expect(resolveMetric(summary, 'checkout.latency')).toMatchObject({ ok: false, reason: 'not-a-number', suggestion: 'checkout.latency.p50' });
    // Nothing close: no suggestion rather than an arbitrary one (the scenario layer's rules, suggest.ts).
    const far = resolveMetric(summary, 'zzz.qqq');
    expect(far).toEqual({ ok: false, reason: 'unknown', suggestion: undefined, message: 'unknown metric "zzz.qqq"' });
  });
});
