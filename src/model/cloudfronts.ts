/**
 * The scenario's CloudFront distributions (cloudfront.ts): where their trigger functions run, the
 * distributions built on those instances, and their results with the edge bill per trigger.
 *
 * Concurrency is counted per Region where the function runs: a trigger function is one function
 * instance per edge Region of its distribution, named `fn@region`, each with its own environments,
 * scaling and the account pool of that Region (the account's quotas, repeated per Region).
 */
import { edgeCharge, EDGE_TRIGGERS } from '../billing/edge.js';
import { MONTH_MS } from '../billing/month.js';
import { CloudFrontDistribution, TRIGGER_KEYS } from './cloudfront.js';
import type { ModelContext } from './context.js';
import type { FunctionModel } from './function-model.js';
import type { SimulationInput } from './input.js';
import type { CloudFrontResults } from './results.js';

/**
 * The Region of each edge function instance, by instance name (`fn@region`): the scenario layer
 * puts these instances in `functions` in place of the trigger function (cloudfront-schema.ts).
 */
export function edgePlacements(input: SimulationInput): Map<string, string> {
  const out = new Map<string, string>();
  for (const config of Object.values(input.cloudfront ?? {})) {
    for (const fn of Object.values(config.triggers)) {
      if (fn !== undefined) for (const region of Object.keys(config.regions)) out.set(edgeInstanceName(fn, region), region);
    }
  }
  return out;
}

/** The name of `fn`'s instance in `region`. */
export const edgeInstanceName = (fn: string, region: string): string => `${fn}@${region}`;

export class CloudFronts {
  readonly all: CloudFrontDistribution[] = [];

  /** @param byName  every function instance by name (the edge ones as `fn@region`) */
  constructor(ctx: ModelContext, input: SimulationInput, byName: ReadonlyMap<string, FunctionModel>) {
    for (const [name, config] of Object.entries(input.cloudfront ?? {})) {
      const regions = Object.keys(config.regions);
      const fns = TRIGGER_KEYS.map((key) => {
        const fn = config.triggers[key];
        return fn === undefined ? null : regions.map((r) => byName.get(edgeInstanceName(fn, r))!);
      });
      this.all.push(new CloudFrontDistribution(ctx, name, config, regions, fns));
    }
  }

  warmupEnded(): void {
    for (const d of this.all) d.warmupEnded();
  }

  /** Each distribution's results: per trigger its counts, added latency and edge cost (period `periodMs` and a month of it). */
  results(byName: ReadonlyMap<string, FunctionModel>, endUs: number, periodMs: number): { cloudfront?: CloudFrontResults[] } {
    if (this.all.length === 0) return {};
    return {
      cloudfront: this.all.map((d) => ({
        name: d.name,
        cacheHitRatio: d.config.cacheHitRatio,
        regions: d.regions,
        viewerRequests: d.viewerRequests,
        hits: d.hits,
        misses: d.misses,
        completed: d.completed,
        failed: d.failed,
        inFlightAtEnd: d.inFlight,
        latencyHit: d.latencyHit,
        latencyMiss: d.latencyMiss,
        triggers: TRIGGER_KEYS.flatMap((key, t) => {
          const fn = d.config.triggers[key];
          if (fn === undefined) return [];
          let requests = 0;
          let billedMs = 0;
          let memoryMb = 0;
          for (const r of d.regions) {
            const usage = byName.get(edgeInstanceName(fn, r))!.usage(endUs);
            requests += usage.requests;
            billedMs += usage.billedMs;
            memoryMb = usage.memoryMb;
          }
          const charge = edgeCharge({ trigger: EDGE_TRIGGERS[t], function: fn, memoryMb, requests, billedMs });
          return [
            {
              trigger: key,
              function: fn,
              invocations: d.invocations[t],
              throttles: d.throttles[t],
              errors: d.errors[t],
              addedOnHit: d.addedOnHit[t],
              addedOnMiss: d.addedOnMiss[t],
              billedMs,
              cost: charge.total,
              costPerMonth: (charge.total * MONTH_MS) / periodMs,
            },
          ];
        }),
      })),
    };
  }
}
