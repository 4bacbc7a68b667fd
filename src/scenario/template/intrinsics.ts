/**
 * Static resolution of CloudFormation intrinsic functions: what a template's values are without
 * deploying it. Parameters (their Default, or `--parameter Name=Value`), Mappings, Conditions and
 * pure string functions resolve; a reference to a resource becomes a {@link ResourceRef} (the import
 * needs to know *which* queue, not its ARN); anything only a deployment knows (`!ImportValue`,
 * `!GetAZs`, the account id) becomes {@link Unresolved}, which the import names in a note.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import { emptyMap } from './template-file.js';

/** A value only a deployment knows; `what` names it for the note ("!ImportValue shared-queue"). */
export class Unresolved {
  constructor(readonly what: string) {}
}

/** `!Ref Resource` or `!GetAtt Resource.Attribute`: the resource a value names. */
export class ResourceRef {
  constructor(
    readonly logicalId: string,
    readonly attribute?: string,
  ) {}
}

/** `!Ref AWS::NoValue`: the property is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');

/** What a template's top-level sections give the resolver. */
export interface ResolveContext {
  /** Parameter values after `--parameter` (Unresolved when a parameter has neither). */
  parameters: Record<string, unknown>;
  /** Logical ids of the template's resources. */
  resources: Record<string, unknown>;
  mappings: Record<string, unknown>;
  conditions: Record<string, unknown>;
  /** The scenario's region, for `AWS::Region`. */
  region: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Pseudo parameters with a static value; the others are Unresolved. */
function pseudo(name: string, ctx: ResolveContext): unknown {
  switch (name) {
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::Region':
      return ctx.region;
    case 'AWS::Partition':
      return ctx.region.startsWith('us-gov-') ? 'aws-us-gov' : ctx.region.startsWith('cn-') ? 'aws-cn' : 'aws';
    case 'AWS::URLSuffix':
      return ctx.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    default:
      return new Unresolved(name);
  }
}

/** The single `Ref` / `Fn::*` / `Condition` key of an intrinsic function object, else undefined. */
export function intrinsicName(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0];
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** A short description of an unresolvable intrinsic for notes: `!ImportValue shared-queue-arn`. */
function describe(name: string, arg: unknown): string {
  const short = name === 'Ref' ? '!Ref' : `!${name.slice(4)}`;
  const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? `${arg[0]} ...` : '...';
  return `${short} ${text}`;
}

/** Text of a resolved scalar, or undefined when it is not one. */
function scalarText(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/**
 * Resolve every intrinsic function inside `value`. The result holds plain data, ResourceRefs and
 * Unresolved values (a compound that needs an Unresolved part is Unresolved as a whole).
 */
export function resolveValue(value: unknown, ctx: ResolveContext, seen: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => resolveValue(v, ctx, seen)).filter((v) => v !== NO_VALUE);
  }
  if (!isObject(value) || value instanceof ResourceRef || value instanceof Unresolved) return value;
  const name = intrinsicName(value);
  if (name === undefined) {
    const out = emptyMap();
    for (const [key, v] of Object.entries(value)) {
      const resolved = resolveValue(v, ctx, seen);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }
  return resolveFunction(name, value[name], ctx, seen);
}

/** One intrinsic function call. */
function resolveFunction(name: string, arg: unknown, ctx: ResolveContext, seen: ReadonlySet<string>): unknown {
  const r = (v: unknown): unknown => resolveValue(v, ctx, seen);
  const args = Array.isArray(arg) ? arg : [arg];
  const unresolved = new Unresolved(describe(name, arg));
  switch (name) {
    case 'Ref': {
      if (typeof arg !== 'string') return unresolved;
      if (arg.startsWith('AWS::')) return pseudo(arg, ctx);
      if (Object.hasOwn(ctx.parameters, arg)) return ctx.parameters[arg];
      if (Object.hasOwn(ctx.resources, arg)) return new ResourceRef(arg);
      return unresolved;
    }
    case 'Fn::GetAtt': {
      const [id, attribute] = args.map(r);
      if (typeof id === 'string' && Object.hasOwn(ctx.resources, id)) return new ResourceRef(id, scalarText(attribute));
      return unresolved;
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = args;
      const holds = typeof condition === 'string' ? evaluateCondition(condition, ctx, seen) : unresolved;
      return holds instanceof Unresolved ? holds : r(holds ? whenTrue : whenFalse);
    }
    case 'Fn::Equals': {
      const [a, b] = args.map(r);
      if (a instanceof Unresolved) return a;
      if (b instanceof Unresolved) return b;
      const [ta, tb] = [scalarText(a), scalarText(b)];
      return ta !== undefined && tb !== undefined ? ta === tb : unresolved;
    }
    case 'Fn::Not':
    case 'Fn::And':
    case 'Fn::Or': {
      const values = args.map((a) => conditionValue(a, ctx, seen));
      const blocker = values.find((v) => typeof v !== 'boolean');
      if (blocker !== undefined) return blocker instanceof Unresolved ? blocker : unresolved;
      const bools = values as boolean[];
      return name === 'Fn::Not' ? !bools[0] : name === 'Fn::And' ? bools.every(Boolean) : bools.some(Boolean);
    }
    case 'Fn::FindInMap': {
      const [map, top, second, options] = args.map(r);
      const found = [map, top, second].reduce<unknown>((node, key) => {
        const k = scalarText(key);
        return isObject(node) && k !== undefined && Object.hasOwn(node, k) ? node[k] : undefined;
      }, ctx.mappings);
      // AWS::LanguageExtensions adds a DefaultValue for a missing key.
      if (found === undefined && isObject(options) && Object.hasOwn(options, 'DefaultValue')) return options.DefaultValue;
      return found === undefined ? unresolved : r(found);
    }
    case 'Fn::Join': {
      const [delimiter, list] = args.map(r);
      if (typeof delimiter !== 'string' || !Array.isArray(list)) return list instanceof Unresolved ? list : unresolved;
      const parts = list.map(scalarText);
      return parts.every((p) => p !== undefined) ? parts.join(delimiter) : list.find((v) => v instanceof Unresolved) ?? unresolved;
    }
    case 'Fn::Select': {
      const [index, list] = args.map(r);
      const i = Number(scalarText(index));
      return Array.isArray(list) && Number.isInteger(i) && i >= 0 && i < list.length ? list[i] : list instanceof Unresolved ? list : unresolved;
    }
    case 'Fn::Split': {
      const [delimiter, text] = args.map(r);
      return typeof delimiter === 'string' && typeof text === 'string' ? text.split(delimiter) : text instanceof Unresolved ? text : unresolved;
    }
    case 'Fn::Sub':
      return substitute(args, ctx, seen, unresolved);
    case 'Fn::Base64': {
      const text = r(arg);
      return typeof text === 'string' ? Buffer.from(text, 'utf8').toString('base64') : unresolved;
    }
    default:
      // Fn::ImportValue, Fn::GetAZs, Fn::Cidr, Fn::Transform, Fn::Length, ...: only a deployment knows.
      return unresolved;
  }
}

/** `Fn::Sub`: `${Name}` from the variables, parameters or pseudo parameters; `${!Literal}` stays. */
function substitute(args: unknown[], ctx: ResolveContext, seen: ReadonlySet<string>, unresolved: Unresolved): unknown {
  const [template, variables] = args;
  if (typeof template !== 'string') return unresolved;
  const vars = isObject(variables) ? (resolveValue(variables, ctx, seen) as Record<string, unknown>) : emptyMap();
  let blocked: Unresolved | undefined;
  const text = template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const key = inner.trim();
    const value = Object.hasOwn(vars, key) ? vars[key]
      : key.includes('.') ? new Unresolved(`\${${key}}`)
      : resolveFunction('Ref', key, ctx, seen);
    const t = scalarText(value);
    if (t === undefined) blocked ??= value instanceof Unresolved ? value : new Unresolved(`\${${key}}`);
    return t ?? whole;
  });
  return blocked ?? text;
}

/** A condition operand: `{Condition: Name}` or a nested condition function. */
function conditionValue(value: unknown, ctx: ResolveContext, seen: ReadonlySet<string>): unknown {
  if (isObject(value) && Object.keys(value).length === 1 && typeof value.Condition === 'string') {
    return evaluateCondition(value.Condition, ctx, seen);
  }
  return resolveValue(value, ctx, seen);
}

/** The truth of a named condition of the `Conditions` section (Unresolved when not static). */
export function evaluateCondition(name: string, ctx: ResolveContext, seen: ReadonlySet<string> = new Set()): boolean | Unresolved {
  if (!Object.hasOwn(ctx.conditions, name)) return new Unresolved(`condition ${name} (not in Conditions)`);
  if (seen.has(name)) return new Unresolved(`condition ${name} (refers to itself)`);
  const value = conditionValue(ctx.conditions[name], ctx, new Set([...seen, name]));
  if (typeof value === 'boolean') return value;
  return value instanceof Unresolved ? value : new Unresolved(`condition ${name}`);
}
