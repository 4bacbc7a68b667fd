/**
 * `deployments:` and `updates:` of a function (docs/deployments.md; the model is
 * src/model/deployment-controller.ts).
 *
 * A deployment moves an alias from the version it points to, to another published version, the way
 * CodeDeploy does (predefined or custom canary / linear / all-at-once, deployment-plan.ts), with
 * optional provisioned concurrency allocated ahead and CloudWatch alarms that roll it back. An
 * update replaces `$LATEST`'s code: for `window` both the old and the new code serve (AWS: "for a
 * short period of time ... requests may be served by either version"), then the new only.
 */
import { z } from 'zod';
import type { DistSpec } from '../kernel/dist-spec.js';
import { US_PER_MINUTE } from '../kernel/time.js';
import type { AlarmMetric, AlarmSpec } from '../model/deployment-alarm.js';
import type { DeploymentInput } from '../model/deployment-controller.js';
import { PREDEFINED_SHIFTS, planLengthUs, predefinedShift, type TrafficShift } from '../model/deployment-plan.js';
import { distributionField, memoryDistributionField } from './distribution.js';
import { customIssue, durationField, enumField, intField, megabytesField, listChoices, numberField, strictObject } from './fields.js';
import { LIMITS } from './defaults.js';
import { didYouMean } from './suggest.js';
import { UnitError, formatDuration, parseDuration } from './units.js';

const STRATEGY_EXPECTED =
  'a CodeDeploy configuration such as Canary10Percent5Minutes or Linear10PercentEvery1Minute, or {canary: {percent, interval}} / {linear: {percent, interval}}';
const PREDEFINED_NAMES = [...PREDEFINED_SHIFTS.keys()];

/** A custom step: a whole percentage 1..99 and a whole number of minutes (CodeDeploy's TimeBasedCanary / TimeBasedLinear take integers). */
const customStep = strictObject(
  {
    percent: intField(1, 99).describe('Percentage of traffic shifted per increment (a whole number, 1..99).'),
    interval: durationField({ min: US_PER_MINUTE })
      .refine((us) => us % US_PER_MINUTE === 0, { error: 'a whole number of minutes (CodeDeploy counts intervals in minutes)' })
      .describe('Minutes between increments (a whole number of minutes, such as 10m).'),
  },
  { expected: 'a mapping {percent: <1..99>, interval: <whole minutes>}' },
);

const strategySchema = z
  .union(
    [
      z.string(),
      strictObject({ canary: customStep }, { expected: STRATEGY_EXPECTED }),
      strictObject({ linear: customStep }, { expected: STRATEGY_EXPECTED }),
    ],
    { error: STRATEGY_EXPECTED },
  )
  .transform((value, ctx): { name: string; shift: TrafficShift } => {
    if (typeof value !== 'string') {
      const kind = 'canary' in value ? 'canary' : 'linear';
      const step = 'canary' in value ? value.canary : value.linear;
      const name = kind === 'canary' ? `canary ${step.percent}% then the rest after ${formatDuration(step.interval)}` : `linear ${step.percent}% every ${formatDuration(step.interval)}`;
      return { name, shift: { kind, percent: step.percent, intervalUs: step.interval } };
    }
    const shift = predefinedShift(value);
    if (shift === undefined) {
      ctx.issues.push(customIssue(`one of ${listChoices(PREDEFINED_NAMES)} (with or without the Lambda prefix), or a custom {canary: ...} / {linear: ...}`, value, { hint: didYouMean(value.replace(/^Lambda/, ''), PREDEFINED_NAMES) }));
      return z.NEVER;
    }
    return { name: value, shift };
  })
  .describe(`How traffic moves: ${listChoices(PREDEFINED_NAMES)} (SAM names; the CodeDeploy names with the Lambda prefix too), or a custom {canary: {percent, interval}} / {linear: {percent, interval}}.`);

const ALARM_METRICS = ['errorRate', 'errors', 'throttles', 'p99'] as const;

/** The threshold as written: `2%` (errorRate), a count (errors, throttles) or a duration (p99). */
function threshold(metric: AlarmMetric, above: unknown): { value: number } | { expected: string } {
  if (metric === 'errorRate') {
    const m = typeof above === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(above) : null;
    if (m !== null && Number(m[1]) < 100) return { value: Number(m[1]) / 100 };
    // A fraction, as errorRate is written everywhere else in a scenario (0.02 = 2%).
    if (typeof above === 'number' && above >= 0 && above < 1) return { value: above };
    return { expected: 'a percentage below 100% such as 2%, or a fraction below 1 such as 0.02' };
  }
  if (metric === 'p99') {
    if (typeof above === 'string') {
      try {
        return { value: parseDuration(above) };
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
      }
    }
    return { expected: 'a duration such as 800ms' };
  }
  return Number.isInteger(above) && (above as number) >= 0 ? { value: above as number } : { expected: 'a whole number of at least 0' };
}

