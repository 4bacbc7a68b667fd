/**
 * report.html's tables for the services around Lambda: the other services' charges under the Lambda
 * cost table (services-cost.ts), and one compact table per kind of front door or companion (S3
 * buckets, SNS topics, EventBridge buses, API Gateway APIs) with its counts, the columns of its
 * conservation identity (docs/reports.md "Conservation") and its cost. Plain HTML tables, no script.
 */
import { escapeHtml as escape } from './svg/escape.js';
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

/**
 * The "Buckets, topics, buses and APIs" section: one table per kind the scenario has, a row per
 * delivery path, the columns of its conservation identity in order (left side, then right side).
 */
export function frontDoorsHtml(summary: Summary): string[] {
  const tables: string[] = [];
  const c = (v: number): string => n(v);
  if (summary.buckets !== undefined) {
    const start = Object.values(summary.buckets).some((b) => Object.values(b.notifications).some((t) => t.inFlightAtStart !== undefined));
    const rows = Object.entries(summary.buckets).flatMap(([name, b]) => {
      const targets = Object.entries(b.notifications);
      const head = [escape(name), c(b.objects)];
      const tail = [month(b.cost.perMonth)];
      if (targets.length === 0) return [[...head, '-', '', ...(start ? [''] : []), '', '', ...tail]];
      return targets.map(([t, x]) => [...head, escape(t), c(x.matched), ...(start ? [c(x.inFlightAtStart ?? 0)] : []), c(x.delivered), c(x.inFlightAtEnd), ...tail]);
    });
    tables.push(table(['bucket', 'objects', 'notification', 'matched', ...(start ? ['in flight at start'] : []), 'delivered', 'in flight at end', 'S3 PUTs USD/month'], rows));
  }
  if (summary.topics !== undefined) {
    const rows = Object.entries(summary.topics).flatMap(([name, t]) => {
      const subs = Object.entries(t.deliveries);
      if (subs.length === 0) return [[escape(name), c(t.published), '-', '', month(t.cost.perMonth)]];
      return subs.map(([s, d]) => [escape(name), c(t.published), escape(s), c(d), month(t.cost.perMonth)]);
    });
    tables.push(table(['topic', 'published', 'subscriber', 'delivered', 'SNS USD/month'], rows));
  }
  if (summary.buses !== undefined) {
    const rows = Object.entries(summary.buses).flatMap(([name, b]) =>
      Object.entries(b.rules).flatMap(([r, rule]) =>
        Object.entries(rule.deliveries).map(([t, d]) => [escape(name), c(b.events), escape(r), c(rule.matched), escape(t), c(d), month(b.cost.perMonth)]),
      ),
    );
    tables.push(table(['bus', 'events', 'rule', 'matched', 'target', 'delivered', 'EventBridge USD/month'], rows));
  }
  if (summary.apiGateways !== undefined) {
    const apis = Object.entries(summary.apiGateways);
    const start = apis.some(([, a]) => a.pendingAtStart !== undefined);
    const rows = apis.map(([name, a]) => [
      escape(name),
      escape(a.type.toUpperCase()),
      c(a.requests),
      ...(start ? [c(a.pendingAtStart ?? 0)] : []),
      ...[a.successes, a.functionErrors, a.lambdaThrottles, a.timeouts, a.throttles, a.pendingAtEnd].map(c),
      month(a.cost.perMonth),
    ]);
    tables.push(table(['API', 'type', 'requests', ...(start ? ['pending at start'] : []), 'successes', 'function errors', 'Lambda throttles', 'timeouts (504)', 'throttles (429)', 'pending at end', 'API Gateway USD/month'], rows));
  }
  if (tables.length === 0) return [];
  return [
    '<h2 id="services">Buckets, topics, buses and APIs</h2>',
    ...tables,
    '<p class="note">Each row is one delivery path; its counts add up as docs/reports.md "Conservation" says ' +
      '(a bucket notification: matched + in flight at start = delivered + in flight at end; a topic subscriber or a bus target: delivered = published or matched; ' +
      'an API: requests + pending at start = the outcomes + pending at end). Their charges are not in Lambda\'s bill: see Cost.</p>',
  ];
}
