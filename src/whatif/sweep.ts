/**
 * `sim sweep`'s engine: validate every point of the grid, run points × replications on an
 * executor, combine each point's replications and pick the recommendation. It never touches the
 * terminal; outputs are written by sweep-output.ts and sweep-html.ts.
 */
import path from 'node:path';
import type { Scenario } from '../scenario/schema.js';
import type { PickStrategy } from '../scenario/sweep-schema.js';
import { aggregate, replicationSeed, type VariantResult } from './aggregate.js';
import type { ExecuteContext, Executor, Outcome, Task } from './execute.js';
import { taskCost } from './shard-plan.js';
import { buildGrid, type Dimension, type GridPoint } from './grid.js';
import { recommend, type Recommendation } from './recommend.js';
import { parseSource, type Source } from './parse-point.js';

/** What to sweep. */
export interface SweepRequest {
  source: Source;
  /** The user's `--set` overrides, applied before each point's own. */
  overrides: string[];
  /** `--seed`: replaces the scenario's seed (replication seeds derive from it). */
  seed?: number;
  dimensions: Dimension[];
  replications: number;
  pick: PickStrategy;
  /** `--keep-reports`: each run's full report folder goes under here. */
  keepReportsDir?: string;
  simulator: { name: string; version: string };
}

/** One point of the grid with its result. */
export interface SweepPoint extends GridPoint {
  result: VariantResult;
}

/** Everything the sweep outputs are written from. */
export interface SweepResult {
  scenario: string;
  /** The seed replication seeds derive from (the scenario's, or --seed). */
  seed: number;
  replications: number;
  dimensions: Dimension[];
  pick: PickStrategy;
  points: SweepPoint[];
  recommendation: Recommendation;
  /** Number of expect lines (0: every point is "feasible"). */
  expectCount: number;
  /** Remarks about the sweep itself (e.g. memory swept on a function without cpuBound). */
  notes: string[];
  simulator: { name: string; version: string };
}

/** Folder of one run's reports under --keep-reports: point-001, or point-001/rep-2 with replications. */
export function keptReportDir(root: string, point: number, replication: number, replications: number): string {
  const p = path.join(root, `point-${String(point + 1).padStart(3, '0')}`);
  return replications > 1 ? path.join(p, `rep-${replication + 1}`) : p;
}

/**
 * Remarks about what the grid varies: a memorySize swept on a function whose duration does not
 * depend on memory (no cpuBound share) changes only its price.
 */
export function sweepNotes(dimensions: readonly Dimension[], scenario: Scenario): string[] {
  const notes: string[] = [];
  for (const d of dimensions) {
    const m = /^functions\.([^.]+)\.memorySize$/.exec(d.path);
    if (!m || !Object.hasOwn(scenario.functions, m[1])) continue;
    if (scenario.functions[m[1]].cpuBound === 0) {
      notes.push(
        `${d.path} is swept but function ${m[1]} has no cpuBound share: its duration does not depend on memory here, so memory changes only its price. Set functions.${m[1]}.cpuBound (0..1) to model CPU-bound work.`,
      );
    }
  }
  return notes;
}

/** What a sweep's outputs say besides the points' results: a shard file carries it to `sim merge`. */
export type SweepHeader = Omit<SweepResult, 'points' | 'recommendation'>;

/** A sweep ready to run: its header, its tasks (point-major: point p, replication r is task p·R + r) and their expected costs. */
export interface SweepPlan {
  header: SweepHeader;
  tasks: Task[];
  /** Expected cost of each task (taskCost), for splitting the work into shards. */
  costs: number[];
  /** The scenario with the user's overrides (the first point's), whose hash names the sweep. */
  base: Scenario;
}

/**
 * Validate every point (a bad value fails here, before any long run) and list the runs.
 * @throws ScenarioError for the first invalid point, naming the --set that made it
 */
export function planSweep(request: SweepRequest): SweepPlan {
  const grid = buildGrid(request.dimensions);
  const parsed = grid.map((point) => parseSource(request.source, [...request.overrides, ...point.overrides], request.seed));
  const base = parsed[0];
  const tasks: Task[] = [];
  const costs: number[] = [];
  for (const point of grid) {
    const scenario = parsed[point.index];
    const cost = taskCost(scenario);
    for (let r = 0; r < request.replications; r++) {
      tasks.push({
        scenario: { ...scenario, seed: replicationSeed(scenario.seed, r) },
        ...(request.keepReportsDir !== undefined ? { dir: keptReportDir(request.keepReportsDir, point.index, r, request.replications) } : {}),
      });
      costs.push(cost);
    }
  }
  const header: SweepHeader = {
    scenario: base.name,
    seed: base.seed,
    replications: request.replications,
    dimensions: request.dimensions,
    pick: request.pick,
    expectCount: base.expect.length,
    notes: sweepNotes(request.dimensions, base),
    simulator: request.simulator,
  };
  return { header, tasks, costs, base };
}

/**
 * The sweep's result from every task's outcome (in task order): the same function for a run on
 * one machine and for `sim merge` of shards, so both write the same bytes.
 */
export function assembleSweep(header: SweepHeader, outcomes: readonly Outcome[]): SweepResult {
  const points = buildGrid(header.dimensions).map((point): SweepPoint => {
    const from = point.index * header.replications;
    return { ...point, result: aggregate(outcomes.slice(from, from + header.replications)) };
  });
  return { ...header, points, recommendation: recommend(points.map((p) => p.result)) };
}

/**
 * Validate every point, then run the grid.
 * @throws ScenarioError for the first invalid point, naming the --set that made it
 */
export async function runSweep(
  request: SweepRequest,
  makeExecutor: (context: ExecuteContext) => Executor,
  onDone?: (finished: number, total: number) => void,
): Promise<SweepResult> {
  const plan = planSweep(request);
  const outcomes = await makeExecutor({ simulator: request.simulator })(plan.tasks, onDone);
  return assembleSweep(plan.header, outcomes);
}
