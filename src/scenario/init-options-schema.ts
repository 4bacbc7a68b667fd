/**
 * A function's INIT options (issue #15, "Cold-start anatomy"): INIT failures, the deployment package
 * and its layers (checked against AWS's limits), and VPC attachment. function-schema.ts spreads
 * {@link initOptionFields} into the function's keys, runs {@link checkPackageLimits} on the whole
 * function and {@link toModelInitOptions} after its other transforms. Model side: src/model/init-phase.ts.
 *
 * Every field is optional and its absence is today's behaviour, so scenarios that do not use them
 * parse to the same model input as before.
 */
import { z } from 'zod';
import { DEFAULTS, LIMITS } from './defaults.js';
import { customIssue, enumField, numberField, strictObject } from './fields.js';
import type { FunctionInput } from '../model/input.js';

const d = DEFAULTS.function;
const L = LIMITS.package;

/** A Lambda error type as logs print it: `Runtime.ImportModuleError`, `Runtime.ExitError` ... */
const ERROR_TYPE = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;

const sizeMb = (what: string) => numberField(0, undefined, true).optional().describe(what);

const layerSchema = strictObject(
  {
    size: numberField(0, undefined, true).describe('Unzipped size of the layer in MB (counts toward the 250 MB unzipped limit).'),
  },
  { expected: 'a layer: {size: MB unzipped}' },
);

/** The keys, spread into the function's strictObject. */
export const initOptionFields = {
  initErrorRate: numberField(0, 1)
    .optional()
    .describe(
      'Probability (0..1) that a new environment\'s INIT fails (Runtime.ImportModuleError-style): the invocation is an error, ' +
        `the environment is discarded. Default ${d.initErrorRate}.`,
    ),
  initFails: enumField(['never', 'always'])
    .optional()
    .describe(`always: every on-demand INIT fails, as with a broken release (a missing environment variable). Default ${d.initFails}.`),
  initErrorType: z
    .string({ error: 'an error type such as Runtime.ImportModuleError' })
    .regex(ERROR_TYPE, { error: 'an error type such as Runtime.ImportModuleError' })
    .optional()
    .describe(`The Error Type logs print for a failed INIT. Default ${d.initErrorType}.`),
  packageSize: sizeMb(
    `Deployment package size in MB: the .zip file (zip) or the image (image, at most ${L.imageMb} MB). Checked against AWS's limits only.`,
  ),
  unzippedSize: sizeMb(`Unzipped .zip package in MB; with the layers at most ${L.unzippedMb} MB (zip only).`),
  layers: z
    .array(layerSchema, { error: 'a list of layers, each {size: MB}' })
    .optional()
    .describe(`Lambda layers (zip only), at most ${L.layers}, each with its unzipped size in MB.`),
  vpc: z.boolean({ error: 'true or false' }).optional().describe('Attached to a VPC. Today this adds no INIT time (Hyperplane ENIs, 2019). Default false.'),
  vpcMode: enumField(['hyperplane', 'legacy-eni'])
    .optional()
    .describe(
      'hyperplane (since Sep 2019: no INIT cost) or legacy-eni (historical, before Sep 2019: an ENI per cold start adds 1-3 s to INIT). ' +
        `Needs vpc: true. Default ${d.vpcMode}.`,
    ),
};

/** The INIT-option keys of a parsed function, before {@link toModelInitOptions}. */
interface InitOptionKeys {
  packageType: 'zip' | 'image';
  initErrorRate?: number;
  initFails?: 'never' | 'always';
  initErrorType?: string;
  packageSize?: number;
  unzippedSize?: number;
  layers?: { size: number }[];
  vpc?: boolean;
  vpcMode?: 'hyperplane' | 'legacy-eni';
}

/**
 * Refuse a package AWS would refuse (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html,
 * "Function configuration, deployment, and execution"): more than 5 layers; zip: package + layers above
 * 250 MB unzipped; image: above 10 GB, or layers (an image carries its own). The 50 MB zipped limit
 * applies only to a direct upload (API/console); an upload through S3 is bounded by the 250 MB unzipped
 * limit alone, so packageSize of a zip is not refused for being above 50 MB.
 */
export function checkPackageLimits(fn: InitOptionKeys, ctx: z.core.$RefinementCtx<InitOptionKeys>): void {
  const layers = fn.layers ?? [];
  if (layers.length > L.layers) {
    ctx.issues.push(customIssue(`at most ${L.layers} layers (AWS's limit per function; here ${layers.length})`, layers, {}, ['layers']));
  }
  if (fn.packageType === 'image') {
    if (layers.length > 0) {
      ctx.issues.push(customIssue('no layers with packageType: image (a container image carries its own)', layers, {}, ['layers']));
    }
    if (fn.unzippedSize !== undefined) {
      ctx.issues.push(customIssue('no unzippedSize with packageType: image (give the image size as packageSize)', fn.unzippedSize, {}, ['unzippedSize']));
    }
    if (fn.packageSize !== undefined && fn.packageSize > L.imageMb) {
      ctx.issues.push(customIssue(`an image of at most ${L.imageMb} MB (10 GB, AWS's limit)`, fn.packageSize, {}, ['packageSize']));
    }
  } else {
    const layerMb = layers.reduce((sum, layer) => sum + layer.size, 0);
    const total = (fn.unzippedSize ?? 0) + layerMb;
    if (total > L.unzippedMb) {
      const key = fn.unzippedSize !== undefined ? 'unzippedSize' : 'layers';
      ctx.issues.push(
        customIssue(
          `at most ${L.unzippedMb} MB unzipped, package and layers together (AWS's limit; here ${fn.unzippedSize ?? 0} + ${layerMb} MB of layers = ${total} MB)`,
          fn.unzippedSize !== undefined ? fn.unzippedSize : layers,
          {},
          [key],
        ),
      );
    }
  }
  if (fn.vpcMode !== undefined && fn.vpc !== true) {
    ctx.issues.push(customIssue('vpc: true next to vpcMode', fn.vpcMode, { reason: 'vpcMode only applies to a function attached to a VPC' }, ['vpcMode']));
  }
}

/**
 * The model's view: the package keys are dropped (only checked), the VPC becomes one mode, and the
 * failure keys are kept only when they change something, so an unchanged scenario parses as before.
 */
export function toModelInitOptions<F extends Omit<InitOptionKeys, 'packageType'>>(
  fn: F,
): Omit<F, 'initErrorRate' | 'initFails' | 'initErrorType' | 'packageSize' | 'unzippedSize' | 'layers' | 'vpc' | 'vpcMode'> & Pick<FunctionInput, 'initErrorRate' | 'initFails' | 'initErrorType' | 'vpc'> {
  const { initErrorRate, initFails, initErrorType, packageSize, unzippedSize, layers, vpc, vpcMode, ...rest } = fn;
  void packageSize;
  void unzippedSize;
  void layers;
  return {
    ...rest,
    ...(initErrorRate !== undefined && initErrorRate > 0 ? { initErrorRate } : {}),
    ...(initFails === 'always' ? { initFails } : {}),
    ...(initErrorType !== undefined ? { initErrorType } : {}),
    ...(vpc === true ? { vpc: vpcMode ?? d.vpcMode } : {}),
  };
}
