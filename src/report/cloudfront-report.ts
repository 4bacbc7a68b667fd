/**
 * How CloudFront distributions appear in the reports, through the event-source report seam
 * (source-report.ts): the `cloudfront` section of summary.json (so `expect:` can name
 * `<dist>.triggers.originRequest.cost.total` or `<dist>.latency.miss.p99`) with, per trigger, its
 * invocations, the latency it added to a viewer request on a hit and on a miss, and its Lambda@Edge
 * cost; one summary.txt/md line per distribution. No time-series columns (timeseries.csv's header is a contract).
 */
import type { CloudFrontResults } from '../model/results.js';
import { fraction, integer, usd } from './format-number.js';
import { shortDistribution } from './histogram-summary.js';
import type { SourceReport } from './source-report.js';
import type { CloudFrontSummary, EdgeTriggerSummary } from './summary-types.js';
import { groupThousands as n } from './text-table.js';
import { shortDuration } from './humanize.js';

export const CLOUDFRONT_REPORT: SourceReport<CloudFrontResults, CloudFrontSummary> = {
  section: 'cloudfront',
  rowKind: 'distribution',
  columns: [],

  summarize(d) {
    const i = (value: number, key: string): number => integer(value, `${d.name}.${key}`);
    const triggers: Record<string, EdgeTriggerSummary> = {};
    let total = 0;
    let perMonth = 0;
    for (const t of d.triggers) {
      const at = `${d.name}.triggers.${t.trigger}`;
      total += t.cost;
      perMonth += t.costPerMonth;
      triggers[t.trigger] = {
        function: t.function,
        invocations: integer(t.invocations, `${at}.invocations`),
        throttles: integer(t.throttles, `${at}.throttles`),
        errors: integer(t.errors, `${at}.errors`),
        addedLatency: { hit: shortDistribution(t.addedOnHit, `${at}.addedLatency.hit`), miss: shortDistribution(t.addedOnMiss, `${at}.addedLatency.miss`) },
        cost: { total: usd(t.cost, `${at}.cost.total`), perMonth: usd(t.costPerMonth, `${at}.cost.perMonth`) },
      };
    }
    return {
      regions: [...d.regions],
      cacheHitRatio: d.cacheHitRatio,
      viewerRequests: i(d.viewerRequests, 'viewerRequests'),
      hits: i(d.hits, 'hits'),
      misses: i(d.misses, 'misses'),
      hitRatio: d.viewerRequests === 0 ? 0 : fraction(d.hits / d.viewerRequests, `${d.name}.hitRatio`),
      completed: i(d.completed, 'completed'),
      failed: i(d.failed, 'failed'),
      inFlightAtEnd: i(d.inFlightAtEnd, 'inFlightAtEnd'),
      latency: { hit: shortDistribution(d.latencyHit, `${d.name}.latency.hit`), miss: shortDistribution(d.latencyMiss, `${d.name}.latency.miss`) },
      triggers,
      cost: { total: usd(total, `${d.name}.cost.total`), perMonth: usd(perMonth, `${d.name}.cost.perMonth`) },
    };
  },

  detail(name, d) {
    const ms = (v: number | null): string => (v === null ? '-' : shortDuration(v));
    const triggers = Object.entries(d.triggers)
      .map(([key, t]) => `${key} ${t.function} adds ${ms(t.addedLatency.hit.p50)} (hit) / ${ms(t.addedLatency.miss.p50)} (miss) p50, $${t.cost.total.toFixed(2)}`)
      .join('; ');
    return (
      `cloudfront ${name}: ${n(d.viewerRequests)} viewer requests, ${(d.hitRatio * 100).toFixed(1)}% hits, ${n(d.failed)} failed;` +
      ` latency p99 hit ${ms(d.latency.hit.p99)}, miss ${ms(d.latency.miss.p99)}; ${triggers || 'no triggers'};` +
      ` Lambda@Edge $${d.cost.total.toFixed(2)}, $${d.cost.perMonth.toFixed(2)}/month`
    );
  },
};
