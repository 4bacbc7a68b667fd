import { describe, expect, it } from 'vitest';
import { parseRange } from '../src/scenario/sweep-schema.js';
import { buildGrid, parseVary } from '../src/whatif/grid.js';
import { thrown } from './helpers/scenario-error.js';

describe('ranges FROM..TO step STEP', () => {
  it('include both ends when the step lands on TO', () => {
    expect(parseRange('128..512 step 128')).toEqual([128, 256, 384, 512]);
    expect(parseRange('128..3008 step 128')).toHaveLength(23);
  });
  it('stop at the last step below TO otherwise, and keep decimals clean', () => {
    expect(parseRange('100..350 step 100')).toEqual([100, 200, 300]);
    expect(parseRange('0.1..0.5 step 0.1')).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });
  it('refuse a missing or zero step and a reversed range', () => {
    expect(parseRange('128..512')).toMatchObject({ expected: expect.stringMatching(/^a range/) });
    expect(parseRange('128..512 step 0')).toMatchObject({ expected: 'a step above 0' });
    expect(parseRange('512..128 step 128')).toMatchObject({ expected: 'FROM <= TO' });
  });
});

describe('--vary PATH=VALUES', () => {
  it('reads a comma list as YAML values, as --set reads one', () => {
    expect(parseVary('functions.api.memorySize=512,1024')).toEqual({ path: 'functions.api.memorySize', values: [512, 1024] });
    expect(parseVary('functions.api.architecture=x86_64, arm64').values).toEqual(['x86_64', 'arm64']);
    expect(parseVary('functions.api.duration={dist: constant, value: 1s},2s').values).toEqual([{ dist: 'constant', value: '1s' }, '2s']);
    expect(parseVary('x.y=[1, 2]').values).toEqual([1, 2]);
  });
  it('reads a range', () => {
    expect(parseVary('functions.api.memorySize=128..384 step 128').values).toEqual([128, 256, 384]);
  });
  it('refuses a missing "=", empty values or a bad range in one line naming the option', () => {
    expect(thrown(() => parseVary('functions.api.memorySize')).format()).toMatch(/^--vary functions.api.memorySize: expected PATH=V1,V2/);
    expect(thrown(() => parseVary('a.b=')).format()).toMatch(/no values/);
    expect(thrown(() => parseVary('a.b=1..5')).format()).toBe('--vary a.b=1..5: expected a range FROM..TO step STEP such as 128..3008 step 128, found "1..5"');
  });
  it('says a well-written range over the 10,000-value limit is too long, with its count (not that its syntax is wrong)', () => {
    expect(thrown(() => parseVary('functions.api.memorySize=128..10128 step 1')).format()).toBe(
      '--vary functions.api.memorySize=128..10128 step 1: expected at most 10,000 values (a sweep\'s limit: a larger step, or a narrower range), found 10,001 values in "128..10128 step 1"',
    );
  });
});

describe('the grid', () => {
  it('is every combination, the first dimension varying slowest', () => {
    const grid = buildGrid([
      { path: 'a', values: [1, 2] },
      { path: 'b', values: ['x', 'y', 'z'] },
    ]);
    expect(grid.map((p) => p.labels.join(','))).toEqual(['1,x', '1,y', '1,z', '2,x', '2,y', '2,z']);
    expect(grid[4].overrides).toEqual(['a=2', 'b="y"']);
    expect(grid.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('refuses a path varied twice and a grid beyond 10,000 points', () => {
    expect(thrown(() => buildGrid([{ path: 'a', values: [1] }, { path: 'a', values: [2] }])).format()).toMatch(/each key path varied once/);
    const big = { values: Array.from({ length: 101 }, (_, i) => i) };
    expect(thrown(() => buildGrid([{ path: 'a', ...big }, { path: 'b', ...big }])).format()).toMatch(/at most 10000 points, found 101 x 101 = 10201/);
  });
});
