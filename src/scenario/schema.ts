/**
 * The scenario schema: the single source of truth for the scenario's types, defaults, validation
 * and JSON Schema (`sim schema`). It reads the foundation subset of scenario-format.md; the parts
 * not implemented yet are listed in not-supported.ts and refused with "X is not supported yet".
 *
 * Output units are the model's: integer microseconds, rates per second, and a value assignable
 * to {@link SimulationInput} (checked at compile time below).
 */
import { z } from 'zod';
import type { SimulationInput, WorkloadInput } from '../model/input.js';
import type { Expectation } from './expect-types.js';
import { billingSchema } from './billing-schema.js';
import { DEFAULTS, LIMITS } from './defaults.js';
import { ExpectSyntaxError, parseExpectation } from './expect.js';
import { customIssue, durationField, enumField, intField, listChoices, strictObject } from './fields.js';
import { functionNameSchema, functionSchema } from './function-schema.js';
import { didYouMean } from './suggest.js';
import { formatDuration } from './units.js';
import { traceNotes } from './trace-notes.js';
import { percentilesNote } from './percentiles-schema.js';
import { workloadSchemaFor } from './workload-schema.js';
import { checkArrivalWindows } from './arrival-checks.js';
import { checkConcurrency } from './concurrency-schema.js';
import { sweepSchema } from './sweep-schema.js';
import { breakEvenSchema, checkBreakEvenFunctions } from './break-even-schema.js';
import { checkInvocationOptions } from './async-schema.js';
import { hasDestinations } from './chain-checks.js';
import { ESM_DEFAULTS, mappingsSchemaFor } from './esm-schema.js';
import { eventSourceChecks } from './esm-checks.js';
import type { EventSourceMappingInput, ProducerInput } from '../model/input.js';
import type { ParsedMapping, SourceSchema } from './source-schema.js';
import { SOURCE_SCHEMAS } from './source-schemas.js';
import type { queuesSchema } from './queue-schema.js';
import type { streamsSchema } from './stream-schema.js';
import { templateKeySchema } from './template/template-key.js';
import type { topicsSchema } from './topic-schema.js';
import type { bucketsSchema } from './bucket-schema.js';
import type { busesSchema } from './eventbridge-schema.js';
import { checkCloudfront, cloudfrontSchema, expandEdgeFunctions } from './cloudfront-schema.js';
import { apiGatewaysSchema, checkApiGateways, defaultApiGatewayThrottle, throttleSchema } from './api-gateway-schema.js';
import { checkDependencies, dependenciesSchema } from './dependency-schema.js';
import { expandVersions, invocationTargets } from './version-schema.js';
import { expandDeployments } from './deployment-schema.js';

const NAME_EXPECTED = 'a name of 1 to 100 letters, digits, dots, hyphens or underscores (it names the report folder)';
const REGION_EXPECTED = 'an AWS region code such as us-east-1, ap-northeast-1 or eu-south-2';

/** Report formats the foundation writes (report-format.md). */
export const REPORT_FORMATS = ['summary', 'json', 'csv', 'timeseries', 'html', 'logs'] as const;

const accountSchema = strictObject({
  concurrencyLimit: intField(1)
    .default(DEFAULTS.account.concurrencyLimit)
    .describe('Regional account concurrency quota. Default 1000.'),
  unreservedMinimum: intField(0)
    .default(DEFAULTS.account.unreservedMinimum)
    .describe('Unreserved concurrency AWS keeps free of reservations. Default 100.'),
  scaling: enumField(['per-function', 'regional-burst'])
    .default(DEFAULTS.account.scaling)
    .describe(
      'Scaling-rate rule: per-function (since 2023-11-27: +1000 environments per function every 10 s) or ' +
        'regional-burst (older: regional burst of 3000/1000/500, then +500/min). Default per-function.',
    ),
  apiGatewayThrottle: throttleSchema
    .optional()
    .describe("API Gateway's throttle for all APIs of the account in the Region. Default {rate: 10000, burst: 5000} (2500/1250 in some Regions)."),
})
  .superRefine((account, ctx) => {
    if (account.unreservedMinimum > account.concurrencyLimit) {
      ctx.issues.push(
        customIssue(`an integer of at most concurrencyLimit (${account.concurrencyLimit})`, account.unreservedMinimum, {}, [
          'unreservedMinimum',
        ]),
      );
    }
  })
  .describe('The AWS account in the region: concurrency quota and scaling rule.');

