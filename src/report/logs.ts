/**
 * The `logs` format: CloudWatch-style `START` / `END` / `REPORT` lines per invocation
 * (lambda-behavior.md section 13), one file per function, streamed through a sink as invocations
 * end, so memory does not grow with the number of invocations.
 *
 * Layout of one invocation (written together when it ends, so a file is ordered by end time; each
 * line starts with the simulated time of the event, time 0 being 1970-01-01T00:00:00.000Z):
 *
 * ```
 * 1970-01-01T00:00:01.431Z START RequestId: 3b1f...-...	Version: $LATEST
 * 1970-01-01T00:00:11.431Z 3b1f...-... Task timed out after 10.00 seconds      (timeouts only)
 * 1970-01-01T00:00:11.431Z END RequestId: 3b1f...-...
 * 1970-01-01T00:00:11.431Z REPORT RequestId: 3b1f...-...	Duration: 15.74 ms	Billed Duration: 147 ms	Memory Size: 128 MB	Max Memory Used: 74 MB	Init Duration: 130.49 ms
 * ```
 *
 * `START` is stamped when the invoke phase begins (after INIT on a cold start), `END` and `REPORT`
 * when it ends. `Init Duration` appears only on the first invocation of an environment.
 * An INIT that passed its 10 s limit or failed (model/init-phase.ts) is reported by `INIT_REPORT`
 * lines before START instead (`Phase: init  Status: timeout`; or, for a failure,
 * `Phase: init  Status: error  Error Type: ...` then `Phase: invoke ...`), and a failed INIT's REPORT
 * ends in `Status: error  Error Type: ...`.
 * A SnapStart function (model/init-phase.ts) restores instead of INIT: its cold start's REPORT ends in
 * `Restore Duration: 562.43 ms	Billed Restore Duration: 118 ms` instead of Init Duration, the layout
 * of public SnapStart logs (snapstart-monitoring.html names the fields); its INIT_REPORT belongs to
 * the version's publication, before the simulated period, so none is written.
 * `Max Memory Used` is the invocation's `memoryUsed` draw (whole MB, at most Memory Size), where AWS
 * prints it (lambda-behavior.md section 13). An invocation that ran out of memory gets an error line
 * before END, `<id> Error: Runtime exited with error: signal: killed Runtime.OutOfMemory` (the exit
 * message Lambda logs when the runtime is killed at the memory limit, with the error type Lambda
 * reports for it), and reports Max Memory Used equal to Memory Size. An invocation still running when simulated time ends has no lines
 * (it is not billed either), so the `Billed Duration` values of a file add up to the function's
 * `billedDurationMs`.
 */
import { mix32 } from '../kernel/hash.js';
import { createHash } from 'node:crypto';
import type { InvocationEnd, InvocationObserver } from '../model/observer.js';
import { LogBytes } from './log-bytes.js';
import { CommonLines, logTimestamp } from './log-template.js';

export { logTimestamp };

/** Bytes of one invocation's lines, roughly (START + END + REPORT with timestamps), for the size warning. */
export const LOG_BYTES_PER_INVOCATION = 355;
/** Warn on stderr before a run whose logs are expected to be larger than this (bytes). */
export const LOG_WARN_BYTES = 100 * 1024 * 1024;

/** One function as the log writer needs it. */
export interface LogFunction {
  name: string;
  /** Configured memory (MB), the `Memory Size` field. */
  memorySize: number;
  /** Configured timeout (us), for the "Task timed out after" line. */
  timeoutUs: number;
  /** The Error Type a failed INIT prints (default Runtime.ImportModuleError). */
  initErrorType?: string;
  /** SnapStart functions only: Billed Restore Duration (ms) of every restore (model/init-phase.ts). */
  billedRestoreMs?: number;
  /** The version START prints: a published version's number ("2" for instance `fn:2`); default $LATEST. */
  version?: string;
}

/**
 * The log file of an instance: `<fn>.log`, and `<fn>.v<N>.log` for the published version `fn:N`. A
 * colon is refused by Windows and GitHub's upload-artifact; a function name has no dot (letters,
 * digits, hyphens, underscores), so `fn.vN` never meets another function's or an edge instance's name.
 */
export function logFileName(instance: string, version: { function: string; version: string } | undefined): string {
  return version === undefined ? `${instance}.log` : `${version.function}.v${version.version}.log`;
}

