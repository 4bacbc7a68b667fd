/**
 * The event source seam seen from outside: a toy kind of source, written here and nowhere under
 * src/, is built (src/model/event-source.ts), fed by a producer, read by its mapping, run end to
 * end, and its items are conserved; its report hook (src/report/source-report.ts) gives it a
 * summary.json section, timeseries.csv rows and a column, chart rows, a detail line and `expect`
 * metrics; its scenario schema (src/scenario/source-schema.ts) lets a scenario file hold a
 * `mailboxes:` section, producer workloads with `mailbox:` and mappings on mailboxes, with the
 * loader's errors. If this test needs an edit under src/, the seam has leaked.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EventHandler, Kernel } from '../src/kernel/kernel.js';
import type { ModelContext } from '../src/model/context.js';
import type { EventSource, EventSourceKind } from '../src/model/event-source.js';
import type { FunctionModel, InvocationClient } from '../src/model/function-model.js';
import type { EventSourceMappingInput, ProducerInput, SimulationInput } from '../src/model/input.js';
import type { SourceProbe } from '../src/model/observer.js';
import { Simulation } from '../src/model/simulate.js';
import { SOURCE_KINDS } from '../src/model/source-kinds.js';
import { buildSummary } from '../src/report/build-summary.js';
import { backlogSpec } from '../src/report/charts.js';
import { evaluateExpectations, knownMetricPaths, resolveMetric } from '../src/report/expectations.js';
import type { SourceReport } from '../src/report/source-report.js';
import { SOURCE_REPORTS } from '../src/report/source-reports.js';
import { detailLines } from '../src/report/summary-details.js';
import { renderSummaryJson } from '../src/report/summary-json.js';
import { TimeSeriesObserver, timeSeriesShape } from '../src/report/timeseries.js';
import { parseExpectation } from '../src/scenario/expect.js';
import { mappingCommon, sourceNameSchema } from '../src/scenario/esm-schema.js';
import { customIssue, durationField, intField, strictObject } from '../src/scenario/fields.js';
import { parseScenarioText } from '../src/scenario/load.js';
import type { SourceSchema } from '../src/scenario/source-schema.js';
import { SOURCE_SCHEMAS } from '../src/scenario/source-schemas.js';
import { thrown, yaml } from './helpers/scenario-error.js';
import type { RequestSink } from '../src/workload/arrivals.js';
import { fn, MIN, MS, S, scenario } from './helpers/model-input.js';
import { esm } from './helpers/esm-input.js';

/** A mailbox: items wait in arrival order; its mapping hands them to the function one at a time, retrying failures. */
interface MailboxInput {
  /** Pause before a failed item is retried (us). */
  retryDelay: number;
}

interface MailboxResults {
  name: string;
  arrived: number;
  done: number;
  waiting: number;
  inFlight: number;
  retries: number;
  /** Most items waiting at once (what the time-series column peaks at). */
  waitingMax: number;
}

const RETRY = 1;
/** The mailbox's one time-series column: items waiting (a level). */
const WAITING = 0;

class Mailbox implements EventSource, RequestSink, InvocationClient, EventHandler {
  arrived = 0;
  done = 0;
  retries = 0;
  private waiting = 0;
  private waitingMax = 0;
  private inFlight = 0;
  private fn: FunctionModel | null = null;
  private readonly kernel: Kernel;

  constructor(
    readonly name: string,
    private readonly config: MailboxInput,
    ctx: ModelContext,
    private readonly probe: SourceProbe | null = null,
  ) {
    this.kernel = ctx.kernel;
  }

  private setWaiting(waiting: number): void {
    this.waiting = waiting;
    if (waiting > this.waitingMax) this.waitingMax = waiting;
    if (this.probe !== null) this.probe.record(this.kernel.now, WAITING, waiting);
  }

  link(): void {}

  connect(mapping: EventSourceMappingInput, fn: FunctionModel): void {
    if (mapping.source !== this.name) throw new Error('wrong mapping');
    this.fn = fn;
  }

  producer(_p: ProducerInput): RequestSink {
    return this;
  }

