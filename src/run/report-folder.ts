/**
 * The report folder, replaced whole: a run writes every report into a temporary sibling folder
 * and swaps it in only when all of them are complete, so a full disk, an error or a signal at any
 * moment leaves the previous report as it was (and no half-written file next to it).
 *
 * The swap: rename the old folder aside, rename the new one in, remove the old one. A folder that
 * holds anything but report files (`--out .`) is never moved or removed: the new files are renamed
 * into it one by one instead (each rename atomic), and nothing else in it is touched.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pid } from 'node:process';

/** The report folder cannot be created or written: the reason is the user's to fix (exit 2), not a bug. */
export class ReportFolderError extends Error {
  constructor(
    readonly dir: string,
    readonly reason: string,
  ) {
    super(`cannot write the report folder ${dir}: ${reason}`);
    this.name = 'ReportFolderError';
  }
}

/**
 * Names a lambda-sim report folder holds: `sim run`'s reports and logs/, what --replications adds,
 * `sim sweep`'s (points/ with --keep-reports), `sim compare`'s, and a shard's partial folder
 * (shard-file.ts: shard.json, first/, points/). A run that did not write one of them removes it, so
 * no file of an earlier run (replications.md saying "holds" for lines that are gone) survives.
 */
const REPORT_FILES = ['summary.txt', 'summary.md', 'summary.json', 'functions.csv', 'timeseries.csv', 'report.html'];
const WHATIF_FILES = ['replications.md', 'replications.json', 'sweep.csv', 'sweep.json', 'sweep.md', 'sweep.html', 'compare.md', 'compare.json', 'shard.json'];
const REPORT_FOLDERS = ['logs', 'points', 'first'];
const REPORT_ENTRIES = new Set([...REPORT_FILES, ...WHATIF_FILES, ...REPORT_FOLDERS]);
const STALE_TEMPORARY = /\.tmp-\d+-\d+$/;

/**
 * Whether the entry `name` of a folder that also holds the user's own files is lambda-sim's: a
 * report file by name; logs/, points/ and first/ only when everything in them is too (a user's
 * own `points/` folder is left alone).
 */
function isOwnEntry(folder: string, name: string): boolean {
  if (REPORT_FILES.includes(name) || WHATIF_FILES.includes(name)) return lstatSync(path.join(folder, name)).isFile();
  const inside = path.join(folder, name);
  if (!REPORT_FOLDERS.includes(name) || !lstatSync(inside).isDirectory()) return false;
  const entries = readdirSync(inside);
  if (name === 'logs') return entries.every((e) => e.endsWith('.log'));
  if (name === 'points') return entries.every((e) => /^point-\d+$/.test(e));
  return entries.every((e) => REPORT_ENTRIES.has(e));
}

/** A filesystem error in words, with its code. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOTDIR: 'a file is in the way where a folder is needed',
    EEXIST: 'a file is in the way where a folder is needed',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'a read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is exceeded',
    ENAMETOOLONG: 'a file name too long for the file system',
    ENOENT: 'a folder on the way cannot be created',
    EISDIR: 'a folder is in the way where a file is needed',
    EIO: 'an input/output error',
  };
  if (code !== undefined && Object.hasOwn(words, code)) return `${words[code]} (${code})`;
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** True for an error from a filesystem call (it has an errno code and a syscall). */
export function isFsError(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException | undefined;
  return e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string';
}

/** A report folder being written: `dir` is the temporary folder; `commit` swaps it in, `abort` removes it. */
export interface StagedFolder {
  readonly dir: string;
  commit(): void;
  abort(): void;
}

let counter = 0;

/** Runs `fn`, turning a filesystem error into a {@link ReportFolderError} about `target`. */
function onTarget<T>(target: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (isFsError(error)) throw new ReportFolderError(target, describeFsError(error));
    throw error;
  }
}

