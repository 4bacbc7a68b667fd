/**
 * Runs `sim` in a folder of the test's own, two ways: as a user would (the built bin/sim.js over
 * dist/, in a new node process) or in this process through `main(argv, io)` over the sources,
 * which is some 50 times cheaper and is what most CLI tests use.
 */
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, type Io } from '../../src/cli/main.js';

export { tempDir } from './temp.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SIM = path.join(ROOT, 'bin', 'sim.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run `sim ...args` in a new node process with `cwd` as the current folder. */
export function sim(args: string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, [SIM, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** {@link sim} without blocking this process, so several runs can go at once. */
export function simAsync(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [SIM, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const status = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      if (status === -1) reject(err);
      else resolve({ status, stdout, stderr });
    });
  });
}

/**
 * Run `sim ...args` in this process with `cwd` as the current folder (restored afterwards; vitest's
 * `forks` pool allows chdir, and the tests of a file run one at a time), stdout and stderr captured
 * as a pipe would (no terminal, so no colour and no progress bar).
 */
export async function simInProcess(args: string[], cwd: string): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t), stdoutIsTty: false, stderrIsTty: false };
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const status = await main(args, io);
    return { status, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    process.chdir(before);
  }
}