export interface LogObserverOptions {
  /** The scenario seed: request ids depend on it, the function name and the invocation's sequence number. */
  seed: number;
  functions: readonly LogFunction[];
  /**
   * One sink per function (same order), each receiving that function's log bytes (UTF-8) in order,
   * whole invocations at a time. A chunk is only valid during the call: its buffer is reused.
   */
  sinks: readonly ((chunk: Uint8Array) => void)[];
}


/** HEX2[b]: byte b as two lowercase hex digits. Request ids are built from it, not from toString(16) (a quarter of a logged run). */
const HEX2 = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The four bytes of a 32-bit unsigned number as eight hex digits. */
function hex8(n: number): string {
  return HEX2[n >>> 24] + HEX2[(n >>> 16) & 0xff] + HEX2[(n >>> 8) & 0xff] + HEX2[n & 0xff];
}

/** The high 16 bits of n as four hex digits. */
function hex4High(n: number): string {
  return HEX2[n >>> 24] + HEX2[(n >>> 16) & 0xff];
}

/** The low 16 bits of n as four hex digits. */
function hex4Low(n: number): string {
  return HEX2[(n >>> 8) & 0xff] + HEX2[n & 0xff];
}

/**
 * Makes request ids: UUID-shaped (version 4 layout, `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`) and
 * deterministic. Each function gets four 32-bit keys from SHA-256 of (seed, function name); the
 * id of invocation `seq` mixes each key with `seq` through a bijective 32-bit mixer. The first
 * word is a bijection of `seq` for a fixed function, so ids never repeat within a function (for
 * fewer than 2^32 invocations); different functions or seeds give unrelated ids.
 */
export class RequestIds {
  private readonly keys: Uint32Array;
  /** The four words of the last id computed (`words`), as the UUID prints them. */
  private readonly w = new Uint32Array(4);

  constructor(seed: number, functionName: string) {
    const digest = createHash('sha256').update(`lambda-sim request id\0${seed}\0${functionName}`).digest();
    this.keys = new Uint32Array([digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8), digest.readUInt32BE(12)]);
  }

  /** The four words of invocation `seq`'s id, as the UUID prints them (valid until the next call). */
  words(seq: number): Uint32Array {
    const lo = seq >>> 0;
    const hi = Math.floor(seq / 0x1_0000_0000) >>> 0;
    const k = this.keys;
    const w = this.w;
    const a = mix32(k[0] ^ mix32(lo ^ mix32(hi)));
    const b = mix32(k[1] ^ a);
    const c = mix32(k[2] ^ b);
    w[0] = a;
    // Version nibble 4 and variant bits 10xx, as in a random (v4) UUID.
    w[1] = (b & 0xffff0fff) | 0x00004000;
    w[2] = (c & 0x3fffffff) | 0x80000000;
    w[3] = mix32(k[3] ^ c);
    return w;
  }

  /** The request id of invocation `seq` (0, 1, 2 ... per function). */
  id(seq: number): string {
    const w = this.words(seq);
    return `${hex8(w[0])}-${hex4High(w[1])}-${hex4Low(w[1])}-${hex4High(w[2])}-${hex4Low(w[2])}${hex8(w[3])}`;
  }
}

/** The request id of invocation `seq` of `functionName` under `seed` (see {@link RequestIds}). */
export function requestId(seed: number, functionName: string, seq: number): string {
  return new RequestIds(seed, functionName).id(seq);
}

/** MS_Z[ms]: "000Z" .. "999Z", the end of an ISO timestamp. */
const MS_Z = Array.from({ length: 1000 }, (_, ms) => `${String(ms).padStart(3, '0')}Z`);

/**
 * {@link logTimestamp} with the calendar part cached: a Date and toISOString per line were a quarter
 * of a logged run, while consecutive lines mostly fall in the same second. The text up to the
 * milliseconds ("1970-01-01T00:00:01.") is computed once per second and the milliseconds come from a
 * table, so the result is logTimestamp's, character for character. One formatter per time that moves
 * forward (start times, end times), so each keeps hitting its cache.
 */
class TimestampFormatter {
  // Not -1: that is a second too (just before the epoch), with an empty prefix.
  private second = NaN;
  private prefix = '';

  format(us: number): string {
    const ms = Math.floor(us / 1000);
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.second = second;
      // Drop "sssZ" from the second's own timestamp.
      this.prefix = logTimestamp(second * 1_000_000).slice(0, -4);
    }
    return this.prefix + MS_Z[ms - second * 1000];
  }
}

/** us as ms with two decimals, the way REPORT prints durations. */
function ms2(us: number): string {
  return (us / 1000).toFixed(2);
}

