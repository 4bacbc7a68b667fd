/** A parsed `expect:` line: METRIC OP VALUE [UNIT]. Produced by the loader, evaluated by the report layer. */
export type ExpectOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface Expectation {
  /** The line as written (trimmed), e.g. "checkout.latency.p99 < 800ms". */
  text: string;
  /** Dotted metric path as written, e.g. "checkout.latency.p99", "total.cost". */
  metric: string;
  op: ExpectOp;
  /**
   * The value in the report's units: durations in ms ("800ms", "1.5s" -> 800, 1500),
   * percentages as fractions ("1%" -> 0.01), money in USD ("40 USD" -> 40), bare numbers as written.
   */
  value: number;
  /** The unit written after the value (`ms`, `m`, `%`, `USD`; a `$` prefix gives `USD`), absent for a bare number. */
  unit?: string;
  /**
   * A unit on a metric whose name reads as a count (`api.latncy.p99 < 400ms`): a count takes no
   * unit, but an unknown name reads as a count too, and a typo deserves "did you mean" rather than a
   * unit error. Set only by `parseExpectation(text, {deferCountUnits: true})`; checked once the metric
   * is known to exist (run/expect-metrics.ts); a line carrying it is never compared.
   */
  unitIssue?: { expected: string; found: string };
  /** The command-line option that set the line (`--set expect.0=...`), when it came from one. */
  origin?: string;
  /** 1-based position of the line in the scenario file, when it came from a file. */
  line?: number;
  column?: number;
}
