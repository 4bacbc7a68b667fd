/**
 * `buckets:` (S3 buckets with event notifications) as a kind of event source in a scenario: the
 * bucket schema with its notification configurations, the `bucket:` key of uploading workloads, and
 * the rules (one target per configuration, shares that do not overlap, standard queues only, no
 * event source mapping reads a bucket). The model is src/model/s3.ts; docs/front-doors.md explains it.
 */
import { z } from 'zod';
import type { BucketInput } from '../model/input.js';
import { sourceNameSchema } from './esm-schema.js';
import { customIssue, durationField, listChoices, numberField, strictObject } from './fields.js';
import { checkPushTarget, oneTarget, pushTargetFields, toPushTarget } from './push-target-schema.js';
import { isRecord, type SourceSchema } from './source-schema.js';
import { didYouMean } from './suggest.js';

export const BUCKET_DEFAULTS = {
  /**
   * S3 delivers "typically ... in seconds but can sometimes take a minute or longer"
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html): no fixed figure,
   * so 0 by default (a capacity question rarely turns on it); set it to see its effect.
   */
  deliveryDelay: '0s',
  /** No key filter: every object matches. */
  match: 1,
};

const notificationSchema = strictObject(
  {
    ...pushTargetFields,
    match: numberField(0, 1)
      .default(BUCKET_DEFAULTS.match)
      .describe('Share of created objects whose key matches this configuration\'s prefix/suffix filter (0..1). Default 1: no filter.'),
  },
  { expected: 'a notification such as {function: resize, match: 0.8}' },
)
  .superRefine(oneTarget)
  .transform((n) => ({ ...toPushTarget(n), match: n.match }));

const bucketSchema = strictObject(
  {
    notifications: z.array(notificationSchema, { error: 'a list of notifications such as [{function: resize, match: 0.8}]' }).default([]).describe('Object-created notification configurations; each object notifies at most one (their filters may not overlap).'),
    deliveryDelay: durationField({ max: 3_600_000_000 })
      .prefault(BUCKET_DEFAULTS.deliveryDelay)
      .describe('Time from an object\'s creation to its notification\'s delivery. Default 0s (S3: typically seconds, sometimes a minute or longer).'),
    eventBridge: z.string({ error: 'the name of a bus under buses' }).optional().describe('Also send every object-created event to this EventBridge bus (S3\'s EventBridge setting; free AWS service events).'),
  },
  { expected: 'a bucket such as {notifications: [{function: resize, match: 0.8}, {topic: documents, match: 0.2}]}' },
)
  .transform((b): BucketInput => b)
  .describe('An S3 bucket whose object-created events notify functions, topics or queues.');

export const bucketsSchema = z
  .record(sourceNameSchema, bucketSchema, { error: 'a mapping of bucket names to buckets' })
  .optional()
  .describe('S3 buckets by name: workloads upload objects with bucket: <name>, each object notifies the configuration its key matches.');

const bucketProducerFields = {
  bucket: z.string({ error: 'the name of a bucket under buckets' }).optional().describe('Create objects in this S3 bucket (PUT requests) instead of invoking a function.'),
};

/** The workload type of bucket producers, for workload-schema.ts. */
export type BucketProducerFields = typeof bucketProducerFields;

export const BUCKET_SCHEMA: SourceSchema = {
  section: 'buckets',
  sources: bucketsSchema,
  producerKey: 'bucket',
  producerFields: bucketProducerFields,
  mappingFields: {},
  noMappings: true,
  words: { one: 'bucket', a: 'a bucket', mapping: 'a bucket mapping', sources: 'S3 bucket sources' },
  toMappingInput: () => {
    throw new Error('an event source mapping cannot read a bucket (the checks refuse it)');
  },
  check: (s, ctx) => {
    for (const [name, b] of Object.entries(s.sources('buckets'))) {
      if (!isRecord(b)) continue;
      if (typeof b.eventBridge === 'string' && !s.names('buses').includes(b.eventBridge)) {
        const buses = s.names('buses');
        ctx.issues.push(customIssue(`a bus under buses (${buses.length > 0 ? listChoices(buses) : 'none declared'})`, b.eventBridge, { hint: didYouMean(b.eventBridge, buses) }, ['buckets', name, 'eventBridge']));
      }
      if (!Array.isArray(b.notifications)) continue;
      if (b.notifications.length === 0 && b.eventBridge === undefined) ctx.issues.push(customIssue('at least one notification (or eventBridge: <bus>)', b.notifications, { found: 'none' }, ['buckets', name, 'notifications']));
      let share = 0;
      b.notifications.forEach((n, i) => {
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html: FIFO queues are no S3 destination.
        checkPushTarget(s, n, ['buckets', name, 'notifications', i], ctx, 'S3 event notification');
        if (!isRecord(n)) return;
        share += typeof n.match === 'number' ? n.match : BUCKET_DEFAULTS.match;
        // Overlapping filters for one event type are refused by S3 (https://repost.aws/knowledge-center/lambda-s3-event-configuration-error).
        if (share > 1 + 1e-9) {
          ctx.issues.push(
            customIssue('filters that do not overlap: match shares adding up to at most 1 (S3 refuses overlapping prefix/suffix filters; fan out through an SNS topic or EventBridge)', n.match ?? BUCKET_DEFAULTS.match, { found: `shares adding up to ${+share.toFixed(6)}` }, ['buckets', name, 'notifications', i, 'match']),
          );
          share = -Infinity;
        }
      });
    }
  },
  checkMapping: (_s, { m, path }, ctx) => {
    ctx.issues.push(customIssue('a queue or a stream: a bucket pushes its notifications (list the function under the bucket)', m.source, {}, [...path, 'source']));
  },
};
