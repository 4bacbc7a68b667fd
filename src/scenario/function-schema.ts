/**
 * One function under `functions:` (scenario-format.md, Functions), read into the model's
 * {@link FunctionInput}. Defaults and limits come from defaults.ts, each with its AWS source.
 */
import { z } from 'zod';
import { DEFAULTS, LIMITS } from './defaults.js';
import { DISTRIBUTION_EXPECTED, MEMORY_DISTRIBUTION_EXPECTED, distributionField, memoryDistributionField } from './distribution.js';
import { customIssue, durationField, enumField, intField, megabytesField, numberField, strictObject } from './fields.js';
import type { DistSpec } from '../kernel/dist-spec.js';
import type { Architecture } from '../billing/types.js';
import { defaultInitDistribution, type PackageType } from '../model/runtime-defaults.js';
import { LAMBDA_RUNTIMES } from './runtimes.js';
import { provisionedConcurrencyField } from './concurrency-schema.js';
import { asyncConfigSchema } from './async-schema.js';
import { checkPackageLimits, initOptionFields, toModelInitOptions } from './init-options-schema.js';
import { usesField } from './dependency-schema.js';
import { checkSnapStart, snapStartField } from './snapstart-schema.js';
import { aliasesField, checkAliases, versionNameSchema, versionSchemaFor } from './version-schema.js';
import { checkDeployments, deploymentsField, updatesField } from './deployment-schema.js';

const d = DEFAULTS.function;

/** The "expected" phrase of a function name. */
export const FUNCTION_NAME_EXPECTED = 'a function name of 1 to 64 letters, digits, hyphens or underscores';

/** A function name as AWS accepts it: [A-Za-z0-9_-]{1,64} (defaults.ts LIMITS.functionName). */
export const functionNameSchema = z
  .string({ error: FUNCTION_NAME_EXPECTED })
  .regex(LIMITS.functionName, { error: FUNCTION_NAME_EXPECTED })
  // `__proto__` would replace the prototype of the functions record instead of naming a function.
  .refine((name) => name !== '__proto__', { error: FUNCTION_NAME_EXPECTED });

/**
 * Fill `init`, when the file gives none, with the default for the runtime, architecture, packageType
 * and initMultiplier, and drop those two keys: the model only sees an INIT distribution. This is the
 * one place the default INIT is decided.
 */
function resolveDefaultInit<F extends { runtime: string; architecture: Architecture; init?: DistSpec; packageType: PackageType; initMultiplier: number }>(
  fn: F,
  ctx: z.core.$RefinementCtx<F>,
): Omit<F, 'packageType' | 'initMultiplier' | 'init'> & { init: DistSpec } {
  const { packageType, initMultiplier, init, ...rest } = fn;
  if (init !== undefined) {
    if (initMultiplier !== d.initMultiplier) {
      ctx.issues.push(
        customIssue('no initMultiplier next to an explicit init', initMultiplier, {
          reason: 'initMultiplier scales the default INIT; with an explicit init, scale init itself and remove initMultiplier',
        }, ['initMultiplier']),
      );
      return z.NEVER;
    }
    return { ...rest, init };
  }
  return { ...rest, init: defaultInitDistribution(rest.runtime, rest.architecture, packageType, initMultiplier) };
}

const PREWARM_EXPECTED = 'auto or a whole number of environments (0 or more)';