  begin(): void {}

  notes(): string[] {
    return this.fn === null ? [`mailbox ${this.name}: nobody reads it`] : [];
  }

  arrive(): void {
    this.arrived++;
    this.setWaiting(this.waiting + 1);
    this.pump();
  }

  private pump(): void {
    if (this.fn === null || this.inFlight > 0 || this.waiting === 0) return;
    this.setWaiting(this.waiting - 1);
    this.inFlight++;
    if (!this.fn.invoke(this.kernel.now, this, 0)) this.failed();
  }

  invocationEnded(_firstAt: number, _attempt: number, isError: boolean): boolean {
    if (isError) {
      this.failed();
      return false;
    }
    this.inFlight--;
    this.done++;
    this.kernel.schedule(this.kernel.now, this, RETRY);
    return true;
  }

  /** Back to the front after the retry delay (it stays in flight meanwhile: nothing else starts). */
  private failed(): void {
    this.retries++;
    this.kernel.schedule(this.kernel.now + this.config.retryDelay, this, RETRY, 1);
  }

  handleEvent(_kind: number, back: number): void {
    if (back === 1) {
      this.inFlight--;
      this.setWaiting(this.waiting + 1);
    }
    this.pump();
  }

  /** The toy's tests run without a warm-up; a real source restarts its counts here. */
  warmupEnded(): void {
    throw new Error('the toy mailbox does not model a warm-up');
  }

  results(): MailboxResults {
    const { name, arrived, done, waiting, inFlight, retries, waitingMax } = this;
    return { name, arrived, done, waiting, inFlight, retries, waitingMax };
  }
}

/** The toy's section of the input: what its schema file would add to the scenario. */
type ToyInput = SimulationInput & { mailboxes: Record<string, MailboxInput> };

const MAILBOXES: EventSourceKind = {
  section: 'mailboxes',
  build: (input, ctx, probe) => Object.entries((input as ToyInput).mailboxes).map(([name, config], i) => new Mailbox(name, config, ctx, probe(i))),
};

/** The mailbox's summary.json entry. */
type MailboxSummary = Omit<MailboxResults, 'name'>;

/** The toy's report hook: what its report file under src/report/ would hold. */
const MAILBOX_REPORT: SourceReport<MailboxResults, MailboxSummary> = {
  section: 'mailboxes',
  rowKind: 'mailbox',
  columns: [{ header: 'mail_waiting_max', aggregate: 'level', cell: String }],
  summarize: ({ name: _name, ...counts }) => counts,
  detail: (name, m) => `mailbox ${name}: arrived ${m.arrived}, done ${m.done}, retries ${m.retries}`,
  chart: (names, bins, t) => ({
    order: names.map((name) => `${name}: mail`),
    points: names.flatMap((name, i) => bins[WAITING][i].map((value, bin) => ({ t: t(bin), row: `${name}: mail`, what: 'mail waiting', value: value ?? 0 }))),
    colours: { 'mail waiting': '#e45756' },
  }),
};

const REPORTS = [...SOURCE_REPORTS, MAILBOX_REPORT];

function toyInput(errorRate: number, duration: number): ToyInput {
  return {
    ...scenario({
      duration,
      workloads: [],
      functions: { worker: fn({ errorRate, duration: { dist: 'exponential', mean: 20 * MS } }) },
      producers: [{ name: 'letters', source: 'inbox', partitionKeys: 1, start: 0, end: duration, arrivals: { process: 'poisson', rate: 30 } }],
      // The mapping's common fields are all a toy needs; it ignores the SQS ones.
      eventSourceMappings: [esm({ source: 'inbox', function: 'worker' })],
    }),
    mailboxes: { inbox: { retryDelay: 500 * MS }, unread: { retryDelay: S } },
  };
}

function run(errorRate: number, duration = 10 * MIN) {
  const input = toyInput(errorRate, duration);
  const results = new Simulation(input, null, [...SOURCE_KINDS, MAILBOXES]).results();
  return { results, boxes: (results as unknown as { mailboxes: MailboxResults[] }).mailboxes };
}

