/**
 * Results -> Summary: the one place where simulator units become report units (us -> ms) and
 * where every number is rounded (see format-number.ts and the Summary type for the rules).
 */
import type { AsyncResults, FunctionResults, ProvisionedResults, Results } from '../model/results.js';
import type { AliasResults } from '../model/alias-router.js';
import type { ArchitecturePrices, CostBreakdown, PriceTable } from '../billing/types.js';
import type {
  AsyncSummary,
  ProvisionedSummary,
  ArchitecturePricesSummary,
  CostSummary,
  ExpectationResult,
  AliasSummary,
  ClientCallsSummary,
  FunctionSummary,
  MonthlyProjectionSummary,
  Summary,
  TotalSummary,
} from './summary-types.js';
import { assertFinite, fraction, gbSeconds, integer, ms, usToMs, usd } from './format-number.js';
import { QUANTILE_RELATIVE_ERROR } from '../metrics/histogram.js';
import { summarizePipelines } from './pipeline-report.js';
import { summarizeDeployments } from './deployment-report.js';
import { MONTH_DAYS } from '../billing/month.js';

/** summary.json's statement of how exact its numbers are. */
const ACCURACY = {
  quantileRelativeError: QUANTILE_RELATIVE_ERROR,
  note:
    `p50, p90, p99 and p999 come from a streaming histogram and are within ${QUANTILE_RELATIVE_ERROR * 100}% of the true quantile ` +
    '(about 3 significant figures); means, maxima, counts, GB-s and costs are exact.',
} as const;
import { summarizeHistogram } from './histogram-summary.js';
import { summarizeMemory, summarizeStages } from './anatomy-summary.js';
import type { SourceReport } from './source-report.js';
import { SOURCE_REPORTS, summarizeSources } from './source-reports.js';
import { summarizeBreakEven } from './break-even-summary.js';
import { summarizeServices, withServicesCost } from './services-cost.js';
import { summarizeBacklogTrend } from './backlog-trend.js';

export { summarizeHistogram, type HistogramView } from './histogram-summary.js';

/** Who produced the report, and the expectations already evaluated (empty before evaluation). */
export interface SummaryMeta {
  simulator: { name: string; version: string };
  expectations: ExpectationResult[];
}

/** A cost breakdown rounded to 8 decimals, keys in contract order, then the monthly projection when there is one. */
function summarizeCost(c: CostBreakdown, field: string, perMonth?: number): CostSummary {
  return {
    requests: usd(c.requests, `${field}.requests`),
    compute: usd(c.compute, `${field}.compute`),
    provisioned: usd(c.provisioned, `${field}.provisioned`),
    storage: usd(c.storage, `${field}.storage`),
    ...(c.snapStartCache !== undefined ? { snapStartCache: usd(c.snapStartCache, `${field}.snapStartCache`) } : {}),
    ...(c.snapStartRestore !== undefined ? { snapStartRestore: usd(c.snapStartRestore, `${field}.snapStartRestore`) } : {}),
    total: usd(c.total, `${field}.total`),
    ...(perMonth !== undefined ? { perMonth: usd(perMonth, `${field}.perMonth`) } : {}),
  };
}

/** numerator / denominator as a 6-decimal fraction, 0 when the denominator is 0. */
function rate(numerator: number, denominator: number, field: string): number {
  return denominator === 0 ? 0 : fraction(numerator / denominator, field);
}

/**
 * Invocations that STARTED in the measured period, the population of cold starts (counted when an
 * invocation starts with INIT): the invocations that ended, plus those still running at the end,
 * less those already running when the warm-up ended (`invocations + inFlightAtEnd =
 * started + inFlightAtStart`). Dividing by `invocations` alone (those that ended) could exceed 1.
 */
function started(f: { invocations: number; inFlightAtEnd: number; inFlightAtStart?: number }): number {
  return f.invocations + f.inFlightAtEnd - (f.inFlightAtStart ?? 0);
}

