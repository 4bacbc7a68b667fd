/**
 * docs/scenario-format.md's asyncConfig table names every kind of destination the schema accepts
 * (async-schema.ts: function, topic, queue, bus), so the page never calls a working one "not modelled".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../docs/scenario-format.md', import.meta.url), 'utf8');
const row = (key: string): string => doc.split('\n').find((l) => l.startsWith(`| \`${key}\` |`)) ?? '';

describe('asyncConfig destinations in docs/scenario-format.md', () => {
  it('lists {bus: <name>} among the onFailure forms, and counts only S3 buckets as not modelled', () => {
    const onFailure = row('onFailure');
    for (const kind of ['function', 'topic', 'queue', 'bus']) expect(onFailure).toContain(`{${kind}: <name>}`);
    expect(onFailure).toContain('queues, topics, functions and buses');
    expect(onFailure).not.toContain('an EventBridge bus, an S3 bucket: not modelled');
  });
});
