import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { errorOf, yaml } from './helpers/scenario-error.js';
import { NOT_SUPPORTED_YET } from '../src/scenario/not-supported.js';


/** A valid scenario head: name, duration, and the functions: line (lines 1-3). */
const HEAD = ['name: demo', 'duration: 1h', 'functions:'];

describe('out-of-range and wrong-type values name file, line, column, key path, expected and found', () => {
  it('memorySize above 10240', () => {
    const e = errorOf(yaml(...HEAD, '  checkout:', '    memorySize: 20000', '    duration: 100ms'));
    // Line 5 is "    memorySize: 20000": the value starts at column 17.
    expect(e.format()).toBe(
      'scenario.yaml:5:17: functions.checkout.memorySize: expected a whole number of MB from 128 to 10240, found 20000',
    );
    expect([e.file, e.line, e.column, e.path, e.expected, e.found]).toStrictEqual([
      'scenario.yaml', 5, 17, 'functions.checkout.memorySize', 'a whole number of MB from 128 to 10240', '20000',
    ]);
  });

  it('memorySize that is not an integer', () => {
    const e = errorOf(yaml(...HEAD, '  checkout:', '    memorySize: 512.5', '    duration: 100ms'));
    expect(e.format()).toBe('scenario.yaml:5:17: functions.checkout.memorySize: expected a whole number of MB from 128 to 10240, found 512.5');
  });

  it('a number written as a quoted string is shown quoted', () => {
    const e = errorOf(yaml(...HEAD, '  checkout:', '    memorySize: "2048"', '    duration: 100ms'));
    expect(e.format()).toBe('scenario.yaml:5:17: functions.checkout.memorySize: expected a whole number of MB from 128 to 10240, found "2048"');
  });

  it('a bare number where a duration is required', () => {
    const e = errorOf(yaml('name: demo', 'duration: 250', 'functions:', '  f:', '    duration: 1s'));
    expect(e.format()).toBe(
      'scenario.yaml:2:11: duration: expected a duration with a unit such as 250ms, 1.5s, 15m, 2h, found 250',
    );
  });

  it('a bare number where a distribution is expected', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 250'));
    expect(e.format()).toBe(
      'scenario.yaml:5:15: functions.f.duration: expected a duration such as 120ms or a distribution such as ' +
        '{dist: lognormal, p50: 80ms, p99: 600ms}, found 250',
    );
  });

  it('a duration string without a valid unit, with advice', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 100ms', '    timeout: 30sec'));
    expect(e.format()).toBe(
      'scenario.yaml:6:14: functions.f.timeout: expected a duration with a unit such as 250ms, 1.5s, 15m, 2h, found 30sec (write the unit as "s")',
    );
  });

  it('timeout above 900s and timeout that is not whole seconds (AWS takes an integer of seconds)', () => {
    expect(errorOf(yaml(...HEAD, '  f:', '    duration: 100ms', '    timeout: 901s')).format()).toBe(
      'scenario.yaml:6:14: functions.f.timeout: expected a whole number of seconds from 1s to 900s, found 901s',
    );
    expect(errorOf(yaml(...HEAD, '  f:', '    duration: 100ms', '    timeout: 1500ms')).format()).toBe(
      'scenario.yaml:6:14: functions.f.timeout: expected a whole number of seconds from 1s to 900s, found 1500ms',
    );
    // 15m is 900 s exactly: accepted.
    const ok = parseScenarioText(yaml(...HEAD, '  f:', '    duration: 100ms', '    timeout: 15m'), 'scenario.yaml');
    expect(ok.functions.f.timeout).toBe(900_000_000);
  });

  // Every setting AWS's API takes in whole seconds (or hours, milliseconds) refuses fractions as timeout does.
  const SOURCES = ['queues:', '  q: {}', 'streams:', '  s: {}'];
  it.each([
    ['SQS VisibilityTimeout', ['  f: {duration: 100ms}', 'queues:', '  q: {visibilityTimeout: 1500ms}'], 'queues.q.visibilityTimeout: expected a whole number of seconds of at most 43200s, found 1500ms'],
    ['MaximumBatchingWindowInSeconds (stream)', ['  f: {duration: 100ms}', ...SOURCES, 'eventSourceMappings:', '  - {source: s, function: f, maximumBatchingWindow: 500ms}'], 'eventSourceMappings.0.maximumBatchingWindow: expected a whole number of seconds of at most 300s, found 500ms'],
    ['MaximumBatchingWindowInSeconds (SQS)', ['  f: {duration: 100ms}', ...SOURCES, 'eventSourceMappings:', '  - {source: q, function: f, maximumBatchingWindow: 1.5s}'], 'eventSourceMappings.0.maximumBatchingWindow: expected a whole number of seconds of at most 300s, found 1.5s'],
    ['MaximumRecordAgeInSeconds', ['  f: {duration: 100ms}', ...SOURCES, 'eventSourceMappings:', '  - {source: s, function: f, maximumRecordAge: 60500ms}'], 'eventSourceMappings.0.maximumRecordAge: expected a whole number of seconds from 60s to 604800s, found 60500ms'],
    ['MaximumEventAgeInSeconds', ['  f: {duration: 100ms, asyncConfig: {maximumEventAge: 90500ms}}'], 'functions.f.asyncConfig.maximumEventAge: expected a whole number of seconds from 60s to 21600s, found 90500ms'],
    ['Kinesis RetentionPeriodHours', ['  f: {duration: 100ms}', 'streams:', '  s: {retention: 36.5h}'], 'streams.s.retention: expected a whole number of hours from 24h to 8760h, found 36.5h'],
    ['API Gateway TimeoutInMillis', ['  f: {duration: 100ms}', 'apiGateways:', '  api: {integrationTimeout: 1500500us}'], 'apiGateways.api.integrationTimeout: expected a whole number of milliseconds of at least 50ms, found 1500500us'],
  ])('%s in whole units', (_what, lines, message) => {
    const text = errorOf(yaml(...HEAD, ...lines)).format();
    expect(text.replace(/^scenario\.yaml:\d+:\d+: /, '')).toBe(message);
  });

  it('errorRate above 1', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 100ms', '    errorRate: 1.5'));
    expect(e.format()).toBe('scenario.yaml:6:16: functions.f.errorRate: expected a number from 0 to 1, found 1.5');
  });

  it('an enum value with a did-you-mean', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 100ms', '    runtime: nodejs20'));
    expect(e.format()).toBe(
      'scenario.yaml:6:14: functions.f.runtime: expected a Lambda runtime identifier such as nodejs20.x, python3.12, java21, ' +
        'found nodejs20 (did you mean "nodejs20.x"?)',
    );
  });

  it('a scenario name that is not a safe folder name', () => {
    const e = errorOf(yaml('name: my/flash sale', 'duration: 1h', 'functions:', '  f:', '    duration: 1s'));
    expect(e.format()).toBe(
      'scenario.yaml:1:7: name: expected a name of 1 to 100 letters, digits, dots, hyphens or underscores ' +
        '(it names the report folder), found "my/flash sale"',
    );
  });

  it('a region that is not shaped like one', () => {
    const e = errorOf(yaml('name: demo', 'duration: 1h', 'region: useast1', 'functions:', '  f:', '    duration: 1s'));
    expect(e.format()).toBe(
      'scenario.yaml:3:9: region: expected an AWS region code such as us-east-1, ap-northeast-1 or eu-south-2, found useast1',
    );
  });

  it('an invalid function name points at the key', () => {
    const e = errorOf(yaml(...HEAD, '  check.out:', '    duration: 1s'));
    expect(e.format()).toBe(
      'scenario.yaml:4:3: functions.check.out: expected a function name of 1 to 64 letters, digits, hyphens or underscores, found check.out',
    );
  });

  it('an empty functions mapping', () => {
    const e = errorOf(yaml('name: demo', 'duration: 1h', 'functions: {}'));
    expect(e.format()).toBe('scenario.yaml:3:12: functions: expected at least one function, found an empty mapping');
  });

  it('unreservedMinimum above concurrencyLimit', () => {
    const e = errorOf(yaml('name: demo', 'duration: 1h', 'account:', '  concurrencyLimit: 50', '  unreservedMinimum: 100', 'functions:', '  f:', '    duration: 1s'));
    expect(e.format()).toBe(
      'scenario.yaml:5:22: account.unreservedMinimum: expected an integer of at most concurrencyLimit (50), found 100',
    );
  });
});