const reportsSchema = strictObject({
  dir: z
    .string({ error: 'a folder path' })
    .min(1, { error: 'a folder path' })
    .optional()
    .describe('Report folder, relative to the folder of the scenario file (--out is relative to the current directory instead). Default reports/<name> in the current directory.'),
  formats: z
    .array(enumField(REPORT_FORMATS, { notSupported: 'reportFormats' }), {
      error: 'a list of report formats such as [summary, json, csv, html]',
    })
    // An empty list would run and write an empty folder: surely not what was meant.
    .min(1, { error: 'at least one report format, such as [summary]' })
    .default([...DEFAULTS.reports.formats])
    .describe(
      'Files to write: summary (summary.txt and summary.md), json (summary.json), csv (functions.csv and timeseries.csv), ' +
        'timeseries (timeseries.csv only), html (report.html), logs (logs/<function>.log: CloudWatch-style START/END/REPORT lines, large). ' +
        'Default [summary, json, csv, html].',
    ),
  timeseries: durationField({ min: 0, exclusiveMin: true })
    .prefault(DEFAULTS.reports.timeseries)
    .describe('Bucket width of timeseries.csv and of the time charts of report.html. Default 1s.'),
}).describe('Which reports to write and where.');

const expectLine = z
  .string({ error: 'an expectation such as "checkout.latency.p99 < 800ms"' })
  .transform((text, ctx): Expectation => {
    try {
      // A unit on an unknown name is checked with the names (run/expect-metrics.ts): a typo gets its did-you-mean.
      return parseExpectation(text, { deferCountUnits: true });
    } catch (error) {
      if (!(error instanceof ExpectSyntaxError)) throw error;
      ctx.issues.push(customIssue(error.expected, text, { found: error.found, offset: error.offset }));
      return z.NEVER;
    }
  })
  .describe('METRIC OP VALUE [UNIT], e.g. "checkout.latency.p99 < 800ms", "total.cost <= 40 USD", "checkout.coldStartRate < 1%".');

/**
 * The source sections of `kinds` (`queues:`, `streams:`), in table order. Typed as the built-in
 * ones: a table with other kinds has their sections at run time, read through their own types.
 */
function sourceSections(kinds: readonly SourceSchema[]) {
  return Object.fromEntries(kinds.map((k) => [k.section, k.sources])) as { queues: typeof queuesSchema; streams: typeof streamsSchema; topics: typeof topicsSchema; buckets: typeof bucketsSchema; buses: typeof busesSchema };
}

const scenarioObjectFor = (kinds: readonly SourceSchema[]) => strictObject(
  {
    name: z
      .string({ error: NAME_EXPECTED })
      .regex(LIMITS.scenarioName, { error: NAME_EXPECTED })
      // "." and ".." would name the report folder's parent, not a folder of its own.
      .refine((name) => !/^\.+$/.test(name), { error: NAME_EXPECTED })
      .describe('Scenario name (required); names the report folder reports/<name>.'),
    description: z.string({ error: 'text' }).optional().describe('Free text.'),
    seed: intField(0)
      .default(DEFAULTS.seed)
      .describe('Random seed; the same seed and file give the same report bytes. Default 1.'),
    duration: durationField({ min: 0, exclusiveMin: true }).describe('Simulated time (required), e.g. 2h.'),
    warmup: durationField({ min: 0 })
      .optional()
      .describe(
        'Warm-up at the start of the run, shorter than duration: every count, distribution, time average and the cost ' +
          'cover only the time after it (reports say "measured from ..."). Default: none.',
      ),
    region: z
      .string({ error: REGION_EXPECTED })
      .regex(LIMITS.region, { error: REGION_EXPECTED })
      .default(DEFAULTS.region)
      .describe('AWS region: selects the price table and the legacy burst quota. Default us-east-1.'),
    account: accountSchema.prefault({}),
    billing: billingSchema.prefault({}),
    functions: z
      .record(functionNameSchema, functionSchema, { error: 'a mapping of function names to functions' })
      .refine((functions) => Object.keys(functions).length > 0, { error: 'at least one function' })
      .meta({ minProperties: 1 })
      .describe('Lambda functions by name (at least one); the order is the report order.'),
    workloads: z
      .array(workloadSchemaFor(kinds), { error: 'a list of workloads' })
      .default([])
      .describe('Traffic: who invokes which function, when and how often.'),
    ...sourceSections(kinds),
    eventSourceMappings: mappingsSchemaFor(kinds),
    apiGateways: apiGatewaysSchema,
    dependencies: dependenciesSchema,
    cloudfront: cloudfrontSchema,
    reports: reportsSchema.prefault({}),
    expect: z
      .array(expectLine, { error: 'a list of expectation lines' })
      .default([])
      .describe('Budgets and SLOs checked after the run; exit code 1 when one is broken.'),
    sweep: sweepSchema,
    breakEven: breakEvenSchema,
    template: templateKeySchema,
  },
  { expected: 'a mapping with at least name, duration and functions', notSupported: 'scenarioKeys' },
);

