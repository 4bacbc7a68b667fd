// Run a scenario from a program: parse it, run it in memory, compare variants, write reports.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario, runScenario, ScenarioError } from 'lambda-sim';

const yaml = `
name: library-example
seed: 7
duration: 2m
functions:
  api:
    runtime: nodejs20.x
    memorySize: 512
    duration: { dist: lognormal, p50: 45ms, p99: 320ms }
workloads:
  - { name: web, function: api, arrivals: { process: poisson, rate: 50/s } }
expect:
  - api.latency.p99 < 1s
`;

// 1. Parse: YAML text (or an object of the same shape), with --set style overrides and a seed.
const scenario = parseScenario(yaml, { baseDir: process.cwd(), fileName: 'example.yaml' });

// 2. Run in memory: nothing is written; results, summary and the expect verdicts come back.
const base = await runScenario(scenario);
console.log(`api p99 ${base.summary.functions.api.latency.p99} ms, expectations ${base.ok ? 'hold' : 'broken'}`);

// 3. A what-if: the same scenario (same seed, same arrivals) at other memory sizes.
for (const memory of [256, 1024]) {
  const variant = parseScenario(yaml, { overrides: [`functions.api.memorySize=${memory}`] });
  const { summary } = await runScenario(variant);
  console.log(`${memory} MB: cost ${summary.total.cost.total} USD, cold starts ${summary.functions.api.coldStarts}`);
}

// 4. With a folder, the reports are written exactly as `sim run` writes them.
const dir = mkdtempSync(join(tmpdir(), 'lambda-sim-example-'));
const controller = new AbortController();
let handled = 0;
const written = await runScenario(scenario, {
  dir,
  formats: ['json', 'csv'],
  signal: controller.signal, // controller.abort() stops the run and leaves no file behind
  onProgress: (fraction, events) => (handled = events), // fraction: simulated time done, 0..1
});
console.log(`${handled} events; wrote ${written.files.map((f) => f.slice(dir.length + 1)).join(', ')}`);
rmSync(dir, { recursive: true });

// 5. Bad input is a ScenarioError: one line with the place, what was expected, what was found.
try {
  parseScenario(yaml, { fileName: 'example.yaml', overrides: ['functions.api.memorySize=99999'] });
} catch (error) {
  if (!(error instanceof ScenarioError)) throw error;
  console.log(error.message);
}
