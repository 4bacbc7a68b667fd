/**
 * Reads a SAM or CloudFormation template (YAML or JSON) into plain data, keeping the parsed YAML
 * so any value can be traced back to its line and column.
 *
 * The short-form intrinsic tags (`!Ref`, `!GetAtt`, `!Sub`, ...) are declared to the `yaml`
 * package as custom tags that only keep the tag on the node; the walk below turns a tagged node
 * into the long form (`{ "Fn::Sub": ... }`), so both spellings resolve the same way
 * (intrinsics.ts). Nothing in a template is executed. Every mapping becomes a prototype-free
 * object, so a logical id such as `constructor` or `toString` is only ever a key.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Tags } from 'yaml';
import { ScenarioError } from '../errors.js';
import { firstKeyProblem, UNSAFE_KEY_REASON } from '../key-checks.js';
import { locate, positionOf, type Position } from '../positions.js';
import { describeReadError, MAX_SCENARIO_BYTES, readBoundedFile } from '../read-bounded.js';

/**
 * The short-form intrinsic functions of CloudFormation's YAML
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
 */
export const SHORT_TAGS = [
  'Ref', 'Condition', 'GetAtt', 'Sub', 'If', 'FindInMap', 'Join', 'Select', 'Split', 'Equals', 'Not', 'And', 'Or',
  'GetAZs', 'ImportValue', 'Base64', 'Cidr', 'Transform', 'Length', 'ToJsonString',
] as const;

/** Each short tag on a scalar, a sequence and a mapping; the node keeps its tag, the walk does the rest. */
const CUSTOM_TAGS: Tags = SHORT_TAGS.flatMap((name) => [
  { tag: `!${name}`, resolve: (text: string) => text },
  { tag: `!${name}`, collection: 'seq' as const },
  { tag: `!${name}`, collection: 'map' as const },
]);

/** Nodes visited while converting (aliases count each time): stops "billion laughs" templates. */
const MAX_NODES = 1_000_000;

/** A template read into plain data, with what is needed to place its values. */
export interface TemplateFile {
  /** The file as errors and notes name it. */
  file: string;
  /** The top-level mapping (prototype-free); intrinsic functions in their long form. */
  value: Record<string, unknown>;
  doc: Document;
  lineCounter: LineCounter;
}

/** A prototype-free object: user-chosen keys (logical ids) never meet Object.prototype. */
export function emptyMap<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The position of the value (or, with `atKey`, the key) at `path` in the template. */
export function templatePosition(t: TemplateFile, path: readonly PropertyKey[], atKey = false): Position | undefined {
  const located = locate(t.doc, path);
  const node = atKey ? located.keyNode ?? located.node : located.node ?? located.keyNode ?? located.deepest;
  return positionOf(node, t.lineCounter);
}

/** An error pointing into the template: file:line:column and the key path (Resources.<id>...). */
export function templateError(
  t: TemplateFile,
  path: readonly PropertyKey[],
  what: { expected: string; found: string; hint?: string; reason?: string; atKey?: boolean },
): ScenarioError {
  const position = templatePosition(t, path, what.atKey);
  return new ScenarioError({
    file: t.file, line: position?.line, column: position?.column, path: path.map(String).join('.'),
    expected: what.expected, found: what.found, hint: what.hint, reason: what.reason,
  });
}

/**
 * Read and parse a template file.
 * @param path where to read it
 * @param file how errors name it
 * @throws ScenarioError for an unreadable file, invalid YAML, a duplicate key, an unknown `!` tag
 * or a top level that is not a mapping
 */
export function readTemplate(path: string, file: string): TemplateFile {
  let text: string;
  try {
    text = readBoundedFile(path, MAX_SCENARIO_BYTES);
  } catch (error) {
    throw new ScenarioError({ file, expected: 'a readable SAM or CloudFormation template', found: describeReadError(error) });
  }
  return parseTemplate(text, file);
}

/** {@link readTemplate} of text already read. */
export function parseTemplate(text: string, file: string): TemplateFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, customTags: CUSTOM_TAGS });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ScenarioError({ file, line, column: col, expected: 'valid YAML or JSON', found: message, reason: `invalid YAML: ${message}` });
  }
  const t: TemplateFile = { file, value: emptyMap(), doc, lineCounter };
  const problem = firstKeyProblem(doc.contents);
  if (problem) {
    const position = positionOf(problem.key, lineCounter);
    const where = { file, line: position?.line, column: position?.column, path: problem.path.join('.') };
    if (problem.kind === 'unsafe') throw new ScenarioError({ ...where, expected: 'a key other than "__proto__"', found: '"__proto__"', reason: UNSAFE_KEY_REASON });
    throw new ScenarioError({ ...where, expected: 'each key at most once in a mapping', found: `"${problem.text}" a second time` });
  }
  if (!isMap(doc.contents)) {
    throw new ScenarioError({ file, expected: 'a template: a mapping with Resources', found: doc.contents === null ? 'an empty file' : 'not a mapping' });
  }
  const counter = { nodes: 0 };
  t.value = toValue(doc.contents, t, [], counter) as Record<string, unknown>;
  return t;
}

/** `{ "Fn::Name": value }` (or `{ Ref: value }`, `{ Condition: value }`) as a prototype-free object. */
function longForm(name: string, value: unknown): Record<string, unknown> {
  const out = emptyMap();
  if (name === 'Ref' || name === 'Condition') out[name] = value;
  // `!GetAtt Queue.Arn` is the scalar form of `Fn::GetAtt: [Queue, Arn]` (the attribute may hold dots).
  else if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    out['Fn::GetAtt'] = dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
  } else out[`Fn::${name}`] = value;
  return out;
}

/** The node converted to plain data; tags become long forms; aliases are followed (and counted). */
function toValue(node: unknown, t: TemplateFile, path: (string | number)[], counter: { nodes: number }): unknown {
  if (++counter.nodes > MAX_NODES) {
    throw templateError(t, path, { expected: `a template of at most ${MAX_NODES} values (aliases expanded)`, found: 'more' });
  }
  if (isAlias(node)) return toValue(node.resolve(t.doc), t, path, counter);
  if (node === null || node === undefined) return null;
  let value: unknown;
  if (isMap(node)) {
    const map = emptyMap();
    for (const item of node.items) {
      if (!isScalar(item.key)) {
        throw templateError(t, path, { expected: 'mapping keys that are plain text', found: 'a key that is a mapping or a list' });
      }
      const key = String(item.key.value);
      map[key] = toValue(item.value, t, [...path, key], counter);
    }
    value = map;
  } else if (isSeq(node)) {
    value = node.items.map((item, i) => toValue(item, t, [...path, i], counter));
  } else if (isScalar(node)) {
    value = node.value;
  } else {
    value = null;
  }
  const tag = (node as Node).tag;
  if (tag === undefined || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  const name = tag.slice(1);
  if (!(SHORT_TAGS as readonly string[]).includes(name)) {
    throw templateError(t, path, { expected: 'a CloudFormation intrinsic tag such as !Ref, !GetAtt or !Sub', found: tag });
  }
  return longForm(name, value);
}
