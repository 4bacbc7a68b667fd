/**
 * Parts of the scenario format (scenario-format.md) that are documented but not implemented yet.
 *
 * This is the ONE list: the schema builders look their entries up here, and the loader turns a
 * use of any of them into "X is not supported yet" instead of a confusing "unknown key". When a
 * feature lands, delete its name here and add it to the schema.
 */
export const NOT_SUPPORTED_YET = {
  /** Keys of the top-level mapping. */
  scenarioKeys: ['queues', 'streams', 'eventSourceMappings'],
  /** Keys of a function under `functions:`. */
  functionKeys: [
    'reservedConcurrency',
    'provisionedConcurrency',
    'cpuBound',
    'asyncConfig',
    'versions',
    'aliases',
    'deployments',
  ],
  /** Keys of a workload under `workloads:`. */
  workloadKeys: ['queue', 'stream', 'partitionKeys', 'clientRetries'],
  /** Keys of a workload's `arrivals:` mapping. */
  arrivalKeys: ['ramp', 'diurnal'],
  /** Values of `arrivals.process`. */
  arrivalProcesses: ['burst', 'schedule', 'trace'],
  /** Values of a workload's `invocation`. */
  invocations: ['async'],
  /** Values of `dist` in a distribution. */
  distributions: ['empirical', 'mixture'],
  /** Values in `reports.formats`. */
  reportFormats: ['html', 'logs', 'timeseries'],
} as const satisfies Record<string, readonly string[]>;

/** The name of one list in {@link NOT_SUPPORTED_YET}. */
export type NotSupportedList = keyof typeof NOT_SUPPORTED_YET;