/** A plain-object test that does not trust a partially parsed value. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a workload targets: its function, else the source named by its kind's producer key (`queue:`). */
function targetOf(w: Record<string, unknown>, kinds: readonly SourceSchema[]): unknown {
  return kinds.reduce((target, k) => target ?? w[k.producerKey], w.function);
}

/**
 * The name of each workload: its `name`, else the function name when only one workload targets
 * that function, else `<function>-<index>` (index in the `workloads` list).
 */
export function workloadNames(workloads: readonly unknown[], kinds: readonly SourceSchema[] = SOURCE_SCHEMAS): string[] {
  const perFunction = new Map<string, number>();
  for (const w of workloads) {
    const target = isRecord(w) ? targetOf(w, kinds) : undefined;
    if (typeof target === 'string') perFunction.set(target, (perFunction.get(target) ?? 0) + 1);
  }
  return workloads.map((w, index) => {
    if (!isRecord(w)) return `workload-${index}`;
    if (typeof w.name === 'string') return w.name;
    const target = targetOf(w, kinds);
    const fn = typeof target === 'string' ? target : 'workload';
    return perFunction.get(fn) === 1 ? fn : `${fn}-${index}`;
  });
}

/**
 * Checks that span sections: workloads name existing functions and have a non-empty window,
 * workload names are unique, expect lines name `total` or a function. It runs even when other
 * parts failed (so the first error in the file is found), hence the defensive reading.
 */
function checkReferences(value: unknown, ctx: z.core.$RefinementCtx<unknown>, kinds: readonly SourceSchema[]): void {
  if (!isRecord(value)) return;
  const functions = isRecord(value.functions) ? Object.keys(value.functions) : undefined;
  const duration = typeof value.duration === 'number' ? value.duration : undefined;
  const workloads = Array.isArray(value.workloads) ? value.workloads : [];

  if (typeof value.warmup === 'number' && duration !== undefined && value.warmup >= duration) {
    ctx.issues.push(customIssue(`a warm-up shorter than the duration (${formatDuration(duration)})`, value.warmup, {}, ['warmup']));
  }

  const targets = invocationTargets(value.functions);
  workloads.forEach((w, i) => {
    if (!isRecord(w)) return;
    if (functions && typeof w.function === 'string' && !targets.includes(w.function)) {
      // Mention qualified names only when the scenario has some (the usual line stays as it was).
      const qualified = targets.length > functions.length ? ', or fn:version / fn:alias' : '';
      const expected = `the name of a function under functions (${listChoices(functions)})${qualified}`;
      ctx.issues.push(customIssue(expected, w.function, { hint: didYouMean(w.function, targets) }, ['workloads', i, 'function']));
    }
    if (typeof w.start === 'number' && duration !== undefined) {
      const hasEnd = typeof w.end === 'number' && w.end < duration;
      const end = hasEnd ? (w.end as number) : duration;
      if (w.start >= end) {
        const expected = hasEnd
          ? `a start before the workload's end (${formatDuration(end)})`
          : `a start before the end of the scenario (${formatDuration(end)})`;
        ctx.issues.push(customIssue(expected, w.start, {}, ['workloads', i, 'start']));
      }
    }
  });

  // Deployment hooks name a function (any invocation target) of the scenario.
  if (functions && isRecord(value.functions)) {
    for (const [fn, config] of Object.entries(value.functions)) {
      if (!isRecord(config) || !Array.isArray(config.deployments)) continue;
      config.deployments.forEach((d, i) => {
        if (!isRecord(d) || !isRecord(d.hooks)) return;
        for (const hook of ['preTraffic', 'postTraffic']) {
          const name = d.hooks[hook];
          if (typeof name !== 'string' || targets.includes(name)) continue;
          ctx.issues.push(customIssue(`the name of a function under functions (${listChoices(functions)})`, name, { hint: didYouMean(name, targets) }, ['functions', fn, 'deployments', i, 'hooks', hook]));
        }
      });
    }
  }

  const names = workloadNames(workloads, kinds);
  const firstIndex = new Map<string, number>();
  names.forEach((name, i) => {
    const first = firstIndex.get(name);
    if (first === undefined) {
      firstIndex.set(name, i);
      return;
    }
    const explicit = isRecord(workloads[i]) && typeof workloads[i].name === 'string';
    ctx.issues.push(
      customIssue(
        'a unique workload name',
        name,
        { found: `"${name}"`, hint: `workloads.${first} is also named "${name}"; give each workload its own name` },
        explicit ? ['workloads', i, 'name'] : ['workloads', i],
      ),
    );
  });

  const expectations = Array.isArray(value.expect) ? value.expect : [];
  expectations.forEach((e, i) => {
    if (!isRecord(e) || typeof e.metric !== 'string' || !functions) return;
    const target = e.metric.split('.')[0];
    const sources = [...kinds.map((k) => k.section), 'apiGateways', 'cloudfront', 'dependencies'].flatMap((section) => (isRecord(value[section]) ? Object.keys(value[section] as object) : []));
    // Chain ends' pipeline latency (`pipelines.<end>.p99`) when destinations may chain functions.
    if (hasDestinations(value)) sources.push('pipelines');
    // Deployments and updates (`deployments.<fn:alias>.rolledBack`).
    if (isRecord(value.functions) && Object.values(value.functions).some((f) => isRecord(f) && (f.deployments !== undefined || f.updates !== undefined))) sources.push('deployments');
    // The other services' charges (`services.s3`, `services.totalPerMonth`: report/services-cost.ts).
    if (['buckets', 'topics', 'buses', 'apiGateways'].some((k) => isRecord(value[k]) && Object.keys(value[k] as object).length > 0)) sources.push('services');
    const instances = invocationTargets(value.functions);
    if (target !== 'total' && !instances.includes(target) && !sources.includes(target)) {
      const candidates = ['total', ...instances, ...sources];
      ctx.issues.push(
        customIssue(
          `a metric of ${listChoices(candidates)}`,
          e.metric,
          { found: `"${target}"`, hint: didYouMean(target, candidates), offset: 0, offsetFromTrimmed: true },
          ['expect', i],
        ),
      );
    }
  });
}

