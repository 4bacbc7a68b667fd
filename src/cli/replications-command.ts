/**
 * `sim run FILE --replications N` (N > 1): the scenario N times with derived seeds, replication 1's
 * full reports as `sim run` writes them, plus replications.md / replications.json with every metric's
 * mean ± 95% interval; exit 1 when an expect line fails on its interval (JUDGING_RULE).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../report/write-atomic.js';
import type { Scenario } from '../scenario/schema.js';
import { runReplications } from '../whatif/replicate.js';
import { renderReplicationsJson, renderReplicationsMd } from '../whatif/replications-output.js';
import type { Io } from './main.js';
import { executorFactory, runCounter } from './whatif-options.js';

export async function replicationsCommand(
  scenario: Scenario,
  options: { dir: string; replications: number; workers: number; quiet: boolean },
  io: Io,
  simulator: { name: string; version: string },
): Promise<number> {
  const counter = runCounter(io, 'replications');
  const result = await runReplications(
    { scenario, replications: options.replications, firstReportsDir: options.dir, simulator },
    executorFactory(options.workers),
    counter.update,
  );
  counter.done();
  const md = renderReplicationsMd(result);
  mkdirSync(options.dir, { recursive: true });
  writeFileAtomic(path.join(options.dir, 'replications.md'), md);
  writeFileAtomic(path.join(options.dir, 'replications.json'), renderReplicationsJson(result));
  if (!options.quiet) {
    io.stdout(md);
    io.stdout(`reports: ${path.relative(process.cwd(), options.dir) || '.'}/ (replications.md, replications.json; replication 1's reports)\n`);
  } else if (!result.result.meetsAll) {
    io.stderr(`sim: an expect line does not hold on its 95% interval over ${options.replications} replications (replications.md)\n`);
  }
  return result.result.meetsAll ? 0 : 1;
}
