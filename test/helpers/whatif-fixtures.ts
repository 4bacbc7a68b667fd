/** The deterministic scenario of the what-if tests (its arithmetic is in whatif-sweep.test.ts). */
export const DETERMINISTIC = `name: det
seed: 3
duration: 10m
functions:
  api:
    memorySize: 1024
    cpuBound: 0.5
    threads: 2      # CPU speeds up linearly to 3,538 MB, past every size these tests use
    duration: 1s
    init: 100ms
workloads:
  - name: web
    function: api
    arrivals: { process: constant, rate: 1/s }
expect:
  - api.latency.p99 < 1200ms
`;
