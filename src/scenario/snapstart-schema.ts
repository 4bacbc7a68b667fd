/**
 * A function's `snapStart:` setting (issue #14, SnapStart): the function's cold starts restore a
 * snapshot instead of running INIT. function-schema.ts adds {@link snapStartField} to the function's
 * keys and runs {@link checkSnapStart} on the whole function. Model side: src/model/init-phase.ts
 * (restore instead of INIT), src/billing/snapstart.ts (cache and restore charges).
 *
 * AWS's rules (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html, "Supported features and
 * limitations"): SnapStart works on the managed runtimes Java 11 and later, Python 3.12 and later and
 * .NET 8 and later; it does not support provisioned concurrency, Amazon EFS or ephemeral storage
 * above 512 MB; it applies to published versions only (not $LATEST). Until scenarios have versions,
 * a function with snapStart stands for its published version.
 */
import { z } from 'zod';
import { customIssue, durationField, strictObject } from './fields.js';
import { distributionField, DISTRIBUTION_EXPECTED } from './distribution.js';
import type { DistSpec } from '../kernel/dist-spec.js';
import type { ProvisionedStep } from '../model/input.js';

/** Runtimes SnapStart supports (snapstart.html: Java 11+, Python 3.12+, .NET 8+), of those a scenario may name. */
export const SNAPSTART_RUNTIMES: readonly string[] = ['java11', 'java17', 'java21', 'python3.12', 'python3.13', 'dotnet8'];

/** Largest ephemeral storage SnapStart accepts (MB; snapstart.html). */
export const SNAPSTART_MAX_EPHEMERAL_MB = 512;

/** The parsed setting. */
export interface SnapStartSetting {
  /** Snapshot restore time (us): Restore Duration without the afterRestore hooks; not billed. */
  restore: DistSpec;
  /** afterRestore runtime hooks (us), billed as Billed Restore Duration; undefined = 0. */
  afterRestore?: number;
}

export const snapStartField = strictObject(
  {
    restore: distributionField().describe(
      `Snapshot restore time of a new environment (required; AWS publishes no typical figure): ${DISTRIBUTION_EXPECTED}. ` +
        'Part of Restore Duration, not billed (snapstart-monitoring.html).',
    ),
    afterRestore: durationField()
      .optional()
      .describe(
        'Time of the afterRestore runtime hooks and runtime load after each restore: added to Restore Duration and billed as ' +
          'Billed Restore Duration (snapstart-monitoring.html). Default 0ms.',
      ),
  },
  { expected: 'SnapStart settings: {restore: a distribution, afterRestore: a duration}' },
)
  .optional()
  .describe(
    'Lambda SnapStart (published versions of Java 11+, Python 3.12+, .NET 8+): cold starts restore a snapshot instead of INIT ' +
      '(no 10 s INIT limit); billed per GB-s of cache (at least 3 h) and per GB restored, except on Java. Default: off.',
  );

/** The keys of a parsed function that SnapStart's limits look at. */
interface SnapStartKeys {
  runtime: string;
  ephemeralStorage: number;
  provisionedConcurrency?: ProvisionedStep[];
  snapStart?: SnapStartSetting;
  initErrorRate?: number;
  initFails?: 'never' | 'always';
  vpcMode?: 'hyperplane' | 'legacy-eni';
}

/**
 * Refuse what AWS refuses with SnapStart (snapstart.html, see the file comment), and the INIT options
 * the simulator does not model for a restore (INIT failures, the pre-2019 VPC ENI).
 */
export function checkSnapStart(fn: SnapStartKeys, ctx: z.core.$RefinementCtx<SnapStartKeys>): void {
  if (fn.snapStart === undefined) return;
  // One line: what is expected, what was found (as the user wrote it) and AWS's rule behind it.
  const refuse = (expected: string, found: unknown, key: string, why: string, shown = String(found)): void => {
    ctx.issues.push(customIssue(expected, found, { reason: `expected ${expected}, found ${shown}: ${why}` }, [key]));
  };
  if (!SNAPSTART_RUNTIMES.includes(fn.runtime)) {
    refuse(`a runtime SnapStart supports (${SNAPSTART_RUNTIMES.join(', ')})`, fn.runtime, 'runtime',
      'AWS offers SnapStart on these managed runtimes only (docs.aws.amazon.com/lambda/latest/dg/snapstart.html)');
  }
  if ((fn.provisionedConcurrency ?? []).some((step) => step.value > 0)) {
    refuse('no provisionedConcurrency with snapStart', fn.provisionedConcurrency, 'provisionedConcurrency',
      'AWS does not support provisioned concurrency on a SnapStart function (snapstart.html)',
      String(Math.max(...(fn.provisionedConcurrency ?? []).map((step) => step.value))));
  }
  if (fn.ephemeralStorage > SNAPSTART_MAX_EPHEMERAL_MB) {
    refuse(`ephemeralStorage of at most ${SNAPSTART_MAX_EPHEMERAL_MB} MB with snapStart`, fn.ephemeralStorage, 'ephemeralStorage',
      'AWS does not support ephemeral storage above 512 MB on a SnapStart function (snapstart.html)');
  }
  if ((fn.initErrorRate ?? 0) > 0 || fn.initFails === 'always') {
    refuse('no initErrorRate or initFails with snapStart', fn.initFails === 'always' ? fn.initFails : fn.initErrorRate,
      fn.initFails === 'always' ? 'initFails' : 'initErrorRate', 'restore failures are not modelled; INIT runs when the version is published');
  }
  if (fn.vpcMode === 'legacy-eni') {
    refuse('vpcMode hyperplane with snapStart', fn.vpcMode, 'vpcMode', 'legacy-eni predates SnapStart (2022) by three years');
  }
}
