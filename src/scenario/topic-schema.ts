/**
 * `topics:` (SNS standard topics) as a kind of event source in a scenario: the topic schema with its
 * subscriptions, the `topic:` key of publishing workloads, and the rules (subscribers exist, a
 * standard topic delivers to standard queues only, no event source mapping reads a topic). The
 * model is src/model/sns.ts; docs/front-doors.md explains it.
 */
import { z } from 'zod';
import type { TopicInput } from '../model/input.js';
import { sourceNameSchema } from './esm-schema.js';
import { customIssue, listChoices, strictObject } from './fields.js';
import { isRecord, type SourceSchema } from './source-schema.js';
import { didYouMean } from './suggest.js';

const names = (what: string) => z.array(z.string({ error: `the name of ${what}` }), { error: `a list of ${what} names` });

const topicSchema = strictObject(
  {
    functions: names('a function').default([]).describe('Functions subscribed: each message invokes each of them asynchronously (with its asyncConfig retries).'),
    queues: names('a queue').default([]).describe('Standard SQS queues subscribed: each message is sent to each of them.'),
  },
  { expected: 'a topic such as {functions: [billing, shipping], queues: [audit]}' },
)
  .transform((t): TopicInput => t)
  .describe('An SNS standard topic and its subscriptions.');

export const topicsSchema = z
  .record(sourceNameSchema, topicSchema, { error: 'a mapping of topic names to topics' })
  .optional()
  .describe('SNS topics by name: workloads publish with topic: <name>, every subscriber gets each message.');

const topicProducerFields = {
  topic: z.string({ error: 'the name of a topic under topics' }).optional().describe('Publish messages to this SNS topic instead of invoking a function.'),
};

/** The workload type of topic producers, for workload-schema.ts. */
export type TopicProducerFields = typeof topicProducerFields;

export const TOPIC_SCHEMA: SourceSchema = {
  section: 'topics',
  sources: topicsSchema,
  producerKey: 'topic',
  producerFields: topicProducerFields,
  mappingFields: {},
  noMappings: true,
  words: { one: 'topic', a: 'a topic', mapping: 'a topic mapping', sources: 'SNS topic sources' },
  toMappingInput: () => {
    throw new Error('an event source mapping cannot read a topic (the checks refuse it)');
  },
  check: (s, ctx) => {
    const queues = s.sources('queues');
    for (const [name, t] of Object.entries(s.sources('topics'))) {
      if (!isRecord(t)) continue;
      const fns = Array.isArray(t.functions) ? t.functions : [];
      const qs = Array.isArray(t.queues) ? t.queues : [];
      if (fns.length + qs.length === 0) ctx.issues.push(customIssue('at least one subscriber (functions or queues)', t, { found: 'none' }, ['topics', name]));
      fns.forEach((f, i) => {
        if (typeof f !== 'string' || s.functions === undefined || s.functions.includes(f)) return;
        ctx.issues.push(customIssue(`a function under functions (${listChoices(s.functions)})`, f, { hint: didYouMean(f, s.functions) }, ['topics', name, 'functions', i]));
      });
      qs.forEach((q, i) => {
        if (typeof q !== 'string') return;
        const known = s.names('queues');
        if (!known.includes(q)) {
          ctx.issues.push(customIssue(`a queue under queues (${listChoices(known)})`, q, { hint: didYouMean(q, known) }, ['topics', name, 'queues', i]));
        } else if (isRecord(queues[q]) && queues[q].type === 'fifo') {
          // https://docs.aws.amazon.com/sns/latest/dg/fifo-topic-subscription-types.html: FIFO queues subscribe to FIFO topics only.
          ctx.issues.push(customIssue('a standard queue (a standard topic cannot deliver to a FIFO queue)', q, { found: `${q} (type fifo)` }, ['topics', name, 'queues', i]));
        }
      });
    }
  },
  checkMapping: (_s, { m, path }, ctx) => {
    ctx.issues.push(customIssue('a queue or a stream: a topic pushes to its subscribers (list the function under the topic)', m.source, {}, [...path, 'source']));
  },
};
