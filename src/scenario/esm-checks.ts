/**
 * Cross references of event sources, mappings and producer workloads that hold for every kind of
 * source (scenario-format.md, "Queues, streams and event source mappings"), one small function per
 * rule, then each kind's own rules (its SourceSchema: queue-schema.ts, stream-schema.ts). They run
 * on partly parsed data (so the first error in the file is found even when other parts failed),
 * hence the defensive reading. Defaults are read from the schema, never a copy.
 */
import { invocationTargets } from './version-schema.js';
import { customIssue, listChoices } from './fields.js';
import { fieldDefault } from './esm-schema.js';
import { isRecord, type Ctx, type Data, type MappingView, type SourceSchema, type SourceScope } from './source-schema.js';
import { didYouMean } from './suggest.js';

/** One mapping and the kind of source it reads. */
interface Mapping extends MappingView {
  kind: SourceSchema;
}

/** What the checks read of the scenario `value`, for the kinds of source `kinds`. */
function scope(value: Data): SourceScope {
  const sources = (section: string): Data => (isRecord(value[section]) ? value[section] : {});
  return {
    value,
    sources,
    names: (section) => Object.keys(sources(section)),
    // Callers may name a version or alias (fn:2, fn:live) wherever they name a function.
    functions: isRecord(value.functions) ? invocationTargets(value.functions) : undefined,
  };
}

/**
 * The checks of a scenario whose kinds of source are `kinds`: names unique across kinds, each
 * kind's own rules, mappings (a source, a function, one per source, settings of their kind of
 * source, then the kind's mapping rules), and a workload that names exactly one target.
 */
export function eventSourceChecks(kinds: readonly SourceSchema[]) {
  return (value: unknown, ctx: Ctx): void => {
    if (!isRecord(value)) return;
    const s = scope(value);
    namesUnique(s, kinds, ctx);
    for (const kind of kinds) kind.check?.(s, ctx);
    const seen = new Map<string, number>();
    const mappings = Array.isArray(value.eventSourceMappings) ? value.eventSourceMappings : [];
    mappings.forEach((m, i) => {
      if (!isRecord(m) || typeof m.source !== 'string') return;
      const path = ['eventSourceMappings', i];
      const kind = kinds.find((k) => s.names(k.section).includes(m.source as string));
      if (kind === undefined) return sourceMissing(s, kinds, m.source, path, ctx);
      const config = s.sources(kind.section)[m.source];
      const mapping: Mapping = { m: m as Mapping['m'], path, kind, config: isRecord(config) ? config : {} };
      onePerSource(mapping, seen, i, ctx);
      functionExists(s, mapping, ctx);
      settingsOfItsKind(kinds, mapping, ctx);
      kind.checkMapping?.(s, mapping, ctx);
    });
    const workloads = Array.isArray(value.workloads) ? value.workloads : [];
    workloads.forEach((w, i) => {
      if (isRecord(w)) producerWorkload(s, kinds, w, i, ctx);
    });
  };
}

/** A source name is used by one kind only (the model finds sources by name). */
function namesUnique(s: SourceScope, kinds: readonly SourceSchema[], ctx: Ctx): void {
  kinds.forEach((kind, k) => {
    for (const name of s.names(kind.section)) {
      const earlier = kinds.slice(0, k).find((other) => s.names(other.section).includes(name));
      if (earlier) ctx.issues.push(customIssue(`a name not used by ${earlier.words.a}`, name, { atKey: true }, [kind.section, name]));
    }
  });
}

/** The mapping's source is a source of some kind (the other mapping rules need its kind). */
function sourceMissing(s: SourceScope, kinds: readonly SourceSchema[], source: string, path: (string | number)[], ctx: Ctx): void {
  const readable = kinds.filter((k) => k.noMappings !== true);
  const sources = readable.flatMap((k) => s.names(k.section));
  const ones = listChoices(readable.map((k) => k.words.one));
  ctx.issues.push(customIssue(`the name of a ${ones} (${listChoices(sources)})`, source, { hint: didYouMean(source, sources) }, [...path, 'source']));
}

function onePerSource({ m, path }: Mapping, seen: Map<string, number>, index: number, ctx: Ctx): void {
  const first = seen.get(m.source);
  if (first !== undefined) {
    ctx.issues.push(customIssue('one mapping per source', m.source, { reason: `a second mapping on ${m.source} is not supported yet (eventSourceMappings.${first} reads it)` }, [...path, 'source']));
  }
  seen.set(m.source, index);
}

function functionExists(s: SourceScope, { m, path }: Mapping, ctx: Ctx): void {
  if (!s.functions || typeof m.function !== 'string' || s.functions.includes(m.function)) return;
  ctx.issues.push(customIssue(`the name of a function under functions (${listChoices(s.functions)})`, m.function, { hint: didYouMean(m.function, s.functions) }, [...path, 'function']));
}

/** Settings of other kinds of source. The parser fills defaults: only values other than the default were written. */
function settingsOfItsKind(kinds: readonly SourceSchema[], { m, path, kind }: Mapping, ctx: Ctx): void {
  for (const other of kinds) {
    if (other === kind) continue;
    for (const [key, field] of Object.entries(other.mappingFields)) {
      if (!Object.hasOwn(m, key) || m[key] === fieldDefault(field)) continue;
      ctx.issues.push(customIssue(`a setting of ${other.words.mapping}`, m[key], { reason: `${key} applies to ${other.words.sources} only, and ${m.source} is ${kind.words.a}` }, [...path, key]));
    }
  }
}

/** A workload names exactly one target; producer workloads name a source that exists and take no invocation settings. */
function producerWorkload(s: SourceScope, kinds: readonly SourceSchema[], w: Data, i: number, ctx: Ctx): void {
  const targets = ['function', ...kinds.map((k) => k.producerKey)].filter((k) => typeof w[k] === 'string');
  if (targets.length !== 1) {
    const expected = `exactly one of ${listChoices(['function', ...kinds.map((k) => k.producerKey)])}`;
    ctx.issues.push(customIssue(expected, w, { found: targets.length === 0 ? 'none' : targets.join(' and ') }, ['workloads', i]));
    return;
  }
  for (const kind of kinds) {
    const target = w[kind.producerKey];
    const names = s.names(kind.section);
    if (typeof target === 'string' && !names.includes(target)) {
      const expected = `the name of ${kind.words.a} under ${kind.section} (${listChoices(names)})`;
      ctx.issues.push(customIssue(expected, target, { hint: didYouMean(target, names) }, ['workloads', i, kind.producerKey]));
    }
  }
  for (const kind of kinds) {
    if (typeof w[kind.producerKey] === 'string') continue;
    for (const key of Object.keys(kind.producerFields)) {
      if (key !== kind.producerKey && w[key] !== undefined) ctx.issues.push(customIssue(`${key} on ${kind.words.a} workload only`, w[key], {}, ['workloads', i, key]));
    }
  }
  if (typeof w.function === 'string') return;
  for (const key of ['clientRetries', 'invocation']) {
    if (key === 'invocation' && w.invocation === 'sync') continue;
    if (w[key] !== undefined) ctx.issues.push(customIssue(`no ${key} on a ${listChoices(kinds.map((k) => k.words.one))} workload`, w[key], {}, ['workloads', i, key]));
  }
}
