/**
 * `apiGateways:` (API Gateway REST and HTTP APIs in front of functions), the `via:` key of a
 * workload that sends its requests through one, and `account.apiGatewayThrottle` (docs/front-doors.md).
 * The model is src/model/api-gateway.ts.
 *
 * Sources of the defaults and limits:
 * - account throttle: 10,000 requests/s with a bucket of 5,000 per account and Region; 2,500 and 1,250
 *   in the Regions listed below (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
 * - stage (and route) limits cannot exceed the account's
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html).
 * - integration timeout: 50 ms to 29 s, default 29 s, for REST APIs; Regional and private REST APIs
 *   can go beyond 29 s (up to 300 s) with a quota increase (https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/,
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html);
 *   HTTP APIs: at most 30 s, which cannot be raised (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
 */
import { z } from 'zod';
import type { ApiGatewayInput, ThrottleInput } from '../model/input.js';
import { US_PER_MS as MS, US_PER_SECOND as S } from '../kernel/time.js';
import { customIssue, durationField, enumField, intField, listChoices, strictObject } from './fields.js';
import { didYouMean } from './suggest.js';

export const API_GATEWAY_LIMITS = {
  minTimeoutUs: 50 * MS,
  restDefaultTimeoutUs: 29 * S,
  /** With a quota increase (Regional and private REST APIs). */
  restMaxTimeoutUs: 300 * S,
  httpTimeoutUs: 30 * S,
} as const;

/** Regions whose default account throttle is 2,500/s with a bucket of 1,250 (limits.html, footnote). */
const LOW_THROTTLE_REGIONS = [
  'af-south-1', 'eu-south-1', 'ap-southeast-3', 'me-central-1', 'ap-south-2', 'ap-southeast-4', 'eu-south-2',
  'eu-central-2', 'il-central-1', 'ca-west-1', 'ap-southeast-5', 'ap-southeast-7', 'mx-central-1',
];

/** AWS's default account-level throttle in `region`. */
export function defaultApiGatewayThrottle(region: string): ThrottleInput {
  return LOW_THROTTLE_REGIONS.includes(region) ? { rate: 2_500, burst: 1_250 } : { rate: 10_000, burst: 5_000 };
}

export const throttleSchema = strictObject(
  {
    rate: intField(1).describe('Steady requests per second (a whole number).'),
    burst: intField(1).describe('Bucket size: requests that may arrive at once after a quiet spell.'),
  },
  { expected: 'a throttle such as {rate: 1000, burst: 500}' },
).describe('A token bucket: rate per second and burst.');

const NAME_EXPECTED = 'an API name of 1 to 100 letters, digits, hyphens or underscores';
const apiName = z.string({ error: NAME_EXPECTED }).regex(/^(?!\d+$)[A-Za-z0-9_-]{1,100}$/, { error: NAME_EXPECTED });

const apiSchema = strictObject(
  {
    type: enumField(['rest', 'http']).default('rest').describe('rest (REST API, default) or http (HTTP API): limits and prices differ.'),
    throttle: throttleSchema.optional().describe("The stage's throttle, below the account's. Default: only the account's (account.apiGatewayThrottle)."),
    // TimeoutInMillis: an integer of milliseconds (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html).
    integrationTimeout: durationField({ min: API_GATEWAY_LIMITS.minTimeoutUs, whole: 'ms' })
      .optional()
      .describe('504 to the client when the function has not answered by then (it runs on and is billed). Default 29s (REST) or 30s (HTTP); REST up to 300s with a quota increase, HTTP at most 30s.'),
  },
  { expected: 'an API such as {type: rest, integrationTimeout: 29s}' },
)
  .superRefine((a, ctx) => {
    const max = a.type === 'http' ? API_GATEWAY_LIMITS.httpTimeoutUs : API_GATEWAY_LIMITS.restMaxTimeoutUs;
    if (a.integrationTimeout !== undefined && a.integrationTimeout > max) {
      const expected = a.type === 'http' ? 'at most 30s for an HTTP API (it cannot be raised)' : 'at most 300s for a REST API';
      ctx.issues.push(customIssue(expected, a.integrationTimeout, {}, ['integrationTimeout']));
    }
  })
  .transform(
    (a): ApiGatewayInput => ({
      type: a.type,
      ...(a.throttle !== undefined ? { throttle: a.throttle } : {}),
      integrationTimeout: a.integrationTimeout ?? (a.type === 'http' ? API_GATEWAY_LIMITS.httpTimeoutUs : API_GATEWAY_LIMITS.restDefaultTimeoutUs),
    }),
  )
  .describe('An API Gateway API (one stage) that workloads reach their functions through (via).');

export const apiGatewaysSchema = z
  .record(apiName, apiSchema, { error: 'a mapping of API names to APIs' })
  .optional()
  .describe('API Gateway APIs by name; a workload goes through one with via: <name>.');

export const viaField = z
  .string({ error: 'the name of an API under apiGateways' })
  .optional()
  .describe('Send the requests through this API Gateway API (throttle 429, integration timeout 504). Sync workloads only.');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `via` names an API of the scenario, on a sync workload of a function; a stage throttle stays below the account's. */
export function checkApiGateways(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!isRecord(value)) return;
  const apis = isRecord(value.apiGateways) ? value.apiGateways : {};
  const names = Object.keys(apis);
  const workloads = Array.isArray(value.workloads) ? value.workloads : [];
  workloads.forEach((w, i) => {
    if (!isRecord(w) || typeof w.via !== 'string') return;
    const path = ['workloads', i, 'via'];
    if (!names.includes(w.via)) {
      const expected = names.length === 0 ? 'an API under apiGateways (the scenario has none)' : `an API under apiGateways (${listChoices(names)})`;
      ctx.issues.push(customIssue(expected, w.via, { hint: didYouMean(w.via, names) }, path));
    } else if (w.invocation === 'async') {
      ctx.issues.push(customIssue('via on a sync workload only', w.via, { reason: 'via is for sync workloads: the API invokes the function synchronously' }, path));
    } else if (typeof w.function !== 'string') {
      ctx.issues.push(customIssue('via on a workload with function', w.via, {}, path));
    }
  });
  const account = isRecord(value.account) && isRecord(value.account.apiGatewayThrottle) ? value.account.apiGatewayThrottle : undefined;
  const region = typeof value.region === 'string' ? value.region : 'us-east-1';
  const limit = (account as ThrottleInput | undefined) ?? defaultApiGatewayThrottle(region);
  for (const [name, api] of Object.entries(apis)) {
    const t = isRecord(api) && isRecord(api.throttle) ? (api.throttle as Partial<ThrottleInput>) : undefined;
    for (const key of ['rate', 'burst'] as const) {
      const v = t?.[key];
      if (typeof v === 'number' && v > limit[key]) {
        const reason = `a stage's ${key} cannot exceed the account's, ${limit[key]} (account.apiGatewayThrottle)`;
        ctx.issues.push(customIssue(`a ${key} of at most ${limit[key]}`, v, { reason }, ['apiGateways', name, 'throttle', key]));
      }
    }
  }
}