/** The fields of one invocation's lines. */
export interface LogInvocation {
  requestId: string;
  /** When the invoke phase started and ended (us). */
  startUs: number;
  endUs: number;
  durationUs: number;
  /** INIT time (us), 0 for a warm start. */
  initUs: number;
  billedMs: number;
  memorySize: number;
  /** Max Memory Used (whole MB). */
  maxMemoryUsed: number;
  /** Set for a timeout: the configured timeout (us). */
  timedOutAfterUs?: number;
  /** How the INIT went (model InitStatus): 0 or undefined ok, 1 timed out after 10 s, 2 failed. */
  initStatus?: number;
  /** The Error Type of a failed INIT. */
  initErrorType?: string;
  /** The invocation ran out of memory. */
  outOfMemory?: boolean;
  /** SnapStart: a cold start is a restore; REPORT prints Restore Duration (initUs) and this. */
  billedRestoreMs?: number;
  /** START's `Version:` (default $LATEST). */
  version?: string;
}

/** The INIT limit of an on-demand environment (model/init-phase.ts), as the timeout INIT_REPORT prints it. */
const INIT_TIMEOUT_US = 10_000_000;

/**
 * The INIT_REPORT lines AWS prints for an INIT that timed out or failed, before START
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html, "Failures during the
 * Init phase"; the failing pattern, an init-phase then an invoke-phase report, is the one public logs
 * of Runtime.ImportModuleError show). Empty for a normal start.
 */
function initReportLines(inv: LogInvocation, start: string): string {
  if (inv.initStatus === 1) {
    return `${logTimestamp(inv.startUs)} INIT_REPORT Init Duration: ${ms2(INIT_TIMEOUT_US)} ms\tPhase: init\tStatus: timeout\n`;
  }
  if (inv.initStatus !== 2) return '';
  const type = inv.initErrorType ?? 'Runtime.ImportModuleError';
  const phase = inv.initUs >= INIT_TIMEOUT_US ? 'Status: timeout' : `Status: error\tError Type: ${type}`;
  return (
    `${logTimestamp(inv.startUs)} INIT_REPORT Init Duration: ${ms2(inv.initUs)} ms\tPhase: init\t${phase}\n` +
    `${start} INIT_REPORT Init Duration: ${ms2(inv.durationUs)} ms\tPhase: invoke\tStatus: error\tError Type: ${type}\n`
  );
}

const startTimes = new TimestampFormatter();
const endTimes = new TimestampFormatter();

/** The START / (timeout) / END / REPORT lines of one invocation, each ending in a newline. */
export function formatInvocationLog(inv: LogInvocation): string {
  const id = inv.requestId;
  const start = startTimes.format(inv.startUs);
  const end = endTimes.format(inv.endUs);
  const failedInit = inv.initStatus === 2;
  let text = initReportLines(inv, start);
  text += `${start} START RequestId: ${id}\tVersion: ${inv.version ?? '$LATEST'}\n`;
  // The runtime's message for a failed INIT, two lines as CloudWatch shows it.
  if (failedInit) text += `${end} Unknown application error occurred\n${end} ${inv.initErrorType ?? 'Runtime.ImportModuleError'}\n`;
  if (inv.timedOutAfterUs !== undefined) {
    text += `${end} ${id} Task timed out after ${(inv.timedOutAfterUs / 1e6).toFixed(2)} seconds\n`;
  } else if (inv.outOfMemory === true) {
    text += `${end} RequestId: ${id} Error: Runtime exited with error: signal: killed Runtime.OutOfMemory\n`;
  }
  text += `${end} END RequestId: ${id}\n`;
  text += `${end} REPORT RequestId: ${id}\tDuration: ${ms2(inv.durationUs)} ms\tBilled Duration: ${inv.billedMs} ms\tMemory Size: ${inv.memorySize} MB\tMax Memory Used: ${inv.maxMemoryUsed} MB`;
  // A timed-out or failed INIT is reported by INIT_REPORT lines, not in REPORT.
  if (inv.initUs > 0 && inv.billedRestoreMs !== undefined) {
    text += `\tRestore Duration: ${ms2(inv.initUs)} ms\tBilled Restore Duration: ${inv.billedRestoreMs} ms`;
  } else if (inv.initUs > 0 && (inv.initStatus ?? 0) === 0) text += `\tInit Duration: ${ms2(inv.initUs)} ms`;
  if (failedInit) text += `\tStatus: error\tError Type: ${inv.initErrorType ?? 'Runtime.ImportModuleError'}`;
  return text + '\n';
}

