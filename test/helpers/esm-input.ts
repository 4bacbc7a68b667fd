/** Event source mapping inputs for model tests, with the scenario defaults. */
import type { EventSourceMappingInput } from '../../src/model/input.js';

export function esm(over: Partial<EventSourceMappingInput> & Pick<EventSourceMappingInput, 'source' | 'function'>): EventSourceMappingInput {
  return {
    batchSize: 10,
    maximumBatchingWindow: 0,
    reportBatchItemFailures: false,
    itemFailureRate: 0,
    scaleUpPerMinute: 300,
    parallelizationFactor: 1,
    ordering: 'partition-key',
    bisectBatchOnFunctionError: false,
    maximumRetryAttempts: -1,
    startingPosition: 'LATEST',
    ...over,
  };
}