/**
 * CloudWatch's Period: 10, 30 or a multiple of 60 seconds (PutMetricAlarm, "Valid values are 10, 30,
 * and any multiple of 60", https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
 */
function isCloudWatchPeriod(us: number): boolean {
  return us === 10e6 || us === 30e6 || (us > 0 && us % 60e6 === 0);
}

const alarmSchema = strictObject(
  {
    metric: enumField(ALARM_METRICS).describe(
      'What the alarm watches on the new version: errorRate (Errors / Invocations), errors, throttles (sums), or p99 (of Duration, execution time without INIT, as CloudWatch reports it).',
    ),
    above: z.union([z.string(), z.number()], { error: 'a threshold: 2% for errorRate, a count for errors/throttles, a duration for p99' }).describe(
      'The alarm breaches when the period\'s value is above this: a percentage (errorRate), a count (errors, throttles) or a duration (p99).',
    ),
    window: durationField({ min: 0, exclusiveMin: true }).describe('The period, counted from the start of the shift (CloudWatch\'s Period), such as 1m.'),
    evaluationPeriods: intField(1).default(1).describe('Periods in a row above the threshold before the alarm is in ALARM (CloudWatch\'s EvaluationPeriods). Default 1.'),
  },
  { expected: 'an alarm such as {metric: errorRate, above: 2%, window: 1m}' },
).transform((a, ctx): AlarmSpec => {
  const t = threshold(a.metric, a.above);
  if ('expected' in t) {
    ctx.issues.push(customIssue(t.expected, a.above, {}, ['above']));
    return z.NEVER;
  }
  if (!isCloudWatchPeriod(a.window)) {
    ctx.issues.push(customIssue('a CloudWatch period: 10s, 30s or a multiple of 60s (1m, 2m, ...)', formatDuration(a.window), {}, ['window']));
    return z.NEVER;
  }
  return { metric: a.metric, above: t.value, windowUs: a.window, evaluationPeriods: a.evaluationPeriods };
});

const deploymentSchema = strictObject(
  {
    at: durationField().describe('When the shift starts, from the start of the simulation.'),
    alias: z.string({ error: 'the name of an alias of this function' }).describe('The alias that moves (required).'),
    to: z.string({ error: 'a published version number such as "2"' }).describe('The version it moves to (required; published, not the one it points to).'),
    strategy: strategySchema,
    provisionedConcurrency: strictObject(
      { allocateBefore: durationField().describe('How long before the shift the alias\'s PC is allocated on the new version (billed from then).') },
      { expected: 'a mapping {allocateBefore: <duration>}' },
    )
      .optional()
      .describe('Allocate the alias\'s provisioned concurrency on the new version ahead of the shift (default: it follows the routing).'),
    alarms: z.array(alarmSchema, { error: 'a list of alarms' }).default([]).describe('CloudWatch alarms on the new version; any in ALARM during the shift rolls it back.'),
    hooks: strictObject(
      {
        preTraffic: z.string({ error: 'the name of a function (it validates the new version before traffic moves)' }).optional().describe(
          "CodeDeploy's BeforeAllowTraffic hook (SAM's PreTraffic): a function invoked once at `at`; the shift starts when it succeeds, and its failure rolls the deployment back.",
        ),
        postTraffic: z.string({ error: 'the name of a function (it validates the new version after all traffic moved)' }).optional().describe(
          "CodeDeploy's AfterAllowTraffic hook (SAM's PostTraffic): a function invoked once when all traffic has moved; the deployment completes when it succeeds, and its failure rolls it back.",
        ),
      },
      { expected: 'a mapping {preTraffic: <function>, postTraffic: <function>}' },
    )
      .optional()
      .describe('Lifecycle hook functions (docs/deployments.md "Hooks").'),
  },
  { expected: 'a deployment such as {at: 30m, alias: live, to: "2", strategy: Canary10Percent5Minutes}' },
).describe('A CodeDeploy deployment of an alias.');

export const deploymentsField = z
  .array(deploymentSchema, { error: 'a list of deployments' })
  .optional()
  .describe('CodeDeploy deployments of this function\'s aliases (docs/deployments.md).');

