/**
 * Temporary folders for tests, removed when the test file ends: a suite run leaves nothing in the
 * temp directory. The clean-up is registered for every test file by test/setup-temp.ts (a vitest
 * setup file): with a shared module registry (`isolate: false`) this module is evaluated once per
 * worker, so an afterAll here would only run for the first file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** Removes every folder made so far (called after each test file). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh temporary folder holding the given files (name -> text), removed after the test file. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambda-sim-test-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
