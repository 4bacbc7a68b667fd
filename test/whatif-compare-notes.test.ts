/** `sim compare BASE HEAD` where HEAD changes a CPU-bound function's memorySize but not its duration: compare.md says how the duration is read. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simInProcess, tempDir } from './helpers/cli.js';
import { DETERMINISTIC } from './helpers/whatif-fixtures.js';

const HEAD = DETERMINISTIC.replace('memorySize: 1024', 'memorySize: 2048');
const NOTE =
  "> **Note:** functions.api: memorySize 1024 MB in base, 2048 MB in head, with the same duration and no durationMemorySize in head's file: durationMemorySize defaults to the memorySize written in each file, so head's durations are read as measured at 2048 MB and its CPU-bound share (cpuBound 0.5) is not sped up. If the duration was measured at 1024 MB, set `durationMemorySize: 1024` on functions.api in head's file, or compare one file with --set functions.api.memorySize=2048, to get the change that memory's CPU share gives.";

describe('sim compare: a memorySize changed in the head file with the same duration', () => {
  it('says head\'s durations are read at head\'s memory and how to get the CPU-scaled change', async () => {
    const dir = tempDir({ 'base.yaml': DETERMINISTIC, 'head.yaml': HEAD, 'measured.yaml': HEAD.replace('memorySize: 2048', 'memorySize: 2048\n    durationMemorySize: 1024') });
    const r = await simInProcess(['compare', 'base.yaml', 'head.yaml', '--out', 'c', '--workers', '1'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(NOTE);
    expect(JSON.parse(readFileSync(path.join(dir, 'c', 'compare.json'), 'utf8')).notes).toHaveLength(1);
    // p99 unchanged: head's 1 s duration is taken at 2048 MB as written.
    expect(readFileSync(path.join(dir, 'c', 'compare.md'), 'utf8')).toMatch(/\|  \| p99 \| ([\d,.]+) \| \1 \| 0 \|/);
    // Said where the duration was measured, or changed with --set: the CPU share scales, no note.
    for (const args of [['measured.yaml'], ['--set', 'functions.api.memorySize=2048']]) {
      const other = await simInProcess(['compare', 'base.yaml', ...args, '--out', 'd', '--workers', '1'], dir);
      expect(other.stdout).not.toContain('**Note:**');
    }
  });
});
