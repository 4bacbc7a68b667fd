/**
 * The limits a function must meet to run at a CloudFront trigger (Lambda@Edge), checked at load
 * time, each with the AWS page that states it (read 2026 through the project's search):
 * - Quotas on Lambda@Edge, https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge :
 *   viewer request/response: memory 128 MB, timeout 5 s, compressed package 1 MB;
 *   origin request/response: timeout 30 s, memory as Lambda (128 to 10,240 MB), package 50 MB.
 * - Restrictions on Lambda@Edge, https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html :
 *   not supported: provisioned concurrency, layers, container images, ephemeral storage above 512 MB
 *   (also VPC access and environment variables, which scenarios do not model); runtimes: Node.js and
 *   Python only. arm64: x86_64 only per lambda-behavior.md (wave-2 facts); the restrictions excerpt
 *   read here does not list the architecture, so this one rests on that note.
 */
import type { EdgeTrigger } from '../billing/edge.js';

export const EDGE_LIMITS = {
  viewer: { maxMemoryMb: 128, maxTimeoutUs: 5_000_000, maxPackageMb: 1 },
  origin: { maxMemoryMb: 10_240, maxTimeoutUs: 30_000_000, maxPackageMb: 50 },
  maxEphemeralStorageMb: 512,
} as const;

/** What edge-limits reads of a function (the scenario's function fields; packageSizeMb when known). */
export interface EdgeFunctionView {
  runtime: string;
  architecture: string;
  memorySize: number;
  /** us */
  timeout: number;
  ephemeralStorage: number;
  packageType?: string;
  provisionedConcurrency?: unknown;
  layers?: unknown;
  packageSizeMb?: number;
}

/** One broken limit: the key at fault and the "expected" phrase of the error line. */
export interface EdgeLimitIssue {
  key: string;
  expected: string;
}

/** Every limit `fn` breaks as the function of `trigger` (empty when it may run there). */
export function edgeLimitIssues(trigger: EdgeTrigger, fn: EdgeFunctionView): EdgeLimitIssue[] {
  const viewer = trigger.startsWith('viewer');
  const limits = viewer ? EDGE_LIMITS.viewer : EDGE_LIMITS.origin;
  const at = `for a Lambda@Edge ${trigger} function`;
  const issues: EdgeLimitIssue[] = [];
  if (!/^(nodejs|python)/.test(fn.runtime)) issues.push({ key: 'runtime', expected: `a Node.js or Python runtime ${at}` });
  if (fn.architecture !== 'x86_64') issues.push({ key: 'architecture', expected: `x86_64 ${at} (arm64 is not supported)` });
  if (fn.memorySize > limits.maxMemoryMb) issues.push({ key: 'memorySize', expected: `at most ${limits.maxMemoryMb} MB ${at}` });
  if (fn.timeout > limits.maxTimeoutUs) issues.push({ key: 'timeout', expected: `at most ${limits.maxTimeoutUs / 1e6}s ${at}` });
  if (fn.ephemeralStorage > EDGE_LIMITS.maxEphemeralStorageMb) issues.push({ key: 'ephemeralStorage', expected: `at most ${EDGE_LIMITS.maxEphemeralStorageMb} MB ${at}` });
  if (fn.packageType === 'image') issues.push({ key: 'packageType', expected: `zip ${at} (container images are not supported)` });
  if (fn.provisionedConcurrency !== undefined) issues.push({ key: 'provisionedConcurrency', expected: `no provisioned concurrency ${at}` });
  if (fn.layers !== undefined) issues.push({ key: 'layers', expected: `no layers ${at}` });
  if (fn.packageSizeMb !== undefined && fn.packageSizeMb > limits.maxPackageMb) {
    issues.push({ key: 'packageSizeMb', expected: `a compressed package of at most ${limits.maxPackageMb} MB ${at}` });
  }
  return issues;
}