/** The parsed object before the scenario-wide defaults are filled. */
type ParsedScenario = z.output<ReturnType<typeof scenarioObjectFor>>;

/** The kind of source named `source` (the checks made sure there is one). */
function kindOf(v: ParsedScenario, kinds: readonly SourceSchema[], source: string): SourceSchema {
  const kind = kinds.find((k) => {
    const sources = (v as unknown as Record<string, unknown>)[k.section];
    return isRecord(sources) && Object.hasOwn(sources, source);
  });
  if (kind === undefined) throw new Error(`no event source ${source}`);
  return kind;
}

/**
 * Fill the defaults that depend on other fields: workload names and window ends; producer
 * workloads and mappings become the model's input of their kind of source.
 */
function finalize(v: ParsedScenario, kinds: readonly SourceSchema[]) {
  const names = workloadNames(v.workloads, kinds);
  const producers: ProducerInput[] = [];
  v.workloads.forEach((w, i) => {
    if (w.function !== undefined) return;
    const fields = w as Record<string, unknown>;
    const kind = kinds.find((k) => typeof fields[k.producerKey] === 'string');
    producers.push({
      name: names[i],
      source: kind === undefined ? '' : (fields[kind.producerKey] as string),
      // Every producer input has partitionKeys; a kind whose producers take them sets its own.
      partitionKeys: ESM_DEFAULTS.partitionKeys,
      ...kind?.producerInput?.(fields),
      start: w.start,
      end: Math.min(w.end ?? v.duration, v.duration),
      arrivals: w.arrivals,
    });
  });
  const eventSourceMappings: EventSourceMappingInput[] = v.eventSourceMappings.map((m) => kindOf(v, kinds, m.source).toMappingInput(m as ParsedMapping));
  const functionWorkloads = v.workloads.flatMap((w, i) => (w.function === undefined ? [] : [{ w: { ...w, function: w.function }, i }]));
  const workloads: WorkloadInput[] = functionWorkloads.map(({ w, i }) => ({
    name: names[i],
    function: w.function,
    invocation: w.invocation,
    start: w.start,
    // Arrivals after the simulated time could never be observed: clamp rather than refuse.
    end: Math.min(w.end ?? v.duration, v.duration),
    arrivals: w.arrivals,
    ...(w.clientRetries ? { clientRetries: w.clientRetries } : {}),
    ...(w.payloadSize !== undefined ? { payloadSize: w.payloadSize } : {}),
    ...(w.via !== undefined ? { via: w.via } : {}),
  }));
  // The account's API Gateway throttle matters only with APIs: filled then, by the Region's default.
  const account =
    v.apiGateways === undefined ? v.account : { ...v.account, apiGatewayThrottle: v.account.apiGatewayThrottle ?? defaultApiGatewayThrottle(v.region) };
  // Updates add instances for the new code; deployments and updates leave the functions for the model's list.
  const deployed = expandDeployments(v.functions);
  const expanded = expandVersions(deployed.functions);
  // Trace workloads (function or producer) that leave the run without traffic say so in the report.
  const notes = v.workloads.flatMap((w, i) => traceNotes(names[i], w.arrivals, w.start, Math.min(w.end ?? v.duration, v.duration)));
  for (const [name, f] of Object.entries(v.functions)) {
    const note = percentilesNote(`functions.${name}.duration`, f.duration);
    if (note !== null) notes.push(note);
  }
  return {
    ...v,
    account,
    functions: expandEdgeFunctions(nameMap(expanded.functions), v.cloudfront),
    ...(expanded.versions === undefined ? {} : { versions: expanded.versions }),
    ...(expanded.aliases === undefined ? {} : { aliases: expanded.aliases }),
    ...(deployed.deployments === undefined ? {} : { deployments: deployed.deployments }),
    ...(deployed.updates === undefined ? {} : { updates: deployed.updates }),
    ...(v.apiGateways === undefined ? {} : { apiGateways: nameMap(v.apiGateways) }),
    ...(v.dependencies === undefined ? {} : { dependencies: nameMap(v.dependencies) }),
    ...(v.queues === undefined ? {} : { queues: nameMap(v.queues) }),
    ...(v.streams === undefined ? {} : { streams: nameMap(v.streams) }),
    ...(v.topics === undefined ? {} : { topics: nameMap(v.topics) }),
    ...(v.buckets === undefined ? {} : { buckets: nameMap(v.buckets) }),
    ...(v.buses === undefined ? {} : { buses: nameMap(Object.fromEntries(Object.entries(v.buses).map(([n, b]) => [n, { rules: nameMap(b.rules) }]))) }),
    ...(v.cloudfront === undefined ? {} : { cloudfront: nameMap(v.cloudfront) }),
    workloads,
    producers,
    eventSourceMappings,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/**
 * A copy of a record of user-named things without a prototype, so a lookup of a name that is not
 * there (`functions.toString`) finds nothing instead of Object.prototype's method.
 */
export function nameMap<T>(record: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, record);
}

/**
 * The scenario schema: parse `unknown` (YAML turned into plain data) into a {@link Scenario}.
 * Use `loadScenario` (load.ts) for files: it adds positions and one clear error line.
 */
export const scenarioSchema = buildScenarioSchema(SOURCE_SCHEMAS);

/** The scenario schema with the kinds of event source `kinds` (source-schema.ts) instead of the built-in ones. */
function buildScenarioSchema(kinds: readonly SourceSchema[]) {
  return scenarioObjectFor(kinds)
    .superRefine((value, ctx) => checkReferences(value, ctx, kinds), { when: () => true })
    .superRefine(checkArrivalWindows, { when: () => true })
    .superRefine(checkConcurrency, { when: () => true })
    .superRefine(checkInvocationOptions, { when: () => true })
    .superRefine(eventSourceChecks(kinds), { when: () => true })
    .superRefine(checkBreakEvenFunctions, { when: () => true })
    .superRefine(checkApiGateways, { when: () => true })
    .superRefine(checkDependencies, { when: () => true })
    .superRefine(checkCloudfront, { when: () => true })
    .transform((v) => finalize(v, kinds))
    .describe('A lambda-sim scenario: an AWS account region, its Lambda functions and their traffic.');
}

const built = new WeakMap<readonly SourceSchema[], typeof scenarioSchema>([[SOURCE_SCHEMAS, scenarioSchema]]);

/**
 * The scenario schema of a table of kinds of event source (built once per table): the built-in
 * one for SOURCE_SCHEMAS; a test passes its own table to add a kind without editing src/.
 */
export function scenarioSchemaFor(kinds: readonly SourceSchema[] = SOURCE_SCHEMAS): typeof scenarioSchema {
  let schema = built.get(kinds);
  if (schema === undefined) {
    schema = buildScenarioSchema(kinds);
    built.set(kinds, schema);
  }
  return schema;
}

/**
 * A validated scenario with every default filled, in model units (microseconds, per second).
 * `notes` are the loader's remarks for the report (what a `template:` import brought in).
 */
export type Scenario = z.output<typeof scenarioSchema> & { notes?: string[] };

/** A scenario as written (before defaults and unit conversion): the shape of the YAML. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** `reports:` after defaults. */
export type ReportsConfig = Scenario['reports'];

/** Compile-time proof that a Scenario can be handed to the model as it is. */
const _inputCheck = (s: Scenario): SimulationInput => s;
void _inputCheck;
