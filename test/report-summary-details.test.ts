/** summary.txt's "why" lines for INIT trouble, out-of-memory errors and a p99 tail that is not execution. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { simulate } from './helpers/simulate.js';
import { buildSummary } from '../src/report/build-summary.js';
import { detailLines } from '../src/report/summary-details.js';

function details(file: string, changes: Record<string, unknown> = {}): { lines: string[]; summary: ReturnType<typeof buildSummary> } {
  const text = readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8');
  const scenario = { ...parseScenarioText(text, file), ...changes };
  const summary = buildSummary(simulate(scenario as never), { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] });
  return { lines: detailLines(summary), summary };
}

describe('summary.txt detail lines', () => {
  it('counts failed INITs with the number summary.json has', () => {
    const { lines, summary } = details('broken-release.yaml', { duration: 5 * 60_000_000 });
    const failed = summary.functions.worker.initErrors!;
    expect(failed).toBeGreaterThan(0);
    expect(lines).toContain(`worker: INIT failed ${failed.toLocaleString('en-US')} times (counted in errors)`);
  });

  it('names the stages of a p99 tail driven by queueing, largest first, shares from summary.json', () => {
    const { lines, summary } = details('async-thumbnails.yaml');
    const line = lines.find((l) => l.startsWith('thumbnail: p99 tail'))!;
    const stages = summary.functions.thumbnail.stages;
    expect(stages.execution.tailShare).toBeLessThanOrEqual(0.8);
    expect(line).toContain(`queue wait ${Math.round(stages.queueWait.tailShare * 100)}%`);
    expect(line).toContain(`${stages.tailRequests.toLocaleString('en-US')} of them`);
  });

  it('and one driven by cold starts and client retries', () => {
    const { lines } = details('broken-release.yaml', { duration: 5 * 60_000_000 });
    expect(lines.find((l) => l.startsWith('checkout: p99 tail'))).toMatch(/spent execution \d+%, INIT \d+%, client retry wait \d+%$/);
  });

  it("says nothing about a tail that is the function's own execution", () => {
    const { lines, summary } = details('quickstart.yaml');
    expect(summary.functions.api.stages.execution.tailShare).toBeGreaterThan(0.8);
    expect(lines.some((l) => l.includes('p99 tail'))).toBe(false);
  });

  it('gives the break-even headline from summary.json: which side is cheaper, the fleet, the break-even traffic', () => {
    const { lines, summary } = details('break-even-steady-api.yaml');
    const f = summary.breakEven!.functions.api;
    expect(f.cheaper).toBe('always-on');
    expect(lines).toContain(
      `api: always-on cheaper: Lambda $483.84/month against ${f.instances} x m7g.large $117.50/month (62.5% utilised); the same cost at 0.243x this traffic`,
    );
  });

  it('counts the messages in flight on the queue line, so the line adds up to sent', () => {
    const { lines, summary } = details('broken-release.yaml', { duration: 5 * 60_000_000 });
    const q = summary.queues!.jobs;
    expect(q.inFlightAtEnd).toBeGreaterThan(0);
    expect(lines.find((l) => l.startsWith('queue jobs:'))).toContain(`in flight at end ${q.inFlightAtEnd.toLocaleString('en-US')},`);
  });
});
