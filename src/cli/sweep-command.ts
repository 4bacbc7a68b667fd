/** What `sim sweep` does once its arguments are parsed: run the grid, write the four files, exit 0 or 1. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../report/write-atomic.js';
import type { PickStrategy } from '../scenario/sweep-schema.js';
import { buildGrid, parseVary, type Dimension } from '../whatif/grid.js';
import { parseSource } from '../whatif/parse-point.js';
import { runSweep } from '../whatif/sweep.js';
import { recommendationLines, renderSweepCsv, renderSweepJson, renderSweepMd } from '../whatif/sweep-output.js';
import type { Io } from './main.js';
import { UsageError } from './usage-error.js';
import { executorFactory, readSource, runCounter, wholeNumber, workerCount } from './whatif-options.js';

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
  const replications = wholeNumber('--replications', args.replications, 1, 1000) ?? base.sweep?.replications ?? 1;
  const dir = args.out !== undefined ? path.resolve(args.out) : path.resolve('reports', `${base.name}-sweep`);
  const counter = runCounter(io, 'sweep');
  const result = await runSweep(
    {
      source,
      overrides: args.set,
      seed: args.seed,
      dimensions,
      replications,
      pick: args.pick ?? base.sweep?.pick ?? 'cheapest',
      keepReportsDir: args.keepReports ? path.join(dir, 'points') : undefined,
      simulator,
    },
    executorFactory(workerCount(args.workers)),
    counter.update,
  );
  counter.done();
  const md = renderSweepMd(result);
  const files: [string, string][] = [
    ['sweep.csv', renderSweepCsv(result)],
    ['sweep.json', renderSweepJson(result)],
    ['sweep.md', md],
  ];
  if (args.html) {
    const { renderSweepHtml } = await import('../whatif/sweep-html.js');
    files.push(['sweep.html', await renderSweepHtml(result)]);
  }
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) writeFileAtomic(path.join(dir, name), text);
  if (!args.quiet) {
    io.stdout(md);
    io.stdout(`reports: ${path.relative(process.cwd(), dir) || '.'}/ (${files.map(([n]) => n).join(', ')}${args.keepReports ? ', points/' : ''})\n`);
  } else if (result.recommendation.cheapest === null) {
    io.stderr(`sim: ${recommendationLines(result)[0]}\n`);
  }
  return result.recommendation.cheapest === null ? 1 : 0;
}
