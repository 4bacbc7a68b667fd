/** How runs are split into shards (shard-plan.ts) and how --shard is read (whatif-options.ts). */
import { describe, expect, it } from 'vitest';
import { parseShard } from '../src/cli/whatif-options.js';
import { splitTasks, taskCost } from '../src/whatif/shard-plan.js';
import { parseSource } from '../src/whatif/parse-point.js';
import { DETERMINISTIC } from './helpers/whatif-fixtures.js';
import { simInProcess, tempDir } from './helpers/cli.js';

describe('splitTasks', () => {
  it('gives the longest task first to the least-loaded shard (lower shard on a tie), tasks in order within a shard', () => {
    // Costs 5,1,4,2,3, longest first: task 0 (5) to shard 1, task 2 (4) to shard 2, loads [5,4];
    // task 4 (3) to shard 2 → [5,7]; task 3 (2) to shard 1 → [7,7]; task 1 (1) to shard 1 (tie) → [8,7].
    expect(splitTasks([5, 1, 4, 2, 3], 2)).toEqual([[0, 1, 3], [2, 4]]);
  });

  it('puts every task in exactly one shard, balanced within the largest task', () => {
    const costs = Array.from({ length: 60 }, (_, i) => 1000 * (1 + (i % 6)));
    for (const n of [1, 2, 3, 7, 60, 100]) {
      const shards = splitTasks(costs, n);
      expect(shards).toHaveLength(n);
      expect(shards.flat().sort((a, b) => a - b)).toEqual(costs.map((_, i) => i));
      const loads = shards.map((s) => s.reduce((sum, t) => sum + costs[t], 0));
      const busy = loads.filter((l) => l > 0);
      expect(Math.max(...busy) - Math.min(...busy)).toBeLessThanOrEqual(6000);
    }
  });

  it('equal costs go round in task order, so replications of one point spread over the shards', () => {
    expect(splitTasks([7, 7, 7, 7, 7, 7, 7], 3)).toEqual([[0, 3, 6], [1, 4], [2, 5]]);
  });

  it('costs a run by its expected invocations, a whole number', () => {
    const s = parseSource({ text: DETERMINISTIC, baseDir: '.', fileName: 'det.yaml' }, []);
    expect(taskCost(s)).toBe(600); // 1/s for 10 minutes
    expect(taskCost(parseSource({ text: DETERMINISTIC, baseDir: '.', fileName: 'det.yaml' }, ['duration=2s']))).toBe(2);
  });
});

describe('--shard', () => {
  it('reads I/N (1-based) and auto/N from JOB_COMPLETION_INDEX (0-based)', () => {
    expect(parseShard(undefined)).toBeUndefined();
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    expect(parseShard('auto/3', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 3 });
    expect(parseShard('auto/3', { JOB_COMPLETION_INDEX: '2' })).toEqual({ index: 3, count: 3 });
  });

  it('--help of sweep and run says that auto/N reads the 0-based JOB_COMPLETION_INDEX', async () => {
    for (const command of ['sweep', 'run']) {
      const help = (await simInProcess([command, '--help'], tempDir())).stdout.replace(/\s+/g, '');
      // Without white space: yargs wraps the column, even inside words.
      expect(help).toContain("auto/NtakesIfromKubernetes'JOB_COMPLETION_INDEX(0-based:index0runs1/N)");
    }
  });

  it('refuses anything else with one line', () => {
    expect(() => parseShard('0/3')).toThrow('--shard: expected I/N with 1 <= I <= N (shards count from 1), found "0/3"');
    expect(() => parseShard('4/3')).toThrow('found "4/3"');
    expect(() => parseShard('3')).toThrow('--shard: expected I/N with 1 <= I <= N <= 10000 (e.g. 2/3), or auto/N in a Kubernetes Indexed Job, found "3"');
    expect(() => parseShard('1/0')).toThrow('found "1/0"');
    expect(() => parseShard('auto/3', {})).toThrow('--shard auto/3: JOB_COMPLETION_INDEX is not set (a Kubernetes Indexed Job sets it); elsewhere give --shard I/3');
    expect(() => parseShard('auto/3', { JOB_COMPLETION_INDEX: '3' })).toThrow('expected JOB_COMPLETION_INDEX from 0 to 2, found "3"');
    expect(() => parseShard('auto/3', { JOB_COMPLETION_INDEX: 'x' })).toThrow('found "x"');
  });
});