/** A REPORT line read back. */
export interface ParsedReport {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  /** Undefined when the line has none. */
  maxMemoryUsedMb?: number;
  /** Undefined on a warm start. */
  initDurationMs?: number;
}

const REPORT_RE = /REPORT RequestId: ([0-9a-f-]+)\tDuration: ([0-9.]+) ms\tBilled Duration: (\d+) ms\tMemory Size: (\d+) MB(?:\tMax Memory Used: (\d+) MB)?(?:\tInit Duration: ([0-9.]+) ms)?/;

/**
 * Reads the fields of a REPORT line (with or without a timestamp in front, with or without
 * `Max Memory Used`); null when the line is not a REPORT line.
 */
export function parseReportLine(line: string): ParsedReport | null {
  const m = REPORT_RE.exec(line);
  if (m === null) return null;
  const report: ParsedReport = {
    requestId: m[1],
    durationMs: Number(m[2]),
    billedDurationMs: Number(m[3]),
    memorySizeMb: Number(m[4]),
  };
  if (m[5] !== undefined) report.maxMemoryUsedMb = Number(m[5]);
  if (m[6] !== undefined) report.initDurationMs = Number(m[6]);
  return report;
}

/** Bytes each function's output gathers before it goes to the sink (one write of its file). */
const LOG_BUFFER_BYTES = 64 * 1024;

/** What the writer keeps per function. */
interface FunctionOutput {
  ids: RequestIds;
  out: LogBytes;
  common: CommonLines;
}

/**
 * Writes every finished invocation's lines to its function's sink, in chunks of up to 64 KB (memory
 * stays flat however many invocations there are). The common invocation (no timeout, no failed or
 * timed-out INIT, no out-of-memory) is written as bytes from a template (log-template.ts), giving
 * {@link formatInvocationLog}'s text; the rare ones go through formatInvocationLog itself.
 */
export class LogObserver implements InvocationObserver {
  private readonly fns: FunctionOutput[];
  private readonly functions: readonly LogFunction[];
  private readonly inv: LogInvocation = { requestId: '', startUs: 0, endUs: 0, durationUs: 0, initUs: 0, billedMs: 0, memorySize: 0, maxMemoryUsed: 0 };

  constructor(options: LogObserverOptions) {
    if (options.sinks.length !== options.functions.length) {
      throw new Error(`logs: ${options.functions.length} functions but ${options.sinks.length} sinks`);
    }
    this.functions = options.functions;
    this.fns = options.functions.map((f, i) => ({
      ids: new RequestIds(options.seed, f.name),
      out: new LogBytes(options.sinks[i], LOG_BUFFER_BYTES),
      common: new CommonLines(f.version ?? '$LATEST', f.memorySize, f.billedRestoreMs),
    }));
  }

  finish(): void {
    for (const f of this.fns) f.out.flush();
  }

  end(r: InvocationEnd): void {
    const f = this.fns[r.fn];
    if (r.isTimeout || r.isOutOfMemory || (r.initStatus ?? 0) !== 0 || !f.common.write(f.out, r, f.ids.words(r.seq))) {
      f.out.text(formatInvocationLog(this.rare(r)));
    }
  }

  /** The fields of a rare invocation, for {@link formatInvocationLog}. */
  private rare(r: InvocationEnd): LogInvocation {
    const f = this.functions[r.fn];
    const inv = this.inv;
    inv.requestId = this.fns[r.fn].ids.id(r.seq);
    inv.startUs = r.endAt - r.durationUs;
    inv.endUs = r.endAt;
    inv.durationUs = r.durationUs;
    inv.initUs = r.initUs;
    inv.billedMs = r.billedMs;
    inv.memorySize = r.memoryMb;
    inv.maxMemoryUsed = r.memoryUsedMb;
    inv.timedOutAfterUs = r.isTimeout ? f.timeoutUs : undefined;
    inv.initStatus = r.initStatus;
    inv.initErrorType = f.initErrorType;
    inv.billedRestoreMs = f.billedRestoreMs;
    inv.version = f.version;
    inv.outOfMemory = r.isOutOfMemory;
    return inv;
  }
}

/**
 * Expected size of the logs (bytes) from the expected number of invocations and cold starts, for
 * the warning before a run. An estimate, not a promise: throttled requests write nothing.
 */
export function estimateLogBytes(expectedInvocations: number): number {
  return Math.round(expectedInvocations * LOG_BYTES_PER_INVOCATION);
}
