/** What `sim import TEMPLATE` does: print a starting scenario with every value the template gives. */
import { importTemplate } from '../scenario/template/import-template.js';
import { renderScenario } from '../scenario/template/render-scenario.js';
import { readTemplate } from '../scenario/template/template-file.js';
import { quoteInput } from '../scenario/errors.js';
import type { Io } from './main.js';
import { UsageError } from './usage-error.js';

export interface ImportArgs {
  template: string;
  parameter: string[];
  region?: string;
}

/** `Name=Value` pairs of `--parameter` into a prototype-free record. */
export function parseParameters(pairs: readonly string[]): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--parameter: expected Name=Value, found ${quoteInput(pair)}`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return out;
}

export function importCommand(args: ImportArgs, io: Io): number {
  const template = readTemplate(args.template, args.template);
  const imported = importTemplate(template, { parameters: parseParameters(args.parameter), region: args.region });
  io.stdout(renderScenario(imported));
  return 0;
}
