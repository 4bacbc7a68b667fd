/**
 * Issue #20: a fuzz test. Every example scenario (scenarios/) is mutated with a seeded generator
 * (deterministic: the same mutants every run) and fed through the loader and a short run. The
 * promise: exit 0, 1 or 2; a refusal is one clean line; never exit 3 (a bug), never a stack trace.
 *
 * Each example is first made short (a duration of 20 s, windows and steps moved inside it) so a
 * mutant runs in milliseconds; the mutations then change one value, remove a key, or add one.
 * A failing mutant is printed (seed, path, value) so it can be saved in test/fixtures/fuzz/ and
 * replayed by the last test.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ROOT, simInProcess, tempDir } from './helpers/cli.js';

const SCENARIOS = path.join(ROOT, 'scenarios');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'fuzz');
const MUTANTS_PER_SCENARIO = 14;

/** mulberry32: a tiny seeded generator (the test's only randomness). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values a mutation may put anywhere: wrong types, edges, huge, tiny, hostile names. */
const VALUES: unknown[] = [
  null, true, 0, -1, 1, 0.5, 1e308, -1e308, 1e21, 2 ** 53, '', ' ', 'x', '1e400', 'Infinity', 'NaN', '-5s', '0s', '1us', '1e9/s',
  '100000d', '2024-13-45T99:00:00Z', '__proto__', 'constructor', 'toString', '\u001b[31mred', 'a\r\nb', 'x'.repeat(5000), [], [1, 'a'], {}, { __proto__x: 1 },
  { process: 'poisson', rate: '1e12/s' }, { dist: 'lognormal', p50: '1ms', p99: '1h' }, { at: '1s', value: 1e8 },
];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

/** Every path to a value in `root` (objects and lists included). */
function paths(root: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (!isObj(root)) return out;
  for (const key of Object.keys(root)) {
    const p = [...prefix, Array.isArray(root) ? Number(key) : key];
    out.push(p);
    paths((root as Obj)[key], p, out);
  }
  return out;
}

/** The example shortened: 20 s, windows and schedule steps inside it, no warm-up. */
function shorten(scenario: Obj): Obj {
  const s = structuredClone(scenario);
  s.duration = '20s';
  delete s.warmup;
  for (const w of (s.workloads as Obj[] | undefined) ?? []) {
    delete w.start;
    delete w.end;
    const a = w.arrivals as Obj;
    if (a.process === 'burst') a.at = '1s';
    if (a.process === 'trace') a.offset = '0s';
  }
  for (const fn of Object.values((s.functions as Obj) ?? {})) {
    if (Array.isArray((fn as Obj).provisionedConcurrency)) (fn as Obj).provisionedConcurrency = 2;
  }
  delete s.sweep;
  s.reports = { formats: ['summary', 'json', 'csv'] };
  return s;
}

/** One seeded mutation of `base`: a value replaced, a key removed, or a key added. */
function mutate(base: Obj, seed: number): { scenario: Obj; what: string } {
  const next = generator(seed);
  const scenario = structuredClone(base);
  const all = paths(scenario);
  const at = all[Math.floor(next() * all.length)];
  const parent = at.slice(0, -1).reduce<unknown>((o, k) => (o as Obj)[k as string], scenario) as Obj;
  const key = at[at.length - 1];
  const value = VALUES[Math.floor(next() * VALUES.length)];
  const kind = next();
  const old = (parent as Obj)[key as string];
  // Plausible changes first (they reach the model): a number or a "20/s", "400ms" scaled.
  const factor = [0, 0.01, 0.5, 3, 100, 1e6][Math.floor(next() * 6)];
  if (kind < 0.4 && typeof old === 'number') {
    (parent as Obj)[key as string] = old * factor;
    return { scenario, what: `${at.join('.')} = ${old * factor}` };
  }
  if (kind < 0.4 && typeof old === 'string' && /^\d+(\.\d+)?[a-z/]/.test(old)) {
    const scaled = old.replace(/^\d+(\.\d+)?/, (n) => String(Number(n) * factor));
    (parent as Obj)[key as string] = scaled;
    return { scenario, what: `${at.join('.')} = ${scaled}` };
  }
  if (kind < 0.7) {
    (parent as Obj)[key as string] = structuredClone(value);
    return { scenario, what: `${at.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}` };
  }
  if (kind < 0.85) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
    return { scenario, what: `delete ${at.join('.')}` };
  }
  const name = ['__proto__', 'constructor', 'extra', 'rate', 'x-y'][Math.floor(next() * 5)];
  if (isObj(parent) && !Array.isArray(parent)) Object.defineProperty(parent, name, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
  return { scenario, what: `add ${at.slice(0, -1).join('.')}.${name} = ${JSON.stringify(value)?.slice(0, 40)}` };
}

/** Run `text` as a scenario in a folder with the examples' traces; check the promise. */
async function check(text: string, what: string): Promise<number> {
  const dir = tempDir({ 'f.yaml': text });
  // The examples' data: traces, and the folders of templates they import (sam-app/).
  for (const sub of EXAMPLE_FOLDERS) cpSync(path.join(SCENARIOS, sub), path.join(dir, sub), { recursive: true });
  const r = await simInProcess(['run', 'f.yaml', '--out', 'out', '--quiet'], dir);
  const context = `${what}\n${r.stderr.slice(0, 500)}`;
  // 4 is the memory budget's clean stop (docs/limits.md): a designed refusal, not a bug.
  expect([0, 1, 2, 4], context).toContain(r.status);
  expect(r.stderr, context).not.toMatch(/internal error|\n\s+at |Error:/);
  if (r.status === 2 || r.status === 4) expect(r.stderr.trimEnd().split('\n'), context).toHaveLength(1);
  return r.status;
}

/** Statuses of the mutants that ran (0 or 1): a fuzz test that only reached the loader would be weak. */
const ran: number[] = [];
const examples = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort();
const EXAMPLE_FOLDERS = readdirSync(SCENARIOS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe('fuzz: mutated example scenarios', () => {
  for (const [index, file] of examples.entries()) {
    it(`${file}: the shortened example and ${MUTANTS_PER_SCENARIO} mutants exit 0, 1, 2 or 4 cleanly`, async () => {
      const base = shorten(parse(readFileSync(path.join(SCENARIOS, file), 'utf8')) as Obj);
      expect(await check(stringify(base), `${file} shortened`)).toBeLessThan(2);
      const statuses: number[] = [];
      for (let m = 0; m < MUTANTS_PER_SCENARIO; m++) {
        const seed = 1000 * (index + 1) + m;
        const { scenario, what } = mutate(base, seed);
        statuses.push(await check(stringify(scenario), `${file} seed ${seed}: ${what}`));
      }
      ran.push(...statuses.filter((s) => s < 2));
    });
  }

  it('a good share of the mutants ran (not only refused by the loader)', () => {
    expect(ran.length).toBeGreaterThan((examples.length * MUTANTS_PER_SCENARIO) / 5);
  });

  it('replays the saved cases of test/fixtures/fuzz/', async () => {
    for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith('.yaml'))) await check(readFileSync(path.join(FIXTURES, f), 'utf8'), f);
  });
});

