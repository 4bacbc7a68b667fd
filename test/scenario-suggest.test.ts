import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggest } from '../src/scenario/suggest.js';

describe('editDistance counts insertions, deletions, substitutions and adjacent swaps', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['kitten', 'sitting', 3],
    ['memroySize', 'memorySize', 1], // one swap
    ['duraton', 'duration', 1],
    ['abc', '', 3],
  ])('%s -> %s = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('suggest picks the closest allowed word', () => {
  const keys = ['runtime', 'architecture', 'memorySize', 'ephemeralStorage', 'timeout', 'duration'];
  it.each([
    ['memorysize', 'memorySize'], // case only
    ['memroySize', 'memorySize'],
    ['runtim', 'runtime'],
    ['timout', 'timeout'],
  ])('%s -> %s', (word, expected) => {
    expect(suggest(word, keys)).toBe(expected);
  });

  it('suggests a longer name the word is a prefix of', () => {
    expect(suggest('x86', ['x86_64', 'arm64'])).toBe('x86_64');
  });

  it('suggests nothing for a word far from every candidate', () => {
    expect(suggest('owner', keys)).toBeUndefined();
    expect(didYouMean('owner', keys)).toBeUndefined();
  });

  it('breaks ties by candidate order', () => {
    expect(suggest('p90', ['p50', 'p99'])).toBe('p50');
    expect(suggest('p90', ['p99', 'p50'])).toBe('p99');
  });

  it('words the hint', () => {
    expect(didYouMean('memorysize', keys)).toBe('did you mean "memorySize"?');
  });
});
