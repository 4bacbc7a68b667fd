/** Event source mapping inputs for model tests, with the scenario's defaults (read from the schema, not copied). */
import type { SqsMappingInput, StreamMappingInput } from '../../src/model/input.js';
import { mappingsSchemaFor } from '../../src/scenario/esm-schema.js';
import { QUEUE_SCHEMA } from '../../src/scenario/queue-schema.js';
import type { ParsedMapping, SourceSchema } from '../../src/scenario/source-schema.js';
import { SOURCE_SCHEMAS } from '../../src/scenario/source-schemas.js';
import { STREAM_SCHEMA } from '../../src/scenario/stream-schema.js';

type Named = { source: string; function: string };

const mappings = mappingsSchemaFor(SOURCE_SCHEMAS);

function defaults(m: Named, kind: SourceSchema) {
  return kind.toMappingInput(mappings.parse([{ source: m.source, function: m.function }])[0] as ParsedMapping);
}

/** A mapping that reads an SQS queue. */
export function esm(over: Partial<SqsMappingInput> & Named): SqsMappingInput {
  return { ...(defaults(over, QUEUE_SCHEMA) as SqsMappingInput), ...over };
}

/** A mapping that reads a stream. */
export function streamEsm(over: Partial<StreamMappingInput> & Named): StreamMappingInput {
  return { ...(defaults(over, STREAM_SCHEMA) as StreamMappingInput), ...over };
}
