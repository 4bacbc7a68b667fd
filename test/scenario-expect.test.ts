import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../src/scenario/errors.js';
import { ExpectSyntaxError, parseExpectation } from '../src/scenario/expect.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { checkExpectMetrics, summaryShape } from '../src/run/expect-metrics.js';
import { evaluateExpectations } from '../src/report/expectations.js';

/** The error `text` gives, as [offset, expected, found]. */
function failure(text: string) {
  try {
    parseExpectation(text);
  } catch (error) {
    if (!(error instanceof ExpectSyntaxError)) throw error;
    return [error.offset, error.expected, error.found];
  }
  throw new Error(`"${text}" parsed`);
}

describe('parseExpectation reads METRIC OP VALUE [UNIT] into report units', () => {
  it.each([
    // Durations become milliseconds (report-format.md: times in ms).
    ['checkout.latency.p99 < 800ms', 'checkout.latency.p99', '<', 800],
    ['checkout.latency.p99 < 800 ms', 'checkout.latency.p99', '<', 800],
    ['checkout.latency.p99 <= 1.5s', 'checkout.latency.p99', '<=', 1500],
    ['checkout.duration.max < 250us', 'checkout.duration.max', '<', 0.25],
    ['worker.iteratorAge.max < 5m', 'worker.iteratorAge.max', '<', 300_000],
    ['worker.iteratorAge.max < 2h', 'worker.iteratorAge.max', '<', 7_200_000],
    ['worker.iteratorAge.max < 1d', 'worker.iteratorAge.max', '<', 86_400_000],
    // Percentages become fractions (rates are fractions in the report).
    ['checkout.coldStartRate < 1%', 'checkout.coldStartRate', '<', 0.01],
    ['checkout.coldStartRate < 7 %', 'checkout.coldStartRate', '<', 0.07],
    // Money is USD.
    ['total.cost <= 40 USD', 'total.cost', '<=', 40],
    ['total.cost <= 40USD', 'total.cost', '<=', 40],
    ['total.cost < $40', 'total.cost', '<', 40],
    ['total.cost < $ 12.5', 'total.cost', '<', 12.5],
    // Bare numbers as written, every operator.
    ['checkout.throttles == 0', 'checkout.throttles', '==', 0],
    ['checkout.throttles != 0', 'checkout.throttles', '!=', 0],
    ['checkout.invocations > 1e6', 'checkout.invocations', '>', 1_000_000],
    ['checkout.invocations >= 100', 'checkout.invocations', '>=', 100],
    ['checkout.errors<5', 'checkout.errors', '<', 5],
    ['  my-fn_2.latency.p50 < 3ms  ', 'my-fn_2.latency.p50', '<', 3],
  ])('%j', (text, metric, op, value) => {
    const { unit: _unit, ...parsed } = parseExpectation(text);
    expect(parsed).toStrictEqual({ text: text.trim(), metric, op, value });
  });

  it.each([
    ['checkout.latency.p99 => 800ms', 21, 'an operator (< <= > >= == !=)', '"=>"'],
    ['checkout.latency.p99 = 800ms', 21, 'an operator (< <= > >= == !=)', '"="'],
    ['checkout.latency.p99 800ms', 21, 'an operator (< <= > >= == !=)', '"800ms"'],
    ['checkout.latency.p99 <', 22, 'a number such as 800ms, 1%, 40 USD or $40', 'the end of the line'],
    ['checkout.latency.p99 < fast', 23, 'a number such as 800ms, 1%, 40 USD or $40', '"fast"'],
    ['checkout.latency.p99 < 800sec', 26, 'a unit (us, ms, s, m, h, d, %, USD) or the end of the line', '"sec"'],
    ['checkout.latency.p99 < 800ms or so', 29, 'the end of the line', '"or"'],
    ['total.cost < $40 USD', 17, 'the end of the line (the value already has a $ prefix)', '"USD"'],
    ['checkout < 5', 0, 'a metric such as checkout.latency.p99 or total.cost (a function name or total, a dot, then the metric)', '"checkout"'],
    ['checkout..p99 < 5', 9, 'a metric name after "."', '".p99"'],
    ['', 0, 'a metric such as checkout.latency.p99 or total.cost', 'the end of the line'],
    ['< 5', 0, 'a metric such as checkout.latency.p99 or total.cost', '"<"'],
  ])('refuses %j at offset %d', (text, offset, expected, found) => {
    expect(failure(text)).toStrictEqual([offset, expected, found]);
  });

  it('never evaluates the text', () => {
    expect(() => parseExpectation('process.exit(1) < 1')).toThrow(ExpectSyntaxError);
  });
});

