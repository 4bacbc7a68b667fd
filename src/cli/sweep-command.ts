/**
 * What `sim sweep` does once its arguments are parsed: run the grid, write the four files, exit 0
 * or 1; with --shard, run one part of the grid and write its partial folder (shard-command.ts).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../report/write-atomic.js';
import { withStagedFolder } from '../run/report-folder.js';
import type { PickStrategy } from '../scenario/sweep-schema.js';
import { buildGrid, parseVary, type Dimension } from '../whatif/grid.js';
import { parseSource } from '../whatif/parse-point.js';
import { KEPT_REPORTS, scenarioHash } from '../whatif/shard-file.js';
import { planSweep, runSweep, type SweepResult } from '../whatif/sweep.js';
import { checkDimensions } from '../whatif/vary-check.js';
import { runShardCommand, shardFileHead } from './shard-command.js';
import { recommendationLines, renderSweepCsv, renderSweepJson, renderSweepMd } from '../whatif/sweep-output.js';
import type { Io } from './main.js';
import { onSignals } from './signals.js';
import { UsageError } from './usage-error.js';
import { executorFactory, parseShard, readSource, runCounter, shardDir, wholeNumber, workerCount } from './whatif-options.js';

export interface SweepArgs {
  file: string;
  vary: string[];
  set: string[];
  seed?: number;
  replications?: string;
  workers?: string;
  pick?: PickStrategy;
  out?: string;
  keepReports: boolean;
  html: boolean;
  quiet: boolean;
  /** `--shard I/N` or `auto/N`: run one part and write a partial folder for `sim merge`. */
  shard?: string;
  /** `--max-invocations`: each point's work limit. */
  maxInvocations?: number;
}

export async function sweepCommand(args: SweepArgs, io: Io, simulator: { name: string; version: string }): Promise<number> {
  const source = readSource(args.file);
  const base = parseSource(source, args.set, args.seed);
  // --vary on the command line replaces the file's sweep.vary (so CI and a quick try do not mix).
  const dimensions: Dimension[] =
    args.vary.length > 0
      ? args.vary.map(parseVary)
      : Object.entries(base.sweep?.vary ?? {}).map(([p, values]) => ({ path: p, values }));
  if (dimensions.length === 0) {
    throw new UsageError('name what to vary: --vary PATH=V1,V2,... (or PATH=FROM..TO step STEP), or sweep.vary in the scenario');
  }
  buildGrid(dimensions); // refuses a path varied twice or a grid too large, before anything runs
  // Each dimension alone, so a bad path or value is named where it was written.
  checkDimensions(source, args.set, args.seed, base, dimensions, args.vary.length > 0 ? 'command-line' : 'file');
  const replications = wholeNumber('--replications', args.replications, 1, 1000) ?? base.sweep?.replications ?? 1;
  const dir = args.out !== undefined ? path.resolve(args.out) : path.resolve('reports', `${base.name}-sweep`);
  const pick = args.pick ?? base.sweep?.pick ?? 'cheapest';
  const request = { source, overrides: args.set, seed: args.seed, dimensions, replications, pick, simulator };
  const shard = parseShard(args.shard);
  return onSignals(async (signal) => {
    const execution = { workers: workerCount(args.workers), maxInvocations: args.maxInvocations, signal };
    if (shard !== undefined) {
      const target = args.out !== undefined ? path.resolve(args.out) : shardDir(dir, shard);
      const options = { overrides: args.set, dimensions, replications, pick, html: args.html, keepReports: args.keepReports };
      return runShardCommand(io, 'sweep', shard, target, execution, simulator, async (tmp) => {
        const plan = planSweep({ ...request, keepReportsDir: args.keepReports ? path.join(tmp, KEPT_REPORTS) : undefined });
        return {
          plan,
          file: (items) => ({
            ...shardFileHead('sweep', plan, scenarioHash('sweep', plan.base, options), shard, simulator),
            kind: 'sweep',
            header: plan.header,
            output: { html: args.html, keepReports: args.keepReports },
            items,
          }),
        };
      });
    }
    const output = { html: args.html, keepReports: args.keepReports, quiet: args.quiet };
    // The folder is written whole (kept reports inside it) and swapped in at the end (report-folder.ts).
    const { result, files } = await withStagedFolder(dir, async (tmp) => {
      const counter = runCounter(io, 'sweep');
      const result = await runSweep({ ...request, keepReportsDir: args.keepReports ? path.join(tmp, KEPT_REPORTS) : undefined }, executorFactory(execution), counter.update);
      counter.done();
      return { result, files: await writeSweepFiles(result, tmp, output) };
    });
    return reportSweep(result, dir, files, output, io);
  });
}

/**
 * Write sweep.csv/json/md (and sweep.html) into `dir` (a staged folder) and return their names.
 * `sim merge` calls it with the merged result, so a merge writes what one machine writes.
 */
export async function writeSweepFiles(result: SweepResult, dir: string, options: { html: boolean }): Promise<string[]> {
  const files: [string, string][] = [
    ['sweep.csv', renderSweepCsv(result)],
    ['sweep.json', renderSweepJson(result)],
    ['sweep.md', renderSweepMd(result)],
  ];
  if (options.html) {
    const { renderSweepHtml } = await import('../whatif/sweep-html.js');
    files.push(['sweep.html', await renderSweepHtml(result)]);
  }
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) writeFileAtomic(path.join(dir, name), text);
  return files.map(([name]) => name);
}

/**
 * Print the table (or the one failure line with --quiet) once the folder `dir` is in place, and
 * return the exit code: 0 when some point meets every expect line, else 1.
 */
export function reportSweep(result: SweepResult, dir: string, files: readonly string[], options: { keepReports: boolean; quiet: boolean }, io: Io): number {
  if (!options.quiet) {
    io.stdout(renderSweepMd(result));
    io.stdout(`reports: ${path.relative(process.cwd(), dir) || '.'}/ (${files.join(', ')}${options.keepReports ? ', points/' : ''})\n`);
  } else if (result.recommendation.cheapest === null) {
    io.stderr(`sim: ${recommendationLines(result)[0]}\n`);
  }
  return result.recommendation.cheapest === null ? 1 : 0;
}