/** The settings an update of $LATEST may change. */
const updateSettings = strictObject(
  {
    duration: distributionField().optional(),
    init: distributionField({ reportField: 'Init Duration' }).optional(),
    errorRate: numberField(0, 1).optional(),
    memorySize: megabytesField(LIMITS.memorySize.min, LIMITS.memorySize.max).optional(),
    memoryUsed: memoryDistributionField().optional(),
    cpuBound: numberField(0, 1).optional(),
  },
  { expected: 'a mapping of the settings the new code changes (duration, init, errorRate, memorySize, memoryUsed, cpuBound)' },
);

/**
 * The default window: AWS says only that for a short time after an update "requests may be served
 * by either version" (lambda-behavior.md seed notes; "about a minute"); a parameter.
 */
export const UPDATE_WINDOW_DEFAULT = '60s';

const updateSchema = strictObject(
  {
    at: durationField().describe('When the update happens.'),
    set: updateSettings.describe('The new code\'s settings (the others stay the function\'s).'),
    window: durationField({ min: 0, exclusiveMin: true })
      .prefault(UPDATE_WINDOW_DEFAULT)
      .describe(`How long both old and new code serve (AWS: about a minute). Default ${UPDATE_WINDOW_DEFAULT}.`),
    oldShare: numberField(0, 1, true)
      .refine((s) => s < 1, { error: 'a number greater than 0 and below 1' })
      .default(0.5)
      .describe('Share of requests the old code still serves during the window (our choice: AWS documents only that both may serve). Default 0.5.'),
  },
  { expected: 'an update such as {at: 45m, set: {duration: 120ms}}' },
).describe('An update of $LATEST (no alias).');

export const updatesField = z
  .array(updateSchema, { error: 'a list of updates' })
  .optional()
  .describe('Updates of the unqualified function ($LATEST): both codes serve for a window, then the new one.');

type Ctx = z.core.$RefinementCtx<unknown>;
type ParsedDeployment = z.output<typeof deploymentSchema>;
type ParsedUpdate = z.output<typeof updateSchema>;

/** What checkDeployments reads of a function. */
interface FunctionView {
  reservedConcurrency?: number;
  provisionedConcurrency?: readonly { at: number; value: number }[];
  versions?: Record<string, unknown>;
  aliases?: Record<string, { version: string; weights?: Record<string, number>; provisionedConcurrency?: number }>;
  deployments?: ParsedDeployment[];
  updates?: ParsedUpdate[];
}

/**
 * The rules on one function's deployments: the alias exists and does not split traffic already
 * (CodeDeploy's deployment fails when the alias points to two versions:
 * https://docs.aws.amazon.com/codedeploy/latest/userguide/troubleshooting-deployments-lambda.html),
 * the target is a published version other than the one the alias points to then, deployments of one
 * alias do not overlap, and allocateBefore needs provisioned concurrency on the alias.
 */
