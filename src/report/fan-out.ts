/**
 * Several invocation observers behind the one slot `Simulation` offers: each call goes to every
 * observer in order.
 */
import type { InvocationEnd, InvocationObserver, SourceProbe, ThrottleReason } from '../model/observer.js';

export class FanOutObserver implements InvocationObserver {
  /** Present only when some observer has them, so that otherwise the model's request path makes no call. */
  readonly request?: (fn: number, now: number) => void;
  readonly throttle?: (fn: number, now: number, reason: ThrottleReason) => void;
  readonly start?: (fn: number, now: number, cold: boolean, concurrency: number) => void;
  readonly end?: (record: InvocationEnd) => void;
  readonly readEveryUs?: number;
  readonly readCounters?: InvocationObserver['readCounters'];

  constructor(private readonly observers: readonly InvocationObserver[]) {
    const hooked = observers.filter((o) => o.request !== undefined);
    if (hooked.length > 0) {
      this.request = (fn, now) => {
        for (const o of hooked) o.request!(fn, now);
      };
      this.throttle = (fn, now, reason) => {
        for (const o of hooked) o.throttle!(fn, now, reason);
      };
      this.start = (fn, now, cold, concurrency) => {
        for (const o of hooked) o.start!(fn, now, cold, concurrency);
      };
    }
    const full = observers.filter((o) => o.end !== undefined);
    if (full.length > 0) {
      this.end = (record) => {
        for (const o of full) o.end!(record);
      };
    }
    // The simulation stops its clock for one reader (the time series); two would need two grids.
    const readers = observers.filter((o) => o.readCounters !== undefined);
    if (readers.length > 1) throw new Error('FanOutObserver: at most one observer may read counters');
    if (readers.length === 1) {
      const reader = readers[0];
      this.readEveryUs = reader.readEveryUs;
      this.readCounters = (now, functions, busyTotal, restart) => reader.readCounters!(now, functions, busyTotal, restart);
    }
  }

  finish(endUs: number): void {
    for (const o of this.observers) o.finish(endUs);
  }
  asyncDepth(fn: number, now: number, depth: number): void {
    for (const o of this.observers) o.asyncDepth?.(fn, now, depth);
  }
  source(section: string, index: number): SourceProbe | null {
    const probes: SourceProbe[] = [];
    for (const o of this.observers) {
      const probe = o.source?.(section, index) ?? null;
      if (probe !== null) probes.push(probe);
    }
    if (probes.length <= 1) return probes[0] ?? null;
    return {
      record(now, column, value) {
        for (const p of probes) p.record(now, column, value);
      },
    };
  }
}

/** null for none, the observer itself for one, a fan-out for several. */
export function combineObservers(observers: readonly InvocationObserver[]): InvocationObserver | null {
  if (observers.length === 0) return null;
  if (observers.length === 1) return observers[0];
  return new FanOutObserver(observers);
}