/** A function's settings (the fields a version may override too, version-schema.ts). */
const functionFields = {
    runtime: enumField(LAMBDA_RUNTIMES, { expected: 'a Lambda runtime identifier such as nodejs20.x, python3.12, java21' })
      .default(d.runtime)
      .describe(`Lambda runtime identifier; picks the default INIT duration. Default ${d.runtime}.`),
    architecture: enumField(['x86_64', 'arm64'])
      .default(d.architecture)
      .describe(`Instruction set: x86_64 or arm64 (selects the price table). Default ${d.architecture}.`),
    memorySize: megabytesField(LIMITS.memorySize.min, LIMITS.memorySize.max)
      .default(d.memorySize)
      .describe(`Memory in MB, ${LIMITS.memorySize.min}..${LIMITS.memorySize.max}; CPU scales with it. Default ${d.memorySize}.`),
    ephemeralStorage: megabytesField(LIMITS.ephemeralStorage.min, LIMITS.ephemeralStorage.max)
      .default(d.ephemeralStorage)
      .describe(`/tmp size in MB, ${LIMITS.ephemeralStorage.min}..${LIMITS.ephemeralStorage.max}; above 512 is billed. Default ${d.ephemeralStorage}.`),
    timeout: durationField({ min: LIMITS.timeoutUs.min, max: LIMITS.timeoutUs.max, whole: 's' })
      .prefault(d.timeout)
      .describe(`Invocation time limit, a whole number of seconds from 1s to 900s; a timed-out invocation is billed the full timeout. Default ${d.timeout}.`),
    duration: distributionField().describe(
      `Execution time of one invocation at this memorySize (required): ${DISTRIBUTION_EXPECTED}.`,
    ),
    cpuBound: numberField(0, 1)
      .default(d.cpuBound)
      .describe(
        'Share (0..1) of duration that is CPU-bound and scales with CPU (memorySize / 1769 vCPU, lambda-behavior.md 2.3); ' +
          `0 = duration does not depend on memory. Default ${d.cpuBound}.`,
      ),
    durationMemorySize: megabytesField(LIMITS.memorySize.min, LIMITS.memorySize.max)
      .optional()
      .describe(
        'MB at which duration was measured. Default: the memorySize written in the scenario file, so ' +
          '--set functions.<name>.memorySize=2048 rescales the CPU-bound share.',
      ),
    init: distributionField({ reportField: 'Init Duration' })
      .optional()
      .describe(
        'Cold-start INIT duration; when absent, the runtime default (lambda-behavior.md 2.2) for this architecture and packageType, times initMultiplier.',
      ),
    packageType: enumField(['zip', 'image'])
      .default(d.packageType)
      .describe(`Deployment package (Lambda PackageType): zip or image (container image); picks the default INIT. Default ${d.packageType}.`),
    initMultiplier: numberField(0, undefined, true)
      .default(d.initMultiplier)
      .describe(
        'Multiplies the default INIT for packages heavier than the hello-world benchmark it comes from (e.g. 3 for many ' +
          `dependencies). Only with the default: an explicit init is used as written. Default ${d.initMultiplier}.`,
      ),
    // --- Memory used, threads, service overhead (issue #15; docs/model.md "Memory used", "CPU above one vCPU", "Where the time went") ---
    memoryUsed: memoryDistributionField()
      .optional()
      .describe(
        `Peak memory one invocation uses, MB (REPORT's Max Memory Used): ${MEMORY_DISTRIBUTION_EXPECTED}. A draw above memorySize ` +
          'is an out-of-memory error (Runtime.OutOfMemory; the environment is discarded). Default: the runtime\'s hello-world ' +
          'baseline (74 MB Node.js, 56 Python, 90 Java, 99 .NET, 54 Go/custom, 48 Ruby; AWS documentation examples), constant.',
      ),
    threads: intField(1)
      .default(1)
      .describe(
        'Threads the code keeps busy: the CPU-bound share speeds up with memory only to min(threads, memorySize / 1769) vCPUs. ' +
          'Node.js and Python handlers are single-threaded (1); Java and .NET code may use more (a thread pool, parallel streams). Default 1.',
      ),
    serviceOverhead: durationField()
      .optional()
      .describe(
        'Lambda service time before each invocation starts (routing, placement), unbilled, part of latency. AWS publishes no figure. Default 0ms.',
      ),
    // --- end of issue #15 memory block ---
    errorRate: numberField(0, 1)
      .default(d.errorRate)
      .describe(`Probability (0..1) that an invocation ends in a function error. Default ${d.errorRate}.`),
    keepAlive: distributionField()
      .prefault(d.keepAlive)
      .describe(`How long an idle environment survives before it is reclaimed. Default ${d.keepAlive} (measured since Jul 2019).`),
    maxLifetime: durationField({ min: 0, exclusiveMin: true })
      .prefault(d.maxLifetime)
      .describe(`Environments are recycled after this lifetime, without cutting a running invocation. Default ${d.maxLifetime}.`),
    reservedConcurrency: intField(0)
      .optional()
      .describe(
        'Reserved concurrency: a floor taken out of the unreserved pool and a ceiling for this function; 0 throttles every request. Default: none (the function shares the unreserved pool).',
      ),
    provisionedConcurrency: provisionedConcurrencyField().optional(),
    prewarm: z
      .union([z.literal('auto'), z.int().min(0)], { error: PREWARM_EXPECTED })
      .optional()
      .describe(
        'Start warm: on-demand environments that already exist, idle, at time 0 (no cold start, no scaling token, no INIT billed: ' +
          'they model a system that was already running). auto = the concurrency the workloads aimed at this function bring in the ' +
          'first minute (arrival rate x mean duration), less the provisioned level at 0, at most the reservation or the unreserved pool. ' +
          'Default: none, every environment starts cold.',
      ),
    asyncConfig: asyncConfigSchema.prefault({}),
    environmentSelection: enumField(['most-recent', 'newest', 'oldest', 'random'])
      .default(d.environmentSelection)
      .describe(
        'Which idle environment a request reuses (AWS does not document it): most-recent (went idle last), ' +
          `newest (created last), oldest or random. Default ${d.environmentSelection}.`,
      ),
    // --- INIT failures, package and layers, VPC (issue #15, anatomy-init): init-options-schema.ts ---
    ...initOptionFields,
    // --- end of INIT options ---
    uses: usesField,
    snapStart: snapStartField,
};