describe('unknown keys are errors with a did-you-mean', () => {
  it('memorysize -> memorySize, pointing at the key', () => {
    const e = errorOf(yaml(...HEAD, '  checkout:', '    memorysize: 512', '    duration: 100ms'));
    expect(e.format()).toBe(
      'scenario.yaml:5:5: functions.checkout.memorysize: expected a known key, found memorysize (did you mean "memorySize"?)',
    );
    expect(e.hint).toBe('did you mean "memorySize"?');
  });

  it('a key far from any allowed one lists the allowed keys', () => {
    const e = errorOf(yaml('name: demo', 'duration: 1h', 'owner: me', 'functions:', '  f:', '    duration: 1s'));
    expect(e.format()).toBe(
      'scenario.yaml:3:1: owner: expected one of the keys name, description, seed, duration, warmup, region, account, billing, ' +
        'functions, workloads, queues, streams, topics, buckets, buses, eventSourceMappings, apiGateways, dependencies, cloudfront, reports, expect, sweep, breakEven, template, found owner',
    );
  });

  it('inside a distribution, the keys of that distribution are the candidates', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: { dist: lognormal, p50: 80ms, p90: 600ms }'));
    // p90 is one edit from both p50 and p99; p50 is already there, so p99 is suggested.
    expect(e.format()).toBe(
      'scenario.yaml:5:45: functions.f.duration.p90: expected a known key, found p90 (did you mean "p99"?)',
    );
  });

  it('a key already present that is closer than any other still wins (a --set of an existing key)', () => {
    // memorySze is one edit from memorySize (present) and three from memoryUsed (absent).
    const e = errorOf(yaml(...HEAD, '  f:', '    memorySize: 512', '    memorySze: 1024'));
    expect(e.hint).toBe('did you mean "memorySize"?');
  });
});

