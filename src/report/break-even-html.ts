/** report.html's "Always-on break-even" section: a chart per compared function and the method in words. */
import type { BreakEvenSummary } from './break-even-summary.js';
import { breakEvenSpec } from './break-even-chart.js';
import { humanUsd } from './humanize.js';
import { renderChart } from './svg/chart.js';
import { escapeHtml as escape } from './svg/escape.js';

/** The section's HTML parts, in order. */
export function breakEvenSection(b: BreakEvenSummary): string[] {
  const parts = ['<h2 id="break-even">Always-on break-even</h2>'];
  for (const name of Object.keys(b.functions)) {
    const f = b.functions[name];
    // No invocation: Lambda costs nothing at any multiple and the chart would only show the fleet.
    if (f.curve.every((p) => p.lambda === 0)) {
      parts.push(`<div class="panel"><p class="note">${escape(name)}: Lambda costs nothing at every multiple drawn (no invocation, or all inside the free tier); the fleet costs ${escape(humanUsd(f.alwaysOnPerMonth))} a month.</p></div>`);
      continue;
    }
    parts.push(`<div class="panel">${renderChart(breakEvenSpec(b, name))}</div>`);
    parts.push(
      `<p class="note">${escape(name)}: ${f.instances} instances carry ${f.sizedConcurrency} concurrent requests (${escape(b.alternative.sizeFor)}) at ` +
        `${(f.utilization * 100).toFixed(1)}% mean utilisation.</p>`,
    );
  }
  parts.push(`<p class="note">Method: ${escape(b.assumption)}. Prices: ${escape(b.alternative.source)}.</p>`);
  return parts;
}
