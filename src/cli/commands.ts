/** What `sim run` and `sim validate` do, once the arguments are parsed. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { Simulation } from '../model/simulate.js';
import { LOG_WARN_BYTES, writeReports, type ReportFormat } from '../report/index.js';
import { renderSummaryTxt } from '../report/summary-txt.js';
import type { Io } from './main.js';
import { Progress } from './progress.js';
import { openStreamedReports } from './streamed-reports.js';
import { checkExpectMetrics } from './expect-check.js';

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
  checkExpectMetrics(scenario, args.file);
  const dir = reportDir(scenario, args.file, args.out);
  const formats: readonly ReportFormat[] = scenario.reports.formats;
  const streamed = openStreamedReports(scenario, dir, formats, { warn: io.stderr, logWarnBytes: LOG_WARN_BYTES });
  // Ctrl-C during a long run: remove the half-written streamed files, then stop as a signal would.
  const onSignal = (signal: NodeJS.Signals): void => {
    streamed.abort();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const progress = new Progress({ enabled: io.stderrIsTty, write: io.stderr, simulatedUs: scenario.duration });
  try {
    const simulation = new Simulation(scenario, streamed.observer);
    while (!simulation.step(EVENTS_PER_SLICE)) {
      progress.update(simulation.progress, simulation.kernel.eventsProcessed);
      // Let the event loop breathe so Ctrl-C and stderr writes go through on long runs.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    progress.done();
    const results = simulation.results();
    const overrides = [...args.set.map((s) => `--set ${s}`), ...(args.seed === undefined ? [] : [`--seed ${args.seed}`])];
    const written = await writeReports(results, {
      overrides,
      dir,
      formats,
      expect: scenario.expect,
      simulator,
      html: {
        series: streamed.series(),
        accountLimit: scenario.account.concurrencyLimit,
        scenario: {
          fileName: path.basename(args.file),
          text: readFileSync(args.file, 'utf8'),
          overrides,
          description: scenario.description,
        },
      },
    });
    const streamedFiles = streamed.commit();
    if (!args.quiet) {
      io.stdout(renderSummaryTxt(written.summary, { color: io.stdoutIsTty && !io.noColor, overrides }));
      const names = [...written.files, ...streamedFiles].map((f) => path.relative(dir, f));
      const shown = [...new Set(names.map((n) => (n.includes(path.sep) ? n.split(path.sep)[0] + '/' : n)))];
      io.stdout(`reports: ${path.relative(process.cwd(), dir) || '.'}/ (${shown.join(', ')})\n`);
    }
    return written.expectations.every((e) => e.ok) ? 0 : 1;
  } catch (err) {
    progress.done();
    streamed.abort();
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function validateCommand(args: { file: string; set: string[] }, io: Io): number {
  const scenario = loadScenario(args.file, { overrides: args.set });
  checkExpectMetrics(scenario, args.file);
  const fns = Object.keys(scenario.functions).length;
  const workloads = scenario.workloads.length + scenario.producers.length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  io.stdout(`${args.file}: ok (${scenario.name}: ${plural(fns, 'function')}, ${plural(workloads, 'workload')})\n`);
  return 0;
}
