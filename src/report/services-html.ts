/**
 * report.html's tables for the services around Lambda: the other services' charges under the Lambda
 * cost table (services-cost.ts), and one compact table per kind of front door or companion (S3
 * buckets, SNS topics, EventBridge buses, API Gateway APIs) with its counts, the columns of its
 * conservation identity (docs/reports.md "Conservation") and its cost. Plain HTML tables, no script.
 */
// A cycle with report-html.ts, harmless: escapeHtml is only called after both modules loaded.
import { escapeHtml as escape } from './report-html.js';
import type { Summary } from './summary-types.js';
import { groupThousands as n } from './text-table.js';

const usd = (v: number): string => v.toFixed(6);
const month = (v: number | undefined): string => (v === undefined ? '-' : n(v.toFixed(2)));

/** One table: a header row, body rows (already escaped cells), optional class per row. */
function table(head: readonly string[], rows: readonly (readonly string[])[], totalLast = false): string {
  const th = head.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows.map((r, i) => `<tr${totalLast && i === rows.length - 1 ? ' class="total"' : ''}>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`);
  return `<div class="panel scroll"><table><thead><tr>${th}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>`;
}

/** The other services' charges next to Lambda's (nothing when the scenario has none). */
export function servicesCostHtml(summary: Summary): string[] {
  const s = summary.services;
  if (s === undefined) return [];
  const names = { s3: 'S3 PUT requests', sns: 'SNS publishes', eventBridge: 'EventBridge events', apiGateway: 'API Gateway requests' } as const;
  const rows: string[][] = [['Lambda (the table above, <code>total.cost</code>)', usd(summary.total.cost.total), month(summary.total.cost.perMonth)]];
  for (const key of ['s3', 'sns', 'eventBridge', 'apiGateway'] as const) {
    const c = s[key];
    if (c !== undefined) rows.push([escape(names[key]), usd(c.total), month(c.perMonth)]);
  }
  rows.push(['all together', usd(summary.total.costWithServices ?? 0), month(summary.total.costWithServicesPerMonth)]);
  return [table(['service', 'USD', 'USD/month'], rows, true), '<p class="note">Lambda\'s bill (<code>total.cost</code>) leaves out the other services; summary.json has them in <code>services</code> and <code>total.costWithServices</code>.</p>'];
}
