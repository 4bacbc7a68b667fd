import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { applyOverrides, applyOverridesDetailed, parseOverride } from '../src/scenario/overrides.js';
import { thrown } from './helpers/scenario-error.js';

const base = {
  name: 'demo',
  duration: '1h',
  functions: { api: { memorySize: 512, duration: '100ms' } },
  workloads: [
    { name: 'web', function: 'api', arrivals: { process: 'poisson', rate: '200/s' } },
    { name: 'batch', function: 'api', arrivals: { process: 'constant', rate: '1/s' } },
  ],
};


describe('applyOverrides sets PATH=VALUE on the parsed scenario', () => {
  it('names a list item by index', () => {
    const out = applyOverrides(base, ['workloads.0.arrivals.rate=300/s']) as typeof base;
    expect(out.workloads[0].arrivals.rate).toBe('300/s');
    expect(out.workloads[1].arrivals.rate).toBe('1/s');
  });

  it('names a list item by its name field', () => {
    const out = applyOverrides(base, ['workloads.batch.arrivals.rate=2/s']) as typeof base;
    expect(out.workloads[1].arrivals.rate).toBe('2/s');
    expect(out.workloads[0].arrivals.rate).toBe('200/s');
  });

  it('reads the value as YAML: numbers, booleans, flow mappings and lists', () => {
    const out = applyOverrides(base, [
      'functions.api.memorySize=2048',
      'seed=7',
      'billing.freeTier=true',
      'functions.api.duration={dist: exponential, mean: 1s}',
      'expect=[total.cost < 1 USD]',
    ]) as Record<string, unknown> & typeof base;
    expect(out.functions.api.memorySize).toBe(2048);
    expect(out.seed).toBe(7);
    expect(out.billing).toStrictEqual({ freeTier: true });
    expect(out.functions.api.duration).toStrictEqual({ dist: 'exponential', mean: '1s' });
    expect(out.expect).toStrictEqual(['total.cost < 1 USD']);
  });

  it('creates missing mappings on the way', () => {
    const out = applyOverrides(base, ['billing.prices.x86_64.gbSecond=0.00001']) as Record<string, unknown>;
    expect(out.billing).toStrictEqual({ prices: { x86_64: { gbSecond: 0.00001 } } });
  });

  it('applies overrides in order, the last one winning', () => {
    const out = applyOverrides(base, ['functions.api.memorySize=256', 'functions.api.memorySize=1024']) as typeof base;
    expect(out.functions.api.memorySize).toBe(1024);
  });

  it('does not change its input', () => {
    const copy = structuredClone(base);
    applyOverrides(base, ['functions.api.memorySize=2048', 'workloads.web.name=www']);
    expect(base).toStrictEqual(copy);
  });

  it('reports the resolved path of each override', () => {
    const { applied } = applyOverridesDetailed(base, ['workloads.batch.arrivals.rate=2/s']);
    expect(applied).toStrictEqual([{ origin: '--set workloads.batch.arrivals.rate=2/s', path: ['workloads', 1, 'arrivals', 'rate'] }]);
  });

  it('splits at the first "=" only', () => {
    expect(parseOverride('expect.0=total.cost == 0')).toStrictEqual({ keys: ['expect', '0'], value: 'total.cost == 0' });
  });
});

