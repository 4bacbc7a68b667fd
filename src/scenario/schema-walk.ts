/**
 * Finds the zod schema that applies at a key path of a value, so an error can name the keys that
 * were allowed there (did-you-mean) and the not-yet-supported names tagged on it.
 *
 * zod issues carry only a path; the schema at that path depends on the data (a union picks its
 * option by the value's `dist`, a record applies one schema to every key), so the walk follows
 * the value alongside the schema.
 */
import type { AnySchema } from './fields.js';

/** The parts of a zod definition the walk reads (zod 4 `_zod.def`). */
interface WalkDef {
  type: string;
  in?: AnySchema;
  out?: AnySchema;
  innerType?: AnySchema;
  getter?: () => AnySchema;
  options?: readonly AnySchema[];
  discriminator?: string;
  shape?: Record<string, AnySchema>;
  valueType?: AnySchema;
  element?: AnySchema;
}

const defOf = (schema: AnySchema): WalkDef => schema._zod.def as unknown as WalkDef;

/** Wrapper types whose inner schema describes the same value. */
const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** The kinds of value a schema can accept, by its leaf types ('object', 'array', 'string', ...). */
function leafTypes(schema: AnySchema, depth = 0): Set<string> {
  const def = defOf(schema);
  if (depth > 50) return new Set();
  if (def.type === 'pipe' && def.in && def.out) return leafTypes(defOf(def.in).type === 'transform' ? def.out : def.in, depth + 1);
  if (WRAPPERS.has(def.type) && def.innerType) return leafTypes(def.innerType, depth + 1);
  if (def.type === 'lazy' && def.getter) return leafTypes(def.getter(), depth + 1);
  if (def.type === 'union' && def.options) {
    const all = new Set<string>();
    for (const option of def.options) for (const t of leafTypes(option, depth + 1)) all.add(t);
    return all;
  }
  return new Set([def.type === 'record' ? 'object' : def.type]);
}

/** The zod type name that would accept `value`'s shape. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** The option of a union that `value` was meant for, if one can be told. */
function pickOption(def: WalkDef, value: unknown): AnySchema | undefined {
  const options = def.options ?? [];
  if (def.discriminator) {
    const tag = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[def.discriminator] : undefined;
    return options.find((option) => option._zod.propValues?.[def.discriminator as string]?.has(tag as never));
  }
  const kind = kindOf(value);
  return options.find((option) => {
    const types = leafTypes(option);
    return types.has(kind) || (kind === 'string' && (types.has('enum') || types.has('literal')));
  });
}

/**
 * The schemas that apply to `value` itself, outermost first: wrappers, pipes and the union
 * option chosen for this value, down to the leaf (object, enum, string ...).
 */
export function schemaChain(schema: AnySchema, value: unknown): AnySchema[] {
  const chain: AnySchema[] = [];
  let current: AnySchema | undefined = schema;
  while (current && chain.length < 100) {
    chain.push(current);
    const def = defOf(current);
    if (def.type === 'pipe') current = def.in && defOf(def.in).type === 'transform' ? def.out : def.in;
    else if (WRAPPERS.has(def.type)) current = def.innerType;
    else if (def.type === 'lazy') current = def.getter?.();
    else if (def.type === 'union') current = pickOption(def, value);
    else current = undefined;
  }
  return chain;
}

/**
 * The schema chain at `path` inside `root`, following `rootValue` to choose union options.
 * Empty when the path leaves the schema (e.g. below an unknown key).
 */
export function schemasAt(root: AnySchema, path: readonly PropertyKey[], rootValue: unknown): AnySchema[] {
  let chain = schemaChain(root, rootValue);
  let value = rootValue;
  for (const segment of path) {
    const leaf = defOf(chain[chain.length - 1]);
    let next: AnySchema | undefined;
    if (leaf.type === 'object') next = Object.hasOwn(leaf.shape ?? {}, segment) ? leaf.shape?.[segment as string] : undefined;
    else if (leaf.type === 'record') next = leaf.valueType;
    else if (leaf.type === 'array') next = leaf.element;
    if (!next) return [];
    value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
    chain = schemaChain(next, value);
  }
  return chain;
}

/** The keys of the object schema at the end of `chain` (what a mapping there may contain). */
export function allowedKeys(chain: readonly AnySchema[]): string[] {
  const leaf = chain[chain.length - 1];
  if (!leaf) return [];
  const def = defOf(leaf);
  if (def.type !== 'object') return [];
  // A key typed `never` is one the mapping refuses with its own reason (a version's reservedConcurrency): not offered.
  const refused = (schema: AnySchema): boolean => {
    const d = defOf(schema);
    return d.type === 'never' || (WRAPPERS.has(d.type) && d.innerType !== undefined && refused(d.innerType));
  };
  return Object.entries(def.shape ?? {}).filter(([, s]) => !refused(s)).map(([k]) => k);
}