describe('missing keys point at the parent mapping', () => {
  it('a function without duration', () => {
    const e = errorOf(yaml(...HEAD, '  checkout:', '    memorySize: 256'));
    // The checkout mapping starts at its first key, line 5 column 5.
    expect(e.format()).toBe(
      'scenario.yaml:5:5: functions.checkout.duration: expected a duration such as 120ms or a distribution such as ' +
        '{dist: lognormal, p50: 80ms, p99: 600ms}, found nothing (duration is required)',
    );
  });

  it('a scenario without name', () => {
    const e = errorOf(yaml('duration: 1h', 'functions:', '  f:', '    duration: 1s'));
    expect(e.format()).toBe(
      'scenario.yaml:1:1: name: expected a name of 1 to 100 letters, digits, dots, hyphens or underscores ' +
        '(it names the report folder), found nothing (name is required)',
    );
  });

  it('a distribution without dist', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: { p50: 80ms, p99: 600ms }'));
    expect(e.format()).toBe(
      'scenario.yaml:5:15: functions.f.duration.dist: expected a dist key: one of constant, uniform, exponential, ' +
        'normal, lognormal, gamma, empirical, percentiles or mixture, found nothing',
    );
  });
});

describe('distribution parameters', () => {
  it('lognormal p99 below p50 is refused at p99', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration:', '      dist: lognormal', '      p50: 80ms', '      p99: 60ms'));
    expect(e.format()).toBe('scenario.yaml:8:12: functions.f.duration.p99: expected p99 greater than p50 (80ms), found 60ms');
  });

  it('lognormal p50 without p99', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: { dist: lognormal, p50: 80ms }'));
    expect(e.format()).toBe(
      'scenario.yaml:5:15: functions.f.duration.p99: expected a duration (a lognormal given by p50 also needs p99), found nothing',
    );
  });

  it('lognormal given both ways', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: { dist: lognormal, p50: 80ms, p99: 1s, sigma: 1 }'));
    // Column 61 is the value of sigma.
    expect(e.format()).toBe('scenario.yaml:5:61: functions.f.duration.sigma: give either p50 and p99, or median and sigma, not both');
  });

  it('uniform max below min', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 1s', '    keepAlive: { dist: uniform, min: 15m, max: 5m }'));
    expect(e.format()).toBe('scenario.yaml:6:48: functions.f.keepAlive.max: expected max of at least min (15m), found 5m');
  });

  it('an unknown dist with a did-you-mean', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: { dist: lognorm, p50: 1s, p99: 2s }'));
    expect(e.format()).toBe(
      'scenario.yaml:5:23: functions.f.duration.dist: expected one of constant, uniform, exponential, normal, lognormal, gamma, ' +
        'empirical, percentiles or mixture, found lognorm (did you mean "lognormal"?)',
    );
  });
});

