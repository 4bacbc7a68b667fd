/**
 * How many environments `prewarm: auto` creates: the concurrency the function's own workloads bring
 * in the first minute, by Little's law (busy environments = arrival rate x mean time busy).
 *
 * The arrival rate is counted, not derived per arrival kind: each workload aimed at the function
 * generates its arrival times for the first minute from a stream of its own (`prewarm:<workload>`),
 * so every kind (constant, Poisson with ramp or diurnal, bursts, schedules, traces) is covered by
 * the code that runs it, and the workload's own stream is left untouched. Queues and streams are
 * not counted (their concurrency is set by the event source mapping's pollers): give a number.
 * A version counts the workloads aimed at it and its share of those aimed at an alias that routes to
 * it at the start of the run (aliasShares).
 */
import type { RandomStreams } from '../kernel/random.js';
import { createArrivalTimes } from '../workload/arrival-times.js';
import { createDurationSampler } from './cpu-scaling.js';
import type { AliasInput, FunctionInput, WorkloadInput } from './input.js';

/** The window whose arrivals 'auto' counts: the first minute of the run (or the whole run, if shorter). */
export const PREWARM_WINDOW_US = 60_000_000;

/** Busy environments the first minute's arrivals keep busy on average, rounded up (0 without arrivals). */
export function expectedConcurrency(
  config: FunctionInput,
  workloads: readonly { workload: WorkloadInput; share: number }[],
  durationUs: number,
  randoms: RandomStreams,
): number {
  const window = Math.min(PREWARM_WINDOW_US, durationUs);
  let arrivals = 0;
  for (const { workload: w, share } of workloads) {
    const end = Math.min(w.end, window);
    if (w.start >= end) continue;
    const times = createArrivalTimes(w.arrivals, w.start, end, randoms.stream(`prewarm:${w.name}`));
    let count = 0;
    for (let t = times.next(); t < end; t = times.next()) count++;
    arrivals += count * share;
  }
  const busyUs = Math.min(createDurationSampler(config).mean(), config.timeout);
  return Math.ceil((arrivals / window) * busyUs - 1e-9);
}

/**
 * The share of requests each alias sends to the function instance `instance` (`fn`, `fn:2`) at the
 * start of the run, by alias name (`fn:live`): the primary's 1 - weight, the secondary's weight.
 */
export function aliasShares(instance: string, aliases: Record<string, AliasInput> | undefined): Map<string, number> {
  const shares = new Map<string, number>();
  for (const [name, a] of Object.entries(aliases ?? {})) {
    const target = (version: string) => (version === '$LATEST' ? a.function : `${a.function}:${version}`);
    const weight = a.additionalVersion?.weight ?? 0;
    let share = 0;
    if (target(a.version) === instance) share += 1 - weight;
    if (a.additionalVersion !== undefined && target(a.additionalVersion.version) === instance) share += weight;
    if (share > 0) shares.set(name, share);
  }
  return shares;
}

/**
 * The environments to create idle at time 0 for `config.prewarm`: the number given, or the expected
 * concurrency for 'auto'; less the provisioned level ready at time 0 (those serve first), and at
 * most what the function may run at once (its reservation, else `limit`).
 */
export function prewarmCount(config: FunctionInput, expected: () => number, limit: number): number {
  const wanted = config.prewarm === undefined ? 0 : config.prewarm === 'auto' ? expected() : config.prewarm;
  const provisionedAtStart = (config.provisionedConcurrency ?? []).find((s) => s.at === 0)?.value ?? 0;
  const cap = config.reservedConcurrency ?? limit;
  return Math.max(0, Math.min(wanted - provisionedAtStart, cap - provisionedAtStart));
}
