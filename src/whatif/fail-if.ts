/**
 * `--fail-if` limits of `sim compare`, written like `expect` lines but about the change from base
 * to head:
 *
 *     METRIC increases by more than AMOUNT
 *     METRIC decreases by more than AMOUNT
 *     METRIC changes by more than AMOUNT      (either way)
 *     METRIC increases | decreases | changes  (by any amount: "by more than 0")
 *
 * METRIC is a summary.json path as in expect lines (`api.latency.p99`, `total.cost`,
 * `api.throttles`), or `<function or total>.cost.perMonth`. AMOUNT is a number with an optional
 * unit as in expect lines (`50ms`, `1s`, `0.5 USD`, `$2`); with `%` it is relative to the base value
 * (`10%`: by more than a tenth of base). A fraction metric in percentage points is written as a
 * plain number (`api.coldStartRate increases by more than 0.01`).
 */
import { ExpectSyntaxError, parseExpectation } from '../scenario/expect.js';
import { ScenarioError } from '../scenario/errors.js';

export type Direction = 'increases' | 'decreases' | 'changes';

/** A parsed limit. */
export interface Limit {
  text: string;
  metric: string;
  direction: Direction;
  /** In report units (ms, USD, counts), or a fraction of base when `relative`. */
  amount: number;
  relative: boolean;
}

export const FAIL_IF_EXPECTED =
  "METRIC increases|decreases|changes [by more than AMOUNT], e.g. 'api.cost.perMonth increases by more than 10%' or 'api.latency.p99 increases by more than 50ms'";

const LINE = /^\s*(\S+)\s+(increases|decreases|changes)(?:\s+by\s+more\s+than\s+(.+?))?\s*$/;

function limitError(text: string, found: string): ScenarioError {
  return new ScenarioError({ file: '', origin: `--fail-if '${text}'`, expected: FAIL_IF_EXPECTED, found });
}

/**
 * Parse one `--fail-if` text.
 * @throws ScenarioError naming the option when the text does not read as a limit
 */
export function parseLimit(text: string): Limit {
  const m = LINE.exec(text);
  if (!m) {
    const verb = /\b(increase|decrease|change|grows?|rises?|drops?|falls?)\b/.exec(text);
    const found = verb ? `"${verb[1]}" (write increases, decreases or changes)` : `"${text.trim()}"`;
    throw limitError(text, found);
  }
  const [, metric, direction, amountText] = m;
  if (!/^[A-Za-z0-9_$:-]+(\.[A-Za-z0-9_$:-]+)+$/.test(metric)) {
    throw limitError(text, `the metric "${metric}" (a function name or total, a dot, then the metric)`);
  }
  if (amountText === undefined) return { text: text.trim(), metric, direction: direction as Direction, amount: 0, relative: false };
  const relative = /%\s*$/.test(amountText);
  let amount: number;
  try {
    // The expect-line reader knows the units and which fit the metric (ms on a latency, USD on a
    // cost). A percentage is relative to the base value whatever the metric, so it is read as a rate.
    amount = parseExpectation(`${relative ? 'x.changeRate' : metric} < ${amountText}`).value;
  } catch (error) {
    if (!(error instanceof ExpectSyntaxError)) throw error;
    throw limitError(text, `the amount "${amountText}" (a percentage, or a number in the metric's unit: ms or s on a time, USD or $ on a cost, none on a count)`);
  }
  if (amount < 0) throw limitError(text, `a negative amount "${amountText}" (the direction is in the verb)`);
  return { text: text.trim(), metric, direction: direction as Direction, amount, relative };
}
