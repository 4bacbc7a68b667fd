/**
 * Prices of the event producers in front of Lambda that bill per request (us-east-1). Each names its
 * source; the figures are as quoted by the pages named, not re-read from an AWS price list API.
 *
 * - S3 PUT requests (S3 Standard): $0.005 per 1,000 PUT, COPY, POST or LIST requests
 *   (https://aws.amazon.com/s3/pricing/, "Requests & data retrievals"; the figure as quoted by
 *   https://c3x.dev/blog/s3-request-fees-explained). S3 event notifications themselves have no
 *   line on that page: S3 charges nothing to send them; the destination (Lambda, SNS, SQS,
 *   EventBridge) bills its own side.
 * - EventBridge custom events: $1.00 per million events published to a bus; events from AWS
 *   services are free (https://aws.amazon.com/eventbridge/pricing/; the figures as quoted by
 *   https://www.wring.co/blog/aws-eventbridge-pricing-guide and
 *   https://blog.awsfundamentals.com/aws-eventbridge-pricing-guide). Each 64 KB chunk of a larger
 *   event counts as one event; the simulator's events are taken as one chunk each.
 */

/** USD per S3 PUT request (S3 Standard). */
export const S3_PUT_USD = 0.005 / 1000;

/** USD per custom event published to an EventBridge bus. */
export const EVENTBRIDGE_EVENT_USD = 1.0 / 1_000_000;
