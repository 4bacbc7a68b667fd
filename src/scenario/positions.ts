/**
 * Maps key paths to places in the YAML text, so every error names its line and column.
 *
 * Works on the `yaml` package's AST (kept by `parseDocument`), whose nodes carry source ranges.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** What {@link locate} found for a key path. */
export interface Located {
  /** The value node at the path (undefined when the path does not exist in the file). */
  node?: Node;
  /** The key node of the last segment, when the last segment is a mapping key. */
  keyNode?: Node;
  /** The deepest node that exists on the path (the parent mapping of a missing key). */
  deepest?: Node;
  /** True when every segment of the path exists in the file. */
  exact: boolean;
}

/** The text of a mapping key, for comparison with a path segment (`1:` and `"1":` both give "1"). */
function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/** Follow aliases (`*name`) to the node they stand for. */
function resolve(doc: Document, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(doc) as Node | undefined;
  return (node ?? undefined) as Node | undefined;
}

/**
 * Find the node at a key path such as ['functions', 'checkout', 'memorySize'] or ['workloads', 0].
 * The first matching key wins (duplicate keys are refused before this is needed).
 */
export function locate(doc: Document, path: readonly PropertyKey[]): Located {
  let node = resolve(doc, doc.contents);
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (!node) return { deepest: undefined, exact: false };
    let next: unknown;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(segment));
      if (!pair) return { deepest: node, exact: false };
      next = pair.value;
      nextKey = pair.key as Node;
    } else if (isSeq(node) && typeof segment === 'number') {
      if (segment >= node.items.length) return { deepest: node, exact: false };
      next = node.items[segment];
      nextKey = undefined;
    } else {
      return { deepest: node, exact: false };
    }
    const resolved = resolve(doc, next);
    if (!resolved) return { keyNode: nextKey, deepest: nextKey ?? node, exact: true };
    node = resolved;
    keyNode = nextKey;
  }
  return { node, keyNode, deepest: node, exact: true };
}

/** The 1-based position where `node` starts. */
export function positionOf(node: Node | undefined, lineCounter: LineCounter): Position | undefined {
  const start = node?.range?.[0];
  if (start === undefined) return undefined;
  const { line, col } = lineCounter.linePos(start);
  return { line, column: col };
}

/** True for a value node that occupies no text (`key:` with nothing after it). */
export function isEmptyNode(node: Node | undefined): boolean {
  return !node?.range || node.range[0] === node.range[1];
}

/** The first alias (`*name`) in the document whose anchor is not defined, if any. */
export function firstUnresolvedAlias(doc: Document): Node | undefined {
  const visit = (node: unknown): Node | undefined => {
    if (isAlias(node)) return node.resolve(doc) === undefined ? (node as Node) : undefined;
    if (isMap(node)) {
      for (const item of node.items) {
        const found = visit(item.key) ?? visit(item.value);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        const found = visit(item);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(doc.contents);
}
