import { describe, expect, it } from 'vitest';
import { buildReports, renderSummaryMd } from '../src/report/index.js';
import { sampleResults, SIMULATOR } from './helpers/report-fixtures.js';

const EXPECT = [
  { text: 'total.cost <= 40 USD', metric: 'total.cost', op: '<=' as const, value: 40 },
  { text: 'total.throttles == 0', metric: 'total.throttles', op: '==' as const, value: 0 },
];

describe('summary.md', () => {
  it('leads with the verdict, then the table and each expectation, as GitHub Markdown', () => {
    const { summary, contents } = buildReports(sampleResults(), { simulator: SIMULATOR, expect: EXPECT });
    const md = renderSummaryMd(summary);
    expect(contents.markdown).toBe(md);
    const lines = md.split('\n');
    const broken = summary.expectations.filter((e) => !e.ok).length;
    expect(lines[0]).toBe(
      broken === 0 ? '### checkout-flash-sale: :white_check_mark: both expectations hold' : `### checkout-flash-sale: :x: ${broken} of 2 expectations broken`,
    );
    expect(lines).toContain('| function | requests | invocations | errors | throttles | cold starts | p50 | p99 | max conc | cost USD | USD/month |');
    expect(lines).toContain('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const name of Object.keys(summary.functions)) expect(md).toContain(`| \`${name}\` | `);
    expect(lines.some((l) => l.startsWith('| **total** |'))).toBe(true);
    expect(md).toContain('| :white_check_mark: ok | `total.cost <= 40 USD` | actual ');
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toContain('\u001b[');
  });

  it('marks a broken expectation and escapes pipes', () => {
    const { summary } = buildReports(sampleResults(), { simulator: SIMULATOR, expect: [{ text: 'total.cost < 0 USD', metric: 'total.cost', op: '<' as const, value: 0 }] });
    const md = renderSummaryMd({ ...summary, notes: ['a | b'] });
    expect(md.split('\n')[0]).toBe('### checkout-flash-sale: :x: the expectation is broken');
    expect(md).toContain('| :x: **BROKEN** | `total.cost < 0 USD` |');
    expect(md).toContain('- a \\| b');
  });
});
