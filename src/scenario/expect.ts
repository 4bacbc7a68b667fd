/**
 * Parser of `expect:` lines: `METRIC OP VALUE [UNIT]`, e.g. `checkout.latency.p99 < 800ms`,
 * `total.cost <= 40 USD`, `checkout.coldStartRate < 1%`, `total.cost < $40`.
 *
 * A small hand-written scanner (never eval): each failure says what was expected at which
 * character, so the loader can point at the exact column inside the YAML line.
 */
import type { ExpectOp, Expectation } from './expect-types.js';
import { unitMismatch } from './expect-units.js';
import { metricKind } from './metric-kind.js';

/** The comparison operators, longest first so `<=` is not read as `<`. */
export const EXPECT_OPS: readonly ExpectOp[] = ['<=', '>=', '==', '!=', '<', '>'];

/**
 * Units a value may carry, as [multiply, divide] to reach the report's unit (report-format.md:
 * times in ms, rates as fractions, money in USD). Dividing rather than multiplying by 0.01 keeps
 * `7%` exactly 0.07, the double a user would write.
 */
export const EXPECT_UNITS: Readonly<Record<string, readonly [number, number]>> = {
  us: [1, 1_000],
  ms: [1, 1],
  s: [1_000, 1],
  m: [60_000, 1],
  h: [3_600_000, 1],
  d: [86_400_000, 1],
  '%': [1, 100],
  USD: [1, 1],
};

/** A syntax error in an expect line, at a 0-based character offset of the text given to the parser. */
export class ExpectSyntaxError extends Error {
  /** 0-based offset into the text where the problem starts. */
  readonly offset: number;
  /** What would have been accepted there. */
  readonly expected: string;
  /** What is there instead (a word of the line, or "the end of the line"). */
  readonly found: string;

  constructor(offset: number, expected: string, found: string) {
    super(`column ${offset + 1}: expected ${expected}, found ${found}`);
    this.name = 'ExpectSyntaxError';
    this.offset = offset;
    this.expected = expected;
    this.found = found;
  }
}

const SEGMENT = /[A-Za-z0-9_$:-]+/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const OPERATOR_CHARS = /[<>=!]+/y;
const UNIT_WORD = /[A-Za-z%$]+/y;

const METRIC_EXPECTED = 'a metric such as checkout.latency.p99 or total.cost';
const OP_EXPECTED = 'an operator (< <= > >= == !=)';
const VALUE_EXPECTED = 'a number such as 800ms, 1%, 40 USD or $40';
const UNIT_EXPECTED = 'a unit (us, ms, s, m, h, d, %, USD) or the end of the line';

/** Reads one `expect:` line from left to right. */
class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  /** Match a sticky regex at the current position and advance past it. */
  take(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const match = re.exec(this.text);
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  /** The word at the current position, for "found ..." in messages. */
  foundHere(): string {
    if (this.pos >= this.text.length) return 'the end of the line';
    const word = /\S+/y;
    word.lastIndex = this.pos;
    return `"${word.exec(this.text)?.[0] ?? this.text[this.pos]}"`;
  }

  fail(expected: string, at = this.pos, found = this.foundHere()): never {
    throw new ExpectSyntaxError(at, expected, found);
  }
}

/**
 * Parse one expect line. Line and column are left unset: the loader fills them from the YAML node.
 *
 * @throws ExpectSyntaxError with the offset of the first character that does not fit
 * @example parseExpectation('checkout.latency.p99 < 800ms') -> { metric: 'checkout.latency.p99', op: '<', value: 800, ... }
 */
export function parseExpectation(text: string, options: { deferCountUnits?: boolean } = {}): Expectation {
  // Annotated so TypeScript treats `s.fail(...)` (returns never) as ending the path.
  const s: Scanner = new Scanner(text);
  s.skipSpaces();

  // METRIC: dotted segments, at least two (`<function or total>.<metric>`).
  const metricStart = s.pos;
  const segments: string[] = [];
  for (;;) {
    const segment = s.take(SEGMENT);
    if (segment === undefined) s.fail(segments.length === 0 ? METRIC_EXPECTED : 'a metric name after "."');
    segments.push(segment);
    if (s.text[s.pos] !== '.') break;
    s.pos++;
  }
  const metric = s.text.slice(metricStart, s.pos);
  if (segments.length < 2) {
    s.fail(`${METRIC_EXPECTED} (a function name or total, a dot, then the metric)`, metricStart, `"${metric}"`);
  }
  s.skipSpaces();

  // OP
  const opStart = s.pos;
  const opText = s.take(OPERATOR_CHARS);
  if (opText === undefined) s.fail(OP_EXPECTED);
  if (!(EXPECT_OPS as readonly string[]).includes(opText)) s.fail(OP_EXPECTED, opStart, `"${opText}"`);
  const op = opText as ExpectOp;
  s.skipSpaces();

  // VALUE, with an optional `$` prefix meaning dollars.
  let dollars = false;
  if (s.text[s.pos] === '$') {
    dollars = true;
    s.pos++;
    s.skipSpaces();
  }
  const numberStart = s.pos;
  const number = s.take(NUMBER);
  if (number === undefined) s.fail(VALUE_EXPECTED);
  let value = Number(number);
  s.skipSpaces();

  // UNIT
  const unitStart = s.pos;
  const unit = s.take(UNIT_WORD);
  if (unit !== undefined) {
    const factor = Object.hasOwn(EXPECT_UNITS, unit) ? EXPECT_UNITS[unit] : undefined;
    if (factor === undefined) s.fail(UNIT_EXPECTED, unitStart, `"${unit}"`);
    if (dollars) s.fail('the end of the line (the value already has a $ prefix)', unitStart, `"${unit}"`);
    value = (value * factor[0]) / factor[1];
  }
  s.skipSpaces();
  if (s.pos < s.text.length) s.fail(unit === undefined ? UNIT_EXPECTED : 'the end of the line');
  // `1e400` or `1e308 d` (1e308 days in microseconds) is Infinity: no verdict could be meaningful.
  if (!Number.isFinite(value)) s.fail('a finite number (1e400, or 1e308 d in microseconds, is too large)', numberStart, `"${number}${unit ?? ''}"`);
  const written = dollars ? 'USD' : unit;
  const mismatch = unitMismatch(metric, written, number);
  const deferred = mismatch !== undefined && options.deferCountUnits === true && written !== undefined && metricKind(metric) === 'count';
  if (mismatch !== undefined && !deferred) s.fail(mismatch.expected, numberStart, mismatch.found);

  return { text: text.trim(), metric, op, value, ...(written === undefined ? {} : { unit: written }), ...(deferred ? { unitIssue: mismatch } : {}) };
}