/** A Lambda function's configuration and behaviour, with its published versions and aliases. */
export const functionSchema = strictObject(
  {
    ...functionFields,
    versions: z
      .record(versionNameSchema, versionSchemaFor(functionFields), { error: 'a mapping of version numbers to the settings each changes, such as {"1": {}, "2": {errorRate: 0.01}}' })
      .optional()
      .describe('Published versions by number ("1", "2"): each its own environments and the settings it changes; callers invoke one as fn:N.'),
    aliases: aliasesField,
    deployments: deploymentsField,
    updates: updatesField,
  },
  { expected: 'a mapping of function settings (duration is required)', notSupported: 'functionKeys' },
)
  .superRefine(checkPackageLimits)
  .superRefine(checkSnapStart)
  .superRefine(checkAliases)
  .superRefine(checkDeployments)
  .transform((fn, ctx) => finishWithVersions(fn, ctx as never))
  .describe('A Lambda function: configuration and behaviour.');

type ParsedFunction = z.output<ReturnType<typeof strictObject<typeof functionFields>>>;

/** The function's settings in model form (its default INIT resolved, INIT options mapped). */
function finish(fn: ParsedFunction, ctx: z.core.$RefinementCtx<never>) {
  return toModelInitOptions(resolveDefaultInit(fn, ctx as never));
}

/** `ctx` for the settings of version `v`: its issues are located under `versions.<v>`. */
function versionCtx(ctx: z.core.$RefinementCtx<never>, v: string): z.core.$RefinementCtx<never> {
  const push = (issue: z.core.$ZodRawIssue) => ctx.issues.push({ ...issue, path: ['versions', v, ...(issue.path ?? [])] });
  return { ...ctx, issues: { push } as never, addIssue: push as never };
}

/**
 * The function in model form and each version's: the function's settings with the version's
 * changes (provisioned concurrency and prewarm are not inherited). A version that changes
 * memorySize but neither duration nor durationMemorySize keeps the function's measurement point,
 * so its CPU-bound share scales with the new memory.
 */
function finishWithVersions(
  fn: ParsedFunction & {
    versions?: Record<string, Partial<ParsedFunction>>;
    aliases?: z.output<typeof aliasesField>;
    deployments?: z.output<typeof deploymentsField>;
    updates?: z.output<typeof updatesField>;
  },
  ctx: z.core.$RefinementCtx<never>,
) {
  // Deployments and updates are passed on as written (deployment-schema.ts expands them).
  const { versions, aliases, deployments, updates, ...base } = fn;
  const plans = { ...(deployments === undefined ? {} : { deployments }), ...(updates === undefined ? {} : { updates }) };
  if (versions === undefined && aliases === undefined) return { ...finish(base, ctx), ...plans };
  // SnapStart applies to published versions only: $LATEST runs a normal INIT and keeps no snapshot
  // cache (docs.aws.amazon.com/lambda/latest/dg/snapstart.html). Without versions, the function
  // stands for its published version (docs/model.md "SnapStart").
  const { snapStart: _snapStart, ...latest } = base;
  void _snapStart;
  const out = { ...finish(latest as ParsedFunction, ctx), ...plans };
  const { provisionedConcurrency, prewarm, ...inherited } = base;
  void provisionedConcurrency;
  void prewarm;
  const finished = Object.create(null) as Record<string, ReturnType<typeof finish>>;
  for (const [v, changes] of Object.entries(versions ?? {})) {
    const merged = { ...inherited, ...changes } as ParsedFunction;
    if (changes.memorySize !== undefined && changes.duration === undefined && changes.durationMemorySize === undefined) {
      merged.durationMemorySize = base.durationMemorySize ?? base.memorySize;
    }
    const vctx = versionCtx(ctx, v);
    checkPackageLimits(merged, vctx as never);
    checkSnapStart(merged, vctx as never);
    finished[v] = finish(merged, vctx);
  }
  return { ...out, ...(versions === undefined ? {} : { versions: finished }), ...(aliases === undefined ? {} : { aliases }) };
}
