/**
 * Load-time rules of async destinations and chains (src/model/chain.ts), on partly parsed data:
 *
 * - a destination names something of the scenario (a queue, topic, function or EventBridge bus), or
 *   else (an S3 bucket) is only counted; a name within two edits of one is almost surely a typo of
 *   it and is refused with a did-you-mean; a typed one (`{function: B}`) must name one of its kind;
 * - a bare name that is both a function and a queue or topic is ambiguous: write `{function: B}`;
 * - a dead-letter queue is a standard SQS queue or SNS topic, never a function nor a FIFO queue, and
 *   no destination is a FIFO queue (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html);
 * - the graph of destinations, topic subscriptions, bus rules' targets, queue redrives and SQS event source mappings
 *   has no cycle (a version `fn:N` is a node of its own with its own or inherited asyncConfig; an
 *   alias `fn:a` leads to the versions it points to): a cycle would run forever (AWS's recursive loop detection stops such loops after
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
type Kind = 'function' | 'topic' | 'queue' | 'bus';

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
  const known: Record<Kind, string[]> = { function: invocationTargets(value.functions), topic: names(value.topics), queue: names(value.queues), bus: names(value.buses) };
  const queues = isRecord(value.queues) ? value.queues : {};
  const edges = new Map<string, Edge[]>();
  const add = (from: string, to: string, path: Path): void => {
    const list = edges.get(from) ?? [];
    list.push({ to, path });
    edges.set(from, list);
  };

  const silent = { issues: { push: () => undefined } } as unknown as Ctx;
  /** The edges of one instance's async destinations; `report` false for inherited settings (said once, on the function). */
  const addDestinations = (from: string, config: Record<string, unknown>, at: Path, report: boolean): void => {
    const c = report ? ctx : silent;
    for (const key of KEYS) {
      const path: Path = [...at, 'asyncConfig', key];
      const target = destinationNode(config[key], key, known, path, c);
      if (target === undefined) continue;
      if (key === 'deadLetterQueue' && target.startsWith('function:')) {
        c.issues.push(customIssue('an SQS queue or SNS topic (AWS: a dead-letter queue cannot be a function; use onFailure)', config[key], {}, path));
        continue;
      }
      const name = target.slice(target.indexOf(':') + 1);
      const fifo = target.startsWith('queue:') && isRecord(queues[name]) && queues[name].type === 'fifo';
      if (fifo && key === 'deadLetterQueue') {
        // "a standard Amazon SQS queue or standard Amazon SNS topic as a dead-letter queue"
        // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
        c.issues.push(customIssue('a standard SQS queue or SNS topic (AWS: an async dead-letter queue cannot be a FIFO queue)', config[key], { found: `${name} (type fifo)` }, path));
        continue;
      }
      // A bare-name destination is refused by queue-schema.ts (asyncDestinationsNotFifo).
      if (fifo && typeof config[key] !== 'string') {
        c.issues.push(customIssue('a standard queue (AWS does not deliver async destinations to FIFO queues)', config[key], { found: `${name} (type fifo)` }, path));
      }
      add(from, target, path);
    }
  };

  for (const [fname, f] of Object.entries(value.functions)) {
    if (!isRecord(f)) continue;
    const config = isRecord(f.asyncConfig) ? f.asyncConfig : undefined;
    if (config !== undefined) addDestinations(node('function', fname), config, ['functions', fname], true);
    // A version runs its own asyncConfig: the one it sets, else the function's (inherited, as parsed
    // versions hold it: the same object). An alias reaches the versions it points to.
    if (isRecord(f.versions)) {
      for (const [v, vc] of Object.entries(f.versions)) {
        const own = isRecord(vc) && isRecord(vc.asyncConfig) && vc.asyncConfig !== config ? vc.asyncConfig : undefined;
        if (own !== undefined) addDestinations(node('function', `${fname}:${v}`), own, ['functions', fname, 'versions', v], true);
        else if (config !== undefined) addDestinations(node('function', `${fname}:${v}`), config, ['functions', fname], false);
      }
    }
    // fn:$LATEST is the unqualified function.
    add(node('function', `${fname}:$LATEST`), node('function', fname), ['functions', fname]);
    if (isRecord(f.aliases)) {
      for (const [a, ac] of Object.entries(f.aliases)) {
        if (!isRecord(ac)) continue;
        const to = (v: unknown): string => node('function', v === '$LATEST' ? fname : `${fname}:${String(v)}`);
        if (typeof ac.version === 'string' || typeof ac.version === 'number') add(node('function', `${fname}:${a}`), to(ac.version), ['functions', fname, 'aliases', a, 'version']);
        if (isRecord(ac.weights)) for (const w of Object.keys(ac.weights)) add(node('function', `${fname}:${a}`), to(w), ['functions', fname, 'aliases', a, 'weights', w]);
      }
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
  if (isRecord(value.buses)) {
    for (const [bname, b] of Object.entries(value.buses)) {
      if (!isRecord(b) || !isRecord(b.rules)) continue;
      for (const [rname, r] of Object.entries(b.rules)) {
        if (!isRecord(r) || !Array.isArray(r.targets)) continue;
        r.targets.forEach((t, i) => {
          const target = pushTargetNode(t);
          if (target !== undefined) add(node('bus', bname), target, ['buses', bname, 'rules', rname, 'targets', i]);
        });
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
    const source = known.topic.includes(dest) ? 'topic' : known.queue.includes(dest) ? 'queue' : key !== 'deadLetterQueue' && known.bus.includes(dest) ? 'bus' : undefined;
    const isFunction = key !== 'deadLetterQueue' && known.function.includes(dest);
    if (source !== undefined && isFunction) {
      ctx.issues.push(customIssue(`{function: ${dest}} or {${source}: ${dest}}: "${dest}" names a function and a ${source}`, dest, {}, path));
      return undefined;
    }
    if (source !== undefined) return node(source, dest);
    if (known.function.includes(dest)) return node('function', dest);
    const all = [...known.queue, ...known.topic, ...(key === 'deadLetterQueue' ? [] : [...known.function, ...known.bus])];
    const near = all.find((n) => editDistance(n, dest) <= 2);
    if (near !== undefined) {
      const what = key === 'deadLetterQueue' ? 'a queue or topic' : 'a queue, topic, function or bus';
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
    const section = kind === 'function' ? 'functions' : kind === 'bus' ? 'buses' : `${kind}s`;
    const at = 'kind' in dest ? path : [...path, kind];
    ctx.issues.push(customIssue(`a ${kind} under ${section} (${known[kind].length > 0 ? listChoices(known[kind]) : 'none declared'})`, name, { found: name, hint: didYouMean(name, known[kind]) }, at));
    return undefined;
  }
  return node(kind, name);
}

/** The node of a bus rule's target, as written ({function: f}) or as parsed ({kind, name}); undefined when malformed. */
function pushTargetNode(t: unknown): string | undefined {
  if (!isRecord(t)) return undefined;
  if (typeof t.kind === 'string' && typeof t.name === 'string') return node(t.kind as Kind, t.name);
  const kind = (['function', 'topic', 'queue'] as const).find((k) => typeof t[k] === 'string');
  return kind === undefined ? undefined : node(kind, t[kind] as string);
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
      // Located at a destination when the cycle has one (not at a topic, bus or alias edge).
      const first = cycleEdges.find((e) => e.path.includes('asyncConfig')) ?? cycleEdges.find((e) => e.path[0] === 'functions') ?? cycleEdges[0];
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
