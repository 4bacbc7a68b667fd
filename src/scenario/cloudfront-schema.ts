/**
 * `cloudfront:` (CloudFront distributions with Lambda@Edge triggers; the model is
 * src/model/cloudfront.ts, the user's page docs/edge-and-break-even.md) and the load-time checks of
 * the functions its triggers name: they exist, each runs at one trigger only (its edge bill is that
 * trigger's), no workload invokes it directly, and it meets the Lambda@Edge limits (edge-limits.ts,
 * which cites AWS's quotas and restrictions pages).
 */
import { z } from 'zod';
import type { CloudFrontInput, EdgeTriggerKey } from '../model/input.js';
import { EDGE_TRIGGERS } from '../billing/edge.js';
import { LIMITS } from './defaults.js';
import { distributionField } from './distribution.js';
import { edgeLimitIssues } from './edge-limits.js';
import { customIssue, durationField, listChoices, numberField, strictObject } from './fields.js';
import { didYouMean } from './suggest.js';
import { arrivalsSchema } from './workload-schema.js';

const TRIGGER_KEYS: readonly EdgeTriggerKey[] = ['viewerRequest', 'originRequest', 'originResponse', 'viewerResponse'];
const NAME_EXPECTED = 'a distribution name of 1 to 100 letters, digits, hyphens or underscores';
const REGION_EXPECTED = 'an AWS region code such as us-east-1';
const fnName = z.string({ error: 'the name of a function under functions' }).optional();

const distributionSchema = strictObject(
  {
    regions: z
      .record(z.string({ error: REGION_EXPECTED }).regex(LIMITS.region, { error: REGION_EXPECTED }), numberField(0, 1, true), {
        error: 'a mapping of edge Regions to shares of the viewer requests, such as {us-east-1: 0.5, eu-west-1: 0.5}',
      })
      .refine((r) => Object.keys(r).length > 0, { error: 'at least one Region' })
      .describe('Edge Regions where viewer requests arrive and the triggers run, each with its share of the requests (the shares sum to 1).'),
    cacheHitRatio: numberField(0, 1).describe('Share of viewer requests answered from the cache; the rest go to the origin (and its triggers).'),
    triggers: strictObject(
      {
        viewerRequest: fnName.describe('Function run on every viewer request.'),
        originRequest: fnName.describe('Function run on a cache miss, before the origin fetch.'),
        originResponse: fnName.describe('Function run on a cache miss, after the origin answered.'),
        viewerResponse: fnName.describe('Function run before every response to the viewer.'),
      },
      { expected: 'a mapping of triggers (viewerRequest, originRequest, originResponse, viewerResponse) to function names' },
    ).describe('The Lambda@Edge function of each trigger (absent: none).'),
    originLatency: distributionField().describe('How long the origin takes to answer a cache miss, e.g. 80ms or {dist: lognormal, p50: 60ms, p99: 300ms}.'),
    start: durationField({ min: 0 }).default(0).describe('First viewer request time. Default 0.'),
    end: durationField({ min: 0 }).optional().describe('Viewer requests stop at this time. Default: the end of the scenario.'),
    arrivals: arrivalsSchema,
  },
  { expected: 'a distribution such as {regions: {us-east-1: 1}, cacheHitRatio: 0.9, triggers: {viewerRequest: fn}, originLatency: 80ms, arrivals: {...}}' },
).describe('A CloudFront distribution: its viewer requests, cache hit ratio, Lambda@Edge triggers and origin.');

export const cloudfrontSchema = z
  .record(z.string({ error: NAME_EXPECTED }).regex(/^(?!\d+$)[A-Za-z0-9_-]{1,100}$/, { error: NAME_EXPECTED }), distributionSchema, {
    error: 'a mapping of distribution names to distributions',
  })
  .optional()
  .describe('CloudFront distributions with Lambda@Edge triggers, by name.');

/**
 * `functions` with each trigger function replaced, in place, by its instances in the edge Regions
 * of its distribution (`fn@region`): concurrency is counted per Region where the function runs, and
 * every report shows the instances as functions of their own.
 */
export function expandEdgeFunctions<F>(functions: Record<string, F>, cloudfront: Record<string, CloudFrontInput> | undefined): Record<string, F> {
  if (cloudfront === undefined) return functions;
  const regions = new Map<string, string[]>();
  for (const d of Object.values(cloudfront)) for (const fn of Object.values(d.triggers)) if (fn !== undefined) regions.set(fn, Object.keys(d.regions));
  const out = Object.create(null) as Record<string, F>;
  for (const [name, config] of Object.entries(functions)) {
    const at = regions.get(name);
    if (at === undefined) out[name] = config;
    else for (const region of at) out[`${name}@${region}`] = config;
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The checks named in the file comment, and the Regions' shares summing to 1. */
export function checkCloudfront(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!isRecord(value) || !isRecord(value.cloudfront)) return;
  const functions = isRecord(value.functions) ? value.functions : {};
  const names = Object.keys(functions);
  const workloads = Array.isArray(value.workloads) ? value.workloads : [];
  const usedAt = new Map<string, string>();
  for (const [dist, d] of Object.entries(value.cloudfront)) {
    if (!isRecord(d)) continue;
    if (isRecord(d.regions)) {
      const shares = Object.values(d.regions).filter((v): v is number => typeof v === 'number');
      const sum = shares.reduce((a, b) => a + b, 0);
      if (shares.length === Object.keys(d.regions).length && Math.abs(sum - 1) > 1e-9) {
        ctx.issues.push(customIssue('shares that sum to 1', sum, { found: `shares summing to ${sum}` }, ['cloudfront', dist, 'regions']));
      }
    }
    if (!isRecord(d.triggers)) continue;
    TRIGGER_KEYS.forEach((key, t) => {
      const fn = (d.triggers as Record<string, unknown>)[key];
      if (typeof fn !== 'string') return;
      const path = ['cloudfront', dist, 'triggers', key];
      if (!names.includes(fn)) {
        ctx.issues.push(customIssue(`the name of a function under functions (${listChoices(names)})`, fn, { hint: didYouMean(fn, names) }, path));
        return;
      }
      const other = usedAt.get(fn);
      if (other !== undefined) {
        ctx.issues.push(customIssue('a function no other trigger uses', fn, { reason: `${fn} is already the function of ${other}; give each trigger its own function (its edge bill is that trigger's)` }, path));
        return;
      }
      usedAt.set(fn, path.join('.'));
      const w = workloads.findIndex((x) => isRecord(x) && x.function === fn);
      if (w >= 0) {
        ctx.issues.push(customIssue('a function that only CloudFront invokes', fn, { reason: `workloads.${w} invokes ${fn} too; a Lambda@Edge function runs only at its trigger` }, path));
        return;
      }
      const config = functions[fn];
      if (!isRecord(config)) return;
      const qualifier = ['versions', 'aliases'].find((k) => config[k] !== undefined);
      if (qualifier !== undefined) {
        ctx.issues.push(customIssue(`a function without ${qualifier} (not modelled for Lambda@Edge triggers)`, fn, { reason: `${qualifier} of a Lambda@Edge function are not supported yet: the trigger runs the function as written` }, path));
        return;
      }
      const issue = edgeLimitIssues(EDGE_TRIGGERS[t], config as never)[0];
      if (issue !== undefined) ctx.issues.push(customIssue(issue.expected, config[issue.key], {}, ['functions', fn, issue.key]));
    });
  }
}
