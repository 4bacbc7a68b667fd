/**
 * report.html in a real browser: a headless Chromium (see helpers/chromium.ts for which one) opens
 * the file offline and the test checks that every chart rendered as SVG, that nothing was logged as
 * an error and that the page asked the network for nothing. The screenshot is saved as one file in
 * the temp directory, replaced on each run (its path is printed), so a person can look at it after
 * the test's own folder is gone.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sim, simAsync, tempDir } from './helpers/cli.js';
import { openBrowser, visit } from './helpers/chromium.js';

const EXAMPLES = path.join(ROOT, 'scenarios');

const TWO_FUNCTIONS = `name: browser-check
description: Two functions sharing a small account limit, so the charts have throttles to show.
seed: 11
duration: 5m
account: { concurrencyLimit: 40, unreservedMinimum: 0 }
functions:
  checkout:
    memorySize: 1024
    duration: { dist: lognormal, p50: 200ms, p99: 1500ms }
    init: { dist: lognormal, p50: 800ms, p99: 2s }
    errorRate: 0.01
  catalog:
    architecture: arm64
    duration: { dist: gamma, mean: 60ms, cv: 1.5 }
workloads:
  - { name: web, function: checkout, arrivals: { process: poisson, rate: 100/s } }
  - { name: browse, function: catalog, arrivals: { process: poisson, rate: 150/s } }
reports: { timeseries: 1s }
expect:
  - checkout.throttles == 0
  - total.cost < 1 USD
`;

describe('report.html in headless Chromium', () => {
  it('renders every chart as SVG, offline, with no console error and no network request', async () => {
    const dir = tempDir({ 'browser-check.yaml': TWO_FUNCTIONS });
    const r = sim(['run', 'browser-check.yaml', '--quiet', '--out', 'out'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1); // checkout throttles at a limit of 40: the broken expectation is shown
    const html = path.join(dir, 'out', 'report.html');
    const text = readFileSync(html, 'utf8');
    // Self-contained: no reference to anything outside the file.
    expect(text).not.toMatch(/<script|<link rel="stylesheet"|@import|src="http|href="http/i);

    const screenshot = path.join(tmpdir(), 'lambda-sim-report-html.png');
    const page = await visit(html, screenshot);
    console.log(`report.html screenshot: ${screenshot}`);
    expect(page.pageErrors).toEqual([]);
    expect(page.consoleErrors).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.title).toBe('browser-check: lambda-sim report');
    // concurrency + traffic x2 + latency over time x2 + latency distribution x2 + where the time went + cost
    expect(page.svgCount).toBe(9);
    expect(page.svgMarkCount).toBeGreaterThan(200);
    expect(page.minSvgArea).toBeGreaterThan(100 * 100);
    expect(readFileSync(screenshot).subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 60_000);

  // Three examples that used to mislead: a small function on a large account (quickstart), an SQS
  // worker whose latency bars reach the top (order-queue-and-clickstream) and a provisioned
  // concurrency schedule (flash-sale-concurrency), each at a desktop and a phone width. The
  // screenshots are for a person to look at; the test checks what a program can.
  const examples = ['quickstart', 'order-queue-and-clickstream', 'flash-sale-concurrency'];
  let runs: Promise<Map<string, string>> | undefined;
  /** Runs the three examples at once (the flash sale alone takes some seconds): name -> report.html. */
  function examplePages(): Promise<Map<string, string>> {
    runs ??= Promise.all(
      examples.map(async (name) => {
        const dir = tempDir({});
        const r = await simAsync(['run', path.join(EXAMPLES, `${name}.yaml`), '--quiet', '--out', 'out', '--set', 'reports.formats=[html]'], dir);
        expect(r.stderr).toBe('');
        return [name, path.join(dir, 'out', 'report.html')] as const;
      }),
    ).then((pairs) => new Map(pairs));
    return runs;
  }

  it.each(examples)('%s: fits a 1280 px and a 420 px viewport, every chart an SVG, tables scroll in their own box', async (name) => {
    const html = (await examplePages()).get(name)!;
    const browser = await openBrowser();
    try {
      for (const width of [1280, 420]) {
        const screenshot = path.join(tmpdir(), `lambda-sim-report-${name}-${width}.png`);
        const page = await browser.visit(html, screenshot, width);
        console.log(`report.html of ${name} at ${width} px: ${screenshot}`);
        expect(page.pageErrors).toEqual([]);
        expect(page.consoleErrors).toEqual([]);
        expect(page.requests).toEqual([]);
        expect(page.svgCount).toBeGreaterThan(4);
        expect(page.chartsNotSvg).toBe(0);
        expect(page.minSvgArea).toBeGreaterThan(width === 420 ? 40 * 40 : 100 * 100);
        expect({ width, overflow: page.pageOverflowPx }).toEqual({ width, overflow: 0 });
        expect({ width, cutOff: page.tablesCutOff }).toEqual({ width, cutOff: 0 });
      }
    } finally {
      await browser.close();
    }
  }, 180_000);
});
