/**
 * `buses:` (EventBridge event buses) as a kind of event source in a scenario: the bus schema with
 * its rules and their targets, the `bus:` key of workloads that put events, and the rules (1 to 5
 * targets per rule, each naming one thing of the scenario; no event source mapping reads a bus).
 * Functions' onSuccess/onFailure may name a bus (async-schema.ts, chain-checks.ts). The model is
 * src/model/eventbridge.ts; docs/front-doors.md explains it.
 */
import { z } from 'zod';
import type { BusInput } from '../model/input.js';
import { sourceNameSchema } from './esm-schema.js';
import { customIssue, numberField, strictObject } from './fields.js';
import { checkPushTarget, oneTarget, pushTargetFields, toPushTarget } from './push-target-schema.js';
import { isRecord, type SourceSchema } from './source-schema.js';

/** Targets per rule: 5 (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). */
export const MAX_TARGETS_PER_RULE = 5;

const targetSchema = strictObject(pushTargetFields, { expected: 'a target such as {function: pager}' }).superRefine(oneTarget).transform(toPushTarget);

const ruleSchema = strictObject(
  {
    match: numberField(0, 1).default(1).describe('Share of the bus\'s events this rule\'s event pattern matches (0..1). Default 1: every event.'),
    targets: z.array(targetSchema, { error: 'a list of targets such as [{function: pager}]' }).describe(`Where matching events go: 1 to ${MAX_TARGETS_PER_RULE} functions (invoked asynchronously), topics or queues.`),
  },
  { expected: 'a rule such as {match: 0.1, targets: [{function: pager}]}' },
);

const busSchema = strictObject(
  { rules: z.record(sourceNameSchema, ruleSchema, { error: 'a mapping of rule names to rules' }).describe('Rules by name: each event goes to every rule that matches it.') },
  { expected: 'a bus such as {rules: {alerts: {match: 0.1, targets: [{function: pager}]}}}' },
)
  .transform((b): BusInput => b)
  .describe('An EventBridge event bus and its rules.');

export const busesSchema = z
  .record(sourceNameSchema, busSchema, { error: 'a mapping of bus names to buses' })
  .optional()
  .describe('EventBridge buses by name: workloads put events with bus: <name>, and onSuccess/onFailure may name a bus ({bus: <name>}).');

const busProducerFields = {
  bus: z.string({ error: 'the name of a bus under buses' }).optional().describe('Put events on this EventBridge bus instead of invoking a function.'),
};

/** The workload type of bus producers, for workload-schema.ts. */
export type BusProducerFields = typeof busProducerFields;

export const BUS_SCHEMA: SourceSchema = {
  section: 'buses',
  sources: busesSchema,
  producerKey: 'bus',
  producerFields: busProducerFields,
  mappingFields: {},
  noMappings: true,
  words: { one: 'bus', a: 'a bus', mapping: 'a bus mapping', sources: 'EventBridge bus sources' },
  toMappingInput: () => {
    throw new Error('an event source mapping cannot read a bus (the checks refuse it)');
  },
  check: (s, ctx) => {
    for (const [name, b] of Object.entries(s.sources('buses'))) {
      if (!isRecord(b) || !isRecord(b.rules)) continue;
      for (const [rule, r] of Object.entries(b.rules)) {
        if (!isRecord(r) || !Array.isArray(r.targets)) continue;
        const path = ['buses', name, 'rules', rule, 'targets'];
        if (r.targets.length === 0 || r.targets.length > MAX_TARGETS_PER_RULE) {
          ctx.issues.push(customIssue(`1 to ${MAX_TARGETS_PER_RULE} targets (EventBridge's quota per rule)`, r.targets, { found: `${r.targets.length}` }, path));
        }
        r.targets.forEach((t, i) => checkPushTarget(s, t, [...path, i], ctx));
      }
    }
  },
  checkMapping: (_s, { m, path }, ctx) => {
    ctx.issues.push(customIssue('a queue or a stream: a bus pushes to its rules\' targets (list the function as a target)', m.source, {}, [...path, 'source']));
  },
};
