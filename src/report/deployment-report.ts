/**
 * summary.json's `deployments` and its line per deployment in summary.txt (docs/reports.md
 * "deployments"; the model is src/model/deployment-controller.ts).
 *
 * "Beyond steady state": the steady state is the alias's traffic over the later half of the before
 * phase (deployment-controller.ts: the run's own first cold starts are not steady). Extra cold starts
 * (and their INIT time) are those of the shift and after it, less what that baseline's rate per
 * second would give over the same time, and never below 0 (fewer than the rate predicts is not a
 * saving of the release). Without a baseline (before phase under 2 minutes) every cold start of the
 * shift and after counts, and a note says so. INIT is priced at the new version's memory and first duration tier, and only when
 * billed (billing.billInit). Provisioned concurrency: what the bill charged for both versions' PC
 * beyond what it would have had the alias's level stayed on the old version (the model's
 * provisionedExtraMs: each level rounded up to 5 minutes, as AWS bills PC "from the time you enable
 * it on your function until it is disabled, rounded up to the nearest 5 minutes",
 * https://aws.amazon.com/lambda/pricing/), priced at the new version's memory and PC rate. It covers
 * a canary's split levels and a rollback's, and allocateBefore's doubled level.
 */
import type { PriceTable } from '../billing/types.js';
import type { AlarmSpec } from '../model/deployment-alarm.js';
import type { PhaseResults, PricedDeploymentResults } from '../model/deployment-controller.js';
import type { Results } from '../model/results.js';
import { fraction, gbSeconds, integer, ms, usToMs, usd } from './format-number.js';
import { humanMs } from './humanize.js';
import { groupThousands } from './text-table.js';
import { formatDuration } from '../scenario/units.js';
import type { Summary } from './summary-types.js';

/** The alias's traffic (both versions) over one phase. */
export interface DeploymentPhaseSummary {
  fromMs: number;
  toMs: number;
  invocations: number;
  errors: number;
  /** errors / invocations (0 without invocations). */
  errorRate: number;
  throttles: number;
  coldStarts: number;
  /** Sum of the INIT durations of those cold starts, ms. */
  initMs: number;
  /** p99 of end-to-end latency of the phase's final answers, ms (null without any). */
  p99LatencyMs: number | null;
}

export interface DeploymentSummary {
  function: string;
  /** The alias, or `$LATEST` for an update of the unqualified function. */
  alias: string;
  from: string;
  to: string;
  strategy: string;
  startMs: number;
  /** Steps as applied: when, and the percentage of requests on the new version from then. */
  steps: { atMs: number; percent: number }[];
  /** completed, rolledBack, inProgress (the run ended first) or notStarted. */
  outcome: string;
  /** 1 when completed / rolled back, else 0 (for `expect:`). */
  completed: number;
  rolledBack: number;
  /** When it completed or rolled back, ms; null otherwise. */
  endMs: number | null;
  /** What rolled it back (only when rolled back): an alarm and the value of its last period, or a failed lifecycle hook. */
  rollback?: AlarmRollback | HookRollback;
  /** The lifecycle hooks that ran: when, and what they reported (only with hooks). */
  hooks?: { hook: string; function: string; startMs: number; endMs: number | null; status: string }[];
  before: DeploymentPhaseSummary;
  during: DeploymentPhaseSummary;
  after: DeploymentPhaseSummary;
  /** What the reader must know to read the figures (no baseline, a deployment beyond the run...). */
  notes?: string[];
  beyondSteadyState: {
    /** The stretch the steady rate was measured over (the later half of `before`); null: none. */
    baseline: { fromMs: number; toMs: number } | null;
    extraColdStarts: number;
    extraInitMs: number;
    /** USD; 0 when INIT is not billed. */
    extraInitCost: number;
    /** PC the bill charged beyond the steady level (both versions, rounded as billed), GB-s at the new version's memory. */
    extraProvisionedGbSeconds: number;
    /** USD. */
    extraProvisionedCost: number;
    /** USD: extraInitCost + extraProvisionedCost. */
    cost: number;
  };
}

