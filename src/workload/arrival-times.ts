/**
 * The seam between a workload's arrival process and the kernel: a generator of arrival times.
 * {@link ArrivalProcess} keeps one pending kernel event and asks for the next time when it fires,
 * so no process ever holds more than O(1) pending state beyond its own data (a trace's numbers).
 */
import type { Rng } from '../kernel/random.js';
import type { ArrivalSpec } from './arrival-spec.js';
import { BurstTimes } from './burst-times.js';
import { ConstantTimes } from './constant-times.js';
import { ModulatedPoissonTimes } from './modulated-poisson-times.js';
import { PoissonTimes } from './poisson-times.js';
import { ScheduleTimes } from './schedule-times.js';
import { parseScheduleExpression } from './schedule-expression.js';
import { PerMinuteTimes, TimestampTimes } from './trace-times.js';

/** Produces a workload's arrival times in order. */
export interface ArrivalTimes {
  /**
   * The next arrival time: an integer number of microseconds, never before the previous one and
   * never before the workload's start; Infinity once the process has no more arrivals before `end`.
   */
  next(): number;
}

/**
 * The generator for `spec` in the window [start, end), drawing from `rng` (the workload's own
 * stream) when the process is random.
 */
export function createArrivalTimes(spec: ArrivalSpec, start: number, end: number, rng: Rng): ArrivalTimes {
  switch (spec.process) {
    case 'constant':
      return new ConstantTimes(spec.rate, start);
    case 'poisson':
      return spec.ramp === undefined && spec.diurnal === undefined
        ? new PoissonTimes(spec.rate, start, rng)
        : new ModulatedPoissonTimes(spec, start, end, rng);
    case 'burst':
      return new BurstTimes(spec.at, spec.count, spec.over, start, end, rng);
    case 'schedule':
      return new ScheduleTimes(parseScheduleExpression(spec.expression), spec.startTime, start, end);
    case 'trace':
      return spec.format === 'per-minute-counts'
        ? new PerMinuteTimes(spec, start, end, rng)
        : new TimestampTimes(spec, start, end);
  }
}
