/**
 * Parts of the scenario format (scenario-format.md) that are documented but not implemented yet.
 *
 * This is the ONE list: the schema builders look their entries up here, and the loader turns a
 * use of any of them into "X is not supported yet" instead of a confusing "unknown key". When a
 * feature lands, delete its name here and add it to the schema.
 */
export const NOT_SUPPORTED_YET = {
  /** Keys of the top-level mapping. */
  scenarioKeys: [],
  /** Keys of a function under `functions:`. */
  functionKeys: [],
  /** Keys of a workload under `workloads:`. */
  workloadKeys: [],
  /** Values of a queue's `type` (standard and fifo are both supported now). */
  queueTypes: [],
  /** Keys of a queue under `queues:`. */
  queueKeys: [],
  /** Values of `arrivals.process` (every documented process is supported now). */
  arrivalProcesses: [],
  /** Values of a workload's `invocation`. */
  invocations: [],
  /** Values of `dist` in a distribution (every documented distribution is supported now). */
  distributions: [],
  /** Values in `reports.formats` (every documented format is supported now). */
  reportFormats: [],
} as const satisfies Record<string, readonly string[]>;

/** The name of one list in {@link NOT_SUPPORTED_YET}. */
export type NotSupportedList = keyof typeof NOT_SUPPORTED_YET;
