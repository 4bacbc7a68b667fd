/**
 * Opens a local HTML file in Debian's headless Chromium (driven by playwright-core, which
 * downloads no browser) and reports what a reader's browser would do: console errors, page
 * errors, every network request, the SVG charts, and a screenshot.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Where Debian's chromium package puts the browser (override with CHROMIUM_PATH). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Throws a clear message when the browser is missing (CI installs it in .ci/run). */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the report.html test needs it. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (as root; .ci/run does this), ' +
        'or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return CHROMIUM_PATH;
}

export interface PageVisit {
  consoleErrors: string[];
  pageErrors: string[];
  /** URLs of every request the page made (the page's own file:// URL excluded). */
  requests: string[];
  svgCount: number;
  /** Marks drawn inside the SVGs (paths, rects, lines): a chart with no marks did not render. */
  svgMarkCount: number;
  /** Smallest rendered width x height of an SVG (px): 0 means one collapsed. */
  minSvgArea: number;
  title: string;
  screenshot: string;
}

/** Opens `htmlFile` offline, waits for it to load, and saves a full-page screenshot to `screenshotPath`. */
export async function visit(htmlFile: string, screenshotPath: string): Promise<PageVisit> {
  const executablePath = requireChromium();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'lambda-sim-chromium-'));
  // A new, empty profile each time (playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1000, height: 800 },
    offline: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const url = pathToFileURL(htmlFile).href;
    const result: PageVisit = { consoleErrors: [], pageErrors: [], requests: [], svgCount: 0, svgMarkCount: 0, minSvgArea: 0, title: '', screenshot: screenshotPath };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') result.consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => result.pageErrors.push(String(e)));
    page.on('request', (r) => {
      if (r.url() !== url) result.requests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    result.title = await page.title();
    // A string, so this file type-checks without the DOM library (it runs in the page).
    const stats = (await page.evaluate(`(() => {
      const svgs = Array.from(document.querySelectorAll('svg'));
      const areas = svgs.map((s) => { const r = s.getBoundingClientRect(); return r.width * r.height; });
      return {
        count: svgs.length,
        marks: document.querySelectorAll('svg path, svg rect, svg line').length,
        minArea: areas.length === 0 ? 0 : Math.min(...areas),
      };
    })()`)) as { count: number; marks: number; minArea: number };
    result.svgCount = stats.count;
    result.svgMarkCount = stats.marks;
    result.minSvgArea = stats.minArea;
    await page.screenshot({ path: screenshotPath, fullPage: true });
    return result;
  } finally {
    await context.close();
  }
}
