/**
 * summary.json: the Summary printed as JSON with 2-space indentation and a trailing newline.
 *
 * The layout is JSON.stringify(value, null, 2)'s, with one difference: numbers never use
 * exponent notation (1.5e-7 USD prints as 0.00000015), so money and small rates read plainly.
 */
import type { Summary } from './summary-types.js';
import { plainNumber } from './format-number.js';
import { buildSummary } from './build-summary.js';

export { buildSummary };

/**
 * Serializes plain data (objects, arrays, strings, finite numbers, booleans, null) as indented
 * JSON. Object keys keep their insertion order; `undefined` properties are left out, as
 * JSON.stringify does.
 * @throws on NaN, Infinity, or a value JSON cannot hold (function, bigint, symbol, undefined at top level)
 */
export function renderJson(value: unknown, indent = ''): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return plainNumber(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      const inner = indent + '  ';
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        return `[\n${value.map((v) => inner + renderJson(v, inner)).join(',\n')}\n${indent}]`;
      }
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      if (entries.length === 0) return '{}';
      const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${renderJson(v, inner)}`).join(',\n');
      return `{\n${body}\n${indent}}`;
    }
    default:
      throw new Error(`report: cannot write a ${typeof value} as JSON`);
  }
}

/** summary.json's bytes: 2-space indented JSON, keys in the Summary's fixed order, trailing newline. */
export function renderSummaryJson(summary: Summary): string {
  return renderJson(summary) + '\n';
}
