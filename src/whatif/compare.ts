/**
 * `sim compare`'s engine: run base and head (each over the same replication indices, so with the
 * model's common random numbers the paired differences are the change, not the noise), estimate
 * every metric on each side and the paired change, see which expect lines changed state, and check
 * the `--fail-if` limits.
 *
 * A limit is judged like an expect line under replication: it is crossed unless it holds for every
 * value in the 95% interval of the change (for "increases by more than X", the interval's upper end
 * must be at most X). A relative amount divides the change by the base mean.
 */
import { resolveMetric } from '../report/expectations.js';
import type { Summary } from '../report/index.js';
import { nearlyEqual } from '../report/expectations.js';
import { aggregate, replicationSeed, type VariantResult } from './aggregate.js';
import type { ExecuteContext, Executor, Outcome, Task } from './execute.js';
import type { Limit } from './fail-if.js';
import { parseSource, type Source } from './parse-point.js';
import { parse as parseYaml } from 'yaml';
import type { Scenario } from '../scenario/schema.js';
import { estimate, interval, isQuantileMetric, withSketchError, type Estimate } from './stats.js';

/** One side of the comparison. */
export interface Side {
  source: Source;
  overrides: string[];
  /** How the side is named in the outputs, e.g. "quickstart.yaml --set functions.api.architecture=arm64". */
  label: string;
}

export interface CompareRequest {
  base: Side;
  head: Side;
  seed?: number;
  replications: number;
  limits: Limit[];
  simulator: { name: string; version: string };
}

/** A limit after the run. */
export interface LimitResult {
  limit: Limit;
  /** The paired change head − base (absolute units), over replications; null when unresolvable. */
  change: Estimate | null;
  baseMean: number | null;
  crossed: boolean;
  message?: string;
}

export interface CompareResult {
  base: { label: string; scenario: string; seed: number; result: VariantResult };
  head: { label: string; scenario: string; seed: number; result: VariantResult };
  replications: number;
  /** Paired change per entry and metric key (absolute), where both sides report it. */
  limits: LimitResult[];
  /** What the reader must know to read the change right (memorySizeNotes). */
  notes: string[];
  /** The raw outcomes in replication order (for paired differences). */
  baseOutcomes: Outcome[];
  headOutcomes: Outcome[];
  simulator: { name: string; version: string };
}

/** Paired differences head_r − base_r of a metric; null with a message when a side lacks it. */
export function pairedChange(base: readonly Outcome[], head: readonly Outcome[], metric: string): { change: Estimate; baseMean: number } | { message: string } {
  const diffs: number[] = [];
  const bases: number[] = [];
  for (let r = 0; r < base.length; r++) {
    const b = resolveMetric(base[r].summary, metric);
    if (!b.ok) return { message: `base: ${b.message}` };
    const h = resolveMetric(head[r].summary, metric);
    if (!h.ok) return { message: `head: ${h.message}` };
    diffs.push(h.value - b.value);
    bases.push(b.value);
  }
  const change = estimate(diffs);
  const baseMean = estimate(bases).mean;
  // Each side's quantile is within the sketch's error: the change is within the sum of both.
  if (!isQuantileMetric(metric)) return { change, baseMean };
  return { change: withSketchError(change, Math.abs(baseMean) + Math.abs(baseMean + change.mean)), baseMean };
}

/** Whether the limit holds for every value in the change's interval (see the file comment). */
export function limitCrossed(limit: Limit, change: Estimate, baseMean: number): boolean {
  let [low, high] = interval(change);
  if (limit.relative) {
    // Relative to base: any increase from 0 is an infinite one.
    const scale = (x: number): number => (baseMean === 0 ? (nearlyEqual(x, 0) ? 0 : Math.sign(x) * Infinity) : x / Math.abs(baseMean));
    [low, high] = [scale(low), scale(high)];
  }
  const over = (x: number): boolean => x === Infinity || (x > limit.amount && !nearlyEqual(x, limit.amount));
  switch (limit.direction) {
    case 'increases':
      return over(high);
    case 'decreases':
      return over(-low);
    case 'changes':
      return over(high) || over(-low);
  }
}