/** One function's entry; `f.name` prefixes every field name in error messages. */
export function summarizeFunction(f: FunctionResults, perMonth?: number, provisionedDurationGbSeconds = 0): FunctionSummary {
  const n = f.name;
  const i = (value: number, key: string): number => integer(value, `${n}.${key}`);
  return {
    ...(f.qualifier === undefined ? {} : { function: f.qualifier.function, version: f.qualifier.version }),
    requests: i(f.requests, 'requests'),
    invocations: i(f.invocations, 'invocations'),
    errors: i(f.errors, 'errors'),
    timeouts: i(f.timeouts, 'timeouts'),
    throttles: i(f.throttles, 'throttles'),
    coldStarts: i(f.coldStarts, 'coldStarts'),
    coldStartRate: rate(f.coldStarts, started(f), `${n}.coldStartRate`),
    retries: i(f.retries, 'retries'),
    deadLettered: i(f.deadLettered, 'deadLettered'),
    dropped: i(f.dropped, 'dropped'),
    inFlightAtEnd: i(f.inFlightAtEnd, 'inFlightAtEnd'),
    concurrency: {
      max: i(f.concurrencyMax, 'concurrency.max'),
      mean: fraction(f.concurrencyMean, `${n}.concurrency.mean`),
    },
    environments: {
      created: i(f.environmentsCreated, 'environments.created'),
      reclaimed: i(f.environmentsReclaimed, 'environments.reclaimed'),
      maxAlive: i(f.environmentsMaxAlive, 'environments.maxAlive'),
      meanAlive: fraction(f.environmentsMeanAlive, `${n}.environments.meanAlive`),
      ...(f.environmentsPrewarmed !== undefined ? { prewarmed: i(f.environmentsPrewarmed, 'environments.prewarmed') } : {}),
    },
    duration: summarizeHistogram(f.duration, `${n}.duration`),
    initDuration: summarizeHistogram(f.initDuration, `${n}.initDuration`),
    latency: summarizeHistogram(f.latency, `${n}.latency`),
    billedDurationMs: ms(f.billedDurationMs, `${n}.billedDurationMs`),
    gbSeconds: gbSeconds(f.gbSeconds, `${n}.gbSeconds`),
    cost: summarizeCost(f.cost, `${n}.cost`, perMonth),
    successes: i(f.successes, 'successes'),
    throttleReasons: {
      account: i(f.throttleReasons.account, 'throttleReasons.account'),
      reserved: i(f.throttleReasons.reserved, 'throttleReasons.reserved'),
      scaling: i(f.throttleReasons.scaling, 'throttleReasons.scaling'),
      rate: i(f.throttleReasons.rate, 'throttleReasons.rate'),
    },
    runtime: f.runtime,
    architecture: f.architecture,
    memorySize: i(f.memorySize, 'memorySize'),
    ephemeralStorage: i(f.ephemeralStorage, 'ephemeralStorage'),
    wait: summarizeHistogram(f.wait, `${n}.wait`),
    ...(f.inFlightAtStart !== undefined ? { inFlightAtStart: i(f.inFlightAtStart, 'inFlightAtStart') } : {}),
    ...(f.throttles > 0
      ? {
          earlyThrottles: {
            count: i(f.earlyThrottles.count, 'earlyThrottles.count'),
            withinMs: usToMs(f.earlyThrottles.withinUs, `${n}.earlyThrottles.withinMs`),
            windowMs: usToMs(f.earlyThrottles.windowUs, `${n}.earlyThrottles.windowMs`),
          },
        }
      : {}),
    ...(f.retriesPendingAtEnd !== undefined && f.retriesPendingAtEnd > 0
      ? { retriesPendingAtEnd: i(f.retriesPendingAtEnd, 'retriesPendingAtEnd') }
      : {}),
    ...(f.clientCalls !== undefined ? { clientCalls: clientCallsSummary(f.clientCalls, `${n}.clientCalls`) } : {}),
    ...(f.initErrors !== undefined ? { initErrors: i(f.initErrors, 'initErrors') } : {}),
    ...(f.initTimeouts !== undefined ? { initTimeouts: i(f.initTimeouts, 'initTimeouts') } : {}),
    ...(f.restores !== undefined ? { restores: i(f.restores, 'restores') } : {}),
    ...(f.restoreDuration !== undefined ? { restoreDuration: summarizeHistogram(f.restoreDuration, `${n}.restoreDuration`) } : {}),
    ...(f.reservedConcurrency !== undefined ? { reservedConcurrency: i(f.reservedConcurrency, 'reservedConcurrency') } : {}),
    ...(f.provisioned !== undefined ? { provisionedConcurrency: summarizeProvisioned(f.provisioned, n, provisionedDurationGbSeconds) } : {}),
    ...(f.async !== undefined ? { async: summarizeAsync(f.async, n) } : {}),
    outOfMemory: i(f.outOfMemory, 'outOfMemory'),
    memoryUsed: summarizeMemory(f.memoryUsed, `${n}.memoryUsed`),
    stages: summarizeStages(f.stages, `${n}.stages`),
  };
}

