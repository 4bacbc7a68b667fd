/**
 * Load-time rules of async destinations and chains (src/model/chain.ts), on partly parsed data:
 *
 * - a destination names something of the scenario, or else (an EventBridge bus, an S3 bucket) is
 *   only counted; a name within two edits of a queue, topic or function is almost surely a typo of
 *   it and is refused with a did-you-mean; a typed one (`{function: B}`) must name one of its kind;
 * - a bare name that is both a function and a queue or topic is ambiguous: write `{function: B}`;
 * - a dead-letter queue is an SQS queue or SNS topic, never a function, and no destination is a FIFO
 *   queue (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html);
 * - the graph of destinations, topic subscriptions, queue redrives and SQS event source mappings
 *   has no cycle: a cycle would run forever (AWS's recursive loop detection stops such loops after
 *   about 16 rounds, https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html); the
 *   first cycle found is refused in one line that names it.
 */
import { invocationTargets } from './version-schema.js';
import type { z } from 'zod';
import { customIssue, listChoices } from './fields.js';
import { isRecord } from './source-schema.js';
import { didYouMean, editDistance } from './suggest.js';

type Ctx = z.core.$RefinementCtx<unknown>;
type Path = (string | number)[];
type Kind = 'function' | 'topic' | 'queue';

const KEYS = ['onSuccess', 'onFailure', 'deadLetterQueue'] as const;

/** One edge of the destination graph and where the scenario says it. */
interface Edge {
  to: string;
  path: Path;
}

/** A node's id: its kind and name (a topic and a function may share a name). */
const node = (kind: Kind, name: string): string => `${kind}:${name}`;

export function checkChains(value: unknown, ctx: Ctx): void {
  if (!isRecord(value) || !isRecord(value.functions)) return;
  const names = (section: unknown): string[] => (isRecord(section) ? Object.keys(section) : []);
  const known: Record<Kind, string[]> = { function: invocationTargets(value.functions), topic: names(value.topics), queue: names(value.queues) };
  const queues = isRecord(value.queues) ? value.queues : {};
  const edges = new Map<string, Edge[]>();
  const add = (from: string, to: string, path: Path): void => {
    const list = edges.get(from) ?? [];
    list.push({ to, path });
    edges.set(from, list);
  };

  for (const [fname, f] of Object.entries(value.functions)) {
    const config = isRecord(f) && isRecord(f.asyncConfig) ? f.asyncConfig : undefined;
    if (config === undefined) continue;
    for (const key of KEYS) {
      const path: Path = ['functions', fname, 'asyncConfig', key];
      const target = destinationNode(config[key], key, known, path, ctx);
      if (target === undefined) continue;
      if (key === 'deadLetterQueue' && target.startsWith('function:')) {
        ctx.issues.push(customIssue('an SQS queue or SNS topic (AWS: a dead-letter queue cannot be a function; use onFailure)', config[key], {}, path));
        continue;
      }
      const name = target.slice(target.indexOf(':') + 1);
      if (target.startsWith('queue:') && isRecord(queues[name]) && queues[name].type === 'fifo' && typeof config[key] !== 'string') {
        ctx.issues.push(customIssue('a standard queue (AWS does not deliver async destinations to FIFO queues)', config[key], { found: `${name} (type fifo)` }, path));
      }
      add(node('function', fname), target, path);
    }
  }
  if (isRecord(value.topics)) {
    for (const [tname, t] of Object.entries(value.topics)) {
      if (!isRecord(t)) continue;
      for (const kind of ['function', 'queue'] as const) {
        const list = t[kind === 'function' ? 'functions' : 'queues'];
        if (Array.isArray(list)) list.forEach((n, i) => typeof n === 'string' && add(node('topic', tname), node(kind, n), ['topics', tname, `${kind === 'function' ? 'functions' : 'queues'}`, i]));
      }
    }
  }
  for (const [qname, q] of Object.entries(queues)) {
    if (isRecord(q) && typeof q.deadLetterQueue === 'string') add(node('queue', qname), node('queue', q.deadLetterQueue), ['queues', qname, 'deadLetterQueue']);
  }
  if (Array.isArray(value.eventSourceMappings)) {
    value.eventSourceMappings.forEach((m, i) => {
      if (isRecord(m) && typeof m.source === 'string' && typeof m.function === 'string' && known.queue.includes(m.source)) {
        add(node('queue', m.source), node('function', m.function), ['eventSourceMappings', i, 'function']);
      }
    });
  }
  const cycle = findCycle(known.function.map((f) => node('function', f)), edges);
  if (cycle !== null) {
    const shown = cycle.nodes.map((n) => (n.startsWith('function:') ? n.slice(9) : n.replace(':', ' '))).join(' → ');
    ctx.issues.push(
      customIssue('destinations without a cycle (each event would run around it forever; AWS stops such recursive loops)', undefined, { found: `the cycle ${shown}` }, cycle.path),
    );
  }
}

