/**
 * What `sim run` and `sim validate` do, once the arguments are parsed: the run pipeline itself is
 * the library's (src/run/); here are the report folder, progress, signals, printing and exit codes.
 */
import path from 'node:path';
import type { Scenario } from '../scenario/schema.js';
import { renderSummaryTxt } from '../report/summary-txt.js';
import { parseScenarioFile } from '../run/parse.js';
import { runScenario } from '../run/run.js';
import { scenarioSource } from '../run/scenario-source.js';
import { checkWorkLimit, DEFAULT_MAX_INVOCATIONS } from '../run/work-limit.js';
import type { Io } from './main.js';
import { Progress } from './progress.js';
import { onSignals } from './signals.js';
import { UsageError } from './usage-error.js';
import { parseShard, readSource, wholeNumber, workerCount } from './whatif-options.js';

export interface RunArgs {
  file: string;
  out?: string;
  set: string[];
  seed?: number;
  quiet: boolean;
  /** `--replications N`: N > 1 runs replications-command.ts instead of one run. */
  replications?: string;
  workers?: string;
  /** `--shard I/N` with --replications: one part of the replications, for `sim merge`. */
  shard?: string;
  /** `--max-invocations`: the work limit of run.ts (default there). */
  maxInvocations?: number;
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
  const scenario = parseScenarioFile(args.file, { overrides: args.set, seed: args.seed });
  const dir = reportDir(scenario, args.file, args.out);
  const replications = wholeNumber('--replications', args.replications, 1, 1000) ?? 1;
  const shard = parseShard(args.shard);
  if (shard !== undefined && replications < 2) throw new UsageError('--shard splits replications: give --replications N (N >= 2) too, or shard a sim sweep');
  if (replications > 1) {
    // The limit is per run, as for one run (each replication is one).
    checkWorkLimit(scenario, args.maxInvocations ?? DEFAULT_MAX_INVOCATIONS);
    const { replicationsCommand } = await import('./replications-command.js');
    return replicationsCommand(scenario, { dir, replications, workers: workerCount(args.workers), quiet: args.quiet, shard, out: args.out, maxInvocations: args.maxInvocations }, io, simulator);
  }
  // Ctrl-C, a kill or a closed terminal in any phase (simulation, report rendering, writing): the
  // run stops at its next check, removes its temporary folder and the previous report stays whole.
  const progress = new Progress({ enabled: io.stderrIsTty, write: io.stderr, simulatedUs: scenario.duration });
  return onSignals(async (signal) => {
    try {
      const run = await runScenario(scenario, {
        dir,
        signal,
        onProgress: (fraction, events) => progress.update(fraction, events),
        warn: io.stderr,
        simulator,
        maxInvocations: args.maxInvocations,
      });
      progress.done();
      if (!args.quiet) {
        io.stdout(renderSummaryTxt(run.summary, { color: io.stdoutIsTty && !io.noColor, overrides: scenarioSource(scenario)?.overrides ?? [] }));
        const names = run.files.map((f) => path.relative(dir, f));
        const shown = [...new Set(names.map((n) => (n.includes(path.sep) ? n.split(path.sep)[0] + '/' : n)))];
        io.stdout(`reports: ${path.relative(process.cwd(), dir) || '.'}/ (${shown.join(', ')})\n`);
      }
      return run.ok ? 0 : 1;
    } catch (err) {
      progress.done();
      throw err;
    }
  });
}

export async function validateCommand(args: { file: string; set: string[] }, io: Io): Promise<number> {
  const scenario = parseScenarioFile(args.file, { overrides: args.set });
  if (scenario.sweep !== undefined) {
    // `sim run` ignores sweep:, but a CI job validates the file `sim sweep` will read: check its keys and values now.
    const { checkDimensions } = await import('../whatif/vary-check.js');
    const dimensions = Object.entries(scenario.sweep.vary).map(([p, values]) => ({ path: p, values }));
    checkDimensions(readSource(args.file), args.set, undefined, scenario, dimensions, 'file');
  }
  // A published version is an instance `fn:N` of its function, not a function of its own.
  const versions = Object.keys(scenario.versions ?? {}).length;
  const aliases = Object.keys(scenario.aliases ?? {}).length;
  const fns = Object.keys(scenario.functions).length - versions;
  const workloads = scenario.workloads.length + scenario.producers.length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const qualifiers = [versions > 0 ? plural(versions, 'version') : '', aliases > 0 ? plural(aliases, 'alias').replace(/aliass$/, 'aliases') : ''].filter((q) => q !== '');
  const what = plural(fns, 'function') + (qualifiers.length > 0 ? ` (${qualifiers.join(', ')})` : '');
  io.stdout(`${args.file}: ok (${scenario.name}: ${what}, ${plural(workloads, 'workload')})\n`);
  return 0;
}
