/**
 * A file written piece by piece but published whole: text goes to `<path>.tmp-<pid>-<n>` (through
 * a 64 KB buffer, so memory stays flat; bytes, which their writer buffered, go at once), and
 * `commit()` flushes it to disk and renames it over `path`. `abort()` removes the temporary file, so a failed or interrupted run leaves no
 * half-written timeseries.csv or log behind. Used for the streamed reports (logs, timeseries).
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { pid } from 'node:process';

const BUFFER_CHARS = 64 * 1024;
let counter = 0;

export class StreamFile {
  /** The temporary name being written. */
  readonly tmp: string;
  private fd: number | null;
  private chunks: string[] = [];
  private buffered = 0;
  private bytes = 0;

  /** Creates the temporary file (its folder must exist). */
  constructor(readonly path: string) {
    this.tmp = `${path}.tmp-${pid}-${counter++}`;
    // 'wx': never write through a stale temporary left by someone else.
    this.fd = openSync(this.tmp, 'wx');
  }

  /** Bytes written so far (flushed or buffered). */
  get size(): number {
    return this.bytes + Buffer.byteLength(this.chunks.join(''), 'utf8');
  }

  /** Appends text, or bytes (written at once, so the caller may reuse their buffer). */
  readonly write = (text: string | Uint8Array): void => {
    if (this.fd === null) throw new Error(`${this.path}: write after commit or abort`);
    if (typeof text !== 'string') {
      this.flush();
      this.writeBytes(text);
      return;
    }
    this.chunks.push(text);
    this.buffered += text.length;
    if (this.buffered >= BUFFER_CHARS) this.flush();
  };

  /** Writes what is buffered, flushes to disk and renames the file to its final name. */
  commit(): void {
    if (this.fd === null) throw new Error(`${this.path}: already committed or aborted`);
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.tmp, this.path);
  }

  /** Drops the file (safe to call more than once, and after a failed commit). */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Closing failed: the unlink below is what matters.
      }
      this.fd = null;
    }
    this.chunks = [];
    this.buffered = 0;
    try {
      unlinkSync(this.tmp);
    } catch {
      // Already renamed or removed.
    }
  }

  private flush(): void {
    if (this.chunks.length === 0 || this.fd === null) return;
    const data = Buffer.from(this.chunks.join(''), 'utf8');
    this.chunks = [];
    this.buffered = 0;
    this.writeBytes(data);
  }

  private writeBytes(data: Uint8Array): void {
    const fd = this.fd as number;
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    this.bytes += data.length;
  }
}
