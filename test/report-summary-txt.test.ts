import { describe, expect, it } from 'vitest';
import { buildReports, buildSummary, renderSummaryTxt } from '../src/report/index.js';
import { sampleResults, SIMULATOR } from './helpers/report-fixtures.js';

const EXPECT = [
  { text: 'checkout.latency.p99 < 800ms', metric: 'checkout.latency.p99', op: '<' as const, value: 800 },
  { text: 'total.cost <= 40 USD', metric: 'total.cost', op: '<=' as const, value: 40 },
  { text: 'chekout.throttles == 0', metric: 'chekout.throttles', op: '==' as const, value: 0 },
];

const summary = () => buildReports(sampleResults(), { simulator: SIMULATOR, expect: EXPECT }).summary;

describe('summary.txt', () => {
  it('prints the scenario line, an aligned table, notes and expectations', () => {
    expect(renderSummaryTxt(summary(), { color: false })).toBe(
      [
        'checkout-flash-sale  seed 42  simulated 2h  (lambda-sim 0.1.0)',
        '',
        'function  requests  invocations  errors  throttles  cold starts     p50     p99  max conc  cost USD  USD/month',
        'checkout     1,000          950      10         50   19 (2.00%)  500 ms  990 ms        12  0.001536          -',
        'idle             0            0       0          0    0 (0.00%)       -       -         0  0.000000          -',
        'total        1,000          950      10         50   19 (2.00%)       -       -         -  0.001536          -',
        '',
        '  checkout: throttled 50 (reserved 30, scaling 20), retries 5',
        '',
        'notes:',
        '  - checkout: 2 timeouts',
        '  - free tier not applied',
        '',
        'expectations: 2 of 3 broken',
        '  BROKEN  checkout.latency.p99 < 800ms  actual 990 ms',
        '  ok      total.cost <= 40 USD          actual 0.00154 USD',
        '  BROKEN  chekout.throttles == 0        unknown metric "chekout.throttles"; did you mean "checkout.throttles"?',
        '',
      ].join('\n'),
    );
  });

  it('leaves out the notes and expectations sections when empty', () => {
    const results = sampleResults();
    results.notes = [];
    results.bill.notes = [];
    const text = renderSummaryTxt(buildSummary(results, { simulator: SIMULATOR, expectations: [] }), { color: false });
    expect(text).not.toContain('notes:');
    expect(text).not.toContain('expectations');
    // The table is followed only by the detail line about checkout's throttles.
    expect(text.endsWith('0.001536          -\n\n  checkout: throttled 50 (reserved 30, scaling 20), retries 5\n')).toBe(true);
  });

  it('says when every expectation holds', () => {
    const s = buildReports(sampleResults(), { simulator: SIMULATOR, expect: [EXPECT[1]] }).summary;
    expect(renderSummaryTxt(s, { color: false })).toContain('expectations: all 1 hold\n  ok  total.cost <= 40 USD  actual 0.00154 USD\n');
  });

  it('uses ANSI colour only when asked, with the same text underneath', () => {
    const plain = renderSummaryTxt(summary(), { color: false });
    const colored = renderSummaryTxt(summary(), { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(colored).toContain('\u001b[31mBROKEN\u001b[0m');
    expect(colored).toContain('\u001b[32mok\u001b[0m');
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('is byte-identical for the same input twice', () => {
    expect(renderSummaryTxt(summary(), { color: false })).toBe(renderSummaryTxt(summary(), { color: false }));
  });
});
