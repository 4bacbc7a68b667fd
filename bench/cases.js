// The scenarios `npm run bench` measures: one per row of issue #19's table, written as scenario
// YAML so anyone can rebuild them with `sim run`. Sizes are chosen so each case takes a few CPU
// seconds on a loaded 2-core machine; the rates per CPU-second do not depend on the size.

/**
 * The busy sync function: 500 requests/s, lognormal p50 80 ms / p99 300 ms (mean ~94 ms, ~47 busy).
 * `formats` null: the default report formats.
 */
export function busyYaml({ duration = '2h', formats = ['json'], rate = '500/s' } = {}) {
  return `
name: bench-busy
seed: 1
duration: ${duration}
functions:
  api:
    memorySize: 1024
    timeout: 29s
    duration: { dist: lognormal, p50: 80ms, p99: 300ms }
    errorRate: 0.001
workloads:
  - { name: web, function: api, arrivals: { process: poisson, rate: ${rate} } }
${formats === null ? '' : `reports:\n  formats: [${formats.join(', ')}]\n`}`;
}

/**
 * Many live environments: 10,000 requests/s of a constant duration chosen so that `busy`
 * environments are running at once, started warm (prewarm: auto) so the run does not spend its
 * time ramping up through the scaling rate.
 */
export function environmentsYaml(busy, duration = '5m') {
  const durationMs = (busy / 10_000) * 1000;
  return `
name: bench-environments-${busy}
seed: 1
duration: ${duration}
account: { concurrencyLimit: 200000 }
functions:
  api:
    memorySize: 1024
    timeout: 900s
    duration: { dist: constant, value: ${durationMs}ms }
    keepAlive: { dist: constant, value: 10m }
    prewarm: auto
workloads:
  - { name: web, function: api, arrivals: { process: poisson, rate: 10000/s } }
reports:
  formats: [json]
`;
}

/** SQS: 5,000 messages/s into a standard queue, batch 10 (9M messages in 30 min). */
export function sqsYaml(duration = '30m') {
  return `
name: bench-sqs
seed: 1
duration: ${duration}
functions:
  worker:
    memorySize: 512
    timeout: 30s
    duration: { dist: lognormal, p50: 40ms, p99: 200ms }
queues:
  orders: { type: standard, visibilityTimeout: 180s }
eventSourceMappings:
  - { source: orders, function: worker, batchSize: 10 }
workloads:
  - { name: orders, queue: orders, arrivals: { process: poisson, rate: 5000/s } }
reports:
  formats: [json]
`;
}

/** Kinesis: 64 shards, 10,000 records/s (18M records in 30 min), batch up to 100. */
export function kinesisYaml(duration = '30m') {
  return `
name: bench-kinesis
seed: 1
duration: ${duration}
functions:
  consumer:
    memorySize: 1024
    timeout: 60s
    duration: { dist: gamma, mean: 300ms, cv: 0.5 }
streams:
  clicks: { type: kinesis, shards: 64, retention: 24h }
eventSourceMappings:
  - { source: clicks, function: consumer, batchSize: 100 }
workloads:
  - { name: clicks, stream: clicks, partitionKeys: 100000, arrivals: { process: poisson, rate: 10000/s } }
reports:
  formats: [json]
`;
}

/** The 1-second scenario of the start-up row, with the default report formats. */
export const ONE_SECOND_YAML = `
name: bench-one-second
seed: 1
duration: 1s
functions:
  api:
    memorySize: 512
    duration: { dist: lognormal, p50: 50ms, p99: 300ms }
workloads:
  - { name: web, function: api, arrivals: { process: poisson, rate: 100/s } }
`;

/**
 * Issue #6's modulated Poisson process on the busy function against plain Poisson at 2,000/s for
 * 30 min: a ramp from 1,000/s to 3,000/s times a diurnal swing of +-50% with a 20 min period. (The
 * old bench's trace-replay case needs a trace file; `sim run` one of scenarios/ to time it.)
 */
export function arrivalsYaml(kind) {
  const arrivals = {
    plain: '{ process: poisson, rate: 2000/s }',
    modulated: '{ process: poisson, rate: 1000/s, ramp: { to: 3000/s, over: 30m }, diurnal: { amplitude: 0.5, period: 20m, peakAt: 5m } }',
  }[kind];
  return busyYaml({ duration: '30m' }).replace(/arrivals: \{ process: poisson, rate: 500\/s \}/, `arrivals: ${arrivals}`);
}
