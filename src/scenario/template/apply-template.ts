/**
 * The loader's hook for `template:`: read the template the scenario names (after `--set`, so
 * `--set template=./template-pr.yaml` swaps it), lay what the scenario writes over what the
 * template says, and give the loader the report's notes and a way to point errors in imported
 * values into the template.
 */
import { relative, resolve } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { DEFAULTS } from '../defaults.js';
import { ScenarioError } from '../errors.js';
import { describeValue } from '../issues.js';
import { didYouMean, suggest } from '../suggest.js';
import type { AppliedOverride } from '../overrides.js';
import { locate, positionOf } from '../positions.js';
import { describeReadError, MAX_SCENARIO_BYTES, readBoundedFile } from '../read-bounded.js';
import { importTemplate, type ImportedTemplate } from './import-template.js';
import { emptyMap, parseTemplate, templatePosition } from './template-file.js';
import { readTemplateKey } from './template-key.js';

type Fields = Record<string, unknown>;

/** Where the scenario came from, to place errors about the `template:` key itself. */
export interface TemplateHookSource {
  file: string;
  baseDir: string;
  doc: Document;
  lineCounter: LineCounter;
  applied: readonly AppliedOverride[];
}

/** What {@link applyTemplate} gives the loader. */
export interface AppliedTemplate {
  /** The scenario data with the template's values under what the scenario writes. */
  data: Fields;
  /** Notes for the report, in order. */
  notes: string[];
  /** The same error pointed into the template when the value it is about came from there. */
  repoint(error: ScenarioError): ScenarioError;
  /**
   * The scenario file as written (before `--set`) laid over the template *it* names: what
   * reference-memory.ts reads as "the memorySize written in the file", so a `--set` of memorySize
   * or of the template itself rescales a CPU-bound duration as it does without a template.
   */
  reference: Fields;
}

const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at a dotted path (undefined when absent). */
function valueAt(data: unknown, path: readonly string[]): unknown {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value) && /^\d+$/.test(segment)) value = value[Number(segment)];
    else if (isRecord(value) && Object.hasOwn(value, segment)) value = value[segment];
    else return undefined;
  }
  return value;
}

/** Plain data equality (the template's values are scalars, lists and mappings). */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
  }
  return a === b;
}

/** `written` over `imported`: mappings merge key by key, anything else is replaced; each replaced value differing from the template is listed. */
function overlay(imported: unknown, written: unknown, path: string, overrides: string[]): unknown {
  if (written === undefined) return imported;
  if (imported === undefined) return written;
  if (isRecord(imported) && isRecord(written)) {
    const out = emptyMap();
    for (const key of Object.keys(written)) out[key] = overlay(imported[key], written[key], `${path}.${key}`, overrides);
    for (const key of Object.keys(imported)) if (!Object.hasOwn(out, key)) out[key] = imported[key];
    return out;
  }
  if (!same(imported, written)) overrides.push(`${path} (template: ${isRecord(imported) || Array.isArray(imported) ? 'a mapping' : describeValue(imported)})`);
  return written;
}

/**
 * The scenario's mappings first (their indices, and so their error positions, stay), each merged
 * with the template's mapping of the same source and function; then the template's other mappings.
 * Returns the final index of each imported mapping.
 */
function mergeMappings(imported: readonly Fields[], written: unknown, overrides: string[]): { list: unknown; index: number[] } {
  const index = new Array<number>(imported.length).fill(-1);
  if (written !== undefined && !Array.isArray(written)) return { list: written, index };
  const list: unknown[] = [];
  for (const [i, w] of (written ?? []).entries()) {
    const match = isRecord(w) ? imported.findIndex((m, j) => index[j] < 0 && m.source === w.source && m.function === w.function) : -1;
    if (match >= 0) index[match] = i;
    list.push(match >= 0 ? overlay(imported[match], w, `eventSourceMappings.${i}`, overrides) : w);
  }
  imported.forEach((m, j) => {
    if (index[j] >= 0) return;
    index[j] = list.length;
    list.push(m);
  });
  return { list, index };
}

/** The template's path of a file named in the scenario: relative to the scenario's folder. */
function templatePaths(baseDir: string, file: string): { path: string; label: string } {
  const path = resolve(baseDir, file);
  const label = relative(process.cwd(), path);
  return { path, label: label === '' || label.startsWith('..') ? path : label };
}

/**
 * Import the scenario's `template:` when it has one (undefined otherwise, or when the key is
 * malformed: the schema then reports it at its place).
 * @throws ScenarioError for an unreadable template (at the `template` key) or an invalid one (in the template)
 */
export function applyTemplate(data: unknown, raw: unknown, src: TemplateHookSource): AppliedTemplate | undefined {
  const applied = importNamed(data, src);
  if (applied === undefined || !isRecord(data)) return undefined;
  let reference = isRecord(raw) ? raw : {};
  if (same(readTemplateKey(reference.template), readTemplateKey(data.template))) {
    reference = merge(reference, applied.imported).data;
  } else {
    try {
      reference = (importNamed(reference, src)?.merged.data ?? reference) as Fields;
    } catch {
      // The file's own template is broken or missing but a --set replaced it: keep the file as written.
    }
  }
  return { ...applied.merged, reference };
}

