/**
 * Issue 11, point 5: async throttles that Lambda retries internally (0 events dropped) showed as
 * "361,236 (76.93%)" in red. The reports now say they are throttled attempts that were retried,
 * how many events failed finally (to the DLQ or on-failure destination, or dropped), and colour them
 * red only when something failed for good.
 */
import { describe, expect, it } from 'vitest';
import { buildReports, renderReportHtml, renderSummaryTxt, type AsyncSummary, type Summary } from '../src/report/index.js';
import { throttleOutcome, throttlesLostWork, totalThrottleOutcome } from '../src/report/throttle-outcome.js';
import { sampleResults, SIMULATOR } from './helpers/report-fixtures.js';

const ZERO_DIST = { samples: 0, mean: null, p50: null, p90: null, p99: null, p999: null, max: null };

/** The sample summary with checkout's 50 throttles made async ones, `dropped` events lost. */
function asyncSummary(dropped: number, deadLettered = 0, onFailureDeliveries = 0): Summary {
  const summary = buildReports(sampleResults(), { simulator: SIMULATOR, expect: [] }).summary;
  const async: AsyncSummary = {
    received: 900, succeeded: 900 - dropped, dropped, retriesExhausted: 0, eventAgeExceeded: dropped, deadLettered,
    onFailureDeliveries, onSuccessDeliveries: 0, duplicates: 0, errorRetries: 0, throttleRetries: 50, pendingAtEnd: 0,
    queueDepth: { max: 40, mean: 3 }, eventAge: ZERO_DIST,
  };
  summary.functions.checkout.async = async;
  return summary;
}

async function throttleCard(summary: Summary): Promise<string> {
  const html = await renderReportHtml({ summary, latency: [], series: null, accountLimit: 1000 });
  const card = /<div class="card( bad)?"><div class="v">[^<]*<\/div><div class="k">throttled[^<]*<\/div>/.exec(html);
  if (card === null) throw new Error('no throttles card');
  return card[0];
}

describe('async throttles that Lambda retried', () => {
  it('are split from throttles that lost work', () => {
    const o = throttleOutcome(asyncSummary(0).functions.checkout);
    expect(o).toStrictEqual({ throttles: 50, retriedAsync: 50, other: 0, eventsToDestination: 0, eventsLost: 0 });
    expect(throttlesLostWork(o)).toBe(false);
    expect(throttlesLostWork(totalThrottleOutcome(asyncSummary(3)))).toBe(true);
  });

  it('are described in summary.txt as retried attempts, with the events finally lost', () => {
    const text = renderSummaryTxt(asyncSummary(0), { color: false });
    expect(text).toContain("checkout: throttled attempts 50 (reserved 30, scaling 20), all retried by Lambda's async queue, failed finally: 0 to the DLQ/on-failure destination, 0 dropped");
  });

  it('do not call events delivered to the dead-letter queue or on-failure destination lost: failed finally, N delivered, M dropped', async () => {
    expect(renderSummaryTxt(asyncSummary(5, 3), { color: false })).toContain('all retried by Lambda\'s async queue, failed finally: 3 to the DLQ/on-failure destination, 2 dropped');
    expect(renderSummaryTxt(asyncSummary(4, 0, 4), { color: false })).toContain('failed finally: 4 to the DLQ/on-failure destination, 0 dropped');
    expect(await throttleCard(asyncSummary(5, 3))).toContain('failed finally: 3 to the DLQ/on-failure destination, 2 dropped');
  });

  it('are not red on the report.html card when no event was lost, and red when some were', async () => {
    const fine = await throttleCard(asyncSummary(0));
    expect(fine).toContain('<div class="card">');
    expect(fine).toContain('throttled attempts (5.00% of requests), all retried by Lambda&#39;s async queue; failed finally: 0 to the DLQ/on-failure destination, 0 dropped');
    expect(await throttleCard(asyncSummary(3))).toContain('<div class="card bad">');
  });

  it('leave sync throttles as they were: red, "throttled"', async () => {
    const sync = buildReports(sampleResults(), { simulator: SIMULATOR, expect: [] }).summary;
    expect(await throttleCard(sync)).toContain('<div class="card bad"><div class="v">50</div><div class="k">throttled (5.00%)');
    expect(renderSummaryTxt(sync, { color: false })).toContain('checkout: throttled 50 (reserved 30, scaling 20), retries 5');
  });
});
