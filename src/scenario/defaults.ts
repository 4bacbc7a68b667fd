/**
 * Every default and limit of the scenario format, with the source it comes from. The schema reads
 * them from here, so the JSON Schema, the docs and the loader cannot drift apart.
 *
 * "lambda-behavior.md" is ../shared/docs/lambda-behavior.md (the project's cited fact sheet).
 */
import { US_PER_SECOND } from '../kernel/time.js';

/** Limits that AWS enforces on a function's configuration. */
export const LIMITS = {
  /** 128-10,240 MB in 1 MB steps. lambda-behavior.md 2.3; https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html */
  memorySize: { min: 128, max: 10_240 },
  /** 512-10,240 MB. lambda-behavior.md 10; https://aws.amazon.com/blogs/compute/using-larger-ephemeral-storage-for-aws-lambda/ */
  ephemeralStorage: { min: 512, max: 10_240 },
  /**
   * 1-900 s (us). lambda-behavior.md 10;
   * https://github.com/awsdocs/aws-lambda-developer-guide/blob/03f7fcb0b771f031f7cb3aa43e8b18407c00b3a8/doc_source/gettingstarted-limits.md
   */
  timeoutUs: { min: US_PER_SECOND, max: 900 * US_PER_SECOND },
  /** A function name: 1-64 of [A-Za-z0-9_-]. FunctionName in https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html */
  functionName: /^[A-Za-z0-9_-]{1,64}$/,
  /** The scenario name names the report folder, so only characters safe in every file system. */
  scenarioName: /^[A-Za-z0-9._-]{1,100}$/,
  /**
   * Region codes such as us-east-1, ap-northeast-1, eu-south-2, us-gov-west-1, cn-north-1.
   * https://docs.aws.amazon.com/general/latest/gr/rande.html (shape only; the price table decides
   * what a region costs).
   */
  region: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/,
  /**
   * Deployment package limits (MB): 5 layers per function; 250 MB unzipped, .zip package and layers
   * together; 10 GB container image (AWS writes 10 GB; taken as 10,240 MB). The 50 MB zipped limit is
   * for direct uploads only (init-options-schema.ts). https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
   */
  package: { layers: 5, unzippedMb: 250, imageMb: 10_240 },
} as const;

/** The documented default of every optional field. Durations are written as a user would. */
export const DEFAULTS = {
  /** Project rule: the same seed and file give the same bytes (scenario-format.md, top level). */
  seed: 1,
  /** Project choice (scenario-format.md): AWS's largest region, whose prices lambda-behavior.md 12.2 lists. */
  region: 'us-east-1',
  account: {
    /** 1,000 per Region. lambda-behavior.md 3.2; https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
    concurrencyLimit: 1_000,
    /** 100. lambda-behavior.md 3.3; https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html */
    unreservedMinimum: 100,
    /** The rule since 2023-11-27. lambda-behavior.md 4.2; https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html */
    scaling: 'per-function',
  },
  billing: {
    /** 1 ms since Dec 2020. lambda-behavior.md 12.1; https://aws.amazon.com/blogs/aws/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings/ */
    granularity: '1ms',
    /**
     * Off: a simulated period is usually a slice of a month that shares the free tier with
     * everything else in the account, so subtracting it would understate cost. lambda-behavior.md 12.2.
     */
    freeTier: false,
    /** INIT billed for all since 2025-08-01. lambda-behavior.md 12.3; https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/ */
    billInit: true,
  },
  function: {
    /** Project choice: a current Node.js LTS runtime (lambda-behavior.md 2.2 has its INIT times). */
    runtime: 'nodejs20.x',
    /** x86_64 is what Lambda uses when Architectures is not given. https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html */
    architecture: 'x86_64',
    /** 128 MB. lambda-behavior.md 2.3; https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html */
    memorySize: 128,
    /** 512 MB. lambda-behavior.md 10; https://aws.amazon.com/blogs/compute/using-larger-ephemeral-storage-for-aws-lambda/ */
    ephemeralStorage: 512,
    /**
     * 3 s. lambda-behavior.md 10;
     * https://github.com/awsdocs/aws-lambda-developer-guide/blob/03f7fcb0b771f031f7cb3aa43e8b18407c00b3a8/doc_source/gettingstarted-limits.md
     */
    timeout: '3s',
    /** No function errors unless the scenario says so. */
    errorRate: 0,
    /** ~10 min idle since Jul 2019 [EMP]. lambda-behavior.md 2.1; https://mikhail.io/2019/08/aws-lambda-cold-starts-after-10-minutes/ */
    keepAlive: '10m',
    /** ~2 h [EMP]. lambda-behavior.md 2.1; https://xebia.com/blog/til-that-aws-lambda-terminates-instances-preemptively/ */
    maxLifetime: '2h',
    /** AWS does not document the choice (scenario-format.md, Functions); most-recent is the project default. */
    environmentSelection: 'most-recent',
    /** 0: duration does not depend on memory unless the scenario says how much of it is CPU-bound (AWS publishes no share). */
    cpuBound: 0,
    /** Project choice: .zip, the classic package type, which the main columns of lambda-behavior.md 2.2 measure. */
    packageType: 'zip',
    /** 1: the hello-world functions of lambda-behavior.md 2.2; heavier packages raise it. */
    initMultiplier: 1,
    /** INIT never fails unless the scenario says so (issue #15; init-options-schema.ts). */
    initErrorRate: 0,
    initFails: 'never',
    /**
     * The error type public CloudWatch logs show for an INIT that cannot load the handler's module
     * (`INIT_REPORT ... Status: error  Error Type: Runtime.ImportModuleError`); docs/model.md cites them.
     */
    initErrorType: 'Runtime.ImportModuleError',
    /** VPC networking since Sep 2019. https://aws.amazon.com/blogs/compute/announcing-improved-vpc-networking-for-aws-lambda-functions/ */
    vpcMode: 'hyperplane',
  },
  schedule: {
    /**
     * Project choice, AWS has no such setting: the UTC instant of simulated time 0 for cron
     * calendars. A Monday at 00:00 UTC, so time 0 is midnight as `diurnal.peakAt` assumes.
     */
    startTimeText: '2024-01-01T00:00:00Z',
    /** The same instant in ms since the Unix epoch (Date.UTC(2024, 0, 1)). */
    startTime: 1_704_067_200_000,
  },
  diurnal: {
    /** A diurnal cycle is a day by definition. */
    period: '24h',
  },
  workload: {
    /** RequestResponse, the Invoke API's default InvocationType. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html */
    invocation: 'sync',
    start: '0s',
  },
  reports: {
    formats: ['summary', 'json', 'csv', 'html'],
    timeseries: '1s',
  },
} as const;
