/**
 * Issue #20, groups 8 (filesystem) and 9: a report folder that cannot be written is refused with
 * one line and exit 2 (never "internal error"); a run writes into a temporary sibling folder and
 * swaps it in only when complete, so a failure or a signal in any phase leaves the previous report
 * intact and no temporary behind.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLine, hostile, hostileDir } from './helpers/hostile.js';
import { parseScenarioFile } from '../src/run/parse.js';
import { runScenario } from '../src/run/run.js';

const isRoot = process.getuid?.() === 0;

describe('report folder that cannot be written', () => {
  it.each([
    ['a file', 'tiny.yaml', /cannot write the report folder .*tiny\.yaml: it is a file, not a folder/],
    ['a path under a file', 'tiny.yaml/out', /a file is in the way where a folder is needed \(ENOTDIR\)/],
    ['/dev/null', '/dev/null', /\/dev\/null: it is a device, not a folder/],
    ['/dev/full', '/dev/full', /\/dev\/full: it is a device, not a folder/],
    ['/proc/x', '/proc/x', /\/proc\/x: /],
    ['a 300-character name', 'n'.repeat(300), /a file name too long for the file system \(ENAMETOOLONG\)/],
  ])('refuses %s with exit 2', async (_what, out, pattern) => {
    expectOneLine(await hostile(['run', 'tiny.yaml', '--quiet', '--out', out]), pattern);
  });

  // Root writes into a read-only folder anyway: this case only means something for other users.
  it.skipIf(isRoot)('refuses a read-only folder with exit 2', async () => {
    const dir = hostileDir();
    const { chmodSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'ro'));
    chmodSync(path.join(dir, 'ro'), 0o555);
    expectOneLine(await hostile(['run', 'tiny.yaml', '--quiet', '--out', 'ro/out'], dir), /permission denied/);
  });

  it('refuses formats: [] when the scenario is loaded', async () => {
    expectOneLine(await hostile(['validate', 'tiny.yaml', '--set', 'reports.formats=[]']), /reports\.formats: expected at least one report format/);
  });
});

/** The folder's entries except hidden temporaries, and whether any temporary is left. */
function entries(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe('the previous report', () => {
  it('stays intact when the run is aborted after the simulation (report rendering phase)', async () => {
    const dir = hostileDir();
    expect((await hostile(['run', 'tiny.yaml', '--quiet', '--out', 'out'], dir)).status).toBe(0);
    const before = readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8');
    const controller = new AbortController();
    const scenario = parseScenarioFile(path.join(dir, 'tiny.yaml'), { seed: 99 });
    const run = runScenario(scenario, { dir: path.join(dir, 'out'), signal: controller.signal, onProgress: (f) => f === 1 && controller.abort(new Error('stop')) });
    await expect(run).rejects.toThrow('stop');
    expect(readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8')).toBe(before);
    expect(entries(dir)).toEqual(entries(hostileDir()).concat('out').sort());
  });

  it('stays intact on SIGHUP, SIGINT or SIGTERM during the simulation (exit 128 + signal)', async () => {
    for (const [signal, code] of [['SIGHUP', 129], ['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const dir = hostileDir();
      expect((await hostile(['run', 'tiny.yaml', '--quiet', '--out', 'out'], dir)).status).toBe(0);
      const before = readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8');
      // The handlers are installed once the scenario is parsed: send the signal as soon as they are.
      const baseline = process.listenerCount(signal);
      let running = true;
      const poll = (): void => {
        if (process.listenerCount(signal) > baseline) process.emit(signal, signal);
        else if (running) setImmediate(poll);
      };
      setImmediate(poll);
      const busy = ['--set', 'duration=20s', '--set', 'workloads.0.arrivals.rate=20000/s', '--set', 'reports.formats=[summary, json, csv, html, logs]'];
      const r = await hostile(['run', 'tiny.yaml', '--quiet', '--out', 'out', ...busy], dir).finally(() => (running = false));
      expect(r.status).toBe(code);
      expect(readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8')).toBe(before);
      expect(entries(path.join(dir, 'out'))).toEqual(['functions.csv', 'summary.json', 'summary.md', 'summary.txt', 'timeseries.csv']);
      expect(entries(dir).filter((n) => n.startsWith('.'))).toEqual([]);
    }
  });

  it('is replaced whole by a new run (files of formats no longer selected go too)', async () => {
    const dir = hostileDir();
    await hostile(['run', 'tiny.yaml', '--quiet', '--out', 'out', '--set', 'reports.formats=[summary, logs]'], dir);
    expect(entries(path.join(dir, 'out'))).toEqual(['logs', 'summary.md', 'summary.txt']);
    expect((await hostile(['run', 'tiny.yaml', '--quiet', '--out', 'out'], dir)).status).toBe(0);
    expect(entries(path.join(dir, 'out'))).toEqual(['functions.csv', 'summary.json', 'summary.md', 'summary.txt', 'timeseries.csv']);
    expect(entries(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('never moves or removes a folder holding other files (--out .): the report files are swapped in one by one', async () => {
    const dir = hostileDir({ 'notes.txt': 'mine' });
    writeFileSync(path.join(dir, 'summary.txt'), 'old');
    expect((await hostile(['run', 'tiny.yaml', '--quiet', '--out', '.'], dir)).status).toBe(0);
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(path.join(dir, 'summary.txt'), 'utf8')).toMatch(/tiny/);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(readdirSync(path.dirname(dir)).filter((n) => n.startsWith(`.${path.basename(dir)}.`))).toEqual([]);
  });
});