describe('report formats', () => {
  it('every documented format is accepted; a misspelt one gets a did-you-mean', () => {
    expect(errorOf(yaml(...HEAD, '  f:', '    duration: 1s', 'reports: { formats: [summary, htm] }')).format()).toBe(
      'scenario.yaml:6:31: reports.formats.1: expected one of summary, json, csv, timeseries, html or logs, found htm (did you mean "html"?)',
    );
  });
});

describe('every key still listed in NOT_SUPPORTED_YET is refused as "not supported yet", not as unknown', () => {
  // Data-driven so the test follows the list as features land (see src/scenario/not-supported.ts).
  const cases: [string, string][] = [
    ...NOT_SUPPORTED_YET.scenarioKeys.map((k): [string, string] => [k, yaml(...HEAD, '  f:', '    duration: 1s', `${k}: {}`)]),
    ...NOT_SUPPORTED_YET.functionKeys.map((k): [string, string] => [k, yaml(...HEAD, '  f:', '    duration: 1s', `    ${k}: {}`)]),
    ...NOT_SUPPORTED_YET.workloadKeys.map((k): [string, string] => [
      k,
      yaml(...HEAD, '  f:', '    duration: 1s', 'workloads:', `  - { function: f, arrivals: { process: poisson, rate: 1/s }, ${k}: {} }`),
    ]),
  ];
  it.each(cases.length > 0 ? cases : [['(none left)', '']])('%s', (key, text) => {
    if (text === '') return; // every listed feature has landed
    expect(errorOf(text).format()).toContain(`${key}: ${key} is not supported yet`);
  });
});

describe('cross-references', () => {
  it('a workload naming an unknown function gets a did-you-mean', () => {
    const e = errorOf(yaml(...HEAD, '  checkout:', '    duration: 1s', 'workloads:', '  - function: checkot', '    arrivals: { process: poisson, rate: 5/s }'));
    expect(e.format()).toBe(
      'scenario.yaml:7:15: workloads.0.function: expected the name of a function under functions (checkout), found checkot (did you mean "checkout"?)',
    );
  });

  it('a workload whose start is not before its end', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 1s', 'workloads:', '  - { function: f, start: 30m, end: 20m, arrivals: { process: poisson, rate: 5/s } }'));
    expect(e.format()).toBe("scenario.yaml:7:27: workloads.0.start: expected a start before the workload's end (20m), found 30m");
  });

  it('a workload starting after the scenario ends', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 1s', 'workloads:', '  - { function: f, start: 2h, arrivals: { process: poisson, rate: 5/s } }'));
    expect(e.format()).toBe('scenario.yaml:7:27: workloads.0.start: expected a start before the end of the scenario (1h), found 2h');
  });

  it('two workloads with the same name', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 1s', 'workloads:', '  - { name: web, function: f, arrivals: { process: poisson, rate: 5/s } }', '  - { name: web, function: f, arrivals: { process: poisson, rate: 5/s } }'));
    expect(e.format()).toBe(
      'scenario.yaml:8:13: workloads.1.name: expected a unique workload name, found "web" (workloads.0 is also named "web"; give each workload its own name)',
    );
  });
});

