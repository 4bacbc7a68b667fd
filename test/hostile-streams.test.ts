/**
 * Issue #20, groups 10 and 11: output that cannot be written (`>/dev/full`) gives one line and
 * exit 2, never a stack trace (a real process: only bin/sim.js sees its own stdout); expect
 * values that overflow and tags in --set values give one clean line.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIM } from './helpers/cli.js';
import { expectOneLine, hostile, hostileDir } from './helpers/hostile.js';

describe('pipes and streams', () => {
  it('says in one line that stdout is full (ENOSPC) and exits 2', () => {
    const dir = hostileDir();
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [SIM, 'run', 'tiny.yaml', '--out', 'out'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
      expect(r.stderr).toBe('sim: cannot write to standard output: ENOSPC\n');
      expect(r.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });
});

describe('expect and tag edge cases', () => {
  it.each([['api.latency.p99 < 1e308 d'], ['api.latency.p99 > 1e400 ms'], ['api.requests > 1e400']])('refuses the overflowing value in %s', async (line) => {
    expectOneLine(await hostile(['validate', 'tiny.yaml', '--set', `expect=["${line}"]`]), /expected a finite number/);
  });

  it('refuses % on a count', async () => {
    expectOneLine(await hostile(['validate', 'tiny.yaml', '--set', 'expect=["api.requests < 10 %"]']), /expected a number without a unit \(api\.requests is a count\)/);
  });

  it('gives one line for a js/function tag in --set, and no YAMLWarning for an unknown tag', async () => {
    const warnings: unknown[] = [];
    const onWarning = (w: unknown): number => warnings.push(w);
    process.on('warning', onWarning);
    try {
      expectOneLine(await hostile(['validate', 'tiny.yaml', '--set', 'seed=!!js/function "function () {}"']), /seed: expected an integer|seed: expected/);
      const r = await hostile(['validate', 'tiny.yaml', '--set', 'description=!mytag x']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
