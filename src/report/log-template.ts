/**
 * The common invocation's lines of the `logs` format (logs.ts: START, END and REPORT, no timeout,
 * no failed or timed-out INIT, no out-of-memory) written as bytes from a template. Everything up to
 * REPORT's `Duration:` has a fixed length within a day: three timestamps, three copies of the
 * request id and constant words. That head is kept filled in for the current day, copied whole and
 * patched (time-of-day digits, the id); the numbers after it are written digit by digit. One copy and
 * a few dozen byte stores replace the strings, concatenation and UTF-8 encoding that were most of a
 * logged run's cost (issue #19). The bytes are formatInvocationLog's text, character for character
 * (test/report-logs-bytes.test.ts).
 */
import type { InvocationEnd } from '../model/observer.js';
import { LogBytes, utf8 } from './log-bytes.js';

/** Simulated time (us from the start) as an ISO-8601 timestamp with ms, time 0 = the Unix epoch. */
export function logTimestamp(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString(); // wall-clock ok: calendar arithmetic on simulated time
}

const ZERO = 0x30;
/** "HH:MM:SS.mmmZ", the part of a timestamp after the date and its "T". */
const TIME_LENGTH = 13;
const ID_LENGTH = 36;
const START_WORDS = ' START RequestId: ';
const END_WORDS = ' END RequestId: ';
const REPORT_WORDS = ' REPORT RequestId: ';
const BILLED_WORDS = utf8(' ms\tBilled Duration: ');
const MEMORY_WORDS = utf8(' ms\tMemory Size: ');
const MAX_USED_WORDS = utf8(' MB\tMax Memory Used: ');
const MB_NEWLINE = utf8(' MB\n');
const INIT_WORDS = utf8(' MB\tInit Duration: ');
const RESTORE_WORDS = utf8(' MB\tRestore Duration: ');
const MS_NEWLINE = utf8(' ms\n');

/** The digits of one second's time of day, kept while times stay in that second. */
class TimeOfDay {
  private second = NaN;
  private readonly digits = new Uint8Array(6);

  /**
   * Writes "HH:MM:SS.mmmZ"'s digits at `at` (its colons, dot and Z are there already) for millisecond
   * `milli` of second `second`. Small integers in: a time in us passes 2^30 after 18 minutes, and a
   * number that large would be boxed (allocated) on every call that is not inlined.
   */
  patch(buf: Uint8Array, at: number, second: number, milli: number): void {
    const d = this.digits;
    if (second !== this.second) {
      this.second = second;
      const inDay = second - 86_400 * Math.floor(second / 86_400);
      const hours = Math.floor(inDay / 3600);
      const minutes = Math.floor((inDay - 3600 * hours) / 60);
      const seconds = inDay - 3600 * hours - 60 * minutes;
      d[0] = ZERO + Math.floor(hours / 10);
      d[1] = ZERO + (hours % 10);
      d[2] = ZERO + Math.floor(minutes / 10);
      d[3] = ZERO + (minutes % 10);
      d[4] = ZERO + Math.floor(seconds / 10);
      d[5] = ZERO + (seconds % 10);
    }
    buf[at] = d[0];
    buf[at + 1] = d[1];
    buf[at + 3] = d[2];
    buf[at + 4] = d[3];
    buf[at + 6] = d[4];
    buf[at + 7] = d[5];
    const hundreds = Math.floor(milli / 100);
    const rest = milli - 100 * hundreds;
    const tens = Math.floor(rest / 10);
    buf[at + 9] = ZERO + hundreds;
    buf[at + 10] = ZERO + tens;
    buf[at + 11] = ZERO + (rest - 10 * tens);
  }
}

/** Writes one function's common invocations. */
export class CommonLines {
  private day = NaN;
  private head: Uint8Array = new Uint8Array(0);
  /** Offsets in `head`: the start time's time of day, the end time's (twice), the request id (three times). */
  private startTime = 0;
  private endTime = 0;
  private endTime2 = 0;
  private id = 0;
  private id2 = 0;
  private id3 = 0;
  private readonly startTimes = new TimeOfDay();
  private readonly endTimes = new TimeOfDay();
  /** " ms\tMemory Size: <memorySize> MB\tMax Memory Used: ", for the usual invocation with the configured memory. */
  private readonly memoryWords: Uint8Array;
  private readonly restoreEnd: Uint8Array | null;
  /** Room one invocation needs at most. */
  readonly room: number;

