/**
 * Load-time rules of chains (src/scenario/chain-checks.ts): a cycle of destinations (directly,
 * through a topic or through a queue and its event source mapping) is refused in one located line
 * naming it; typed destinations name something of their kind; what AWS refuses is refused.
 */
import { describe, expect, it } from 'vitest';
import { errorOf, yaml } from './helpers/scenario-error.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { metricKind } from '../src/scenario/metric-kind.js';

const head = (...fns: string[]) => yaml('name: c', 'duration: 1m', 'functions:', ...fns.map((f) => `  ${f}`), 'workloads:', '  - {function: a, invocation: async, arrivals: {process: constant, rate: 1/s}}');
const withTail = (base: string, ...more: string[]) => base + yaml(...more);

describe('chain checks', () => {
  it('refuses A -> B -> A with one line naming the cycle at the first edge', () => {
    const e = errorOf(head('a: {duration: 10ms, asyncConfig: {onSuccess: {function: b}}}', 'b: {duration: 10ms, asyncConfig: {onSuccess: a}}'));
    expect(e.path).toBe('functions.a.asyncConfig.onSuccess');
    const line = e.format();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/scenario\.yaml:4:\d+: .*the cycle a → b → a/);
  });

  it('refuses a function that is its own destination, on failure too', () => {
    const e = errorOf(head('a: {duration: 10ms, asyncConfig: {onFailure: {function: a}}}'));
    expect(e.path).toBe('functions.a.asyncConfig.onFailure');
    expect(e.format()).toMatch(/the cycle a → a/);
  });

  it('refuses a cycle through a topic and through a queue read by an event source mapping', () => {
    const t = errorOf(withTail(head('a: {duration: 10ms, asyncConfig: {onSuccess: orders}}', 'b: {duration: 10ms}'), 'topics:', '  orders: {functions: [b, a]}'));
    expect(t.format()).toMatch(/the cycle a → topic orders → a/);
    const q = errorOf(
      withTail(
        head('a: {duration: 10ms, asyncConfig: {onSuccess: {queue: work}}}', 'b: {duration: 10ms, asyncConfig: {onSuccess: {function: a}}}'),
        'queues:',
        '  work: {}',
        'eventSourceMappings:',
        '  - {source: work, function: b}',
      ),
    );
    expect(q.format()).toMatch(/the cycle a → queue work → b → a/);
  });

  it('accepts a chain without a cycle, and a diamond (two paths to one function)', () => {
    expect(() => parseScenarioText(head('a: {duration: 10ms, asyncConfig: {onSuccess: {function: b}, onFailure: {function: c}}}', 'b: {duration: 10ms, asyncConfig: {onSuccess: c}}', 'c: {duration: 10ms}'), 's.yaml')).not.toThrow();
  });

  it('refuses a typed destination naming nothing of its kind, with a did-you-mean', () => {
    const e = errorOf(head('a: {duration: 10ms, asyncConfig: {onSuccess: {function: chrage}}}', 'charge: {duration: 10ms}'));
    expect(e.path).toBe('functions.a.asyncConfig.onSuccess');
    expect(e.format()).toMatch(/did you mean "charge"/);
    expect(errorOf(head('a: {duration: 10ms, asyncConfig: {onSuccess: {bucket: x}}}')).format()).toMatch(/\{function: <name>\}/);
    expect(errorOf(head('a: {duration: 10ms, asyncConfig: {onSuccess: {bus: x}}}')).format()).toMatch(/a bus under buses \(none declared\), found x/);
  });

  it('refuses a name within two edits of a function (a typo), a function as dead-letter queue, and an ambiguous name', () => {
    expect(errorOf(head('a: {duration: 10ms, asyncConfig: {onSuccess: chrage}}', 'charge: {duration: 10ms}')).format()).toMatch(/did you mean "charge"/);
    expect(errorOf(head('a: {duration: 10ms, asyncConfig: {deadLetterQueue: b}}', 'b: {duration: 10ms}')).format()).toMatch(/dead-letter queue cannot be a function/);
    const amb = errorOf(withTail(head('a: {duration: 10ms, asyncConfig: {onSuccess: b}}', 'b: {duration: 10ms}'), 'queues:', '  b: {}'));
    expect(amb.format()).toMatch(/\{function: b\} or \{queue: b\}/);
  });

  it('refuses a typed FIFO queue destination, as the bare name is', () => {
    const e = errorOf(withTail(head('a: {duration: 10ms, asyncConfig: {onFailure: {queue: ff}}}'), 'queues:', '  ff: {type: fifo}'));
    expect(e.format()).toMatch(/AWS does not deliver async destinations to FIFO queues/);
  });

  it('refuses a FIFO queue as the async dead-letter queue, on a function and on a version, in one located line', () => {
    const e = errorOf(withTail(head('a: {duration: 10ms, asyncConfig: {deadLetterQueue: fq}}'), 'queues:', '  fq: {type: fifo}'));
    expect(e.path).toBe('functions.a.asyncConfig.deadLetterQueue');
    expect(e.format().split('\n')).toHaveLength(1);
    expect(e.format()).toMatch(/^scenario\.yaml:4:\d+: functions\.a\.asyncConfig\.deadLetterQueue: expected a standard SQS queue or SNS topic \(AWS: an async dead-letter queue cannot be a FIFO queue\), found fq \(type fifo\)$/);
    const v = errorOf(withTail(head('a: {duration: 10ms, versions: {"1": {asyncConfig: {deadLetterQueue: fq}}}}'), 'queues:', '  fq: {type: fifo}'));
    expect(v.path).toBe('functions.a.versions.1.asyncConfig.deadLetterQueue');
    expect(() => parseScenarioText(withTail(head('a: {duration: 10ms, asyncConfig: {deadLetterQueue: sq}}'), 'queues:', '  sq: {}'), 's.yaml')).not.toThrow();
  });

  it('lets expect lines read pipelines.<end> in time units when destinations exist', () => {
    expect(metricKind('pipelines.notify.p99')).toBe('duration');
    expect(metricKind('pipelines.notify.samples')).toBe('count');
    const ok = withTail(head('a: {duration: 10ms, asyncConfig: {onSuccess: {function: b}}}', 'b: {duration: 10ms}'), 'expect:', '  - pipelines.b.p99 < 1s');
    expect(() => parseScenarioText(ok, 's.yaml')).not.toThrow();
    expect(errorOf(withTail(head('a: {duration: 10ms}'), 'expect:', '  - pipelines.b.p99 < 1s')).format()).toMatch(/expected a metric of total or a/);
  });
});