describe('YAML-level problems', () => {
  it('duplicate keys point at the second one', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 1s', '    duration: 2s'));
    expect(e.format()).toBe('scenario.yaml:6:5: functions.f.duration: expected each key at most once in a mapping, found duration a second time');
  });

  it('a syntax error uses the YAML parser position', () => {
    const e = errorOf(yaml('name: demo', 'duration: [1h', 'functions: 3'));
    expect(e.format()).toBe(
      'scenario.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
    expect([e.line, e.column, e.expected]).toStrictEqual([3, 1, 'valid YAML']);
  });

  it('an empty file', () => {
    expect(errorOf('').format()).toBe('scenario.yaml: expected a YAML mapping with at least name, duration and functions, found an empty file');
  });

  it('a file with only comments', () => {
    expect(errorOf('# nothing yet\n').format()).toBe(
      'scenario.yaml: expected a YAML mapping with at least name, duration and functions, found a file with only comments',
    );
  });

  it('a top level that is a list', () => {
    expect(errorOf(yaml('- name: demo')).format()).toBe(
      'scenario.yaml:1:1: expected a YAML mapping with at least name, duration and functions, found a list',
    );
  });

  it('a top level that is a scalar', () => {
    expect(errorOf(yaml('hello world')).format()).toBe(
      'scenario.yaml:1:1: expected a YAML mapping with at least name, duration and functions, found "hello world"',
    );
  });

  it('an alias without its anchor', () => {
    expect(errorOf(yaml(...HEAD, '  f:', '    duration: *fast')).format()).toBe(
      'scenario.yaml:5:15: expected an alias to an anchor defined above it, found *fast',
    );
  });

  it('a document whose aliases expand without bound ("billion laughs") is refused', () => {
    const ten = (alias: string) => `[${Array(10).fill(alias).join(', ')}]`;
    const e = errorOf(
      yaml('a: &a [x, x, x, x, x, x, x, x, x, x]', `b: &b ${ten('*a')}`, `c: &c ${ten('*b')}`, `d: &d ${ten('*c')}`, `e: &e ${ten('*d')}`, `f: ${ten('*e')}`),
    );
    expect(e.expected).toBe('YAML with at most 10000 alias expansions');
    expect(e.format()).toMatch(/^scenario\.yaml: expected YAML with at most 10000 alias expansions, found /);
  });

  it('anchors and aliases that resolve are fine', () => {
    const s = parseScenarioText(yaml(...HEAD, '  f:', '    duration: &d 1s', '  g:', '    duration: *d'), 'scenario.yaml');
    expect(s.functions.g.duration).toStrictEqual({ dist: 'constant', value: 1_000_000 });
  });
});

describe('only the first error in document order is reported', () => {
  it('an error on line 5 wins over one on line 7, whatever order zod finds them in', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    memorySize: 1', '    duration: 1s', 'seed: -1'));
    expect([e.line, e.path]).toStrictEqual([5, 'functions.f.memorySize']);
  });

  it('a cross-reference error is found even when a later field has a type error', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 1s', 'workloads:', '  - { function: g, arrivals: { process: poisson, rate: 5/s } }', 'reports: { timeseries: 5 }'));
    expect([e.line, e.path]).toStrictEqual([7, 'workloads.0.function']);
  });

  it('a misspelt key wins over the missing key it causes (missing keys sort at the end of their mapping)', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    memorySize: 256', '    duraton: 1s'));
    expect(e.format()).toBe('scenario.yaml:6:5: functions.f.duraton: expected a known key, found duraton (did you mean "duration"?)');
  });

  it('is the same error on every run', () => {
    const text = yaml('nme: demo', 'duration: 1', 'functions:', '  f:', '    memorysize: 1');
    const lines = new Set([1, 2, 3].map(() => errorOf(text).format()));
    expect([...lines]).toStrictEqual(['scenario.yaml:1:1: nme: expected a known key, found nme (did you mean "name"?)']);
  });

  it('the message is one line and equals format()', () => {
    const e = errorOf(yaml(...HEAD, '  f:', '    duration: 1s', 'description: "two\\nlines"', 'seed: "x\\ny"'));
    expect(e.message).toBe(e.format());
    expect(e.format()).not.toContain('\n');
  });
});