describe('a malformed override is a ScenarioError naming --set', () => {
  it('without "="', () => {
    expect(thrown(() => applyOverrides(base, ['seed'])).format()).toBe(
      '--set seed: expected PATH=VALUE, e.g. functions.api.memorySize=1024, found no "=" in "seed"',
    );
  });

  it('with an empty path', () => {
    expect(thrown(() => applyOverrides(base, ['=5'])).format()).toBe(
      '--set =5: expected a key path before "=", e.g. functions.api.memorySize, found an empty path',
    );
  });

  it('with an empty segment', () => {
    expect(thrown(() => applyOverrides(base, ['functions..memorySize=5'])).format()).toBe(
      '--set functions..memorySize=5: expected keys joined by single dots, e.g. workloads.0.arrivals.rate, found "functions..memorySize"',
    );
  });

  it('naming a list item that does not exist, with a did-you-mean', () => {
    expect(thrown(() => applyOverrides(base, ['workloads.wbe.arrivals.rate=1/s'])).format()).toBe(
      '--set workloads.wbe.arrivals.rate=1/s: workloads.wbe: expected an index from 0 to 1 or a name (web, batch) ' +
        'of an item of workloads, found "wbe" (did you mean "web"?)',
    );
    expect(thrown(() => applyOverrides(base, ['workloads.5.arrivals.rate=1/s'])).format()).toBe(
      '--set workloads.5.arrivals.rate=1/s: workloads.5: expected an index from 0 to 1 or a name (web, batch) of an item of workloads, found "5"',
    );
  });

  it('going through a scalar', () => {
    expect(thrown(() => applyOverrides(base, ['functions.api.memorySize.x=1'])).format()).toBe(
      '--set functions.api.memorySize.x=1: functions.api.memorySize: expected a mapping or list to set x in, found 512',
    );
  });

  it('with a value that is not YAML', () => {
    expect(thrown(() => applyOverrides(base, ['functions.api.duration={dist: ['])).format()).toMatch(
      /^--set functions\.api\.duration=\{dist: \[: functions\.api\.duration: expected a YAML value after "=", found /,
    );
  });
});

describe('loading with overrides', () => {
  const text = [
    'name: demo', //                                   1
    'duration: 1h', //                                 2
    'functions:', //                                   3
    '  api:', //                                       4
    '    duration: 100ms', //                          5
    'workloads:', //                                   6
    '  - name: web', //                                7
    '    function: api', //                            8
    '    arrivals: { process: poisson, rate: 200/s }', // 9
  ].join('\n');
  const load = (overrides: string[], seed?: number) => parseScenarioText(text, 'scenario.yaml', { overrides, seed });

  it('validates and converts overridden values like the file', () => {
    const s = load(['workloads.web.arrivals.rate=300/s', 'functions.api.memorySize=2048', 'seed=7']);
    expect(s.workloads[0].arrivals).toStrictEqual({ process: 'poisson', rate: 300 });
    expect(s.functions.api.memorySize).toBe(2048);
    expect(s.seed).toBe(7);
  });

  it('the seed option replaces the scenario seed, after the overrides', () => {
    expect(load(['seed=7'], 11).seed).toBe(11);
  });

  it('an invalid overridden value names the override instead of a file position', () => {
    const e = thrown(() => load(['functions.api.memorySize=99999']));
    expect(e.format()).toBe(
      '--set functions.api.memorySize=99999: functions.api.memorySize: expected a whole number of MB from 128 to 10240, found 99999',
    );
    expect([e.file, e.line, e.origin]).toStrictEqual(['scenario.yaml', undefined, '--set functions.api.memorySize=99999']);
  });

  it('an error inside an overridden mapping names the override', () => {
    expect(thrown(() => load(['functions.api.duration={dist: uniform, min: 2s, max: 1s}'])).format()).toBe(
      '--set functions.api.duration={dist: uniform, min: 2s, max: 1s}: functions.api.duration.max: expected max of at least min (2s), found 1s',
    );
  });

  it('a key missing from a mapping an override created names the override', () => {
    expect(thrown(() => load(['functions.extra.memorySize=256'])).format()).toBe(
      '--set functions.extra.memorySize=256: functions.extra.duration: expected a duration such as 120ms or a distribution ' +
        'such as {dist: lognormal, p50: 80ms, p99: 600ms}, found nothing (duration is required)',
    );
  });

  it('a misspelt key set by an override gets a did-you-mean', () => {
    expect(thrown(() => load(['functions.api.memorysize=256'])).format()).toBe(
      '--set functions.api.memorysize=256: functions.api.memorysize: expected a known key, found memorysize (did you mean "memorySize"?)',
    );
  });

  it('an invalid seed option names --seed', () => {
    expect(thrown(() => load([], -1)).format()).toBe('--seed -1: seed: expected an integer of at least 0, found -1');
  });

  it('errors in the file come before errors in overrides', () => {
    const bad = text.replace('    duration: 100ms', '    duration: 100');
    const e = thrown(() => parseScenarioText(bad, 'scenario.yaml', { overrides: ['seed=-5'] }));
    expect([e.line, e.column, e.path]).toStrictEqual([5, 15, 'functions.api.duration']);
  });

  it('a malformed override names the scenario file in the error object', () => {
    const e = thrown(() => load(['nothing']));
    expect([e.file, e.format()]).toStrictEqual(['scenario.yaml', '--set nothing: expected PATH=VALUE, e.g. functions.api.memorySize=1024, found no "=" in "nothing"']);
  });
});
