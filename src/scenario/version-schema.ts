/**
 * `versions:` and `aliases:` of a function (scenario-format.md "Versions and aliases";
 * lambda-behavior.md section 11; the model is src/model/alias-router.ts).
 *
 * A version is a published, numbered version ("1", "2": AWS numbers versions from 1) whose settings
 * are the function's, except those it overrides. It inherits neither provisioned concurrency nor
 * prewarm (they are configured per version: a new version starts with no environments), and may not
 * set reservedConcurrency (per function, shared by its versions; lambda-behavior.md section 3).
 *
 * An alias points to one version, optionally a second with a weight (AdditionalVersionWeights), as
 * AWS allows: "You can point an alias to a maximum of two Lambda function versions ... Both versions
 * must be published. The alias cannot point to $LATEST"
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html); an alias without
 * weights may point to $LATEST (the unqualified function). Provisioned concurrency may be configured
 * once per version, directly or through one alias (section 5), never on $LATEST.
 *
 * The scenario layer turns each version into a function instance of its own named `fn:N` (as the
 * Lambda@Edge instances `fn@region`, cloudfront-schema.ts) and each alias into an AliasInput.
 */
import { z } from 'zod';
import type { AliasInput, VersionInput } from '../model/input.js';
import { customIssue, intField, listChoices, strictObject } from './fields.js';
import { didYouMean } from './suggest.js';

const VERSION_EXPECTED = 'a published version number such as "1" (the unqualified function is $LATEST)';
const ALIAS_EXPECTED = 'an alias name of 1 to 128 letters, digits, hyphens or underscores, not only digits';
/** AWS's version qualifier: a positive integer. */
const VERSION_NAME = /^[1-9][0-9]{0,9}$/;
/** AWS's alias name pattern (CreateAlias: (?!^[0-9]+$)([a-zA-Z0-9-_]+), 1..128). */
const ALIAS_NAME = /^(?!\d+$)[A-Za-z0-9_-]{1,128}$/;

export const versionNameSchema = z.string({ error: VERSION_EXPECTED }).regex(VERSION_NAME, { error: VERSION_EXPECTED });

/** A version as the alias names it: AWS's version numbers are numbers, so a bare YAML `1` or `--set ...=2` is "1", "2". */
const versionRef = z
  .union([z.string(), z.int().min(1)], { error: VERSION_EXPECTED })
  .transform((v) => String(v));

const WEIGHT_EXPECTED = 'a weight greater than 0 and below 1';

/** The settings a version may override: the function's fields, optional and without defaults. */
export function versionSchemaFor(functionFields: Record<string, z.ZodType>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(functionFields)) {
    let inner: z.ZodType = field;
    // The version inherits the function's value, not the field's default.
    while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
    shape[key] = inner.optional();
  }
  shape.reservedConcurrency = z
    .never({ error: 'no reservedConcurrency in a version: it is per function, shared by all its versions (set it on the function)' })
    .optional();
  return strictObject(shape, { expected: 'a mapping of the settings this version changes, such as {duration: 120ms, errorRate: 0.01} ({} = the function\'s)' }).describe(
    'A published version: the settings it changes from the function\'s (provisionedConcurrency and prewarm are its own, not inherited).',
  );
}

const aliasSchema = strictObject(
  {
    version: versionRef.describe('The version the alias points to (required).'),
    weights: z
      .record(z.string({ error: VERSION_EXPECTED }), z.number({ error: WEIGHT_EXPECTED }).refine((w) => w > 0 && w < 1, { error: WEIGHT_EXPECTED }), {
        error: 'a mapping of one other version to the share of requests it receives, such as {"2": 0.05}',
      })
      .optional()
      .describe('At most one other published version and the share (0..1, exclusive) of requests it receives (AdditionalVersionWeights).'),
    provisionedConcurrency: intField(1)
      .optional()
      .describe('Provisioned concurrency on the alias: allocated on the version(s) it points to (split by weight) and moved with it.'),
  },
  { expected: 'an alias such as {version: "1", weights: {"2": 0.05}}' },
).describe('An alias: one published version, optionally a second with a weight.');

export const aliasesField = z
  .record(z.string({ error: ALIAS_EXPECTED }).regex(ALIAS_NAME, { error: ALIAS_EXPECTED }), aliasSchema, { error: 'a mapping of alias names to aliases' })
  .optional()
  .describe('Aliases of this function by name; workloads and other callers invoke one as fn:alias.');

