/** What `sim compare` does once its arguments are parsed: run both sides, write compare.md/json, exit 1 on a crossed limit. */
import path from 'node:path';
import { writeFileAtomic } from '../report/write-atomic.js';
import { withStagedFolder } from '../run/report-folder.js';
import { ScenarioError } from '../scenario/errors.js';
import { runCompare, type Side } from '../whatif/compare.js';
import { renderCompareJson, renderCompareMd } from '../whatif/compare-output.js';
import { FAIL_IF_EXPECTED, parseLimit } from '../whatif/fail-if.js';
import { parseSource } from '../whatif/parse-point.js';
import { resolveMetric } from '../report/expectations.js';
import { summaryShape } from '../run/expect-metrics.js';
import type { Io } from './main.js';
import { onSignals } from './signals.js';
import { UsageError } from './usage-error.js';
import { executorFactory, readSource, runCounter, wholeNumber, workerCount } from './whatif-options.js';

export interface CompareArgs {
  base: string;
  head?: string;
  set: string[];
  seed?: number;
  replications?: string;
  workers?: string;
  failIf: string[];
  out?: string;
  quiet: boolean;
  /** `--max-invocations`: each run's work limit. */
  maxInvocations?: number;
}

export async function compareCommand(args: CompareArgs, io: Io, simulator: { name: string; version: string }): Promise<number> {
  if (args.head === undefined && args.set.length === 0) {
    throw new UsageError('compare what? give BASE.yaml HEAD.yaml, or one file and the change as --set PATH=VALUE');
  }
  const limits = args.failIf.map(parseLimit);
  const replications = wholeNumber('--replications', args.replications, 1, 1000) ?? 1;
  const baseSource = readSource(args.base);
  const headFile = args.head ?? args.base;
  const headSource = args.head === undefined ? baseSource : readSource(args.head);
  const sets = args.set.map((s) => ` --set ${s}`).join('');
  const base: Side = { source: baseSource, overrides: [], label: args.base };
  const head: Side = { source: headSource, overrides: args.set, label: `${headFile}${sets}` };
  // Refuse bad input before the runs: invalid sides, unknown expect metrics, unknown limit metrics.
  for (const side of [base, head]) {
    const scenario = parseSource(side.source, side.overrides, args.seed);
    if (limits.length > 0) {
      const summary = summaryShape(scenario);
      for (const limit of limits) {
        const lookup = resolveMetric(summary, limit.metric);
        if (!lookup.ok && lookup.reason === 'unknown') {
          throw new ScenarioError({
            file: '',
            origin: `--fail-if '${limit.text}'`,
            expected: FAIL_IF_EXPECTED,
            found: `unknown metric "${limit.metric}"`,
            hint: lookup.suggestion === undefined ? undefined : `did you mean "${lookup.suggestion}"?`,
          });
        }
      }
    }
  }
  return onSignals(async (signal) => {
    const counter = runCounter(io, 'compare');
    const result = await runCompare(
      { base, head, seed: args.seed, replications, limits, simulator },
      executorFactory({ workers: workerCount(args.workers), maxInvocations: args.maxInvocations, signal }),
      counter.update,
    );
    counter.done();
    const name = result.base.scenario;
    const dir = args.out !== undefined ? path.resolve(args.out) : path.resolve('reports', `${name}-compare`);
    const md = renderCompareMd(result);
    await withStagedFolder(dir, async (tmp) => {
      writeFileAtomic(path.join(tmp, 'compare.md'), md);
      writeFileAtomic(path.join(tmp, 'compare.json'), renderCompareJson(result));
    });
    if (!args.quiet) {
      io.stdout(md);
      io.stdout(`reports: ${path.relative(process.cwd(), dir) || '.'}/ (compare.md, compare.json)\n`);
    }
    return result.limits.some((l) => l.crossed) ? 1 : 0;
  });
}
