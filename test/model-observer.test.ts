import { describe, expect, it } from 'vitest';
import { Simulation, checkedResults } from './helpers/simulate.js';
import type { InvocationEnd, InvocationObserver } from '../src/model/observer.js';
import { fn, MS, S, scenario, sync } from './helpers/model-input.js';

class CountingObserver implements InvocationObserver {
  requests = 0;
  throttles = 0;
  starts = 0;
  colds = 0;
  ends: InvocationEnd[] = [];
  finishedAt = -1;
  request(): void {
    this.requests++;
  }
  throttle(): void {
    this.throttles++;
  }
  start(_fn: number, _now: number, cold: boolean): void {
    this.starts++;
    if (cold) this.colds++;
  }
  end(r: InvocationEnd): void {
    this.ends.push({ ...r });
  }
  finish(endUs: number): void {
    this.finishedAt = endUs;
  }
}

describe('invocation observer', () => {
  it('sees every request, throttle, start and end, consistent with the results', () => {
    const obs = new CountingObserver();
    const sim = new Simulation(
      scenario({
        duration: 60 * S,
        account: { concurrencyLimit: 3, unreservedMinimum: 0, scaling: 'per-function' },
        functions: { api: fn({ duration: { dist: 'exponential', mean: 100 * MS }, init: { dist: 'constant', value: 0 } }) },
        workloads: [sync('api', { process: 'poisson', rate: 30 })],
      }),
      obs,
    );
    const f = checkedResults(sim).functions[0];
    expect(obs.requests).toBe(f.requests);
    expect(obs.throttles).toBe(f.throttles);
    expect(obs.starts).toBe(f.invocations + f.inFlightAtEnd);
    // INIT is 0 here, yet cold starts are still reported as cold.
    expect(obs.colds).toBe(f.coldStarts);
    expect(obs.ends.length).toBe(f.invocations);
    expect(obs.ends.reduce((a, e) => a + e.billedMs, 0)).toBe(f.billedDurationMs);
    expect(obs.finishedAt).toBe(60 * S);
    // Sequence numbers are unique.
    expect(new Set(obs.ends.map((e) => e.seq)).size).toBe(obs.ends.length);
  });
});
