/**
 * Checks on the keys of a parsed YAML document, in one linear walk: each key at most once in a
 * mapping, and no `__proto__` key anywhere.
 *
 * The yaml package's own `uniqueKeys` check compares each key with every earlier one (quadratic:
 * 100,000 keys took minutes), so the loader turns it off and calls this instead.
 *
 * `__proto__` is refused everywhere, also as a function name although AWS's naming rules
 * (letters, digits, hyphens, underscores) allow it: turned into a JavaScript object it replaces
 * the object's prototype instead of naming an entry, so no JSON consumer of the reports
 * (summary.json, report.html) could use it safely. Refusing it is the one safe choice.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';

/** The refused key, and why, for error lines. */
export const UNSAFE_KEY = '__proto__';
export const UNSAFE_KEY_REASON =
  '"__proto__" cannot be a key (not even a function name): JavaScript and JSON consumers of the reports treat it as the object prototype';

/** What {@link firstKeyProblem} found: the offending key node, its path and which rule it broke. */
export interface KeyProblem {
  kind: 'duplicate' | 'unsafe';
  key: Node;
  path: (string | number)[];
  /** The key as text. */
  text: string;
}

/** A key's identity for the duplicate check: the same scalar value of the same type. */
function keyIdentity(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return `${typeof key.value}:${String(key.value)}`;
}

/**
 * The first duplicate or `__proto__` key in document order, or undefined. Aliases are not followed
 * (they repeat nodes checked where they are defined). Recursive like the yaml package's own walks.
 */
export function firstKeyProblem(node: unknown, path: (string | number)[] = []): KeyProblem | undefined {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const item of node.items) {
      const id = keyIdentity(item.key);
      if (id !== undefined) {
        const text = String((item.key as { value: unknown }).value);
        if (text === UNSAFE_KEY) return { kind: 'unsafe', key: item.key as Node, path: [...path, text], text };
        if (seen.has(id)) return { kind: 'duplicate', key: item.key as Node, path: [...path, text], text };
        seen.add(id);
      }
      const found = firstKeyProblem(item.value, [...path, id === undefined ? '?' : String((item.key as { value: unknown }).value)]);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const found = firstKeyProblem(node.items[i], [...path, i]);
      if (found) return found;
    }
  }
  return undefined;
}
