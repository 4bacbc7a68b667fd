// One bench measurement in a process of its own (bench/run.js starts one per case and round), so
// each case has its own heap, JIT state and peak RSS. Prints one JSON line on stdout.
//   node bench/case.js sim <case> [formats]  the simulation phase of a scenario (CPU seconds)
//   node bench/case.js bare                   the bare typed-array loop of the busy case
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario, Simulation } from '../dist/index.js';
import { openStreamedReports } from '../dist/run/streamed-reports.js';
import { bareLoop } from './bare-loop.js';
import { arrivalsYaml, busyYaml, environmentsYaml, kinesisYaml, sqsYaml } from './cases.js';

const SCENARIOS = {
  busy: () => busyYaml(),
  'busy-30m': () => busyYaml({ duration: '30m' }),
  'env-11': () => environmentsYaml(11),
  'env-11k': () => environmentsYaml(11_000),
  'env-113k': () => environmentsYaml(113_000),
  'arrivals-plain': () => arrivalsYaml('plain'),
  'arrivals-modulated': () => arrivalsYaml('modulated'),
  sqs: () => sqsYaml(),
  kinesis: () => kinesisYaml(),
  // The 1e8-invocation run (bench --long): 10,000 requests/s for 10,000 s.
  long: () => busyYaml({ duration: '10000s', rate: '10000/s' }),
};

const cpuSeconds = (start) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};

/** The simulation phase of the scenario `yaml` with streamed reports in `formats` (none: results only). */
export function simulationPhase(yaml, formats) {
  const scenario = parseScenario(yaml);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lambda-sim-bench-'));
  const streamed = formats.length > 0 ? openStreamedReports(scenario, dir, formats, { warn: () => {}, logWarnBytes: Infinity }) : null;
  try {
    globalThis.gc?.();
    const wallStart = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const sim = new Simulation(scenario, streamed?.observer ?? null);
    const results = sim.results();
    const cpu = cpuSeconds(cpuStart);
    const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
    const invocations = results.functions.reduce((sum, f) => sum + f.invocations, 0);
    const records =
      (results.queues ?? []).reduce((sum, q) => sum + q.sent, 0) + (results.streams ?? []).reduce((sum, s) => sum + s.records, 0);
    return { cpu, wall, invocations, records, events: results.eventsProcessed };
  } finally {
    streamed?.abort();
    rmSync(dir, { recursive: true, force: true });
  }
}

function bare() {
  const cpuStart = process.cpuUsage();
  const invocations = bareLoop(500, 2 * 3600e6);
  return { cpu: cpuSeconds(cpuStart), invocations };
}

// Run as a script (bench/alloc.js imports simulationPhase only).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, name, formats = ''] = process.argv.slice(2);
  const measured = mode === 'bare' ? bare() : simulationPhase(SCENARIOS[name](), formats === '' ? [] : formats.split(','));
  console.log(JSON.stringify({ ...measured, peakRss: process.resourceUsage().maxRSS * 1024 }));
}