export interface AlarmRollback {
  alarm: string;
  metric: string;
  above: number;
  observed: number;
  atMs: number;
}

export interface HookRollback {
  /** preTraffic or postTraffic. */
  hook: string;
  function: string;
  /** failed (the invocation failed), timedOut or throttled. */
  status: string;
  atMs: number;
}

/** Why it rolled back, in words: "errorRate > 2% over 1 min: 100%" or "preTraffic hook validate failed". */
export function rollbackText(r: AlarmRollback | HookRollback): string {
  if ('hook' in r) return `${r.hook} hook ${r.function} ${r.status}`;
  const observed = r.metric === 'errorRate' ? `${Number((r.observed * 100).toPrecision(3))}%` : r.metric === 'p99' ? humanMs(r.observed) : groupThousands(r.observed);
  return `${r.alarm}: ${observed}`;
}

/** An alarm as a phrase, and its threshold in report units (fraction, count, ms). */
function alarmText(a: AlarmSpec): { text: string; above: number } {
  const over = `over ${humanMs(a.windowUs / 1000)}${a.evaluationPeriods > 1 ? ` x${a.evaluationPeriods}` : ''}`;
  switch (a.metric) {
    case 'errorRate':
      return { text: `errorRate > ${Number((a.above * 100).toPrecision(6))}% ${over}`, above: a.above };
    case 'p99':
      return { text: `p99 > ${humanMs(a.above / 1000)} ${over}`, above: a.above / 1000 };
    default:
      return { text: `${a.metric} > ${a.above} ${over}`, above: a.above };
  }
}

function phase(p: PhaseResults, field: string): DeploymentPhaseSummary {
  return {
    fromMs: usToMs(p.fromUs, `${field}.fromMs`),
    toMs: usToMs(p.toUs, `${field}.toMs`),
    invocations: integer(p.invocations, `${field}.invocations`),
    errors: integer(p.errors, `${field}.errors`),
    errorRate: p.invocations === 0 ? 0 : fraction(p.errors / p.invocations, `${field}.errorRate`),
    throttles: integer(p.throttles, `${field}.throttles`),
    coldStarts: integer(p.coldStarts, `${field}.coldStarts`),
    initMs: usToMs(p.initUs, `${field}.initMs`),
    p99LatencyMs: p.p99LatencyUs === null ? null : usToMs(p.p99LatencyUs, `${field}.p99LatencyMs`),
  };
}

/**
 * The key of a deployment: `fn:alias` (`fn:$LATEST` for an update); a later deployment of the same
 * alias adds `-at-<start>` (`checkout:live-at-40m`), so the first keeps its plain key and an expect
 * line on it still reads when another is added. Characters an expect line's metric may hold.
 */
function keys(list: readonly PricedDeploymentResults[]): string[] {
  const base = list.map((d) => `${d.input.function}:${d.input.alias}`);
  const first = (k: string) => Math.min(...list.flatMap((d, j) => (base[j] === k ? [d.input.atUs] : [])));
  return base.map((k, i) => (list[i].input.atUs > first(k) ? `${k}-at-${formatDuration(list[i].input.atUs)}` : k));
}