describe('a toy event source added through the seam alone', () => {
  it('runs end to end: producer, mapping, function, results and notes', () => {
    const { results, boxes } = run(0);
    expect(boxes.map((b) => b.name)).toStrictEqual(['inbox', 'unread']);
    const [inbox, unread] = boxes;
    expect(inbox.arrived).toBeGreaterThan(15_000);
    expect(inbox.done).toBeGreaterThan(inbox.arrived - 100);
    expect(unread).toStrictEqual({ name: 'unread', arrived: 0, done: 0, waiting: 0, inFlight: 0, retries: 0, waitingMax: 0 });
    expect(results.notes).toContain('mailbox unread: nobody reads it');
    expect(results.functions[0].invocations).toBe(inbox.done + results.functions[0].errors);
    expect(results.queues).toBeUndefined();
    expect(results.streams).toBeUndefined();
  });

  it('conserves items under errors: arrived = done + waiting + in flight', () => {
    const { results, boxes } = run(0.2);
    const [inbox] = boxes;
    // Errors do cause retries: about a thousand in 10 minutes (the count depends on the draws).
    expect(inbox.retries).toBeGreaterThan(900);
    expect(inbox.arrived).toBe(inbox.done + inbox.waiting + inbox.inFlight);
    const f = results.functions[0];
    expect(f.errors).toBe(inbox.retries - f.throttles);
    expect(f.invocations).toBe(inbox.done + f.errors);
  });
});

describe('the toy source in the reports, through its report hook alone', () => {
  const input = toyInput(0.2, 10 * MIN);
  let csv = '';
  const series = new TimeSeriesObserver({ ...timeSeriesShape(input, REPORTS), bucketUs: MIN, sink: (text) => (csv += text) });
  const results = new Simulation(input, series, [...SOURCE_KINDS, MAILBOXES]).results();
  const summary = buildSummary(results, { simulator: { name: 'lambda-sim', version: 'test' }, expectations: [] }, REPORTS);
  const boxes = (summary as unknown as { mailboxes: Record<string, MailboxSummary> }).mailboxes;

  it('has a summary.json section of its own, between the functions and the expectations', () => {
    const [inbox] = (results as unknown as { mailboxes: MailboxResults[] }).mailboxes;
    expect(Object.keys(summary)).toStrictEqual(['scenario', 'seed', 'simulatedMs', 'simulator', 'total', 'functions', 'mailboxes', 'expectations', 'billing', 'accuracy', 'notes']);
    const { name: _name, ...counts } = inbox;
    expect(boxes.inbox).toStrictEqual(counts);
    expect(inbox.arrived).toBe(inbox.done + inbox.waiting + inbox.inFlight);
    expect(renderSummaryJson(summary)).toContain('"mailboxes": {\n    "inbox": {\n      "arrived": ');
    expect(detailLines(summary, REPORTS)).toContain(`mailbox inbox: arrived ${inbox.arrived}, done ${inbox.done}, retries ${inbox.retries}`);
  });

  it('has timeseries.csv rows and a column, whose peak over buckets is the summary peak', () => {
    const [header, ...rows] = csv.trimEnd().split('\n');
    expect(header.endsWith(',iterator_age_max_ms,mail_waiting_max,latency_p50_ms,latency_p99_ms')).toBe(true);
    const cols = header.split(',');
    expect(series.rowsPerBucket).toBe(1 + 1 + 2);
    expect(rows).toHaveLength(10 * series.rowsPerBucket);
    const inboxRows = rows.map((r) => r.split(',')).filter((r) => r[cols.indexOf('kind')] === 'mailbox' && r[cols.indexOf('name')] === 'inbox');
    expect(inboxRows).toHaveLength(10);
    for (const r of rows) expect(r.split(',')).toHaveLength(cols.length);
    const peak = Math.max(...inboxRows.map((r) => Number(r[cols.indexOf('mail_waiting_max')])));
    expect(peak).toBe(boxes.inbox.waitingMax);
    expect(peak).toBeGreaterThan(0);
    const spec = backlogSpec(series.chartSeries());
    expect(spec.panels.map((p) => p.header)).toContain('inbox: mail');
    expect(spec.legend!.map((l) => l.label)).toContain('mail waiting');
  });

  it('answers expect lines on its metrics, with did-you-mean', () => {
    expect(resolveMetric(summary, 'inbox.done', REPORTS)).toStrictEqual({ ok: true, value: boxes.inbox.done });
    expect(knownMetricPaths(summary, REPORTS)).toContain('unread.retries');
    expect(resolveMetric(summary, 'inbox.don', REPORTS)).toMatchObject({ ok: false, reason: 'unknown', suggestion: 'inbox.done' });
    const [ok, broken] = evaluateExpectations([parseExpectation('inbox.retries > 900'), parseExpectation('inbox.waitingMax < 0')], summary, REPORTS);
    expect(ok).toMatchObject({ actual: boxes.inbox.retries, ok: true });
    expect(broken).toMatchObject({ actual: boxes.inbox.waitingMax, ok: false });
    // Without its report the section is not a source of metrics.
    expect(resolveMetric(summary, 'inbox.done')).toMatchObject({ ok: false, reason: 'unknown' });
  });
});