describe('expect lines in a scenario', () => {
  const head = ['name: demo', 'duration: 1h', 'functions:', '  checkout:', '    duration: 100ms', 'expect:'];
  const load = (...lines: string[]) => parseScenarioText([...head, ...lines].join('\n') + '\n', 'scenario.yaml');
  const errorOf = (...lines: string[]): ScenarioError => {
    try {
      load(...lines);
    } catch (error) {
      if (error instanceof ScenarioError) return error;
      throw error;
    }
    throw new Error('loaded');
  };

  it('are parsed with their line and column', () => {
    const s = load('  - checkout.latency.p99 < 800ms', '  - "total.cost <= 40 USD"');
    expect(s.expect).toStrictEqual([
      { text: 'checkout.latency.p99 < 800ms', metric: 'checkout.latency.p99', op: '<', value: 800, unit: 'ms', line: 7, column: 5 },
      { text: 'total.cost <= 40 USD', metric: 'total.cost', op: '<=', value: 40, unit: 'USD', line: 8, column: 5 },
    ]);
  });

  it('a syntax error points at the column inside the line (line start column + offset)', () => {
    // The item starts at column 5; "=>" is at offset 21 of the text: column 26.
    expect(errorOf('  - checkout.latency.p99 => 800ms').format()).toBe(
      'scenario.yaml:7:26: expect.0: expected an operator (< <= > >= == !=), found "=>"',
    );
  });

  it('the column skips the opening quote of a quoted line', () => {
    // The item (a double-quoted scalar) starts at column 5; its text starts at column 6; offset 26 -> column 32.
    expect(errorOf('  - "checkout.latency.p99 < 800sec"').format()).toBe(
      'scenario.yaml:7:32: expect.0: expected a unit (us, ms, s, m, h, d, %, USD) or the end of the line, found "sec"',
    );
  });

  it('the first segment must be total or a function name, with a did-you-mean', () => {
    expect(errorOf('  - checkot.latency.p99 < 800ms').format()).toBe(
      'scenario.yaml:7:5: expect.0: expected a metric of total or checkout, found "checkot" (did you mean "checkout"?)',
    );
  });

  it('an unknown target inside a quoted line with leading blanks points at the target', () => {
    // Quote at column 5, two blanks, the metric starts at column 8.
    expect(errorOf('  - "  totl.cost < 1 USD"').format()).toBe(
      'scenario.yaml:7:8: expect.0: expected a metric of total or checkout, found "totl" (did you mean "total"?)',
    );
  });

  it('a non-string line', () => {
    expect(errorOf('  - 42').format()).toBe(
      'scenario.yaml:7:5: expect.0: expected an expectation such as "checkout.latency.p99 < 800ms", found 42',
    );
  });
});