/** Asynchronous invocation with CloudWatch's Async* names where they exist. */
function summarizeAsync(a: AsyncResults, n: string): AsyncSummary {
  const field = `${n}.async`;
  const i = (value: number, key: string): number => integer(value, `${field}.${key}`);
  return {
    received: i(a.received, 'received'),
    succeeded: i(a.succeeded, 'succeeded'),
    dropped: i(a.dropped, 'dropped'),
    retriesExhausted: i(a.retriesExhausted, 'retriesExhausted'),
    eventAgeExceeded: i(a.eventAgeExceeded, 'eventAgeExceeded'),
    deadLettered: i(a.deadLettered, 'deadLettered'),
    onFailureDeliveries: i(a.onFailureDeliveries, 'onFailureDeliveries'),
    onSuccessDeliveries: i(a.onSuccessDeliveries, 'onSuccessDeliveries'),
    duplicates: i(a.duplicates, 'duplicates'),
    errorRetries: i(a.errorRetries, 'errorRetries'),
    throttleRetries: i(a.throttleRetries, 'throttleRetries'),
    pendingAtEnd: i(a.pendingAtEnd, 'pendingAtEnd'),
    ...(a.pendingAtStart !== undefined ? { pendingAtStart: i(a.pendingAtStart, 'pendingAtStart') } : {}),
    queueDepth: { max: i(a.queueDepthMax, 'queueDepth.max'), mean: fraction(a.queueDepthMean, `${field}.queueDepth.mean`) },
    ...(a.backlogTrend !== undefined ? { backlogTrend: summarizeBacklogTrend(a.backlogTrend, `${field}.backlogTrend`) } : {}),
    eventAge: summarizeHistogram(a.eventAge, `${field}.eventAge`),
  };
}

/** Provisioned concurrency with CloudWatch's names where they exist. */
function summarizeProvisioned(p: ProvisionedResults, n: string, durationGbSeconds: number): ProvisionedSummary {
  const field = `${n}.provisionedConcurrency`;
  return {
    configuredMax: integer(p.configuredMax, `${field}.configuredMax`),
    readyMax: integer(p.readyMax, `${field}.readyMax`),
    provisionedConcurrencyInvocations: integer(p.invocations, `${field}.provisionedConcurrencyInvocations`),
    provisionedConcurrencySpilloverInvocations: integer(p.spilloverInvocations, `${field}.provisionedConcurrencySpilloverInvocations`),
    provisionedConcurrencyUtilization: {
      mean: fraction(p.utilizationMean, `${field}.provisionedConcurrencyUtilization.mean`),
      max: fraction(p.utilizationMax, `${field}.provisionedConcurrencyUtilization.max`),
    },
    billedDurationMs: ms(p.billedMs, `${field}.billedDurationMs`),
    durationGbSeconds: gbSeconds(durationGbSeconds, `${field}.durationGbSeconds`),
    billedEnvironmentSeconds: integer(p.concurrencyMs / 1000, `${field}.billedEnvironmentSeconds`),
  };
}

