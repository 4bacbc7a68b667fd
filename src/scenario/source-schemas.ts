/**
 * The kinds of event source a scenario may hold, in the model's order (src/model/source-kinds.ts)
 * and the reports' (src/report/source-reports.ts): one entry per kind (source-schema.ts is the
 * seam). schema.ts builds the scenario's source sections, workload keys, mapping settings and
 * checks from this table; a test may build a scenario schema from its own.
 */
import { QUEUE_SCHEMA } from './queue-schema.js';
import type { SourceSchema } from './source-schema.js';
import { STREAM_SCHEMA } from './stream-schema.js';
import { TOPIC_SCHEMA } from './topic-schema.js';
import { BUCKET_SCHEMA } from './bucket-schema.js';
import { BUS_SCHEMA } from './eventbridge-schema.js';

export const SOURCE_SCHEMAS: readonly SourceSchema[] = [QUEUE_SCHEMA, STREAM_SCHEMA, TOPIC_SCHEMA, BUCKET_SCHEMA, BUS_SCHEMA];