export function checkDeployments(fn: FunctionView, ctx: Ctx): void {
  const aliases = fn.aliases ?? {};
  const versions = Object.keys(fn.versions ?? {});
  const names = Object.keys(aliases);
  const current = new Map<string, { version: string; freeAt: number }>();
  // In time order, whatever the order of the list: each deployment starts where the previous left the alias.
  for (const i of timeOrder(fn.deployments ?? [])) {
    const d = fn.deployments![i];
    const path = ['deployments', i];
    // A deployment whose own fields failed has its issues already: nothing more to check.
    if (d.strategy?.shift === undefined) continue;
    const alias = aliases[d.alias];
    if (!Object.hasOwn(aliases, d.alias)) {
      ctx.issues.push(customIssue(`an alias of this function (${names.length === 0 ? 'none: add aliases' : listChoices(names)})`, d.alias, { hint: didYouMean(d.alias, names) }, [...path, 'alias']));
      continue;
    }
    if (alias.weights !== undefined && Object.keys(alias.weights).length > 0) {
      ctx.issues.push(customIssue('an alias without weights', d.alias, { reason: `alias ${d.alias} already splits traffic between two versions; CodeDeploy refuses to deploy such an alias (remove its weights)` }, [...path, 'alias']));
      continue;
    }
    const state = current.get(d.alias) ?? { version: alias.version, freeAt: 0 };
    if (state.version === '$LATEST') {
      ctx.issues.push(customIssue('an alias of a published version', d.alias, { reason: `alias ${d.alias} points to $LATEST; a deployment moves an alias between published versions` }, [...path, 'alias']));
      continue;
    }
    if (!versions.includes(d.to)) {
      ctx.issues.push(customIssue(`a published version of this function (${versions.length === 0 ? 'none: add versions' : listChoices(versions)})`, d.to, { hint: didYouMean(d.to, versions) }, [...path, 'to']));
      continue;
    }
    if (d.to === state.version) {
      ctx.issues.push(customIssue(`a version other than the one alias ${d.alias} points to then (${state.version})`, d.to, {}, [...path, 'to']));
      continue;
    }
    if (d.at < state.freeAt) {
      ctx.issues.push(customIssue(`a time at or after ${formatDuration(state.freeAt)}, when the previous deployment of ${d.alias} has shifted all traffic`, formatDuration(d.at), {}, [...path, 'at']));
      continue;
    }
    const level = alias.provisionedConcurrency ?? 0;
    if (d.provisionedConcurrency !== undefined && fn.reservedConcurrency !== undefined && 2 * level > fn.reservedConcurrency) {
      // PC cannot exceed the function's reservation (lambda-behavior.md section 3), and ahead of the shift both versions hold the alias's level.
      ctx.issues.push(customIssue(`room for alias ${d.alias}'s provisioned concurrency twice (${2 * level}) within the function's reservedConcurrency (${fn.reservedConcurrency})`, formatDuration(d.provisionedConcurrency.allocateBefore), { reason: `allocateBefore holds ${level} on both versions until the shift completes, ${2 * level} in all, above the function's reservedConcurrency of ${fn.reservedConcurrency} (AWS refuses PC beyond the reservation)` }, [...path, 'provisionedConcurrency', 'allocateBefore']));
      continue;
    }
    if (d.provisionedConcurrency !== undefined && alias.provisionedConcurrency === undefined) {
      ctx.issues.push(customIssue(`provisionedConcurrency on alias ${d.alias}`, 'none', { reason: `allocateBefore places alias ${d.alias}'s provisioned concurrency ahead, but the alias has none (set aliases.${d.alias}.provisionedConcurrency)` }, [...path, 'provisionedConcurrency']));
      continue;
    }
    // Alarms are judged at the end of each window from the start of the shift, and only while the
    // deployment runs, until its last step or the end of its postTraffic hook (CodeDeploy: https://docs.aws.amazon.com/codedeploy/latest/userguide/monitoring-create-alarms.html):
    // one whose first verdict comes after the last step can never roll back.
    const lengthUs = planLengthUs(d.strategy.shift);
    // With a postTraffic hook the deployment runs on while the hook does, for as long as it takes.
    const never = d.hooks?.postTraffic !== undefined ? -1 : (d.alarms ?? []).findIndex((a) => a.windowUs * a.evaluationPeriods > lengthUs);
    if (never >= 0) {
      const a = d.alarms[never];
      const where = [...path, 'alarms', never, 'window'];
      if (lengthUs === 0) {
        ctx.issues.push(customIssue('', formatDuration(a.windowUs), { reason: 'AllAtOnce shifts all traffic at once and the deployment ends then, so the alarm is never judged (CodeDeploy watches alarms only while a deployment runs): use a canary or linear strategy, or remove the alarm' }, where));
      } else {
        ctx.issues.push(customIssue(`a window (x evaluationPeriods) that ends by the last step of the shift (${formatDuration(lengthUs)})`, formatDuration(a.windowUs * a.evaluationPeriods), { found: a.evaluationPeriods > 1 ? `${formatDuration(a.windowUs * a.evaluationPeriods)} (${formatDuration(a.windowUs)} x ${a.evaluationPeriods})` : formatDuration(a.windowUs) }, where));
      }
      continue;
    }
    current.set(d.alias, { version: d.to, freeAt: d.at + lengthUs });
  }
  const updates = fn.updates ?? [];
  // PC is configured on "a function's alias or version" (PutProvisionedConcurrencyConfig,
  // https://docs.aws.amazon.com/lambda/latest/dg/API_PutProvisionedConcurrencyConfig.html), never on
  // $LATEST, which is what an update replaces; and versions do not inherit it.
  if (updates.length > 0 && (fn.provisionedConcurrency ?? []).some((s) => s.value > 0)) {
    ctx.issues.push(customIssue('', 'provisionedConcurrency', { reason: 'updates replace $LATEST, and AWS configures provisioned concurrency only on a version or an alias, never on $LATEST: move the PC to an alias (aliases.<name>.provisionedConcurrency) and release it with deployments:, or remove the function-level provisionedConcurrency' }, ['updates']));
    return;
  }
  updates.forEach((u, i) => {
    if (i > 0 && u.at < updates[i - 1].at + updates[i - 1].window) {
      ctx.issues.push(customIssue(`a time at or after ${formatDuration(updates[i - 1].at + updates[i - 1].window)}, when the previous update's window ends`, formatDuration(u.at), {}, ['updates', i, 'at']));
    }
  });
}

