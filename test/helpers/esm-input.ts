/** Event source mapping inputs for model tests, with the scenario's defaults (read from the schema, not copied). */
import type { SqsMappingInput, StreamMappingInput } from '../../src/model/input.js';
import { eventSourceMappingsSchema, toMappingInput } from '../../src/scenario/esm-schema.js';

type Named = { source: string; function: string };

function defaults(m: Named, kind: 'sqs' | 'stream') {
  return toMappingInput(eventSourceMappingsSchema.parse([{ source: m.source, function: m.function }])[0], kind);
}

/** A mapping that reads an SQS queue. */
export function esm(over: Partial<SqsMappingInput> & Named): SqsMappingInput {
  return { ...(defaults(over, 'sqs') as SqsMappingInput), ...over };
}

/** A mapping that reads a stream. */
export function streamEsm(over: Partial<StreamMappingInput> & Named): StreamMappingInput {
  return { ...(defaults(over, 'stream') as StreamMappingInput), ...over };
}