describe('the unit of an expect value must fit its metric (issue 11, point 4)', () => {
  it.each([
    ['api.latency.p99 < 0.45', 18, 'a duration with a unit (us, ms, s, m, h, d) such as 800ms or 1.5s (api.latency.p99 is a duration)', 'the bare number 0.45'],
    ['thumbnail.async.eventAge.p99 < 40', 31, 'a duration with a unit (us, ms, s, m, h, d) such as 800ms or 1.5s (thumbnail.async.eventAge.p99 is a duration)', 'the bare number 40'],
    ['api.billedDurationMs < 1000', 23, 'a duration with a unit (us, ms, s, m, h, d) such as 800ms or 1.5s (api.billedDurationMs is a duration)', 'the bare number 1000'],
    ['api.coldStartRate < 0.01', 20, 'a percentage such as 1% (api.coldStartRate is a rate)', 'the bare number 0.01'],
    ['api.provisionedConcurrency.provisionedConcurrencyUtilization.mean > 0.5', 68, 'a percentage such as 1% (api.provisionedConcurrency.provisionedConcurrencyUtilization.mean is a rate)', 'the bare number 0.5'],
    ['api.coldStartRate < 1ms', 20, 'a percentage such as 1% (api.coldStartRate is a rate)', '"1ms"'],
    ['api.throttles < 5%', 16, 'a number without a unit (api.throttles is a count)', '"5%"'],
    ['api.latency.p99 < 5 USD', 18, 'a duration with a unit (us, ms, s, m, h, d) such as 800ms or 1.5s (api.latency.p99 is a duration)', '"5USD"'],
    ['total.cost < 5ms', 13, 'an amount in USD such as 40 USD or $40 (total.cost is an amount of money)', '"5ms"'],
  ])('refuses %j at offset %d', (text, offset, expected, found) => {
    expect(failure(text)).toStrictEqual([offset, expected, found]);
  });

  it.each([
    ['api.latency.p99 < 450ms', 'ms'],
    ['api.coldStartRate < 1%', '%'],
    ['total.cost < 40', undefined],
    ['total.cost < $40', 'USD'],
    ['api.throttles == 0', undefined],
  ])('accepts %j and keeps its unit %j for printing the actual value', (text, unit) => {
    expect(parseExpectation(text).unit).toBe(unit);
  });

  it('refuses `--set expect.0=api.latency.p99 < 0.45` at load time, with the column and what was expected', () => {
    const head = ['name: demo', 'duration: 1h', 'functions:', '  api:', '    duration: 100ms', 'expect:', '  - api.throttles == 0'];
    try {
      parseScenarioText(head.join('\n') + '\n', 'scenario.yaml', { overrides: ['expect.0=api.latency.p99 < 0.45'] });
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      const message = (error as ScenarioError).message;
      expect(message).toContain('expected a duration with a unit');
      expect(message).toContain('the bare number 0.45');
      expect(message.split('\n')).toHaveLength(1);
      return;
    }
    throw new Error('loaded');
  });
});

describe('a unit on a misspelt metric gets the misspelling pointed out, not a unit error (a tester\'s finding)', () => {
  const head = ['name: demo', 'duration: 1m', 'functions:', '  api:', '    duration: 100ms', 'expect:'];
  const check = (line: string): string => {
    const scenario = parseScenarioText([...head, `  - ${line}`].join('\n') + '\n', 'scenario.yaml');
    try {
      checkExpectMetrics(scenario, 'scenario.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      return (error as ScenarioError).format();
    }
    return 'accepted';
  };

  it('says "did you mean" for a typo with a unit', () => {
    expect(check('api.latncy.p99 < 400ms')).toBe(
      'scenario.yaml:7:5: expect.0: expected a metric of summary.json such as <function>.latency.p99, <function>.throttles or total.cost, found api.latncy.p99 (did you mean "api.latency.p99"?)',
    );
  });

  it('still refuses a unit on a real count, once the name is known', () => {
    expect(check('api.throttles < 5ms')).toBe('scenario.yaml:7:5: expect.0: expected a number without a unit (api.throttles is a count), found "5ms"');
  });

  it('never compares such a line, should it reach the verdict without the check (the library API)', () => {
    const scenario = parseScenarioText([...head, '  - api.throttles < 5ms'].join('\n') + '\n', 'scenario.yaml');
    const [result] = evaluateExpectations(scenario.expect, summaryShape(scenario));
    expect([result.ok, result.actual, result.message]).toStrictEqual([false, null, 'expected a number without a unit (api.throttles is a count), found "5ms"']);
  });
});

describe('an expect line set on the command line', () => {
  it('is named by the option as typed when its metric is unknown', () => {
    const head = ['name: demo', 'duration: 1m', 'functions:', '  api:', '    duration: 100ms', 'expect:', '  - api.throttles == 0'];
    const scenario = parseScenarioText(head.join('\n') + '\n', 'scenario.yaml', { overrides: ['expect.0=api.latncy.p99 < 400ms'] });
    expect(() => checkExpectMetrics(scenario, 'scenario.yaml')).toThrow(/^--set expect\.0=api\.latncy\.p99 < 400ms: expect\.0: .*did you mean "api\.latency\.p99"/);
  });
});

describe('expect on clientCalls', () => {
  it('is checked before the run, though the check runs no calls (a tester found it refused)', () => {
    const text = ['name: cc', 'duration: 1m', 'functions:', '  api: { duration: 80ms, reservedConcurrency: 10 }', 'workloads:',
      '  - { function: api, arrivals: { process: poisson, rate: 130/s }, clientRetries: { maxAttempts: 3 } }', 'expect:', '  - api.clientCalls.failureRate < 1%'].join('\n');
    const scenario = parseScenarioText(text + '\n', 'cc.yaml');
    expect(() => checkExpectMetrics(scenario, 'cc.yaml')).not.toThrow();
  });
});
