/**
 * Opens a local HTML file in a headless Chromium (driven by playwright-core, which downloads no
 * browser) and reports what a reader's browser would do: console errors, page errors, every network
 * request, the SVG charts, and a screenshot.
 *
 * Which Chromium, first that launches: `CHROMIUM_PATH` when set (and then only that one), else a
 * system Chromium (Debian's /usr/bin/chromium, ...), else the headless Chromium shipped inside the
 * npm package @sparticuz/chromium (a devDependency), so `npm test` needs nothing installed by hand.
 * When none launches the test fails with each one's reason: it is never skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';

/** System browsers, in the order tried (Debian, Ubuntu, Google's packages). */
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/** Flags for every browser: no network of its own, no first-run work. */
const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One way to get a browser: where it is and how to start it. */
interface Candidate {
  /** For error messages: where this browser came from. */
  source: string;
  executablePath: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * The shared libraries the packaged Chromium links against beyond glibc (libnss3, libnspr4,
 * libexpat: a minimal Debian or Ubuntu image has none of them) ship in the same package, built
 * for Amazon Linux 2023, whose glibc is older than any current distribution's. The package only
 * unpacks them on AWS; here they are unpacked next to its Chromium, under the same name
 * (<tmp>/al2023/lib), and always used, so the browser depends on nothing installed by hand.
 */
function packagedLibraries(binDir: string): string {
  const dir = path.join(tmpdir(), 'al2023');
  const lib = path.join(dir, 'lib');
  if (existsSync(path.join(lib, 'libnss3.so'))) return lib;
  // Unpack beside, then rename: a run interrupted halfway leaves no half-filled folder behind.
  const partial = mkdtempSync(path.join(tmpdir(), 'al2023-partial-'));
  try {
    const tar = spawnSync('tar', ['-x', '-C', partial], { input: brotliDecompressSync(readFileSync(path.join(binDir, 'al2023.tar.br'))) });
    if (tar.status !== 0) throw new Error(`tar failed unpacking al2023.tar.br: ${tar.error?.message ?? tar.stderr.toString()}`);
    if (!existsSync(dir)) renameSync(partial, dir);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return lib;
}

/** The Chromium inside @sparticuz/chromium, unpacked on first use into the temp folder (it stays, a cache). */
async function packagedChromium(): Promise<Candidate> {
  const { default: packaged } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  const binDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', '..', 'bin');
  return {
    source: '@sparticuz/chromium (npm devDependency)',
    executablePath,
    args: [...packaged.args, ...COMMON_ARGS],
    env: {
      LD_LIBRARY_PATH: packagedLibraries(binDir),
      // The package's own fonts.conf and Open Sans, unpacked beside the browser.
      FONTCONFIG_PATH: path.join(tmpdir(), 'fonts'),
    },
  };
}

/** The browsers to try, in order, each made only when the ones before it failed. */
function candidates(): (() => Promise<Candidate>)[] {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv}: no such file (unset it to use a system or the packaged Chromium)`);
    return [async () => ({ source: `CHROMIUM_PATH=${fromEnv}`, executablePath: fromEnv, args: ['--headless', ...COMMON_ARGS] })];
  }
  const system = SYSTEM_CHROMIUMS.filter((p) => existsSync(p)).map((p) => async (): Promise<Candidate> => ({
    source: `system ${p}`,
    executablePath: p,
    args: ['--headless', ...COMMON_ARGS],
  }));
  return [...system, packagedChromium];
}

/** Launches the first Chromium that starts, with a fresh profile in `userDataDir`. */
async function launch(userDataDir: string): Promise<BrowserContext> {
  const reasons: string[] = [];
  for (const make of candidates()) {
    let c: Candidate | undefined;
    try {
      c = await make();
      // A new, empty profile each time (playwright passes it as --user-data-dir).
      return await chromium.launchPersistentContext(userDataDir, {
        executablePath: c.executablePath,
        headless: true,
        viewport: { width: 1280, height: 800 },
        offline: true,
        args: c.args,
        env: c.env === undefined ? undefined : { ...process.env, ...c.env },
      });
    } catch (err) {
      const source = c?.source ?? '@sparticuz/chromium (npm devDependency; `npm ci` installs it)';
      // Playwright's first line says only that the launch failed; the browser's own words follow.
      reasons.push(`${source}: ${(err as Error).message.split('\n').slice(0, 20).join('\n    ')}`);
    }
  }
  throw new Error(`no headless Chromium could be started for the report.html test:\n  ${reasons.join('\n  ')}`);
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
  /** Chart panels (`.panel` without a table) that hold something other than exactly one SVG. */
  chartsNotSvg: number;
  /** How far (px) the page is wider than the viewport: > 0 means the reader must scroll the whole page sideways. */
  pageOverflowPx: number;
  /** Tables wider than what shows of them with no scrolling container of their own around them (cut off). */
  tablesCutOff: number;
  title: string;
  screenshot: string;
}

/** A browser kept open for several visits (one launch costs about a second). */
export interface Browser {
  /** Opens `htmlFile` offline at `width` px, waits for it to load, and saves a full-page screenshot to `screenshotPath`. */
  visit(htmlFile: string, screenshotPath: string, width?: number): Promise<PageVisit>;
  close(): Promise<void>;
}

/** Launches a headless Chromium with a fresh profile (removed on close). */
export async function openBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'lambda-sim-chromium-'));
  let context: BrowserContext;
  try {
    context = await launch(userDataDir);
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    visit: (htmlFile, screenshotPath, width = 1280) => inspect(context, htmlFile, screenshotPath, width),
    close: async () => {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Opens `htmlFile` offline at 1280 px, waits for it to load, and saves a full-page screenshot to `screenshotPath`. */
export async function visit(htmlFile: string, screenshotPath: string): Promise<PageVisit> {
  const browser = await openBrowser();
  try {
    return await browser.visit(htmlFile, screenshotPath);
  } finally {
    await browser.close();
  }
}

async function inspect(context: BrowserContext, htmlFile: string, screenshotPath: string, width: number): Promise<PageVisit> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width, height: 800 });
    const url = pathToFileURL(htmlFile).href;
    const result: PageVisit = {
      consoleErrors: [],
      pageErrors: [],
      requests: [],
      svgCount: 0,
      svgMarkCount: 0,
      minSvgArea: 0,
      chartsNotSvg: 0,
      pageOverflowPx: 0,
      tablesCutOff: 0,
      title: '',
      screenshot: screenshotPath,
    };
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
      const charts = Array.from(document.querySelectorAll('.panel')).filter((p) => p.querySelector('table, p') === null);
      const scrolls = (el) => { for (let e = el; e !== null; e = e.parentElement) { const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
      const doc = document.documentElement;
      return {
        count: svgs.length,
        marks: document.querySelectorAll('svg path, svg rect, svg line').length,
        minArea: areas.length === 0 ? 0 : Math.min(...areas),
        chartsNotSvg: charts.filter((p) => p.children.length !== 1 || p.firstElementChild.tagName.toLowerCase() !== 'svg').length,
        overflow: Math.max(doc.scrollWidth, document.body.scrollWidth) - doc.clientWidth,
        cutOff: Array.from(document.querySelectorAll('table, pre')).filter((t) => t.scrollWidth > t.clientWidth + 1 && !scrolls(t) || t.getBoundingClientRect().right > doc.clientWidth + 1 && !scrolls(t)).length,
      };
    })()`)) as { count: number; marks: number; minArea: number; chartsNotSvg: number; overflow: number; cutOff: number };
    result.svgCount = stats.count;
    result.svgMarkCount = stats.marks;
    result.minSvgArea = stats.minArea;
    result.chartsNotSvg = stats.chartsNotSvg;
    result.pageOverflowPx = stats.overflow;
    result.tablesCutOff = stats.cutOff;
    await page.screenshot({ path: screenshotPath, fullPage: true });
    return result;
  } finally {
    await page.close();
  }
}
