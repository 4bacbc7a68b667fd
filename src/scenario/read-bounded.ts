/**
 * Reads an input file (a scenario, a trace, an empirical sample) only when it is a regular file no
 * larger than a stated limit, so `/dev/zero`, `/dev/urandom`, a FIFO or a folder are refused at
 * once instead of filling memory or waiting forever. The limits are in docs/scenario-format.md.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The largest scenario file read: far above any hand-written scenario (1,000 functions take ~100 KB). */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;
/** The largest data file read (trace, empirical sample): a full day of the Azure trace fits. */
export const MAX_DATA_FILE_BYTES = 256 * 1024 * 1024;

/** Why a file was not read: `found` completes "expected a readable ... file, found ...". */
export class FileReadError extends Error {
  constructor(
    readonly found: string,
    readonly code?: string,
  ) {
    super(found);
    this.name = 'FileReadError';
  }
}

/** "4 MB", "256 MB". */
export function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

/** A failed open or read in words ("no file at this path", "a file that cannot be read (EIO)"). */
export function describeReadError(error: unknown): string {
  if (error instanceof FileReadError) return error.found;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' ? 'no file at this path'
    : code === 'EISDIR' ? 'a directory'
    : code === 'EACCES' || code === 'EPERM' ? 'a file that cannot be read (permission denied)'
    : `a file that cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

/** What a file that is not a regular file is, for the error line. */
function kindOf(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO), not a regular file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device, not a regular file';
  if (stat.isSocket()) return 'a socket, not a regular file';
  return 'not a regular file';
}

/**
 * The UTF-8 text of `path`, read with at most `maxBytes + 1` bytes of memory.
 *
 * @throws FileReadError for a missing or unreadable path, anything but a regular file, or a file
 * above `maxBytes` (also one that grows past it while being read)
 */
export function readBoundedFile(path: string, maxBytes: number): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO without a writer returns at once (then fstat refuses it) instead of blocking.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new FileReadError(describeReadError(error), (error as NodeJS.ErrnoException | undefined)?.code);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new FileReadError(kindOf(stat));
    const tooLarge = (): FileReadError => new FileReadError(`a file larger than the limit of ${formatLimit(maxBytes)}`);
    if (stat.size > maxBytes) throw tooLarge();
    // Read up to one byte past the limit: a file that grew since fstat (or lies about its size, as
    // some /proc files do) is still bounded.
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stat.size + 1, 64 * 1024)));
    let chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge();
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
    const text = Buffer.concat(chunks, total).toString('utf8');
    chunks = [];
    return text;
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(describeReadError(error), (error as NodeJS.ErrnoException | undefined)?.code);
  } finally {
    closeSync(fd);
  }
}