/** True when some function has an async destination (its summary may then have `pipelines`). */
export function hasDestinations(value: Record<string, unknown>): boolean {
  if (!isRecord(value.functions)) return false;
  return Object.values(value.functions).some((f) => isRecord(f) && isRecord(f.asyncConfig) && (f.asyncConfig.onSuccess !== undefined || f.asyncConfig.onFailure !== undefined));
}

/**
 * The node a destination names, or undefined (absent, malformed: the schema says so, or naming
 * nothing: counted only). Pushes the did-you-mean, unknown and ambiguous-name issues.
 */
function destinationNode(dest: unknown, key: string, known: Record<Kind, string[]>, path: Path, ctx: Ctx): string | undefined {
  if (typeof dest === 'string') {
    const source = known.topic.includes(dest) ? 'topic' : known.queue.includes(dest) ? 'queue' : undefined;
    const isFunction = key !== 'deadLetterQueue' && known.function.includes(dest);
    if (source !== undefined && isFunction) {
      ctx.issues.push(customIssue(`{function: ${dest}} or {${source}: ${dest}}: "${dest}" names a function and a ${source}`, dest, {}, path));
      return undefined;
    }
    if (source !== undefined) return node(source, dest);
    if (known.function.includes(dest)) return node('function', dest);
    const all = [...known.queue, ...known.topic, ...(key === 'deadLetterQueue' ? [] : known.function)];
    const near = all.find((n) => editDistance(n, dest) <= 2);
    if (near !== undefined) {
      const what = key === 'deadLetterQueue' ? 'a queue or topic' : 'a queue, topic or function';
      ctx.issues.push(customIssue(`${what} of this scenario (${listChoices(all)}) or another destination name`, dest, { hint: didYouMean(dest, all) }, path));
    }
    return undefined;
  }
  if (!isRecord(dest)) return undefined;
  // As written ({function: b}) or as parsed ({kind: 'function', name: 'b'}): the checks see either.
  const entries = Object.entries(dest);
  const [kind, name] = (entries.length === 2 && 'kind' in dest ? [dest.kind, dest.name] : entries.length === 1 ? entries[0] : []) as [Kind, unknown];
  if (typeof name !== 'string' || !(kind in known)) return undefined;
  if (!known[kind].includes(name)) {
    const section = kind === 'function' ? 'functions' : `${kind}s`;
    const at = 'kind' in dest ? path : [...path, kind];
    ctx.issues.push(customIssue(`a ${kind} under ${section} (${listChoices(known[kind])})`, name, { found: name, hint: didYouMean(name, known[kind]) }, at));
    return undefined;
  }
  return node(kind, name);
}

/**
 * The first cycle reachable from `starts` (depth first, in scenario order), as its nodes (the first
 * repeated at the end) and the location of its first edge leaving a function; null when none.
 */
function findCycle(starts: string[], edges: Map<string, Edge[]>): { nodes: string[]; path: Path } | null {
  const done = new Set<string>();
  const stack: string[] = [];
  const via: Edge[] = [];
  const visit = (n: string): { nodes: string[]; path: Path } | null => {
    const at = stack.indexOf(n);
    if (at >= 0) {
      const cycleEdges = via.slice(at);
      const first = cycleEdges.find((e) => e.path[0] === 'functions') ?? cycleEdges[0];
      return { nodes: [...stack.slice(at), n], path: first.path };
    }
    if (done.has(n)) return null;
    stack.push(n);
    for (const e of edges.get(n) ?? []) {
      via.push(e);
      const found = visit(e.to);
      if (found !== null) return found;
      via.pop();
    }
    stack.pop();
    done.add(n);
    return null;
  };
  for (const s of starts) {
    const found = visit(s);
    if (found !== null) return found;
  }
  return null;
}