type Ctx = z.core.$RefinementCtx<unknown>;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The AWS rules on one function's aliases named in the file comment. */
export function checkAliases(fn: { snapStart?: unknown; versions?: Record<string, unknown>; aliases?: Record<string, { version: string; weights?: Record<string, number>; provisionedConcurrency?: number }> }, ctx: Ctx): void {
  const versions = Object.keys(fn.versions ?? {});
  const aliases = fn.aliases ?? {};
  const published = versions.length === 0 ? 'none: add versions' : listChoices(versions);
  /** Who configured PC on each version (one configuration per version). */
  const pcBy = new Map<string, string>();
  for (const [v, config] of Object.entries(fn.versions ?? {})) if (isRecord(config) && config.provisionedConcurrency !== undefined) pcBy.set(v, `versions.${v}`);
  for (const [name, a] of Object.entries(aliases)) {
    const path = ['aliases', name];
    const weights = Object.entries(a.weights ?? {});
    const checkVersion = (v: string, at: PropertyKey[], weighted: boolean): boolean => {
      if (versions.includes(v)) return true;
      if (v === '$LATEST' && !weighted) return true;
      const reason =
        v === '$LATEST'
          ? 'an alias that splits traffic points to two published versions, never $LATEST (AWS refuses it)'
          : Object.hasOwn(aliases, v)
            ? `${v} is an alias; an alias points to versions, not to another alias`
            : undefined;
      // A weight's key is the version: say it (not the weight at that path), and never suggest the alias's own version there.
      const near = didYouMean(v, weighted && v !== a.version ? versions.filter((x) => x !== a.version) : versions);
      ctx.issues.push(customIssue(`a published version of this function (${published})`, v, { found: `"${v}"`, ...(reason ? { reason: `expected a published version of this function, found "${v}": ${reason}` } : {}), hint: near }, at));
      return false;
    };
    if (!checkVersion(a.version, [...path, 'version'], weights.length > 0)) continue;
    if (weights.length > 1) {
      ctx.issues.push(customIssue('at most one additional version (an alias points to at most two versions)', a.weights, { found: `${weights.length} versions` }, [...path, 'weights']));
      continue;
    }
    const extra = weights[0]?.[0];
    if (extra !== undefined) {
      if (!checkVersion(extra, [...path, 'weights', extra], true)) continue;
      if (extra === a.version) {
        ctx.issues.push(customIssue(`a version other than the alias's version (${a.version})`, extra, { atKey: true }, [...path, 'weights', extra]));
        continue;
      }
    }
    if (a.provisionedConcurrency === undefined) continue;
    if (a.version === '$LATEST') {
      ctx.issues.push(customIssue('an alias of a published version (AWS refuses provisioned concurrency on $LATEST)', a.provisionedConcurrency, {}, [...path, 'provisionedConcurrency']));
      continue;
    }
    for (const v of extra === undefined ? [a.version] : [a.version, extra]) {
      const snapStart = isRecord(fn.versions?.[v]) && (fn.versions[v] as { snapStart?: unknown }).snapStart !== undefined ? true : fn.snapStart !== undefined;
      if (snapStart && a.provisionedConcurrency > 0) {
        ctx.issues.push(
          customIssue('no provisionedConcurrency on a SnapStart version', a.provisionedConcurrency, { reason: `expected no provisionedConcurrency on a SnapStart version, found ${a.provisionedConcurrency}: version ${v} has snapStart; AWS does not support provisioned concurrency on a SnapStart function (docs.aws.amazon.com/lambda/latest/dg/snapstart.html)` }, [...path, 'provisionedConcurrency']),
        );
        break;
      }
      const other = pcBy.get(v);
      if (other !== undefined) {
        ctx.issues.push(
          customIssue('one provisioned concurrency configuration per version', a.provisionedConcurrency, { reason: `version ${v} already has provisioned concurrency from ${other}; AWS allows one configuration per version` }, [...path, 'provisionedConcurrency']),
        );
        break;
      }
      pcBy.set(v, `aliases.${name}`);
    }
  }
}

/**
 * The names callers may invoke, and `expect:` lines may read: every function, and `fn:N` / `fn:alias`
 * for its versions and aliases.
 */
export function invocationTargets(functions: unknown): string[] {
  if (!isRecord(functions)) return [];
  const out: string[] = [];
  for (const [name, f] of Object.entries(functions)) {
    out.push(name);
    if (!isRecord(f)) continue;
    if (isRecord(f.versions)) for (const v of Object.keys(f.versions)) out.push(`${name}:${v}`);
    if (isRecord(f.aliases)) for (const a of Object.keys(f.aliases)) out.push(`${name}:${a}`);
    // The $LATEST qualifier AWS accepts: offered where a qualifier means something (versions,
    // aliases or updates), so plain scenarios' did-you-mean lists stay short.
    if (isRecord(f.versions) || isRecord(f.aliases) || f.updates !== undefined) out.push(`${name}:$LATEST`);
  }
  return out;
}

/** What the scenario layer hands the model: the instances of versions, and the aliases. */
export interface ExpandedVersions<F> {
  functions: Record<string, F>;
  versions?: Record<string, VersionInput>;
  aliases?: Record<string, AliasInput>;
}

/**
 * `functions` with each function's versions added right after it as instances `fn:N`, and their
 * `versions` / `aliases` keys removed; plus the version and alias maps (absent without any).
 */
export function expandVersions<F extends object>(
  functions: Record<string, F & { versions?: Record<string, F>; aliases?: Record<string, { version: string; weights?: Record<string, number>; provisionedConcurrency?: number }> }>,
): ExpandedVersions<F> {
  const out = Object.create(null) as Record<string, F>;
  const versions = Object.create(null) as Record<string, VersionInput>;
  const aliases = Object.create(null) as Record<string, AliasInput>;
  let any = false;
  for (const [name, config] of Object.entries(functions)) {
    const { versions: vs, aliases: as, ...base } = config;
    out[name] = base as F;
    for (const [v, vc] of Object.entries(vs ?? {})) {
      out[`${name}:${v}`] = vc;
      versions[`${name}:${v}`] = { function: name, version: v };
      any = true;
    }
    for (const [a, ac] of Object.entries(as ?? {})) {
      const extra = Object.entries(ac.weights ?? {})[0];
      aliases[`${name}:${a}`] = {
        function: name,
        alias: a,
        version: ac.version,
        ...(extra === undefined ? {} : { additionalVersion: { version: extra[0], weight: extra[1] } }),
        ...(ac.provisionedConcurrency === undefined ? {} : { provisionedConcurrency: ac.provisionedConcurrency }),
      };
      any = true;
    }
  }
  if (!any) return { functions };
  return { functions: out, versions, ...(Object.keys(aliases).length > 0 ? { aliases } : {}) };
}
