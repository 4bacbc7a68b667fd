/**
 * Arrival processes: each workload keeps exactly one pending arrival event on the kernel and
 * schedules the next one when it fires, so memory stays flat however long the run.
 *
 * Arrivals fall in the workload's window [start, end). Times are integer microseconds. What the
 * times are is the job of one generator per process (see arrival-times.ts): constant, poisson
 * (plain or modulated by ramp and diurnal), burst, schedule and trace.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { Rng } from '../kernel/random.js';
import type { ArrivalSpec } from './arrival-spec.js';
import { createArrivalTimes, type ArrivalTimes } from './arrival-times.js';

export type { ArrivalSpec } from './arrival-spec.js';

/** Where arrivals go: a function (sync invocation) or, later, a queue or stream. */
export interface RequestSink {
  /** A request arrives now (kernel.now). */
  arrive(): void;
}

const ARRIVE = 1;

/** One workload's arrivals on the kernel: one pending event at a time. */
export class ArrivalProcess implements EventHandler {
  /** Arrivals generated so far. */
  count = 0;
  private readonly times: ArrivalTimes;

  constructor(
    private readonly kernel: Kernel,
    spec: ArrivalSpec,
    start: number,
    private readonly end: number,
    rng: Rng,
    private readonly sink: RequestSink,
  ) {
    this.times = createArrivalTimes(spec, start, end, rng);
  }

  /** Schedule the first arrival. */
  begin(): void {
    this.scheduleNext();
  }

  /**
   * One arrival, then every following one that comes before any other event (see
   * Kernel.nextInline): a busy producer runs through its records in one loop, not one heap
   * round trip each, in exactly the order the event list would give.
   */
  handleEvent(): void {
    const kernel = this.kernel;
    const sink = this.sink;
    const times = this.times;
    const end = this.end;
    for (;;) {
      this.count++;
      sink.arrive();
      const at = times.next();
      if (!(at < end)) return;
      if (!kernel.nextInline(at)) {
        kernel.scheduleArrival(at, this, ARRIVE);
        return;
      }
    }
  }

  private scheduleNext(): void {
    const at = this.times.next();
    if (at < this.end) this.kernel.scheduleArrival(at, this, ARRIVE);
  }
}
