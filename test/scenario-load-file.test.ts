import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isScenarioError } from '../src/scenario/errors.js';
import { fileReadError, loadScenario } from '../src/scenario/load.js';
import { thrown } from './helpers/scenario-error.js';

const fixture = join('test', 'fixtures', 'scenario', 'checkout.yaml');
const dir = mkdtempSync(join(tmpdir(), 'lambda-sim-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('loadScenario reads a file', () => {
  it('loads the checkout fixture', () => {
    const s = loadScenario(fixture);
    expect(s.name).toBe('checkout-flash-sale');
    expect(s.seed).toBe(42);
    expect(s.duration).toBe(7_200_000_000);
    expect(s.functions.checkout.timeout).toBe(29_000_000);
    expect(s.workloads).toStrictEqual([
      { name: 'web', function: 'checkout', invocation: 'sync', start: 0, end: 7_200_000_000, arrivals: { process: 'poisson', rate: 200 } },
    ]);
    // Lines 20 and 21 of the fixture, after "  - ".
    expect(s.expect.map((e) => [e.text, e.value, e.line, e.column])).toStrictEqual([
      ['total.cost <= 40 USD', 40, 20, 5],
      ['checkout.latency.p99 < 800ms', 800, 21, 5],
    ]);
  });

  it('applies overrides and the seed option to a file', () => {
    const s = loadScenario(fixture, { overrides: ['workloads.web.arrivals.rate=300/s'], seed: 3 });
    expect(s.workloads[0].arrivals).toStrictEqual({ process: 'poisson', rate: 300 });
    expect(s.seed).toBe(3);
  });

  it('a missing file', () => {
    const file = join(dir, 'nope.yaml');
    const e = thrown(() => loadScenario(file));
    expect(e.format()).toBe(`${file}: expected a readable scenario file, found no file at this path`);
    expect(isScenarioError(e)).toBe(true);
  });

  it('a directory', () => {
    expect(thrown(() => loadScenario(dir)).format()).toBe(`${dir}: expected a readable scenario file, found a directory`);
  });

  // Tests may run as root, who can read any file, so the permission case feeds the error in directly.
  it('an unreadable file', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(fileReadError('locked.yaml', denied).format()).toBe(
      'locked.yaml: expected a readable scenario file, found a file that cannot be read (permission denied)',
    );
    const other = Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    expect(fileReadError('disk.yaml', other).format()).toBe('disk.yaml: expected a readable scenario file, found a file that cannot be read (EIO)');
  });

  it('an error in a file names the file as given', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\nduration: 1h\nfunctions:\n  f:\n    duration: 1s\n    memorySize: 64\n');
    expect(thrown(() => loadScenario(file)).format()).toBe(
      `${file}:6:17: functions.f.memorySize: expected a whole number of MB from 128 to 10240, found 64`,
    );
  });

  it('a Windows line-ending file gives the same positions', () => {
    const file = join(dir, 'crlf.yaml');
    writeFileSync(file, 'name: bad\r\nduration: 1h\r\nfunctions:\r\n  f:\r\n    duration: 1s\r\n    memorySize: 64\r\n');
    expect(thrown(() => loadScenario(file)).format()).toBe(
      `${file}:6:17: functions.f.memorySize: expected a whole number of MB from 128 to 10240, found 64`,
    );
  });
});
