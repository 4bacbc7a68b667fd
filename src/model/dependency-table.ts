/**
 * A request-rate-limited downstream table (docs/front-doors.md "Downstream dependencies"), such as
 * a DynamoDB table in provisioned mode: a token bucket (rate-bucket.ts) of calls per second. Each
 * invocation makes its `calls` when its handler starts; a call without a token is throttled. The
 * invocation either fails (`onThrottled: error`: the SDK gave up) or waits its turn in the bucket
 * (`wait`: the SDK retries until admitted; its duration grows by the wait).
 */
import { Histogram } from '../metrics/histogram.js';
import { COL_REJECTIONS } from './dependency-pool.js';
import type { SourceProbe } from './observer.js';
import { RateBucket } from './rate-bucket.js';

export class RateLimitedTable {
  readonly bucket: RateBucket;
  /** Calls made, admitted at once, throttled (error mode), admitted after a wait (wait mode). */
  calls = 0;
  admitted = 0;
  throttled = 0;
  delayed = 0;
  /** Per invocation that waited (wait mode): the wait (us) for its last call's token. */
  readonly delays = new Histogram();
  private readonly probe: SourceProbe | null;

  constructor(rate: number, burst: number, probe: SourceProbe | null) {
    this.bucket = new RateBucket(rate, burst);
    this.probe = probe;
  }

  /** `n` calls now that fail when throttled: returns the number throttled. */
  callOrFail(now: number, n: number): number {
    let refused = 0;
    for (let i = 0; i < n; i++) {
      if (this.bucket.hasToken(now)) this.bucket.take();
      else refused++;
    }
    this.calls += n;
    this.admitted += n - refused;
    if (refused > 0) {
      this.throttled += refused;
      if (this.probe !== null) this.probe.record(now, COL_REJECTIONS, this.throttled);
    }
    return refused;
  }

  /** `n` calls now that wait for their tokens: returns the us until the last one is admitted. */
  callAndWait(now: number, n: number): number {
    let waitUs = 0;
    for (let i = 0; i < n; i++) {
      const w = this.bucket.reserve(now);
      if (w > 0) this.delayed++;
      waitUs = w;
    }
    this.calls += n;
    this.admitted += n;
    if (waitUs > 0) this.delays.record(waitUs);
    return waitUs;
  }

  warmupEnded(): void {
    this.calls = this.admitted = this.throttled = this.delayed = 0;
    this.delays.reset();
  }
}