  /**
   * @param version START's `Version:` ($LATEST or a version's number)
   * @param memorySize the function's configured memory (MB)
   * @param billedRestoreMs SnapStart functions only: the Billed Restore Duration of every restore
   */
  constructor(
    private readonly version: string,
    private readonly memorySize: number,
    billedRestoreMs: number | undefined,
  ) {
    this.memoryWords = utf8(` ms\tMemory Size: ${memorySize} MB\tMax Memory Used: `);
    this.restoreEnd = billedRestoreMs === undefined ? null : utf8(` ms\tBilled Restore Duration: ${billedRestoreMs} ms\n`);
    // The head (its dates at most 16 bytes: "+275760-09-13T"), then seven numbers of at most 25
    // characters (the longest text a number formats to) and the words between them.
    this.room = 3 * (16 + TIME_LENGTH + ID_LENGTH) + 128 + 3 * utf8(version).length + 7 * 25 + 256 + (this.restoreEnd?.length ?? 0);
  }

  /** Builds the head for day `day` (days since the epoch). */
  private setDay(day: number): void {
    this.day = day;
    const stamp = logTimestamp(day * 86_400_000_000); // "1970-01-01T00:00:00.000Z"
    const date = stamp.slice(0, stamp.length - TIME_LENGTH);
    const time = stamp.slice(-TIME_LENGTH);
    const id = '0'.repeat(ID_LENGTH);
    const parts = [date, time, START_WORDS, id, `\tVersion: ${this.version}\n`, date, time, END_WORDS, id, '\n', date, time, REPORT_WORDS, id, '\tDuration: '];
    const offsets: number[] = [];
    let text = '';
    for (const part of parts) {
      offsets.push(Buffer.byteLength(text, 'utf8'));
      text += part;
    }
    this.startTime = offsets[1];
    this.id = offsets[3];
    this.endTime = offsets[6];
    this.id2 = offsets[8];
    this.endTime2 = offsets[11];
    this.id3 = offsets[13];
    this.head = utf8(text);
  }

  /**
   * Appends the lines of invocation `r` (a common one: the caller checked), with request id `words`
   * (RequestIds.words); false, writing nothing, when it started and ended on different days (the
   * caller formats that one as text). The record itself comes in, not its times: see `patch`.
   */
  write(out: LogBytes, r: InvocationEnd, words: Uint32Array): boolean {
    // START is when the invoke phase began: the end minus the duration (after INIT, on a cold start).
    const startMs = Math.floor((r.endAt - r.durationUs) / 1000);
    const endMs = Math.floor(r.endAt / 1000);
    const startSecond = Math.floor(startMs / 1000);
    const endSecond = Math.floor(endMs / 1000);
    const day = Math.floor(endSecond / 86_400);
    if (Math.floor(startSecond / 86_400) !== day) return false;
    if (day !== this.day) this.setDay(day);
    const buf = out.reserve(this.room);
    const at = out.pos;
    buf.set(this.head, at);
    this.startTimes.patch(buf, at + this.startTime, startSecond, startMs - 1000 * startSecond);
    this.endTimes.patch(buf, at + this.endTime, endSecond, endMs - 1000 * endSecond);
    buf.copyWithin(at + this.endTime2, at + this.endTime, at + this.endTime + TIME_LENGTH);
    out.pos = at + this.id;
    out.requestId(words);
    buf.copyWithin(at + this.id2, at + this.id, at + this.id + ID_LENGTH);
    buf.copyWithin(at + this.id3, at + this.id, at + this.id + ID_LENGTH);
    out.pos = at + this.head.length;
    out.ms2(r.durationUs);
    out.bytes(BILLED_WORDS);
    out.uint(r.billedMs);
    if (r.memoryMb === this.memorySize) {
      out.bytes(this.memoryWords);
    } else {
      out.bytes(MEMORY_WORDS);
      out.uint(r.memoryMb);
      out.bytes(MAX_USED_WORDS);
    }
    out.uint(r.memoryUsedMb);
    if (r.initUs <= 0) {
      out.bytes(MB_NEWLINE);
    } else if (this.restoreEnd !== null) {
      out.bytes(RESTORE_WORDS);
      out.ms2(r.initUs);
      out.bytes(this.restoreEnd);
    } else {
      out.bytes(INIT_WORDS);
      out.ms2(r.initUs);
      out.bytes(MS_NEWLINE);
    }
    return true;
  }
}