describe('chain checks with EventBridge buses', () => {
  const bus = (targets: string) => ['buses:', '  ops:', '    rules:', `      r1: {targets: ${targets}}`];

  it('refuses a cycle through a bus rule, naming the bus', () => {
    const e = errorOf(withTail(head('a: {duration: 10ms, asyncConfig: {onFailure: {bus: ops}}}'), ...bus('[{function: a}]')));
    expect(e.format()).toMatch(/the cycle a → bus ops → a/);
    const bare = errorOf(withTail(head('a: {duration: 10ms, asyncConfig: {onSuccess: ops}}'), ...bus('[{function: a}]')));
    expect(bare.format()).toMatch(/the cycle a → bus ops → a/);
  });

  it('accepts a bus destination without a cycle, and refuses an unknown bus with a did-you-mean', () => {
    const s = parseScenarioText(withTail(head('a: {duration: 10ms, asyncConfig: {onFailure: {bus: ops}}}', 'b: {duration: 10ms}'), ...bus('[{function: b}, {queue: q}]'), 'queues:', '  q: {}'), 'c.yaml');
    expect(s.functions.a.asyncConfig.onFailure).toStrictEqual({ kind: 'bus', name: 'ops' });
    expect(s.buses!.ops.rules.r1).toStrictEqual({ match: 1, targets: [{ kind: 'function', name: 'b' }, { kind: 'queue', name: 'q' }] });
    const typo = errorOf(withTail(head('a: {duration: 10ms, asyncConfig: {onFailure: {bus: opz}}}', 'b: {duration: 10ms}'), ...bus('[{function: b}]')));
    expect(typo.format()).toMatch(/a bus under buses \(ops\).*did you mean "ops"/);
  });

  it('refuses more than 5 targets in a rule, and an unknown target', () => {
    const six = errorOf(withTail(head('a: {duration: 10ms}'), ...bus('[{function: a}, {function: a}, {function: a}, {function: a}, {function: a}, {function: a}]')));
    expect(six.format()).toMatch(/1 to 5 targets/);
    expect(errorOf(withTail(head('a: {duration: 10ms}'), ...bus('[{function: x}]'))).format()).toMatch(/a function under functions/);
  });
});

describe('chain checks through versions and aliases', () => {
  it('refuses a loop to the function through its alias, located at the destination', () => {
    const e = errorOf(head('a: {duration: 10ms, asyncConfig: {onSuccess: {function: "a:live"}}, versions: {"1": {}}, aliases: {live: {version: "1"}}}'));
    expect(e.path).toBe('functions.a.asyncConfig.onSuccess');
    expect(e.format().split('\n')).toHaveLength(1);
    expect(e.format()).toMatch(/the cycle a:live → a:1 → a:live/);
  });

  it('refuses a loop through a bus to a version (its inherited destinations are followed)', () => {
    const e = errorOf(
      withTail(
        head('a: {duration: 10ms, asyncConfig: {onFailure: {bus: events}}, versions: {"1": {}}}'),
        'buses:',
        '  events: {rules: {all: {targets: [{function: "a:1"}]}}}',
      ),
    );
    expect(e.format()).toMatch(/the cycle bus events → a:1 → bus events/);
    expect(e.path).toBe('functions.a.asyncConfig.onFailure');
  });

  it("follows a version's own destinations and accepts a version that stops the loop", () => {
    const e = errorOf(head('a: {duration: 10ms, versions: {"1": {asyncConfig: {onSuccess: {function: "a:1"}}}}}'));
    expect(e.path).toBe('functions.a.versions.1.asyncConfig.onSuccess');
    expect(e.format()).toMatch(/the cycle a:1 → a:1/);
    expect(() =>
      parseScenarioText(head('a: {duration: 10ms, asyncConfig: {onSuccess: {function: "a:live"}}, versions: {"1": {asyncConfig: {onSuccess: {function: b}}}}, aliases: {live: {version: "1"}}}', 'b: {duration: 10ms}'), 's.yaml'),
    ).not.toThrow();
  });
});