/** The toy's scenario schema: what its schema file under src/scenario/ would hold. */
const MAILBOX_SCHEMA: SourceSchema = {
  section: 'mailboxes',
  sources: z
    .record(sourceNameSchema, strictObject({ retryDelay: durationField({ min: 0, exclusiveMin: true }).prefault('500ms') }, { expected: 'a mailbox such as {retryDelay: 1s}' }), {
      error: 'a mapping of mailbox names to mailboxes',
    })
    .optional(),
  producerKey: 'mailbox',
  producerFields: { mailbox: z.string({ error: 'the name of a mailbox under mailboxes' }).optional() },
  mappingFields: { patience: intField(1, 10).optional() },
  words: { one: 'mailbox', a: 'a mailbox', mapping: 'a mailbox mapping', sources: 'mailbox sources' },
  // The model's mapping input of the toy: the common fields (its model reads no others).
  toMappingInput: (m) => ({ kind: 'mailbox', ...mappingCommon(m, 1) }) as unknown as EventSourceMappingInput,
  check: (s, ctx) => {
    const duration = s.value.duration;
    for (const [name, box] of Object.entries(s.sources('mailboxes'))) {
      const delay = (box as { retryDelay?: unknown }).retryDelay;
      if (typeof delay === 'number' && typeof duration === 'number' && delay >= duration) {
        ctx.issues.push(customIssue('a retryDelay shorter than the scenario', delay, {}, ['mailboxes', name, 'retryDelay']));
      }
    }
  },
};

const SCHEMAS = [...SOURCE_SCHEMAS, MAILBOX_SCHEMA];

const TOY_YAML = [
  'name: toy',
  'duration: 10m',
  'functions:',
  '  worker: { duration: { dist: exponential, mean: 20ms }, errorRate: 0.2 }',
  'mailboxes:',
  '  inbox: { retryDelay: 500ms }',
  '  unread: { retryDelay: 1s }',
  'queues:',
  '  orders: {}',
];

const toyText = (...lines: string[]) =>
  yaml(...TOY_YAML, 'eventSourceMappings:', '  - { source: inbox, function: worker }', 'workloads:', '  - { name: letters, mailbox: inbox, arrivals: { process: poisson, rate: 30/s } }', ...lines);

const toyError = (text: string) => thrown(() => parseScenarioText(text, 'toy.yaml', { sourceSchemas: SCHEMAS })).format();

