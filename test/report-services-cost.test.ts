/**
 * The other services' charges next to Lambda's bill (services-cost.ts): `total.cost` stays Lambda
 * only, `services` sums S3 PUTs, SNS, EventBridge and API Gateway per service, and
 * `total.costWithServices` adds both; summary.txt says so in one line and `expect:` can read them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { parseScenario } from '../src/run/parse.js';
import { simulate } from './helpers/simulate.js';
import { buildSummary } from '../src/report/build-summary.js';
import { evaluateExpectations } from '../src/report/expectations.js';
import { renderSummaryTxt } from '../src/report/summary-txt.js';
import { renderSummaryMd } from '../src/report/summary-md.js';
import { renderReportHtml } from '../src/report/report-html.js';

const text = (name: string) => readFileSync(new URL(`../scenarios/${name}.yaml`, import.meta.url), 'utf8');
const summarize = (name: string) => {
  const scenario = parseScenarioText(text(name), `${name}.yaml`);
  const results = simulate({ ...scenario, duration: 3 * 60_000_000 });
  return { results, summary: buildSummary(results, { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] }) };
};

describe('other services next to the Lambda bill', () => {
  const { results, summary } = summarize('s3-thumbnails');

  it('keeps total.cost Lambda only and sums the services the scenario has', () => {
    expect(summary.total.cost.total).toBeCloseTo(results.bill.total.total, 8);
    const s = summary.services!;
    expect(Object.keys(s)).toStrictEqual(['s3', 'sns', 'total', 'totalPerMonth']);
    expect(s.s3!.total).toBe(summary.buckets!.uploads.cost.total);
    expect(s.sns!.perMonth).toBe(summary.topics!.documents.cost.perMonth);
    expect(s.total).toBeCloseTo(s.s3!.total + s.sns!.total, 8);
    expect(s.totalPerMonth).toBeCloseTo(s.s3!.perMonth! + s.sns!.perMonth!, 8);
    expect(summary.total.costWithServices).toBeCloseTo(summary.total.cost.total + s.total, 8);
    expect(summary.total.costWithServicesPerMonth).toBeCloseTo(summary.total.cost.perMonth! + s.totalPerMonth!, 8);
  });

  it('says it in one line of summary.txt and summary.md, per month', () => {
    const month = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const line = `other services: S3 PUTs $${month(summary.services!.s3!.perMonth!)}, SNS $${month(summary.services!.sns!.perMonth!)} per month; all together $${month(summary.total.costWithServicesPerMonth!)} per month`;
    expect(renderSummaryTxt(summary, { color: false })).toContain(line);
    expect(renderSummaryMd(summary, {})).toContain(line);
  });

  it("shows them under report.html's Lambda cost table", async () => {
    const html = await renderReportHtml({ summary, latency: results.functions.map((f) => f.latency), series: null, accountLimit: 1000 });
    const cost = html.slice(html.indexOf('<h2 id="cost">'));
    expect(cost).toContain(`<tr><td>S3 PUT requests</td><td>${summary.services!.s3!.total.toFixed(6)}</td>`);
    expect(cost).toContain(`<tr class="total"><td>all together</td><td>${summary.total.costWithServices!.toFixed(6)}</td>`);
  });

  it('lets expect: read the services and the sum', () => {
    const lines = ['services.s3 > 0', 'services.sns.perMonth > 0', 'services.totalPerMonth > 0', 'total.costWithServices > 0', 'total.costWithServicesPerMonth > 0'];
    const scenario = parseScenario(text('s3-thumbnails').replace(/expect:\n[\s\S]*$/, `expect:\n${lines.map((l) => `  - ${l}\n`).join('')}`), { fileName: 's3-thumbnails.yaml' });
    const verdicts = evaluateExpectations(scenario.expect, summary);
    expect(verdicts.map((v) => v.ok)).toStrictEqual(lines.map(() => true));
    expect(() => parseScenario(text('s3-thumbnails').replace(/expect:\n[\s\S]*$/, 'expect:\n  - services.eventBridge > 0\n'), { fileName: 's3-thumbnails.yaml' })).toThrow(/unknown metric|services\.eventBridge/);
  });

  it('adds EventBridge and API Gateway when the scenario has them, and nothing without services', async () => {
    expect(Object.keys(summarize('order-events-bus').summary.services!)).toStrictEqual(['eventBridge', 'total', 'totalPerMonth']);
    expect(Object.keys(summarize('api-gateway-timeouts').summary.services!)[0]).toBe('apiGateway');
    const plain = summarize('quickstart').summary;
    expect(plain).not.toHaveProperty('services');
    expect(plain.total).not.toHaveProperty('costWithServices');
    expect(renderSummaryTxt(plain, { color: false })).not.toContain('other services');
    const html = await renderReportHtml({ summary: plain, latency: [], series: null, accountLimit: 1000 });
    expect(html).not.toContain('all together');
  });
});
