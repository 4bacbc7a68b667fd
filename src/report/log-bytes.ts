/**
 * The byte side of the `logs` format (logs.ts): a reusable buffer that log lines are written into
 * as bytes, with the pieces a line is made of (constant text, timestamps, request ids, integers,
 * durations in ms with two decimals) written digit by digit instead of through strings. Strings,
 * their concatenation, their UTF-8 encoding and the garbage they leave were most of a logged run's
 * cost (issue #19). Every writer here produces the bytes of the string formatting in logs.ts,
 * character for character; test/report-logs-bytes.test.ts holds them to it.
 */

/** HEX[2b] and HEX[2b + 1]: the two lowercase hex digits (character codes) of byte b. */
const HEX = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  const text = b.toString(16).padStart(2, '0');
  HEX[2 * b] = text.charCodeAt(0);
  HEX[2 * b + 1] = text.charCodeAt(1);
}

const DASH = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

/** The UTF-8 bytes of constant text (a plain Uint8Array: one kind of array keeps `bytes` monomorphic). */
export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/**
 * A byte buffer that hands its content to a sink when full (and at `flush`). Whole invocations go
 * in at a time (`reserve` first), so a chunk never splits one. The sink must use the chunk before it
 * returns: the buffer is reused.
 */
export class LogBytes {
  private buf: Buffer | null = null;
  /** The next byte to write. */
  pos = 0;

  constructor(
    private readonly sink: (chunk: Uint8Array) => void,
    private readonly capacity: number,
  ) {}

  /** Makes room for `bytes` more bytes, handing the content so far to the sink if needed. */
  reserve(bytes: number): Buffer {
    // Allocated at the first write, so a function that never runs costs no buffer.
    if (this.buf === null) this.buf = Buffer.allocUnsafeSlow(Math.max(this.capacity, 2 * bytes));
    if (this.pos + bytes > this.buf.length) this.flush();
    return this.buf;
  }

  /** Hands what is buffered to the sink. */
  flush(): void {
    if (this.buf === null || this.pos === 0) return;
    this.sink(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  /** Appends text of any length (the rare lines: INIT_REPORT, timeouts, out of memory). */
  text(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const most = 3 * text.length;
    if (most > this.capacity) {
      this.flush();
      this.sink(Buffer.from(text, 'utf8'));
      return;
    }
    // Reserve first: it may hand the buffer to the sink and start again at 0.
    const buf = this.reserve(most);
    this.pos += buf.write(text, this.pos, 'utf8');
  }

  /** Appends bytes (room reserved). */
  bytes(b: Uint8Array): void {
    (this.buf as Buffer).set(b, this.pos);
    this.pos += b.length;
  }

  /** Appends one byte (room reserved). */
  byte(b: number): void {
    (this.buf as Buffer)[this.pos++] = b;
  }

  /** Appends ASCII text (room reserved): the rare numbers the digit writers leave to JavaScript. */
  ascii(text: string): void {
    this.pos += (this.buf as Buffer).write(text, this.pos, 'latin1');
  }

  /** Appends `${n}` (room reserved). */
  uint(n: number): void {
    if (!(Number.isInteger(n) && n >= 0 && n < 1e15)) {
      this.ascii(String(n));
      return;
    }
    let digits = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
    const buf = this.buf as Buffer;
    let p = this.pos + digits;
    this.pos = p;
    do {
      const q = Math.floor(n / 10);
      buf[--p] = ZERO + (n - 10 * q);
      n = q;
    } while (n > 0);
  }

  /** Appends `(us / 1000).toFixed(2)`: microseconds as milliseconds with two decimals (room reserved). */
  ms2(us: number): void {
    // toFixed rounds the double nearest us / 1000, exactly. For an integer us not ending in 5 that
    // double is far (a thousandth of a ms, against an error below 1e-4 up to 2^50 us) from the
    // half-way points, so rounding us / 10 to the nearest integer gives the same digits. Ending in 5,
    // the side of the half-way point the double falls on decides: left to toFixed.
    if (!(Number.isInteger(us) && us >= 0 && us < 2 ** 50) || us % 10 === 5) {
      this.ascii((us / 1000).toFixed(2));
      return;
    }
    const hundredths = Math.floor((us + 5) / 10);
    const whole = Math.floor(hundredths / 100);
    const frac = hundredths - 100 * whole;
    this.uint(whole);
    const buf = this.buf as Buffer;
    const tens = Math.floor(frac / 10);
    buf[this.pos] = DOT;
    buf[this.pos + 1] = ZERO + tens;
    buf[this.pos + 2] = ZERO + (frac - 10 * tens);
    this.pos += 3;
  }

  /**
   * Appends a request id, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` from its four 32-bit words (logs.ts
   * RequestIds), in lowercase hex (room reserved).
   */
  requestId(words: Uint32Array): void {
    this.hex4(words[0] >>> 16);
    this.hex4(words[0] & 0xffff);
    this.byte(DASH);
    this.hex4(words[1] >>> 16);
    this.byte(DASH);
    this.hex4(words[1] & 0xffff);
    this.byte(DASH);
    this.hex4(words[2] >>> 16);
    this.byte(DASH);
    this.hex4(words[2] & 0xffff);
    this.hex4(words[3] >>> 16);
    this.hex4(words[3] & 0xffff);
  }

  /** Appends the four hex digits of a 16-bit number (room reserved). */
  private hex4(n: number): void {
    const buf = this.buf as Buffer;
    const hi = 2 * (n >>> 8);
    const lo = 2 * (n & 0xff);
    const p = this.pos;
    buf[p] = HEX[hi];
    buf[p + 1] = HEX[hi + 1];
    buf[p + 2] = HEX[lo];
    buf[p + 3] = HEX[lo + 1];
    this.pos = p + 4;
  }
}