/** Sums the per-function counts; GB-s and cost come from the bill, which may apply the free tier. */
function summarizeTotal(results: Results, functions: FunctionSummary[]): TotalSummary {
  const sum = (key: 'requests' | 'invocations' | 'errors' | 'throttles' | 'coldStarts' | 'successes' | 'timeouts' | 'retries' | 'deadLettered' | 'dropped' | 'inFlightAtEnd'): number =>
    integer(functions.reduce((acc, f) => acc + f[key], 0), `total.${key}`);
  const invocations = sum('invocations');
  const coldStarts = sum('coldStarts');
  return {
    requests: sum('requests'),
    invocations,
    errors: sum('errors'),
    throttles: sum('throttles'),
    coldStarts,
    gbSeconds: gbSeconds(results.bill.total.gbSeconds, 'total.gbSeconds'),
    cost: summarizeCost(results.bill.total, 'total.cost', results.bill.perMonth?.total),
    successes: sum('successes'),
    timeouts: sum('timeouts'),
    retries: sum('retries'),
    deadLettered: sum('deadLettered'),
    dropped: sum('dropped'),
    inFlightAtEnd: sum('inFlightAtEnd'),
    coldStartRate: rate(coldStarts, functions.reduce((acc, f) => acc + started(f), 0), 'total.coldStartRate'),
    ...(functions.some((f) => f.provisionedConcurrency !== undefined)
      ? { provisionedDurationGbSeconds: gbSeconds(functions.reduce((acc, f) => acc + (f.provisionedConcurrency?.durationGbSeconds ?? 0), 0), 'total.provisionedDurationGbSeconds') }
      : {}),
  };
}

/** The assumption behind `cost.perMonth`, in numbers and words. */
function monthlyProjection(repeats: number, freeTier: boolean, p: PriceTable): MonthlyProjectionSummary {
  const free = freeTier
    ? `the monthly free tier (${p.freeTierRequests} requests, ${p.freeTierGbSeconds} GB-s) applied once to the month`
    : 'no free tier (billing.freeTier is off)';
  return {
    days: MONTH_DAYS,
    periodRepeats: fraction(assertFinite(repeats, 'billing.perMonth.periodRepeats'), 'billing.perMonth.periodRepeats'),
    freeTier,
    assumption: `the simulated period repeated over ${MONTH_DAYS} days, ${free}, duration tiers applied to the month's GB-s`,
  };
}

/** Prices are inputs, not results: copied as given (checked finite), so no precision is lost. */
function summarizePrices(p: ArchitecturePrices, field: string): ArchitecturePricesSummary {
  return {
    durationTiers: p.durationTiers.map((t, k) => ({
      upToGbSeconds: t.upToGbSeconds === null ? null : assertFinite(t.upToGbSeconds, `${field}.durationTiers.${k}.upToGbSeconds`),
      gbSecond: assertFinite(t.gbSecond, `${field}.durationTiers.${k}.gbSecond`),
    })),
    provisionedGbSecond: assertFinite(p.provisionedGbSecond, `${field}.provisionedGbSecond`),
    provisionedDurationGbSecond: assertFinite(p.provisionedDurationGbSecond, `${field}.provisionedDurationGbSecond`),
  };
}

/**
 * Builds summary.json's content from a run's Results. Pure: the same Results give an equal
 * Summary with the same key order. Expectations are passed in already evaluated (evaluation
 * needs a Summary, so callers build once with `[]`, evaluate, then use `withExpectations`).
 *
 * @param sources  the reports of the kinds of event source (`queues`, `streams`; a test may add its own)
 * @throws when two functions share a name, or a number is NaN, infinite, or a fractional count
 *   (all model bugs; a report must not hide them).
 */
