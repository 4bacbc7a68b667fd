/** What `sim import TEMPLATE` does: print a starting scenario with every value the template gives. */
import { importTemplate } from '../scenario/template/import-template.js';
import { renderScenario } from '../scenario/template/render-scenario.js';
import { readTemplate } from '../scenario/template/template-file.js';
import { quoteInput } from '../scenario/errors.js';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { parseScenarioText } from '../scenario/load.js';
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
  const parameters = parseParameters(args.parameter);
  const imported = importTemplate(template, { parameters, region: args.region });
  validateImport(args, parameters, Object.keys(imported.functions));
  io.stdout(renderScenario(imported));
  return 0;
}

/**
 * Check what was imported exactly as `template:` in a scenario checks it, so a value the scenario
 * format refuses (a MemorySize of 20000, a BatchSize of 50000) is the same one located line (in the
 * template) with exit 2, not a printed scenario that fails later. The scenario checked is the
 * printed one's skeleton: the template, a placeholder duration per function, no traffic.
 * @throws ScenarioError pointing into the template
 */
function validateImport(args: ImportArgs, parameters: Record<string, string>, functionIds: readonly string[]): void {
  const functions = Object.create(null) as Record<string, unknown>;
  for (const id of functionIds) functions[id] = { duration: '100ms' };
  const skeleton = {
    name: 'imported',
    duration: '1m',
    ...(args.region !== undefined ? { region: args.region } : {}),
    template: { file: resolve(args.template), parameters: { ...parameters } },
    functions,
    workloads: [],
  };
  parseScenarioText(stringify(skeleton), args.template, { baseDir: process.cwd() });
}