describe('the toy source in a scenario file, through its scenario schema alone', () => {
  const scenario = parseScenarioText(toyText(), 'toy.yaml', { sourceSchemas: SCHEMAS });

  it('reads its section, its producer workload and its mapping', () => {
    expect((scenario as unknown as ToyInput).mailboxes).toStrictEqual({ inbox: { retryDelay: 500 * MS }, unread: { retryDelay: S } });
    expect(scenario.workloads).toStrictEqual([]);
    expect(scenario.producers).toStrictEqual([{ name: 'letters', source: 'inbox', partitionKeys: 10_000, start: 0, end: 10 * MIN, arrivals: { process: 'poisson', rate: 30 } }]);
    expect(scenario.eventSourceMappings).toStrictEqual([
      { kind: 'mailbox', source: 'inbox', function: 'worker', batchSize: 1, maximumBatchingWindow: 0, reportBatchItemFailures: false, itemFailureRate: 0, durationPerItem: 0 },
    ]);
    expect({ ...scenario.queues }).toStrictEqual({ orders: { type: 'standard', visibilityTimeout: 30 * S } });
  });

  it('runs end to end from the parsed scenario, items conserved', () => {
    const results = new Simulation(scenario, null, [...SOURCE_KINDS, MAILBOXES]).results();
    const [inbox, unread] = (results as unknown as { mailboxes: MailboxResults[] }).mailboxes;
    expect(inbox.retries).toBeGreaterThan(900);
    expect(inbox.arrived).toBe(inbox.done + inbox.waiting + inbox.inFlight);
    expect(results.functions[0].invocations).toBe(inbox.done + results.functions[0].errors);
    expect(unread.arrived).toBe(0);
  });

  it('is not a scenario key without its schema', () => {
    expect(thrown(() => parseScenarioText(toyText(), 'toy.yaml')).format()).toMatch(/^toy\.yaml:5:1: mailboxes: /);
  });

  it.each([
    ['an unknown mailbox', ['  - { mailbox: inbx, arrivals: { process: poisson, rate: 1/s } }'], 'toy.yaml:14:16: workloads.1.mailbox: expected the name of a mailbox under mailboxes (inbox or unread), found inbx (did you mean "inbox"?)'],
    ['a workload with two targets', ['  - { mailbox: inbox, queue: orders, arrivals: { process: poisson, rate: 1/s } }'], 'toy.yaml:14:5: workloads.1: expected exactly one of function, queue, stream, topic, bucket, bus or mailbox, found queue and mailbox'],
    ['partitionKeys on a mailbox workload', ['  - { name: more, mailbox: inbox, partitionKeys: 4, arrivals: { process: poisson, rate: 1/s } }'], 'toy.yaml:14:50: workloads.1.partitionKeys: expected partitionKeys on a stream workload only, found 4'],
  ])('refuses %s with the usual error line', (_what, lines, message) => {
    expect(toyError(toyText(...lines))).toBe(message);
  });

  it('refuses a mapping setting of another kind, both ways, and runs its own rules', () => {
    const mapping = (m: string) => yaml(...TOY_YAML, 'eventSourceMappings:', `  - ${m}`);
    expect(toyError(mapping('{ source: inbox, function: worker, scaleUp: 60/min }'))).toBe(
      'toy.yaml:11:49: eventSourceMappings.0.scaleUp: scaleUp applies to SQS queue sources only, and inbox is a mailbox',
    );
    expect(toyError(mapping('{ source: orders, function: worker, patience: 3 }'))).toBe(
      'toy.yaml:11:51: eventSourceMappings.0.patience: patience applies to mailbox sources only, and orders is a queue',
    );
    expect(toyError(mapping('{ source: inbx, function: worker }'))).toBe(
      'toy.yaml:11:15: eventSourceMappings.0.source: expected the name of a queue, stream or mailbox (orders, inbox or unread), found inbx (did you mean "inbox"?)',
    );
    expect(toyError(yaml(...TOY_YAML.slice(0, 5), '  inbox: { retryDelay: 1h }'))).toBe(
      'toy.yaml:6:24: mailboxes.inbox.retryDelay: expected a retryDelay shorter than the scenario, found 1h',
    );
    // Names are unique across kinds: the later kind in the table is the one refused.
    expect(toyError(yaml(...TOY_YAML, '  inbox: {}'))).toBe('toy.yaml:6:3: mailboxes.inbox: expected a name not used by a queue, found a mapping');
  });
});
