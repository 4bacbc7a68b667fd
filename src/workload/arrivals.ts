/**
 * Arrival processes: each workload keeps exactly one pending arrival event on the kernel and
 * schedules the next one when it fires, so memory stays flat however long the run.
 *
 * Arrivals fall in the workload's window [start, end). Times are integer microseconds:
 * `constant` places the k-th arrival at start + round(k / rate) exactly (no drift from summing
 * rounded gaps); `poisson` adds exponential gaps drawn from the workload's own random stream.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { Rng } from '../kernel/random.js';
import { US_PER_SECOND } from '../kernel/time.js';

/** Where arrivals go: a function (sync invocation) or, later, a queue or stream. */
export interface RequestSink {
  /** A request arrives now (kernel.now). */
  arrive(): void;
}

/** The arrival-process part of a workload, in model units. */
export type ArrivalSpec =
  | { process: 'constant'; rate: number }
  | { process: 'poisson'; rate: number };

const ARRIVE = 1;

export class ArrivalProcess implements EventHandler {
  /** Arrivals generated so far. */
  count = 0;
  private readonly meanGapUs: number;
  private nextAt = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly spec: ArrivalSpec,
    private readonly start: number,
    private readonly end: number,
    private readonly rng: Rng,
    private readonly sink: RequestSink,
  ) {
    this.meanGapUs = US_PER_SECOND / spec.rate;
  }

  /** Schedule the first arrival. */
  begin(): void {
    this.nextAt = this.spec.process === 'constant' ? this.start : this.start + this.exponentialGap();
    if (this.nextAt < this.end) this.kernel.schedule(this.nextAt, this, ARRIVE);
  }

  handleEvent(): void {
    this.count++;
    this.sink.arrive();
    this.nextAt =
      this.spec.process === 'constant'
        ? this.start + Math.round(this.count * this.meanGapUs)
        : this.nextAt + this.exponentialGap();
    if (this.nextAt < this.end) this.kernel.schedule(this.nextAt, this, ARRIVE);
  }

  /** Exponential gap rounded to whole microseconds (unbiased to well under 1 us). */
  private exponentialGap(): number {
    return Math.round(-Math.log(1 - this.rng.next()) * this.meanGapUs);
  }
}