function summarize(d: PricedDeploymentResults, prices: PriceTable, field: string): DeploymentSummary {
  const { input } = d;
  const alarm = d.alarm === null ? undefined : alarmText(input.alarms[d.alarm.index]);
  const base = d.baseline;
  const restUs = d.during.toUs - d.during.fromUs + (d.after.toUs - d.after.fromUs);
  const baseUs = base === null ? 0 : base.toUs - base.fromUs;
  const expected = (count: number) => (baseUs === 0 ? 0 : (count * restUs) / baseUs);
  const extraColdStarts = Math.max(0, d.during.coldStarts + d.after.coldStarts - expected(base?.coldStarts ?? 0));
  const extraInitMs = Math.max(0, (d.during.initUs + d.after.initUs - expected(base?.initUs ?? 0)) / 1000);
  const notes: string[] = [];
  if (base === null && d.outcome !== 'notStarted') {
    notes.push('the before phase is shorter than 2 min: no steady-state baseline, so every cold start of the shift and after counts as extra');
  }
  if (d.outcome !== 'notStarted' && d.before.toUs > input.atUs) {
    notes.push(`it waited for the previous deployment of ${input.alias} to end, and started at ${humanMs(d.before.toUs / 1000)}`);
  }
  if (d.outcome === 'notStarted' && input.atUs < d.before.toUs) {
    notes.push(`it was due at ${formatDuration(input.atUs)} but waited for the previous deployment of ${input.alias}, still running when the run ended: nothing was shifted`);
  } else if (d.outcome === 'notStarted') notes.push(`it starts at ${formatDuration(input.atUs)}, after the simulated period ends: nothing was shifted`);
  if (input.allocateBeforeUs !== null && input.provisionedConcurrency > 0 && input.atUs < input.allocateBeforeUs) {
    notes.push(`allocateBefore reaches before the start of the run: the new version's provisioned concurrency was allocated at 0, ${formatDuration(input.atUs)} ahead`);
  }
  const gb = d.memoryMb / 1024;
  const table = prices[d.architecture];
  const initCost = d.initBilled ? (extraInitMs / 1000) * gb * table.durationTiers[0].gbSecond : 0;
  const aheadGbS = Math.max(0, d.provisionedExtraMs / 1000) * gb;
  const aheadCost = aheadGbS * table.provisionedGbSecond;
  return {
    function: input.function,
    alias: input.alias,
    from: input.from,
    to: input.to,
    strategy: input.strategy,
    startMs: usToMs(input.atUs, `${field}.startMs`),
    steps: d.steps.map((s, k) => ({ atMs: usToMs(s.atUs, `${field}.steps.${k}.atMs`), percent: fraction(s.percent, `${field}.steps.${k}.percent`) })),
    outcome: d.outcome,
    completed: d.outcome === 'completed' ? 1 : 0,
    rolledBack: d.outcome === 'rolledBack' ? 1 : 0,
    endMs: d.endUs === null ? null : usToMs(d.endUs, `${field}.endMs`),
    ...(alarm === undefined || d.alarm === null
      ? {}
      : {
          rollback: {
            alarm: alarm.text,
            metric: input.alarms[d.alarm.index].metric,
            above: fraction(alarm.above, `${field}.rollback.above`),
            observed: fraction(input.alarms[d.alarm.index].metric === 'p99' ? d.alarm.observed / 1000 : d.alarm.observed, `${field}.rollback.observed`),
            atMs: usToMs(d.endUs!, `${field}.rollback.atMs`),
          },
        }),
    ...(d.failedHook === null
      ? {}
      : {
          rollback: {
            hook: d.failedHook,
            function: d.hooks.find((h) => h.hook === d.failedHook)!.function,
            status: d.hooks.find((h) => h.hook === d.failedHook)!.status,
            atMs: usToMs(d.endUs!, `${field}.rollback.atMs`),
          },
        }),
    ...(d.hooks.length === 0
      ? {}
      : {
          hooks: d.hooks.map((h, k) => ({
            hook: h.hook,
            function: h.function,
            startMs: usToMs(h.startUs, `${field}.hooks.${k}.startMs`),
            endMs: h.endUs === null ? null : usToMs(h.endUs, `${field}.hooks.${k}.endMs`),
            status: h.status,
          })),
        }),
    before: phase(d.before, `${field}.before`),
    during: phase(d.during, `${field}.during`),
    after: phase(d.after, `${field}.after`),
    ...(notes.length > 0 ? { notes } : {}),
    beyondSteadyState: {
      baseline: base === null ? null : { fromMs: usToMs(base.fromUs, `${field}.baseline.fromMs`), toMs: usToMs(base.toUs, `${field}.baseline.toMs`) },
      extraColdStarts: fraction(extraColdStarts, `${field}.beyondSteadyState.extraColdStarts`),
      extraInitMs: ms(extraInitMs, `${field}.beyondSteadyState.extraInitMs`),
      extraInitCost: usd(initCost, `${field}.beyondSteadyState.extraInitCost`),
      extraProvisionedGbSeconds: gbSeconds(aheadGbS, `${field}.beyondSteadyState.extraProvisionedGbSeconds`),
      extraProvisionedCost: usd(aheadCost, `${field}.beyondSteadyState.extraProvisionedCost`),
      cost: usd(initCost + aheadCost, `${field}.beyondSteadyState.cost`),
    },
  };
}

