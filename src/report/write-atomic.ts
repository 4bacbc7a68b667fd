/**
 * Whole-or-nothing file writes: a reader (or a crash) never sees half a report.
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { pid } from 'node:process';

/** Makes temporary names unique within this process; the pid makes them unique across processes. */
let counter = 0;

/**
 * Writes `data` to `<path>.tmp-<pid>-<counter>` in the same folder, flushes it to disk, then
 * renames it over `path`. A rename within one folder (one filesystem) is atomic, so `path` holds
 * either its old content or the whole new content. On any error the temporary file is removed
 * and the error is rethrown.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${pid}-${counter++}`;
  try {
    // 'wx': never write through a stale temporary left by someone else.
    const fd = openSync(tmp, 'wx');
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      // Flush before the rename, or a crash could leave the new name pointing at empty blocks.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone (or never created): nothing to clean up; the first error is the one to report.
    }
    throw err;
  }
}
