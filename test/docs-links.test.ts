/**
 * The user documentation (README.md and docs/*.md) travels with a clone: every relative link must
 * reach a file of the repository (and a heading, when it names one), nothing may point into the
 * founders' `../shared` folder, which users never have, and every metric an `expect:` line can name
 * must be listed in docs/reports.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSummary, loadScenario, simulate } from '../src/index.js';
import { knownMetricPaths } from '../src/report/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = path.join(root, 'docs');

/**
 * Pages another branch writes, linked from the README before they land. While such a page is
 * missing, a link to it is tolerated; once it exists it is checked like any other. Remove an entry
 * when its page is merged.
 */
/** README.md and every docs/*.md, as paths relative to the repository root. */
function docFiles(): string[] {
  const docs = existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`) : [];
  return ['README.md', ...docs.sort()];
}

/** The text with fenced code blocks and inline code blanked out (links there are examples, not links). */
function prose(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '``');
}

/** Markdown link targets `[text](target)` in prose. */
function linkTargets(text: string): string[] {
  return [...prose(text).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const withoutCode = markdown.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, '');
  for (const m of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

describe('the documentation in the repository', () => {
  it('has the pages the README promises', () => {
    for (const page of ['scenario-format.md', 'reports.md', 'model.md', 'architecture.md', 'examples.md']) {
      expect(existsSync(path.join(docsDir, page)), `docs/${page}`).toBe(true);
    }
  });

  it.each(docFiles())('%s: every relative link reaches a file and heading of the repository', (file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    const broken: string[] = [];
    for (const target of linkTargets(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...
      const [filePart, fragment] = target.split('#', 2);
      const resolved = filePart === '' ? path.join(root, file) : path.resolve(path.dirname(path.join(root, file)), decodeURI(filePart));
      const relative = path.relative(root, resolved).split(path.sep).join('/');
      if (relative.startsWith('..')) {
        broken.push(`${target} (outside the repository)`);
        continue;
      }
      if (!existsSync(resolved)) {
        broken.push(`${target} (no such file)`);
        continue;
      }
      if (fragment !== undefined && statSync(resolved).isFile() && resolved.endsWith('.md')) {
        if (!anchors(readFileSync(resolved, 'utf8')).has(fragment)) broken.push(`${target} (no heading #${fragment})`);
      }
    }
    expect(broken).toStrictEqual([]);
  });

  it.each(docFiles())('%s: does not mention ../shared, which a clone does not have', (file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    expect(text).not.toMatch(/\.\.\/shared|shared\/docs/);
  });

  it('docs/reports.md names every metric the example scenarios can use in expect lines', () => {
    const reference = readFileSync(path.join(docsDir, 'reports.md'), 'utf8');
    // Every word written in backticks in the reference: `latency.p99`, `.p999`, `throttleReasons.rate` ...
    const documented = new Set([...reference.matchAll(/`([^`\n]+)`/g)].flatMap((m) => m[1].split(/[^A-Za-z0-9]+/)));
    const scenarios = readdirSync(path.join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'));
    const missing = new Set<string>();
    for (const file of scenarios) {
      const scenario = loadScenario(path.join(root, 'scenarios', file));
      // The summary's shape (its metric names) does not depend on how long the run is.
      // One microsecond after the warm-up (a warm-up must be shorter than the duration).
      const results = simulate({ ...scenario, duration: (scenario.warmup ?? 0) + 1 });
      const summary = buildSummary(results, { simulator: { name: 'lambda-sim', version: 'docs' }, expectations: [] });
      for (const metric of knownMetricPaths(summary)) {
        // `deployments.<fn:alias>.…`: the second segment is a name, like the first of the others.
        const names = metric.startsWith('deployments.') ? 2 : 1;
        for (const segment of metric.split('.').slice(names)) if (!documented.has(segment)) missing.add(`${segment} (in ${metric})`);
      }
    }
    expect([...missing]).toStrictEqual([]);
  });
});