/** The template `data` names, imported and merged with `data`. */
function importNamed(data: unknown, src: TemplateHookSource): { imported: ImportedTemplate; merged: Omit<AppliedTemplate, 'reference'> } | undefined {
  if (!isRecord(data) || data.template === undefined) return undefined;
  const key = readTemplateKey(data.template);
  if (key === undefined) return undefined;
  const { path, label } = templatePaths(src.baseDir, key.file);
  let text: string;
  try {
    text = readBoundedFile(path, MAX_SCENARIO_BYTES);
  } catch (error) {
    const override = [...src.applied].reverse().find((o) => o.path[0] === 'template');
    const position = override ? undefined : positionOf(locate(src.doc, ['template']).node, src.lineCounter);
    throw new ScenarioError({
      file: src.file, line: position?.line, column: position?.column, origin: override?.origin, path: 'template',
      expected: 'a readable SAM or CloudFormation template', found: `${describeReadError(error)} (${label})`,
    });
  }
  const imported = importTemplate(parseTemplate(text, label), {
    parameters: key.parameters,
    parametersOrigin: 'template.parameters',
    region: typeof data.region === 'string' ? data.region : DEFAULTS.region,
  });
  return { imported, merged: merge(data, imported) };
}

/**
 * A scenario function or queue the template does not have, whose name is a near miss of one it
 * has (`WorkerFuncton` beside `WorkerFunction`), is probably a typo: it becomes a function of its
 * own and the template's runs without the scenario's settings. A new name may also be meant
 * (`ApiFunction2`), so it is a note in the report, not an error.
 */
function nameNotes(data: Fields, imported: ImportedTemplate): string[] {
  const notes: string[] = [];
  for (const section of ['functions', 'queues', 'streams'] as const) {
    const written = data[section];
    const names = Object.keys(imported[section]);
    if (!isRecord(written) || names.length === 0) continue;
    for (const name of scenarioOnly(written, imported[section])) {
      const hint = didYouMean(name, names.filter((n) => !Object.hasOwn(written, n)));
      if (hint !== undefined) {
        notes.push(`template ${imported.template.file}: ${section}.${name} is not in the template (${hint}); it is simulated as one of its own`);
      }
    }
  }
  return notes;
}

/** The names the scenario writes in a section that the template's same section lacks (typo candidates). */
function scenarioOnly(written: unknown, fromTemplate: unknown): string[] {
  if (!isRecord(written)) return [];
  return Object.keys(written).filter((name) => !(isRecord(fromTemplate) && Object.hasOwn(fromTemplate, name)));
}

/** Lay the scenario over the imported sections; notes and error re-pointing. */
function merge(data: Fields, imported: ImportedTemplate): Omit<AppliedTemplate, 'reference'> {
  const overrides: string[] = [];
  const out: Fields = { ...data };
  for (const section of ['functions', 'queues', 'streams', 'topics', 'apiGateways'] as const) {
    const sectionData = imported[section];
    if (Object.keys(sectionData).length === 0) continue;
    out[section] = overlay(sectionData, data[section], section, overrides);
  }
  let origins: ReadonlyMap<string, (string | number)[]> = imported.origins;
  if (imported.eventSourceMappings.length > 0) {
    const { list, index } = mergeMappings(imported.eventSourceMappings, data.eventSourceMappings, overrides);
    out.eventSourceMappings = list;
    // Origins were recorded by import order; move them to the final indices.
    origins = new Map([...imported.origins].map(([path, origin]) => {
      const m = /^eventSourceMappings\.(\d+)(.*)$/.exec(path);
      return [m ? `eventSourceMappings.${index[Number(m[1])]}${m[2]}` : path, origin];
    }));
  }
  const file = imported.template.file;
  const kept = imported.notes.filter((n) => n.about === undefined || valueAt(data, n.about.split('.')) === undefined).map((n) => n.text);
  const notes = [
    kept[0],
    ...nameNotes(data, imported),
    ...(overrides.length ? [`template ${file}: the scenario overrides ${overrides.join(', ')}`] : []),
    ...kept.slice(1),
  ];
  return { data: out, notes, repoint: (error) => repoint(error, data, origins, imported) };
}

/** Point an error about an imported value into the template; a missing key stays in the scenario, with a hint. */
function repoint(error: ScenarioError, written: Fields, origins: ReadonlyMap<string, (string | number)[]>, imported: ImportedTemplate): ScenarioError {
  if (error.origin !== undefined || error.path === '') return error;
  const segments = error.path.split('.');
  if (valueAt(written, segments) !== undefined) return error;
  for (let n = segments.length; n > 0; n--) {
    const prefix = segments.slice(0, n).join('.');
    const origin = origins.get(prefix);
    if (origin === undefined) continue;
    const where = `${imported.template.file} (${origin.join('.')})`;
    if (error.found === 'nothing') {
      const why = segments[0] === 'functions' && segments[2] === 'duration' ? '; a template does not say how long the code runs' : '';
      // The value may be in the scenario under a misspelt name (`WorkerFuncton`): say which.
      const sections = imported as unknown as Fields;
      const strays = segments.length > 1 ? scenarioOnly(written[segments[0]], sections[segments[0]]) : [];
      const typo = suggest(segments[1] ?? '', strays);
      const also = typo === undefined ? '' : `; ${segments[0]}.${typo} is not in the template: a typo of ${segments[1]}?`;
      return new ScenarioError({ ...error, hint: `${prefix} comes from ${where}: add ${error.path} to the scenario${why}${also}` });
    }
    const position = templatePosition(imported.template, origin);
    return new ScenarioError({
      file: imported.template.file, line: position?.line, column: position?.column, path: origin.join('.'),
      expected: error.expected, found: error.found, reason: error.reason,
      hint: [`imported as ${error.path}`, error.hint].filter(Boolean).join('; '),
    });
  }
  return error;
}
