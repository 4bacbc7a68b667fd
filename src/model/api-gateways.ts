/**
 * The scenario's API Gateway APIs (api-gateway.ts): built from `apiGateways`, sharing the
 * account's throttle bucket, handing each workload that names one with `via` its route, and
 * pricing their requests (src/billing/api-gateway-prices.ts).
 */
import { apiGatewayCosts } from '../billing/api-gateway-prices.js';
import { ApiGateway, type ApiRoute } from './api-gateway.js';
import type { ModelContext } from './context.js';
import type { InvokeTarget } from './invoke-target.js';
import type { SimulationInput } from './input.js';
import { RateBucket } from './rate-bucket.js';
import type { ApiGatewayResults } from './results.js';

export class ApiGateways {
  private readonly byName = new Map<string, ApiGateway>();

  constructor(ctx: ModelContext, input: SimulationInput) {
    const throttle = input.account.apiGatewayThrottle;
    const account = throttle === undefined ? null : new RateBucket(throttle.rate, throttle.burst);
    for (const [name, config] of Object.entries(input.apiGateways ?? {})) {
      const stage = config.throttle === undefined ? null : new RateBucket(config.throttle.rate, config.throttle.burst);
      this.byName.set(name, new ApiGateway(ctx, name, config, stage, account));
    }
  }

  /** The route of API `name` to `fn`, for workload `who`. */
  route(name: string, fn: InvokeTarget, who: string): ApiRoute {
    const api = this.byName.get(name);
    if (api === undefined) throw new Error(`${who}: no API ${name} under apiGateways`);
    return api.route(fn);
  }

  warmupEnded(): void {
    for (const api of this.byName.values()) api.warmupEnded();
  }

  /** Each API's results, with the cost of the measured period `periodMs` (and of a month of it). */
  results(periodMs: number): { apiGateways?: ApiGatewayResults[] } {
    const apis = [...this.byName.values()];
    if (apis.length === 0) return {};
    const cost = apiGatewayCosts(apis.map((a) => a.requests), apis.map((a) => a.config.type), periodMs);
    return { apiGateways: apis.map((a, i) => a.results(cost.period[i], cost.perMonth[i])) };
  }

  /** Remarks for the report. */
  notes(region: string): string[] {
    const notes: string[] = [];
    if (this.byName.size > 0 && region !== 'us-east-1') notes.push(`API Gateway: no price table for ${region}; us-east-1 prices used`);
    for (const api of this.byName.values()) {
      if (api.config.type === 'rest' && api.config.integrationTimeout > 29_000_000) {
        notes.push(`API ${api.name}: an integration timeout above 29 s needs a quota increase (Regional and private REST APIs only) and may lower the account throttle`);
      }
    }
    return notes;
  }
}
