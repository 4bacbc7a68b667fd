/**
 * Default INIT (cold start) durations by runtime and architecture, used when a function gives no
 * `init` distribution.
 *
 * Source: lambda-behavior.md section 2.2 — maxday/lambda-perf daily benchmark, snapshot
 * data/last.json generatedAt 2026-08-22
 * (https://github.com/maxday/lambda-perf/blob/6070b7947b5ddf788cb69f2ffe6bbde3e22033fb/data/last.json).
 * Values are the mean REPORT "Init Duration" (ms) of a hello-world function; for ZIP we average the
 * 128 MB and 1024 MB columns because the benchmark shows init barely depends on memory; the image
 * column (x86_64, 128 MB) gives container images.
 *
 * The benchmark publishes means, not spreads. We assume a lognormal with sigma 0.35
 * (p99 about 2.3 x the median), an assumption stated here and in the README; a scenario that knows
 * better sets `init` explicitly. Real functions with dependencies are slower (section 2.2: ~300 ms
 * typical end to end), which is why examples set `init` themselves.
 */
import type { DistSpec } from '../kernel/dist-spec.js';
import type { Architecture } from '../billing/types.js';
import { US_PER_MS } from '../kernel/time.js';

/** Assumed log-space spread of INIT durations around the published mean (see file comment). */
export const DEFAULT_INIT_SIGMA = 0.35;

/** Mean init ms: [x86_64, arm64], zip packaging, averaged over 128 and 1024 MB (section 2.2 table). */
const MEAN_INIT_MS: Record<string, [number, number]> = {
  'nodejs20.x': [139.5, 125],
  'nodejs22.x': [138.5, 125.5],
  'python3.12': [83, 77.5],
  'python3.13': [87.5, 83],
  java17: [204, 220.5],
  java21: [238.5, 250],
  dotnet8: [243, 311],
  'ruby3.3': [249, 299.5],
  'provided.al2023': [49.5, 43],
};

/**
 * Mean init ms of a container image (x86_64, 128 MB: the only image column of the section 2.2
 * table). `provided.al2023` is the Go row (62), as in MEAN_INIT_MS.
 */
const MEAN_IMAGE_INIT_MS_X86: Record<string, number> = {
  'nodejs20.x': 297,
  'nodejs22.x': 304,
  'python3.12': 159,
  'python3.13': 177,
  java17: 302,
  java21: 322,
  dotnet8: 450,
  'ruby3.3': 290,
  'provided.al2023': 62,
};

/** How the function's code is deployed (Lambda's PackageType): a .zip archive or a container image. */
export type PackageType = 'zip' | 'image';

/**
 * Runtimes the benchmark does not measure borrow the nearest measured one (same language family);
 * the mapping is ours.
 */
const NEAREST_MEASURED: Record<string, string> = {
  'nodejs18.x': 'nodejs20.x',
  'python3.9': 'python3.12',
  'python3.10': 'python3.12',
  'python3.11': 'python3.12',
  java11: 'java17',
  'java8.al2': 'java17',
  'ruby3.2': 'ruby3.3',
  'provided.al2': 'provided.al2023',
  'go1.x': 'provided.al2023',
};

/**
 * Mean INIT in ms for a runtime, architecture and package type (falls back to nodejs20.x for an
 * unknown runtime).
 *
 * The benchmark measures images on x86_64 only. For an arm64 image we scale the x86_64 image mean by
 * the runtime's arm64/x86_64 ratio for zip (our derivation, not a measurement).
 */
export function defaultInitMeanMs(runtime: string, architecture: Architecture, packageType: PackageType = 'zip'): number {
  const key = MEAN_INIT_MS[runtime] ? runtime : NEAREST_MEASURED[runtime] ?? 'nodejs20.x';
  const row = MEAN_INIT_MS[key];
  const zip = architecture === 'arm64' ? row[1] : row[0];
  if (packageType === 'zip') return zip;
  return MEAN_IMAGE_INIT_MS_X86[key] * (zip / row[0]);
}

/**
 * The default INIT distribution: lognormal whose mean equals the published mean, times
 * `multiplier` for functions heavier than the benchmark's hello-world (section 2.2: real functions
 * with dependencies are much slower; the user states by how much).
 */
export function defaultInitDistribution(
  runtime: string,
  architecture: Architecture,
  packageType: PackageType = 'zip',
  multiplier = 1,
): DistSpec {
  const meanUs = defaultInitMeanMs(runtime, architecture, packageType) * multiplier * US_PER_MS;
  // mean = median * exp(sigma^2 / 2)  =>  median = mean / exp(sigma^2 / 2)
  const median = meanUs / Math.exp((DEFAULT_INIT_SIGMA * DEFAULT_INIT_SIGMA) / 2);
  return { dist: 'lognormal', median, sigma: DEFAULT_INIT_SIGMA };
}

/**
 * Default `memoryUsed` (MB): the Max Memory Used of the example handler (logs its environment
 * variables and event, nothing else) in AWS's own REPORT line on each runtime's logging page of the
 * Lambda Developer Guide: awsdocs/aws-lambda-developer-guide, commit 174fd25f
 * (https://github.com/awsdocs/aws-lambda-developer-guide/tree/174fd25faa9bb77f44d28d3aa81d9663a6dcf7ae/doc_source),
 * the first "Example log format" of nodejs-logging.md (74 MB at 128 MB), python-logging.md (56 MB at
 * 128 MB), java-logging.md (90 MB at 512 MB), csharp-logging.md (99 MB at 256 MB), golang-logging.md
 * (54 MB at 128 MB) and ruby-logging.md (48 MB at 128 MB). One published line per runtime, of older
 * runtime versions (2019-2020), so the default is a constant, not a spread: it only says what an
 * empty handler costs (and is never an out-of-memory at 128 MB). A real function sets `memoryUsed`
 * from its own REPORT lines. Runtimes map to their language's row; `provided.*` (custom runtimes,
 * usually Go or Rust) take the Go row.
 */
const BASELINE_MEMORY_MB: Record<string, number> = {
  nodejs: 74,
  python: 56,
  java: 90,
  dotnet: 99,
  go: 54,
  provided: 54,
  ruby: 48,
};

/** The hello-world Max Memory Used (MB) of a runtime (see BASELINE_MEMORY_MB); nodejs for an unknown one. */
export function defaultMemoryUsedMb(runtime: string): number {
  const family = /^[a-z]+/.exec(runtime)?.[0] ?? 'nodejs';
  return Object.hasOwn(BASELINE_MEMORY_MB, family) ? BASELINE_MEMORY_MB[family] : BASELINE_MEMORY_MB.nodejs;
}

/** The default `memoryUsed` distribution: the runtime's baseline, constant. */
export function defaultMemoryUsed(runtime: string): DistSpec {
  return { dist: 'constant', value: defaultMemoryUsedMb(runtime) };
}
