/**
 * The hostile-input suite's helper: run `sim` in process in a temporary folder holding the
 * fixtures of test/fixtures/hostile/ (and any extra files), and check the promise of issue #20:
 * bad input gives one clean line on stderr (no stack trace, no raw control characters) and exit 2.
 */
import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT, simInProcess, tempDir, type CliResult } from './cli.js';

export const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile');

/** A temporary folder with every hostile fixture and `files` (name -> text). */
export function hostileDir(files: Record<string, string> = {}): string {
  const dir = tempDir(files);
  for (const name of readdirSync(HOSTILE)) copyFileSync(path.join(HOSTILE, name), path.join(dir, name));
  return dir;
}

/** `sim ...args` in `dir` (default a fresh hostileDir). */
export async function hostile(args: string[], dir = hostileDir()): Promise<CliResult> {
  return simInProcess(args, dir);
}

/** Asserts a refusal: exit `status` (default 2) and exactly one clean line on stderr matching `pattern`. */
export function expectOneLine(r: CliResult, pattern: RegExp, status = 2): void {
  expect(r.stderr, r.stderr).toMatch(pattern);
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  // eslint-disable-next-line no-control-regex
  expect(r.stderr.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f]/);
  expect(r.status).toBe(status);
}
