/** The scenario's `template:` key: a SAM or CloudFormation template the scenario starts from (docs/import.md). */
import { z } from 'zod';
import { strictObject } from '../fields.js';

const FILE_EXPECTED = 'a path to a SAM or CloudFormation template (YAML or JSON), relative to the scenario file';

/** `template: ./template.yaml` or `template: {file: ./template.yaml, parameters: {Stage: prod}}`. */
export const templateKeySchema = z
  .union(
    [
      z.string({ error: FILE_EXPECTED }).min(1, { error: FILE_EXPECTED }),
      strictObject(
        {
          file: z.string({ error: FILE_EXPECTED }).min(1, { error: FILE_EXPECTED }).describe('The template file, relative to the scenario file.'),
          parameters: z
            .record(z.string(), z.union([z.string(), z.number(), z.boolean()]), { error: 'a mapping of template parameter names to values' })
            .optional()
            .describe('Values of the template\'s Parameters (as `sam deploy --parameter-overrides`); a parameter not given uses its Default.'),
        },
        { expected: 'a template path, or a mapping with file and parameters' },
      ),
    ],
    { error: `${FILE_EXPECTED}, or a mapping with file and parameters` },
  )
  .optional()
  .describe(
    'A SAM or CloudFormation template whose functions, queues, streams and event source mappings the scenario starts from; ' +
      'what the scenario writes itself overrides the template, and traffic (workloads) stays in the scenario. See docs/import.md.',
  );

/** The `template:` key read as a file and parameters, or undefined when it is absent or malformed (the schema reports that). */
export function readTemplateKey(value: unknown): { file: string; parameters: Record<string, string> } | undefined {
  const parsed = templateKeySchema.safeParse(value);
  if (!parsed.success || parsed.data === undefined) return undefined;
  if (typeof parsed.data === 'string') return { file: parsed.data, parameters: {} };
  const parameters = Object.create(null) as Record<string, string>;
  for (const [name, v] of Object.entries(parsed.data.parameters ?? {})) parameters[name] = String(v);
  return { file: parsed.data.file, parameters };
}
