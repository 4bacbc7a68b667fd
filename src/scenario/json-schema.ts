/**
 * The JSON Schema of the scenario format (`sim schema`), generated from the same zod schema that
 * validates scenarios, so editors (yaml-language-server) check and complete exactly what the
 * loader accepts. Durations and rates appear as strings with a `pattern`.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/** The `title` of the generated schema (editors show it when a scenario links the schema). */
export const SCENARIO_SCHEMA_TITLE = 'lambda-sim scenario';

/**
 * The JSON Schema (draft 2020-12) of a scenario file as written (zod's `io: 'input'`: before
 * defaults and unit conversion), with `$schema`, `title` and `description` first.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, description: _description, ...rest } = generated;
  return {
    $schema,
    title: SCENARIO_SCHEMA_TITLE,
    description:
      'A lambda-sim scenario: an AWS account region, its Lambda functions and the traffic they receive. ' +
      'Durations are strings with a unit (250ms, 1.5s, 15m, 2h, 1d); rates are N/s, N/min, N/h or N/d.',
    ...rest,
  };
}
