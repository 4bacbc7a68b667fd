/**
 * report.html's "Buckets, topics, buses and APIs" section (services-html.ts): a compact table per
 * kind the scenario has, with the conservation columns and the cost per month; self-contained.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { simulate } from './helpers/simulate.js';
import { buildSummary } from '../src/report/build-summary.js';
import { renderReportHtml } from '../src/report/report-html.js';
import type { Summary } from '../src/report/summary-types.js';

async function page(name: string): Promise<{ summary: Summary; section: string }> {
  const scenario = parseScenarioText(readFileSync(new URL(`../scenarios/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
  const results = simulate({ ...scenario, duration: 5 * 60_000_000 });
  const summary = buildSummary(results, { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] });
  const html = await renderReportHtml({ summary, latency: results.functions.map((f) => f.latency), series: null, accountLimit: 1000 });
  const from = html.indexOf('<h2 id="services">');
  return { summary, section: from < 0 ? '' : html.slice(from, html.indexOf('<h2 id="cost">')) };
}

const cells = (...values: (string | number)[]): string => values.map((v) => `<td>${typeof v === 'number' ? v.toLocaleString('en-US') : v}</td>`).join('');

describe('report.html buckets, topics, buses and APIs', () => {
  it('has a bucket table with the in-flight stock at the start of a warm-up, and a topic table', async () => {
    const { summary, section } = await page('s3-thumbnails');
    const b = summary.buckets!.uploads;
    const r = b.notifications.resize;
    expect(section).toContain(`<tr>${cells('uploads', b.objects, 'resize', r.matched, r.inFlightAtStart!, r.delivered, r.inFlightAtEnd, b.cost.perMonth!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }))}</tr>`);
    const t = summary.topics!.documents;
    expect(section).toContain(`<tr>${cells('documents', t.published, 'audit', t.deliveries.audit)}`);
    expect(section).not.toMatch(/<script|https?:|src=/);
  });

  it('has a bus table (rule, target, delivered) and an API table (outcomes)', async () => {
    const bus = await page('order-events-bus');
    const rule = bus.summary.buses!['order-events'].rules.highValue;
    expect(bus.section).toContain(`${cells('highValue', rule.matched, 'pager', rule.deliveries.pager)}`);
    const api = await page('api-gateway-timeouts');
    const [name, a] = Object.entries(api.summary.apiGateways!)[0];
    expect(api.section).toContain(cells(name, a.type.toUpperCase(), a.requests, a.successes, a.functionErrors, a.lambdaThrottles, a.timeouts, a.throttles, a.pendingAtEnd));
  });

  it('is absent when the scenario has none of them', async () => {
    expect((await page('quickstart')).section).toBe('');
  });
});
