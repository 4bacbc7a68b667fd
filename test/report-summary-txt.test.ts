import { describe, expect, it } from 'vitest';
import { buildReports, buildSummary, renderSummaryTxt } from '../src/report/index.js';
import { sampleResults, SIMULATOR } from './helpers/report-fixtures.js';
import { LATENCY_CAPTION } from '../src/report/measured-period.js';
import { renderSummaryMd } from '../src/report/summary-md.js';

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
        '  p50, p99: end-to-end latency, from the event\'s arrival to the final answer = wait + INIT (cold starts) + duration (each stage is in summary.json: wait, initDuration, duration)',
        '',
        '  checkout: throttled 50 (reserved 30, scaling 20), retries 5',
        '',
        'notes:',
        '  - checkout: 2 timeouts',
        '  - free tier not applied',
        '',
        '2 of 3 expectations broken',
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
    // The table is followed only by the latency caption and the detail line about checkout's throttles.
    expect(text.endsWith(`0.001536          -\n\n  ${LATENCY_CAPTION}\n\n  checkout: throttled 50 (reserved 30, scaling 20), retries 5\n`)).toBe(true);
  });

  it('says when most throttles fell in the first seconds, and suggests a warm-up (issue 11, point 1)', () => {
    const results = sampleResults();
    // 45 of checkout's 50 throttles in the first 3 s: more than half.
    results.functions[0].earlyThrottles = { count: 45, withinUs: 3_000_000, windowUs: 10_000_000 };
    const text = renderSummaryTxt(buildSummary(results, { simulator: SIMULATOR, expectations: [] }), { color: false });
    expect(text).toContain(
      '  checkout: 45 of 50 throttles happened in the first 3s of the run, while environments were being created at full load; ' +
        'to measure the steady state add `warmup:` (e.g. warmup: 2m) or start warm with `prewarm: auto`\n',
    );
    // Half is not "most": no warning.
    results.functions[0].earlyThrottles = { count: 25, withinUs: 3_000_000, windowUs: 10_000_000 };
    expect(renderSummaryTxt(buildSummary(results, { simulator: SIMULATOR, expectations: [] }), { color: false })).not.toContain('first 3s');
  });

  it('says what period the numbers cover when there is a warm-up', () => {
    const results = sampleResults();
    results.warmupUs = 120_000_000;
    const s = buildSummary(results, { simulator: SIMULATOR, expectations: [] });
    expect(s.warmupMs).toBe(120_000);
    expect(s.measuredMs).toBe(7_080_000);
    expect(renderSummaryTxt(s, { color: false }).split('\n')[0]).toBe(
      'checkout-flash-sale  seed 42  simulated 2h, measured from 2m (warm-up excluded)  (lambda-sim 0.1.0)',
    );
    expect(renderSummaryMd(s)).toContain('Seed 42, simulated 2h, measured from 2m (warm-up excluded), lambda-sim 0.1.0.');
  });

  it('says when every expectation holds', () => {
    const s = buildReports(sampleResults(), { simulator: SIMULATOR, expect: [EXPECT[1]] }).summary;
    expect(renderSummaryTxt(s, { color: false })).toContain('the expectation holds\n  ok  total.cost <= 40 USD  actual 0.00154 USD\n');
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
