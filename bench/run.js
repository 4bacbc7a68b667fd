// npm run bench: simulated invocations per second of wall time, and peak memory.
// Scenario (issue #2): one sync function, Poisson arrivals at 2,000 requests/s for one simulated hour
// (about 7.2M invocations), lognormal durations (p50 80 ms, p99 600 ms), default INIT and keep-alive.
// Benchmarks are printed, never asserted: wall-clock speed is not a test.
import { Simulation } from '../dist/model/simulate.js';
import { defaultInitDistribution } from '../dist/model/runtime-defaults.js';
import { asyncConfigSchema } from '../dist/scenario/async-schema.js';

const HOUR_US = 3_600_000_000;
const Z99 = 2.3263478740408408;

/** @type {import('../dist/model/input.js').SimulationInput} */
const input = {
  name: 'bench-sync-2000rps',
  seed: 1,
  duration: HOUR_US,
  region: 'us-east-1',
  account: { concurrencyLimit: 1000, unreservedMinimum: 100, scaling: 'per-function' },
  billing: { granularityMs: 1, freeTier: false, billInit: true, prices: {} },
  functions: {
    api: {
      runtime: 'nodejs20.x',
      architecture: 'x86_64',
      memorySize: 1024,
      ephemeralStorage: 512,
      timeout: 29_000_000,
      duration: { dist: 'lognormal', median: 80_000, sigma: Math.log(600 / 80) / Z99 },
      // The model takes a fully defaulted input: the scenario's defaults for INIT, CPU and async.
      init: defaultInitDistribution('nodejs20.x', 'x86_64'),
      cpuBound: 0,
      asyncConfig: asyncConfigSchema.parse({}),
      errorRate: 0.001,
      keepAlive: { dist: 'constant', value: 600_000_000 },
      maxLifetime: 2 * HOUR_US,
      environmentSelection: 'most-recent',
    },
  },
  workloads: [
    { name: 'web', function: 'api', invocation: 'sync', start: 0, end: HOUR_US, arrivals: { process: 'poisson', rate: 2000 } },
  ],
};

/**
 * Issue #6 cases, next to the plain one: the same function and hour, with a modulated Poisson process
 * (a ramp from 1,000/s to 3,000/s over 30 min, times a diurnal swing of +-50% with a 20 min period: about
 * 8.8M arrivals, thinned from a piecewise bound) and a per-minute trace replay at about 2,000/s. Each case
 * reports its throughput in simulated invocations per second; the runs are interleaved (case 1, 2, 3,
 * then again) so machine noise and JIT warm-up do not favour one case.
 */
const MINUTE_US = 60_000_000;
const traceCounts = Array.from({ length: 60 }, (_, m) => 100_000 + (m % 10) * 4_000); // 100k-136k per minute, ~2,000/s
const CASES = [
  { label: 'plain Poisson 2000/s', arrivals: input.workloads[0].arrivals },
  {
    label: 'modulated Poisson (ramp + diurnal)',
    arrivals: {
      process: 'poisson',
      rate: 1000,
      ramp: { to: 3000, over: 30 * MINUTE_US },
      diurnal: { amplitude: 0.5, period: 20 * MINUTE_US, peakAt: 5 * MINUTE_US },
    },
  },
  { label: 'trace replay (per-minute counts)', arrivals: { process: 'trace', format: 'per-minute-counts', counts: traceCounts, scale: 1, offset: 0 } },
];

function runOnce(arrivals = input.workloads[0].arrivals) {
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let peakHeap = 0;
  const started = process.hrtime.bigint();
  const sim = new Simulation({ ...input, workloads: [{ ...input.workloads[0], arrivals }] });
  while (!sim.step(1_000_000)) {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  }
  const results = sim.results();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  const fn = results.functions[0];
  return { seconds, invocations: fn.invocations, requests: fn.requests, events: results.eventsProcessed, peakRss, peakHeap };
}

const mb = (b) => (b / 1024 / 1024).toFixed(1);
const ROUNDS = 3;
const runsByCase = CASES.map(() => []);
for (let round = 0; round < ROUNDS; round++) CASES.forEach((c, i) => runsByCase[i].push(runOnce(c.arrivals)));
const results = CASES.map((c, i) => {
  const runs = runsByCase[i];
  const best = runs.reduce((a, b) => (a.seconds < b.seconds ? a : b));
  const throughput = Math.round(best.invocations / best.seconds);
  console.log(`scenario: ${input.name}, ${c.label} (1 simulated hour, lognormal p50 80 ms / p99 600 ms)`);
  console.log(`  invocations: ${best.invocations.toLocaleString('en-US')} (requests ${best.requests.toLocaleString('en-US')}, events ${best.events.toLocaleString('en-US')})`);
  console.log(`  wall time (best of ${runs.length}): ${best.seconds.toFixed(2)} s  [${runs.map((r) => r.seconds.toFixed(2)).join(', ')}]`);
  console.log(`  throughput: ${throughput.toLocaleString('en-US')} simulated invocations/s`);
  console.log(`  peak memory: rss ${mb(Math.max(...runs.map((r) => r.peakRss)))} MB, heap used ${mb(Math.max(...runs.map((r) => r.peakHeap)))} MB`);
  return { ...c, throughput };
});
const base = results[0].throughput;
for (const r of results.slice(1)) {
  console.log(`${r.label}: ${((100 * r.throughput) / base).toFixed(0)}% of plain Poisson's throughput (target: at least 80%)`);
}
console.log(`process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