/** Indices of `list` by increasing `at` (stable). */
function timeOrder(list: readonly { at: number }[]): number[] {
  return list.map((_, i) => i).sort((a, b) => list[a].at - list[b].at || a - b);
}

/** Where a $LATEST update's new code runs: an instance of its own. */
export interface UpdateInstance {
  /** The base function. */
  function: string;
  /** The instance's name, `fn (updated at 45m)`. */
  instance: string;
}

/** The name of the instance that runs `fn`'s code from the update at `atUs`. */
export function updatedName(fn: string, atUs: number): string {
  return `${fn} (updated at ${formatDuration(atUs)})`;
}

/** What expandDeployments hands the model. */
export interface ExpandedDeployments<F> {
  functions: Record<string, F>;
  deployments?: DeploymentInput[];
  updates?: Record<string, UpdateInstance>;
}

/**
 * `functions` without their `deployments` / `updates` keys, each update's new code added right after
 * its function as an instance (the function's settings with the update's, no provisioned concurrency
 * or prewarm: new code starts cold), plus the deployments in model form (an update is one too: a
 * two-step shift from the old instance to the new, alias `$LATEST`).
 */
export function expandDeployments<F extends object>(functions: Record<string, F & FunctionView>): ExpandedDeployments<F> {
  const out = Object.create(null) as Record<string, F>;
  const deployments: DeploymentInput[] = [];
  const updates = Object.create(null) as Record<string, UpdateInstance>;
  for (const [name, config] of Object.entries(functions)) {
    const { deployments: ds, updates: us, ...base } = config;
    out[name] = base as unknown as F;
    const pointsTo = new Map<string, string>();
    for (const i of timeOrder(ds ?? [])) {
      const d = ds![i];
      const alias = config.aliases![d.alias];
      const from = pointsTo.get(d.alias) ?? alias.version;
      pointsTo.set(d.alias, d.to);
      deployments.push({
        function: name,
        alias: d.alias,
        from,
        to: d.to,
        atUs: d.at,
        strategy: d.strategy.name,
        shift: d.strategy.shift,
        provisionedConcurrency: alias.provisionedConcurrency ?? 0,
        allocateBeforeUs: d.provisionedConcurrency?.allocateBefore ?? null,
        alarms: d.alarms,
        ...(d.hooks === undefined ? {} : { hooks: d.hooks }),
      });
    }
    let previous = name;
    for (const u of us ?? []) {
      const instance = updatedName(name, u.at);
      out[instance] = updatedConfig(base as Record<string, unknown>, u.set) as F;
      updates[instance] = { function: name, instance };
      deployments.push({
        function: name,
        alias: '$LATEST',
        from: previous,
        to: instance,
        atUs: u.at,
        strategy: `update: both codes serve ${formatDuration(u.window)}, ${Number((u.oldShare * 100).toPrecision(6))}% on the old`,
        shift: { kind: 'canary', percent: (1 - u.oldShare) * 100, intervalUs: u.window },
        provisionedConcurrency: 0,
        allocateBeforeUs: null,
        alarms: [],
      });
      previous = instance;
    }
  }
  if (deployments.length === 0) return { functions };
  deployments.sort((a, b) => a.atUs - b.atUs);
  return { functions: out, deployments, ...(Object.keys(updates).length > 0 ? { updates } : {}) };
}

/**
 * The new code's settings: the function's with the update's; no versions, aliases, provisioned
 * concurrency or prewarm ($LATEST has no PC, and new code starts with no environments). A changed
 * memorySize without a new duration keeps the old measurement point, so the CPU-bound share scales.
 */
function updatedConfig(base: Record<string, unknown>, set: { duration?: DistSpec; memorySize?: number; [k: string]: unknown }): Record<string, unknown> {
  const { versions, aliases, provisionedConcurrency, prewarm, ...inherited } = base;
  void versions;
  void aliases;
  void provisionedConcurrency;
  void prewarm;
  const defined = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  const merged: Record<string, unknown> = { ...inherited, ...defined };
  if (set.memorySize !== undefined && set.duration === undefined && base.durationMemorySize === undefined) merged.durationMemorySize = base.memorySize;
  return merged;
}
