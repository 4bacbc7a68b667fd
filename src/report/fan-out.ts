/**
 * Several invocation observers behind the one slot `Simulation` offers: each call goes to every
 * observer in order.
 */
import type { InvocationEnd, InvocationObserver, SourceProbe, ThrottleReason } from '../model/observer.js';

export class FanOutObserver implements InvocationObserver {
  constructor(private readonly observers: readonly InvocationObserver[]) {}

  request(fn: number, now: number): void {
    for (const o of this.observers) o.request(fn, now);
  }
  throttle(fn: number, now: number, reason: ThrottleReason): void {
    for (const o of this.observers) o.throttle(fn, now, reason);
  }
  start(fn: number, now: number, cold: boolean, concurrency: number): void {
    for (const o of this.observers) o.start(fn, now, cold, concurrency);
  }
  end(record: InvocationEnd): void {
    for (const o of this.observers) o.end(record);
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
