/**
 * Issue #20, group 3: files that never end. Only regular files are read, with a size limit
 * (read-bounded.ts): devices, FIFOs and folders are refused at once with one line, exit 2.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLine, hostile, hostileDir } from './helpers/hostile.js';
import { MAX_DATA_FILE_BYTES, MAX_SCENARIO_BYTES, readBoundedFile } from '../src/scenario/read-bounded.js';

const empirical = (file: string): string => `name: e\nduration: 1s\nfunctions:\n  api: { duration: { dist: empirical, file: ${file} } }\n`;

describe('files that never end', () => {
  it.each([
    ['/dev/zero', /\/dev\/zero: expected a readable scenario file, found a device, not a regular file/],
    ['/dev/urandom', /found a device, not a regular file/],
    ['.', /found a directory/],
    ['missing.yaml', /found no file at this path/],
  ])('refuses %s as the scenario', async (file, pattern) => {
    expectOneLine(await hostile(['validate', file]), pattern);
  });

  it.each([['/dev/zero'], ['/dev/urandom']])('refuses %s as an empirical sample', async (file) => {
    const r = await hostile(['validate', 'e.yaml'], hostileDir({ 'e.yaml': empirical(file) }));
    expectOneLine(r, /functions\.api\.duration\.file: expected a readable data file .*found a device, not a regular file/);
  });

  it('refuses a FIFO (as the scenario and as a data file) without waiting for a writer', async () => {
    const dir = hostileDir({ 'e.yaml': empirical('pipe.csv') });
    execFileSync('mkfifo', [path.join(dir, 'pipe.csv'), path.join(dir, 'pipe.yaml')]);
    expectOneLine(await hostile(['validate', 'pipe.yaml'], dir), /found a named pipe \(FIFO\), not a regular file/);
    expectOneLine(await hostile(['validate', 'e.yaml'], dir), /found a named pipe \(FIFO\), not a regular file at pipe\.csv/);
  });

  it('refuses a folder as a data file', async () => {
    const dir = hostileDir({ 'e.yaml': empirical('samples') });
    mkdirSync(path.join(dir, 'samples'));
    expectOneLine(await hostile(['validate', 'e.yaml'], dir), /found a directory at samples/);
  });

  it('refuses a scenario above the size limit', async () => {
    const dir = hostileDir();
    writeFileSync(path.join(dir, 'big.yaml'), `# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`);
    expectOneLine(await hostile(['validate', 'big.yaml'], dir), /found a file larger than the limit of 4 MB/);
  });

  it('bounds a data file too (checked on a small limit)', () => {
    const dir = hostileDir({ 'd.csv': 'x'.repeat(2000) });
    expect(() => readBoundedFile(path.join(dir, 'd.csv'), 1000)).toThrow(/larger than the limit of/);
    expect(readBoundedFile(path.join(dir, 'd.csv'), 2000)).toHaveLength(2000);
    expect(MAX_DATA_FILE_BYTES).toBe(256 * 1024 * 1024);
  });
});
