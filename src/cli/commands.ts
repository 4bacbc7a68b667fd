/** What `sim run` and `sim validate` do, once the arguments are parsed. */
import path from 'node:path';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { Simulation } from '../model/simulate.js';
import { writeReports } from '../report/index.js';
import { renderSummaryTxt } from '../report/summary-txt.js';
import type { Io } from './main.js';
import { Progress } from './progress.js';

/** Events handled between two progress updates. */
const EVENTS_PER_SLICE = 500_000;

export interface RunArgs {
  file: string;
  out?: string;
  set: string[];
  seed?: number;
  quiet: boolean;
}

/**
 * The report folder: `--out` (relative to the current directory), else the scenario's `reports.dir`
 * (relative to the scenario file, like every path in a scenario), else `reports/<name>`.
 */
export function reportDir(scenario: Scenario, file: string, out: string | undefined): string {
  if (out !== undefined) return path.resolve(out);
  if (scenario.reports.dir !== undefined) return path.resolve(path.dirname(file), scenario.reports.dir);
  return path.resolve('reports', scenario.name);
}

export async function runCommand(args: RunArgs, io: Io, simulator: { name: string; version: string }): Promise<number> {
  const scenario = loadScenario(args.file, { overrides: args.set, seed: args.seed });
  const simulation = new Simulation(scenario);
  const progress = new Progress(io.stderrIsTty, io.stderr);
  while (!simulation.step(EVENTS_PER_SLICE)) {
    progress.update(simulation.progress, simulation.kernel.eventsProcessed);
    // Let the event loop breathe so Ctrl-C and stderr writes go through on long runs.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  progress.done();
  const results = simulation.results();
  const dir = reportDir(scenario, args.file, args.out);
  const written = writeReports(results, {
    dir,
    formats: scenario.reports.formats,
    expect: scenario.expect,
    simulator,
  });
  if (!args.quiet) {
    io.stdout(renderSummaryTxt(written.summary, { color: io.stdoutIsTty }));
    io.stdout(`reports: ${path.relative(process.cwd(), dir) || '.'}/ (${written.files.map((f) => path.basename(f)).join(', ')})\n`);
  }
  return written.expectations.every((e) => e.ok) ? 0 : 1;
}

export function validateCommand(args: { file: string; set: string[] }, io: Io): number {
  const scenario = loadScenario(args.file, { overrides: args.set });
  const fns = Object.keys(scenario.functions).length;
  io.stdout(`${args.file}: ok (${scenario.name}: ${fns} function${fns === 1 ? '' : 's'}, ${scenario.workloads.length} workload${scenario.workloads.length === 1 ? '' : 's'})\n`);
  return 0;
}