/** Whether the head's own file (or its --set) writes `durationMemorySize` for function `name`. */
function writesDurationMemory(head: Side, name: string): boolean {
  if (head.overrides.some((o) => o.startsWith(`functions.${name}.durationMemorySize=`) || o.startsWith(`functions.${name}=`))) return true;
  let raw: unknown;
  try {
    raw = parseYaml(head.source.text);
  } catch {
    return false;
  }
  const fn = (raw as { functions?: Record<string, unknown> } | null)?.functions?.[name];
  return typeof fn === 'object' && fn !== null && Object.hasOwn(fn, 'durationMemorySize');
}

/**
 * A CPU-bound function whose memorySize differs between the sides with the same `duration`, when
 * the head's file changes memorySize without saying where its duration was measured: the loader
 * reads `duration` as measured at the memorySize written in each file (reference-memory.ts), so
 * the head's durations are taken at the head's memory, not scaled from the base's. Right when the
 * head's durations were measured again; wrong for "what if this function had more memory", which
 * `--set` (measured at the file's memorySize) or `durationMemorySize` answers.
 */
export function memorySizeNotes(base: Scenario, head: Scenario, headSide: Side): string[] {
  const notes: string[] = [];
  for (const [name, h] of Object.entries(head.functions)) {
    if (!Object.hasOwn(base.functions, name)) continue;
    const b = base.functions[name];
    if (h.cpuBound === 0 || h.memorySize === b.memorySize || h.durationMemorySize === b.durationMemorySize) continue;
    if (JSON.stringify(h.duration) !== JSON.stringify(b.duration) || writesDurationMemory(headSide, name)) continue;
    notes.push(
      `functions.${name}: memorySize ${b.memorySize} MB in base, ${h.memorySize} MB in head, with the same duration and no durationMemorySize in head's file: ` +
        `durationMemorySize defaults to the memorySize written in each file, so head's durations are read as measured at ${h.durationMemorySize} MB and its CPU-bound share (cpuBound ${h.cpuBound}) is not sped up. ` +
        `If the duration was measured at ${b.durationMemorySize} MB, set \`durationMemorySize: ${b.durationMemorySize}\` on functions.${name} in head's file, or compare one file with --set functions.${name}.memorySize=${h.memorySize}, to get the change that memory's CPU share gives.`,
    );
  }
  return notes;
}

/**
 * Validate both sides, run them (base replications then head replications), and compare.
 * @throws ScenarioError for an invalid side
 */
export async function runCompare(
  request: CompareRequest,
  makeExecutor: (context: ExecuteContext) => Executor,
  onDone?: (finished: number, total: number) => void,
): Promise<CompareResult> {
  const sides = [request.base, request.head];
  const parsed = sides.map((s) => parseSource(s.source, s.overrides, request.seed));
  const tasks: Task[] = [];
  for (const scenario of parsed) {
    for (let r = 0; r < request.replications; r++) tasks.push({ scenario: { ...scenario, seed: replicationSeed(scenario.seed, r) } });
  }
  const notes = memorySizeNotes(parsed[0], parsed[1], request.head);
  const outcomes = await makeExecutor({ simulator: request.simulator })(tasks, onDone);
  const baseOutcomes = outcomes.slice(0, request.replications);
  const headOutcomes = outcomes.slice(request.replications);
  const limits = request.limits.map((limit): LimitResult => {
    const paired = pairedChange(baseOutcomes, headOutcomes, limit.metric);
    if ('message' in paired) return { limit, change: null, baseMean: null, crossed: true, message: paired.message };
    return { limit, change: paired.change, baseMean: paired.baseMean, crossed: limitCrossed(limit, paired.change, paired.baseMean) };
  });
  return {
    base: { label: request.base.label, scenario: parsed[0].name, seed: parsed[0].seed, result: aggregate(baseOutcomes) },
    head: { label: request.head.label, scenario: parsed[1].name, seed: parsed[1].seed, result: aggregate(headOutcomes) },
    replications: request.replications,
    limits,
    notes,
    baseOutcomes,
    headOutcomes,
    simulator: request.simulator,
  };
}
