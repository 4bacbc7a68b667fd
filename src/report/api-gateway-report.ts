/**
 * How API Gateway APIs appear in the reports, through the event-source report seam
 * (source-report.ts): the `apiGateways` section of summary.json (so `expect:` can name
 * `<api>.throttles`, `<api>.timeouts`, `<api>.latency.p99`) and one summary.txt/md line each with
 * its status codes and its cost. No time-series columns (timeseries.csv's header is a contract).
 */
import type { ApiGatewayResults } from '../model/results.js';
import { fraction, integer, usToMs, usd } from './format-number.js';
import { shortDistribution } from './histogram-summary.js';
import type { SourceReport } from './source-report.js';
import type { ApiGatewaySummary } from './summary-types.js';
import { groupThousands as n } from './text-table.js';
import { shortDuration } from './humanize.js';

export const API_GATEWAY_REPORT: SourceReport<ApiGatewayResults, ApiGatewaySummary> = {
  section: 'apiGateways',
  rowKind: 'api',
  columns: [],

  summarize(a) {
    const i = (value: number, key: string): number => integer(value, `${a.name}.${key}`);
    const failed = a.throttles + a.timeouts + a.lambdaThrottles + a.functionErrors;
    return {
      type: a.type,
      requests: i(a.requests, 'requests'),
      throttles: i(a.throttles, 'throttles'),
      timeouts: i(a.timeouts, 'timeouts'),
      lambdaThrottles: i(a.lambdaThrottles, 'lambdaThrottles'),
      functionErrors: i(a.functionErrors, 'functionErrors'),
      successes: i(a.successes, 'successes'),
      pendingAtEnd: i(a.pendingAtEnd, 'pendingAtEnd'),
      ...(a.pendingAtStart !== undefined ? { pendingAtStart: i(a.pendingAtStart, 'pendingAtStart') } : {}),
      errorRate: a.requests === 0 ? 0 : fraction(failed / a.requests, `${a.name}.errorRate`),
      latency: shortDistribution(a.latency, `${a.name}.latency`),
      integrationTimeoutMs: usToMs(a.integrationTimeoutUs, `${a.name}.integrationTimeoutMs`),
      cost: {
        total: usd(a.cost, `${a.name}.cost.total`),
        ...(a.costPerMonth !== undefined ? { perMonth: usd(a.costPerMonth, `${a.name}.cost.perMonth`) } : {}),
      },
    };
  },

  detail(name, a) {
    const month = a.cost.perMonth !== undefined ? `, $${n(a.cost.perMonth.toFixed(2))}/month` : '';
    return (
      `api ${name} (${a.type === 'rest' ? 'REST' : 'HTTP'}): ${n(a.requests)} requests, 429 ${n(a.throttles)}, 504 ${n(a.timeouts)},` +
      ` 500 ${n(a.lambdaThrottles)}, 502 ${n(a.functionErrors)}; latency p50 ${shortDuration(a.latency.p50)}, p99 ${shortDuration(a.latency.p99)};` +
      ` API Gateway requests $${a.cost.total.toFixed(6)}${month}`
    );
  },
};
