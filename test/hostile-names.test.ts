/**
 * Issue #20, group 1: prototype pollution. User-chosen names live in prototype-free maps;
 * `__proto__` is refused everywhere (file keys, --set paths, --set values) with one line; names
 * such as `constructor` and `toString` are legal Lambda names and work in every output.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLine, hostile, hostileDir } from './helpers/hostile.js';
import { Document } from 'yaml';
import { parseScenario } from '../src/run/parse.js';
import { firstKeyProblem } from '../src/scenario/key-checks.js';

const PROTO_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('prototype pollution', () => {
  it('runs functions named like Object.prototype members through every output', async () => {
    const dir = hostileDir();
    const r = await hostile(['run', 'prototype-names.yaml', '--out', 'out', '--quiet'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = path.join(dir, 'out');
    expect(readdirSync(out).sort()).toEqual(['functions.csv', 'logs', 'report.html', 'summary.json', 'summary.md', 'summary.txt', 'timeseries.csv']);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(Object.keys(summary.functions)).toEqual(PROTO_NAMES);
    for (const name of PROTO_NAMES) {
      expect(summary.functions[name].invocations).toBeGreaterThan(0);
      expect(readFileSync(path.join(out, 'functions.csv'), 'utf8')).toContain(`\n${name},`);
      expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain(name);
      expect(readFileSync(path.join(out, 'timeseries.csv'), 'utf8')).toContain(name);
      expect(readFileSync(path.join(out, 'logs', `${name}.log`), 'utf8')).toMatch(/REPORT RequestId/);
    }
    expect(readFileSync(path.join(out, 'summary.txt'), 'utf8')).toContain('valueOf');
  });

  it('keeps the scenario maps prototype-free, so an undefined name is not found on Object.prototype', () => {
    const s = parseScenario('name: a\nduration: 1s\nfunctions: {api: {duration: 1ms}}\nqueues: {q: {}}\n');
    expect(Object.getPrototypeOf(s.functions)).toBeNull();
    expect(s.functions.toString).toBeUndefined();
    expect(Object.getPrototypeOf(s.queues)).toBeNull();
  });

  it('refuses a function named __proto__ in the file, with its position', async () => {
    const r = await hostile(['validate', 'proto-function.yaml']);
    expectOneLine(r, /^sim: proto-function\.yaml:6:3: functions\.__proto__: "__proto__" cannot be a key/);
  });

  it.each([
    ['__proto__.polluted=1'],
    ['functions.__proto__.x=1'],
    ['functions={__proto__: {duration: 1ms}}'],
    ['functions.api={__proto__: {polluted: 1}}'],
  ])('refuses --set %s without polluting Object.prototype', async (set) => {
    const r = await hostile(['run', 'tiny.yaml', '--out', 'out', '--set', set]);
    expectOneLine(r, /"__proto__" cannot be a key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('sets a function named constructor with --set (own keys only)', async () => {
    const dir = hostileDir();
    const r = await hostile(['run', 'tiny.yaml', '--out', 'out', '--quiet', '--set', 'functions.constructor.duration=5ms', '--set', 'workloads.0.function=constructor'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8')).functions.constructor.invocations).toBeGreaterThan(0);
  });

  it('does not find an undefined workload target on Object.prototype', async () => {
    const r = await hostile(['validate', 'tiny.yaml', '--set', 'workloads.0.function=toString']);
    expectOneLine(r, /workloads\.0\.function: expected the name of a function under functions/);
    expect(existsSync('out')).toBe(false);
  });
});

describe('duplicate keys', () => {
  it('refuses a duplicate key with its position', async () => {
    const r = await hostile(['validate', 'dup.yaml'], hostileDir({ 'dup.yaml': 'name: x\nduration: 1s\nfunctions:\n  a: {duration: 1ms}\n  a: {duration: 2ms}\n' }));
    expectOneLine(r, /^sim: dup\.yaml:5:3: functions\.a: expected each key at most once in a mapping, found a a second time/);
  });

  it('checks 100,000 keys in linear time (the yaml package check is quadratic)', () => {
    const doc = new Document({ extra: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, 1])) });
    const started = process.hrtime.bigint();
    expect(firstKeyProblem(doc.contents)).toBeUndefined();
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(2);
  });

  it('names a duplicate among 20,000 keys with its line', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: 1`).join('\n');
    const text = `name: x\nduration: 1s\nfunctions:\n  a: {duration: 1ms}\nextra:\n${keys}\n  k5: 2\n`;
    const r = await hostile(['validate', 'many.yaml'], hostileDir({ 'many.yaml': text }));
    expectOneLine(r, /many\.yaml:20006:3: extra\.k5: expected each key at most once/);
  });
});
