import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StreamFile } from '../src/report/stream-file.js';
import { tempDir } from './helpers/cli.js';
import { LogBytes } from '../src/report/log-bytes.js';
import { formatInvocationLog, LogObserver, RequestIds, type LogFunction } from '../src/report/logs.js';
import type { InvocationEnd } from '../src/model/observer.js';

// LogObserver writes the common invocation as bytes from a template (log-template.ts, for speed,
// issue #19); formatInvocationLog is the format's definition. These hold the bytes to the text.

/** A small deterministic generator (xorshift32), so a failure reproduces. */
function generator(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

/** Everything the sink received, as text, and each chunk's last character. */
function collect(): { sink: (chunk: Uint8Array) => void; text: () => string; chunkEnds: string[] } {
  const parts: Buffer[] = [];
  const chunkEnds: string[] = [];
  return {
    sink: (chunk) => {
      parts.push(Buffer.from(chunk)); // copied: the writer reuses its buffer
      chunkEnds.push(String.fromCharCode(chunk[chunk.length - 1]));
    },
    text: () => Buffer.concat(parts).toString('utf8'),
    chunkEnds,
  };
}

describe('number writers', () => {
  it('give String(n) and (us / 1000).toFixed(2), character for character', () => {
    const next = generator(7);
    const values = [0, 1, 4, 5, 6, 9, 10, 15, 25, 125, 994, 995, 996, 999, 1000, 1005, 9995, 10_005, 2 ** 31, 2 ** 32 + 5, 2 ** 50 - 5, 2 ** 50, 2 ** 53, 1e15, 1e21, 1e22, -1, -5, 0.5, 1.5, 2.675, 1e-7, NaN, Infinity];
    for (let i = 0; i < 20_000; i++) values.push(next(10 ** (1 + (i % 9))), next(1_000_000) / 7);
    const out = collect();
    const bytes = new LogBytes(out.sink, 64 * 1024);
    let expected = '';
    for (const v of values) {
      bytes.reserve(64);
      bytes.uint(v);
      bytes.byte(0x20);
      bytes.ms2(v);
      bytes.byte(0x0a);
      expected += `${v} ${(v / 1000).toFixed(2)}\n`;
    }
    bytes.flush();
    expect(out.text()).toBe(expected);
  });
});

describe('LogObserver', () => {
  const functions: LogFunction[] = [
    { name: 'api', memorySize: 512, timeoutUs: 3_000_000 },
    { name: 'java', memorySize: 2048, timeoutUs: 900_000_000, billedRestoreMs: 118, version: '7' },
    { name: 'broken', memorySize: 128, timeoutUs: 10_000_000, initErrorType: 'Runtime.ExitError' },
    { name: 'huge-error', memorySize: 128, timeoutUs: 10_000_000, initErrorType: `Ü${'x'.repeat(40_000)}` },
  ];

  /** The record of an invocation of function `fn`, drawn from `next`. */
  function draw(next: (n: number) => number, fn: number, seq: number, endAt: number): InvocationEnd {
    const kind = next(100);
    // Durations with every last digit (5 included, where toFixed decides), some not whole.
    const durationUs = kind < 3 ? next(1000) + 0.25 : kind < 6 ? next(200_000_000) : next(400_000);
    const initStatus = kind === 10 ? 1 : kind === 11 ? 2 : 0;
    return {
      fn,
      seq,
      requestAt: endAt - durationUs,
      endAt,
      initUs: kind < 20 ? next(3_000_000) : 0,
      durationUs,
      billedMs: Math.ceil(durationUs / 1000),
      memoryMb: kind === 30 ? 1024 : functions[fn].memorySize,
      isError: kind === 12 || kind === 13,
      isTimeout: kind === 12,
      isOutOfMemory: kind === 13,
      memoryUsedMb: next(functions[fn].memorySize) + 1,
      overheadUs: 0,
      answered: true,
      envId: 0,
      ...(kind === 14 ? {} : { initStatus }),
    };
  }

  it('write formatInvocationLog text for every kind of invocation, in whole-invocation chunks', () => {
    const next = generator(19);
    const outs = functions.map(() => collect());
    const observer = new LogObserver({ seed: 3, functions, sinks: outs.map((o) => o.sink) });
    const expected = functions.map(() => '');
    const ids = functions.map((f) => new RequestIds(3, f.name));
    const seqs = functions.map(() => 0);
    // Seconds, minutes, midnights (start and end on different days), years, five-digit years.
    const eras = [0, 86_399_000_000, 4_102_444_799_000_000, 253_402_300_700_000_000, 253_402_300_800_000_000];
    let endAt = 0;
    for (let i = 0; i < 40_000; i++) {
      if (i % 8000 === 0) endAt = eras[i / 8000];
      endAt += next(40_000);
      const fn = next(100) < 90 ? 0 : next(4);
      const r = draw(next, fn, seqs[fn]++, endAt);
      observer.end(r);
      const f = functions[fn];
      expected[fn] += formatInvocationLog({
        requestId: ids[fn].id(r.seq),
        startUs: r.endAt - r.durationUs,
        endUs: r.endAt,
        durationUs: r.durationUs,
        initUs: r.initUs,
        billedMs: r.billedMs,
        memorySize: r.memoryMb,
        maxMemoryUsed: r.memoryUsedMb,
        timedOutAfterUs: r.isTimeout ? f.timeoutUs : undefined,
        initStatus: r.initStatus,
        initErrorType: f.initErrorType,
        outOfMemory: r.isOutOfMemory,
        billedRestoreMs: f.billedRestoreMs,
        version: f.version,
      });
    }
    observer.finish();
    outs.forEach((out, fn) => {
      expect(out.text()).toBe(expected[fn]);
      expect(out.chunkEnds.every((c) => c === '\n')).toBe(true);
    });
    // Several chunks each: the buffer was reused.
    expect(outs[0].chunkEnds.length).toBeGreaterThan(10);
  });
});

describe('StreamFile', () => {
  it('keeps text and bytes in the order written, and the bytes may be reused after the call', () => {
    const file = new StreamFile(path.join(tempDir(), 'mixed.log'));
    const reused = Buffer.from('b1\n');
    file.write('t1\n');
    file.write(reused);
    reused.write('b2\n');
    file.write(reused);
    file.write('t2 ü\n');
    expect(file.size).toBe(15);
    file.commit();
    expect(readFileSync(file.path, 'utf8')).toBe('t1\nb1\nb2\nt2 ü\n');
  });
});