/** What is at `target` now: nothing, a folder (its real path), or something else (refused). */
function existingFolder(target: string): string | null {
  let stat;
  try {
    stat = lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (stat.isSymbolicLink()) stat = statSync(target);
  if (!stat.isDirectory()) {
    const what = stat.isFile() ? 'a file' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : 'not a folder';
    throw new ReportFolderError(target, `it is ${what}, not a folder`);
  }
  return realpathSync(target);
}

/**
 * Creates the temporary sibling folder of `target` (and `target`'s parents). Refuses at once, with
 * a {@link ReportFolderError}, a target that is a file or a device, or a place that cannot be written.
 */
export function stageReportFolder(target: string): StagedFolder {
  return onTarget(target, () => {
    const existing = existingFolder(target);
    const final = existing ?? target;
    const parent = path.dirname(final);
    mkdirSync(parent, { recursive: true });
    const tag = `${pid}-${counter++}`;
    const temp = path.join(parent, `.${path.basename(final)}.tmp-${tag}`);
    mkdirSync(temp);
    let done = false;
    return {
      dir: temp,
      commit: () => {
        if (done) throw new Error(`report folder ${target}: already committed or aborted`);
        onTarget(target, () => swapIn(temp, final, tag));
        done = true;
      },
      abort: () => {
        if (done) return;
        done = true;
        rmSync(temp, { recursive: true, force: true });
      },
    };
  });
}

/** Replace `final` by `temp` (see the file comment). */
function swapIn(temp: string, final: string, tag: string): void {
  if (!existsSync(final)) {
    renameSync(temp, final);
    return;
  }
  const entries = readdirSync(final);
  if (entries.every((name) => REPORT_ENTRIES.has(name) || STALE_TEMPORARY.test(name))) {
    const aside = path.join(path.dirname(final), `.${path.basename(final)}.old-${tag}`);
    renameSync(final, aside);
    try {
      renameSync(temp, final);
    } catch (error) {
      renameSync(aside, final);
      throw error;
    }
    rmSync(aside, { recursive: true, force: true });
    return;
  }
  // A folder with other content: move the report's entries in one by one, the old ones aside first.
  const moved: { name: string; aside: string | null }[] = [];
  try {
    for (const name of readdirSync(temp)) {
      const into = path.join(final, name);
      const aside = existsSync(into) ? path.join(final, `.${name}.old-${tag}`) : null;
      if (aside !== null) renameSync(into, aside);
      moved.push({ name, aside });
      renameSync(path.join(temp, name), into);
    }
  } catch (error) {
    // Put back what was there: the previous report stays whole.
    for (const { name, aside } of moved.reverse()) {
      try {
        if (existsSync(path.join(final, name)) && !existsSync(path.join(temp, name))) renameSync(path.join(final, name), path.join(temp, name));
        if (aside !== null) renameSync(aside, path.join(final, name));
      } catch {
        // Best effort: the first error is the one to report.
      }
    }
    throw error;
  }
  for (const { aside } of moved) if (aside !== null) rmSync(aside, { recursive: true, force: true });
  rmSync(temp, { recursive: true, force: true });
  // The folder is replaced whole as far as lambda-sim's own files go: an earlier run's that this one did not write go too.
  const written = new Set(moved.map((m) => m.name));
  for (const name of readdirSync(final)) {
    if (!written.has(name) && isOwnEntry(final, name)) rmSync(path.join(final, name), { recursive: true, force: true });
  }
}

/**
 * Stage the folder `target`, let `fill` write into the temporary folder, swap it in when `fill`
 * resolves, remove it when `fill` throws (an abort included). The what-if commands write their
 * outputs so, and their runs' report folders (replication 1, --keep-reports) inside it: a signal
 * or an error leaves neither a temporary folder nor a half-new folder.
 */
export async function withStagedFolder<T>(target: string, fill: (dir: string) => Promise<T>): Promise<T> {
  const staged = stageReportFolder(target);
  try {
    const value = await fill(staged.dir);
    staged.commit();
    return value;
  } catch (error) {
    staged.abort();
    throw error;
  }
}
