/** Runs the built `sim` (bin/sim.js over dist/) as a user would, in a folder of the test's own. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export { tempDir } from './temp.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SIM = path.join(ROOT, 'bin', 'sim.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run `sim ...args` with `cwd` as the current folder. */
export function sim(args: string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, [SIM, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