/** summary.json's `deployments`, by key (absent when the scenario has none). */
export function summarizeDeployments(results: Results): Pick<Summary, 'deployments'> {
  const list = results.deployments;
  if (list === undefined || list.length === 0) return {};
  const names = keys(list);
  const out = Object.create(null) as Record<string, DeploymentSummary>;
  list.forEach((d, i) => (out[names[i]] = summarize(d, results.bill.prices, `deployments.${names[i]}`)));
  return { deployments: out };
}

/**
 * One line per deployment: "checkout:live 1 -> 2 (Canary10Percent5Minutes) at 30 min: rolled back at
 * 31 min (errorRate > 2% over 1 min: 100%); during the shift 412 cold starts, p99 1.2 s, 3 throttles",
 * then its hooks ("; preTraffic hook validate succeeded after 40.2 s").
 */
export function deploymentLines(summary: Summary): string[] {
  const n = groupThousands;
  return Object.entries(summary.deployments ?? {}).map(([key, d]) => {
    const end =
      d.outcome === 'completed' ? `completed at ${humanMs(d.endMs!)}`
      : d.outcome === 'rolledBack' ? `rolled back at ${humanMs(d.endMs!)} (${rollbackText(d.rollback!)})`
      : d.outcome === 'inProgress' ? 'still shifting at the end of the run'
      : 'not started in the run';
    const p = d.during;
    const a = d.after;
    const b = d.beyondSteadyState;
    // The last step's effect shows after the shift (the new version's rush when it takes all traffic): say so.
    const after = (d.outcome === 'completed' || d.outcome === 'rolledBack') && (a.coldStarts > 0 || a.throttles > 0 || a.errors > 0)
      ? `; after it ${n(a.coldStarts)} cold starts, p99 ${p99Text(a.p99LatencyMs)}, ${n(a.errors)} errors, ${n(a.throttles)} throttles`
      : '';
    const extra = b.cost > 0 ? `, beyond steady state $${b.cost.toFixed(4)}` : '';
    const notes = (d.notes ?? []).map((t) => ` (note: ${t})`).join('');
    const hooks = (d.hooks ?? []).map((h) => `${h.hook} hook ${h.function} ${h.endMs === null ? 'still running' : `${h.status} after ${humanMs(h.endMs - h.startMs)}`}`);
    return `${key} ${d.from} -> ${d.to} (${d.strategy}) at ${humanMs(d.startMs)}: ${end}; during the shift ${n(p.coldStarts)} cold starts, p99 ${p99Text(p.p99LatencyMs)} (before ${p99Text(d.before.p99LatencyMs)}), ${n(p.errors)} errors, ${n(p.throttles)} throttles${after}${extra}${hooks.length > 0 ? `; ${hooks.join(', ')}` : ''}${notes}`;
  });
}

/** A phase's p99 in words: "-" for a phase without any final answer (not 0 ms). */
export function p99Text(ms: number | null): string {
  return ms === null ? '-' : humanMs(ms);
}