export function buildSummary(results: Results, meta: SummaryMeta, sources: readonly SourceReport[] = SOURCE_REPORTS): Summary {
  const functions: Record<string, FunctionSummary> = Object.create(null);
  const list: FunctionSummary[] = [];
  results.functions.forEach((f, k) => {
    if (Object.hasOwn(functions, f.name)) throw new Error(`report: two functions are named "${f.name}"`);
    const s = summarizeFunction(f, results.bill.perMonth?.functions[k], results.bill.functions[k]?.provisionedDurationGbSeconds);
    functions[f.name] = s;
    list.push(s);
  });
  const p = results.bill.prices;
  const sections = summarizeSources(results, sources);
  const services = summarizeServices(sections);
  return {
    scenario: results.name,
    seed: integer(results.seed, 'seed'),
    simulatedMs: usToMs(results.simulatedUs, 'simulatedMs'),
    ...(results.warmupUs > 0
      ? { warmupMs: usToMs(results.warmupUs, 'warmupMs'), measuredMs: usToMs(results.simulatedUs - results.warmupUs, 'measuredMs') }
      : {}),
    simulator: { name: meta.simulator.name, version: meta.simulator.version },
    total: withServicesCost(summarizeTotal(results, list), services),
    functions,
    ...sections,
    ...(services !== undefined ? { services } : {}),
    ...summarizePipelines(results),
    ...(results.aliases === undefined ? {} : { aliases: summarizeAliases(results.aliases) }),
    ...summarizeDeployments(results),
    expectations: meta.expectations.map(copyExpectation),
    billing: {
      region: results.bill.region,
      source: p.source,
      requestsPerMillion: assertFinite(p.requestsPerMillion, 'billing.requestsPerMillion'),
      ephemeralGbSecond: assertFinite(p.ephemeralGbSecond, 'billing.ephemeralGbSecond'),
      freeTierRequests: assertFinite(p.freeTierRequests, 'billing.freeTierRequests'),
      freeTierGbSeconds: assertFinite(p.freeTierGbSeconds, 'billing.freeTierGbSeconds'),
      x86_64: summarizePrices(p.x86_64, 'billing.x86_64'),
      arm64: summarizePrices(p.arm64, 'billing.arm64'),
      ...(results.bill.perMonth !== undefined ? { perMonth: monthlyProjection(results.bill.perMonth.repeats, results.bill.perMonth.freeTier, p) } : {}),
    },
    ...(results.breakEven !== undefined ? { breakEven: summarizeBreakEven(results.breakEven) } : {}),
    accuracy: { ...ACCURACY },
    notes: [...new Set([...results.notes, ...results.bill.notes])],
  };
}

/** The calls of retrying callers as their users saw them (a function's or an alias's). */
function clientCallsSummary(c: { calls: number; gaveUp: number; failed: number }, field: string): ClientCallsSummary {
  return {
    calls: integer(c.calls, `${field}.calls`),
    gaveUp: integer(c.gaveUp, `${field}.gaveUp`),
    failed: integer(c.failed, `${field}.failed`),
    failureRate: c.calls === 0 ? 0 : fraction((c.gaveUp + c.failed) / c.calls, `${field}.failureRate`),
  };
}

/** Each alias under its qualified name (prototype-free: user names). */
function summarizeAliases(aliases: AliasResults[]): Record<string, AliasSummary> {
  const out = Object.create(null) as Record<string, AliasSummary>;
  for (const a of aliases) {
    const routed = Object.create(null) as Record<string, number>;
    for (const [v, count] of Object.entries(a.routed)) routed[v] = integer(count, `aliases.${a.name}.routed.${v}`);
    out[a.name] = {
      function: a.function,
      alias: a.alias,
      routed,
      throttles: integer(a.throttles, `aliases.${a.name}.throttles`),
      latency: summarizeHistogram(a.latency, `aliases.${a.name}.latency`),
      ...(a.clientCalls !== undefined ? { clientCalls: clientCallsSummary(a.clientCalls, `aliases.${a.name}.clientCalls`) } : {}),
      routing: { ...a.routing },
      provisionedConcurrency: a.provisionedConcurrency,
      ...(a.async === undefined ? {} : { async: summarizeAsync(a.async, `aliases.${a.name}`) }),
    };
  }
  return out;
}

/** Copies an expectation result with keys in the fixed order expr, actual, ok[, message]. */
function copyExpectation(e: ExpectationResult): ExpectationResult {
  const out: ExpectationResult = { expr: e.expr, actual: e.actual === null ? null : assertFinite(e.actual, `expectation "${e.expr}"`), ok: e.ok };
  if (e.message !== undefined) out.message = e.message;
  return out;
}

/** A copy of `summary` with its expectations replaced; the key order of summary.json is kept. */
export function withExpectations(summary: Summary, expectations: ExpectationResult[]): Summary {
  return { ...summary, expectations: expectations.map(copyExpectation) };
}
