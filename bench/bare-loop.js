// The yardstick of the busy case: the same job done by one tight loop over typed arrays, with
// nothing a model needs for anything else (no kernel, no handlers, no reports). Poisson arrivals,
// lognormal durations, a binary min-heap of end times, a stack of idle environments, latency and
// duration histograms with a log slot per record. The simulator's speed is quoted as a share of
// this loop's, measured on the same machine in the same bench run.
import seedrandom from 'seedrandom';

const Z99 = 2.3263478740408408;
const GAMMA = 1.005 / 0.995;
const INV_LN_GAMMA = 1 / Math.log(GAMMA);

/**
 * @param {number} rate  arrivals per second
 * @param {number} durationUs  simulated time
 * @returns {number} invocations completed
 */
export function bareLoop(rate, durationUs) {
  const arrivals = seedrandom.alea('1/arrivals');
  const draws = seedrandom.alea('1/durations');
  const meanGap = 1e6 / rate;
  const median = 80_000;
  const sigma = Math.log(300 / 80) / Z99;
  let cap = 1024;
  let ends = new Float64Array(cap);
  let envOf = new Int32Array(cap);
  let size = 0;
  let idle = new Int32Array(cap);
  let idleCount = 0;
  let envs = 0;
  const durationCounts = new Float64Array(8192);
  const latencyCounts = new Float64Array(8192);
  let invocations = 0;
  let cold = 0;
  let sum = 0;
  let t = 0;
  for (;;) {
    t += Math.round(-Math.log(1 - arrivals()) * meanGap);
    if (t >= durationUs) break;
    // Every invocation ending before this arrival finishes: its environment goes idle.
    while (size > 0 && ends[0] <= t) {
      const env = envOf[0];
      const last = --size;
      const lt = ends[last];
      const le = envOf[last];
      let pos = 0;
      for (;;) {
        let c = 2 * pos + 1;
        if (c >= size) break;
        if (c + 1 < size && ends[c + 1] < ends[c]) c++;
        if (ends[c] >= lt) break;
        ends[pos] = ends[c];
        envOf[pos] = envOf[c];
        pos = c;
      }
      ends[pos] = lt;
      envOf[pos] = le;
      idle[idleCount++] = env;
      invocations++;
    }
    let env;
    if (idleCount > 0) env = idle[--idleCount];
    else {
      env = envs++;
      cold++;
    }
    let u, v, s;
    do {
      u = 2 * draws() - 1;
      v = 2 * draws() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const d = Math.round(median * Math.exp(sigma * u * Math.sqrt((-2 * Math.log(s)) / s)));
    durationCounts[Math.min(8191, Math.ceil(Math.log(d) * INV_LN_GAMMA) + 1)]++;
    latencyCounts[Math.min(8191, Math.ceil(Math.log(d) * INV_LN_GAMMA) + 1)]++;
    sum += d;
    if (size === cap) {
      cap *= 2;
      const e2 = new Float64Array(cap);
      e2.set(ends);
      ends = e2;
      const v2 = new Int32Array(cap);
      v2.set(envOf);
      envOf = v2;
      const i2 = new Int32Array(cap);
      i2.set(idle);
      idle = i2;
    }
    let pos = size++;
    const end = t + d;
    while (pos > 0) {
      const p = (pos - 1) >> 1;
      if (ends[p] <= end) break;
      ends[pos] = ends[p];
      envOf[pos] = envOf[p];
      pos = p;
    }
    ends[pos] = end;
    envOf[pos] = env;
  }
  if (sum < 0 || cold < 0) throw new Error('unreachable: keeps the work observable');
  return invocations + size;
}
