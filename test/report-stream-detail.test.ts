/** The stream line of summary.txt (stream-report.ts detail): pending records, and when work is stuck. */
import { describe, expect, it } from 'vitest';
import { STREAM_REPORT } from '../src/report/stream-report.js';
import type { StreamSummary } from '../src/report/summary-types.js';

function stream(records: number, processed: number, pendingAtEnd: number): StreamSummary {
  return { records, processed, lost: 0, failed: 0, pendingAtEnd, batches: 1, iteratorAge: { samples: 1, mean: 1, p50: 1, p99: 1, max: 1_770_000 } } as StreamSummary;
}

describe('stream detail line', () => {
  it('says nothing of pending records when none are left', () => {
    expect(STREAM_REPORT.detail('clicks', stream(100, 100, 0))).toBe('stream clicks: records 100, processed 100, lost 0, failed 0, iterator age max 29.5 min');
  });

  it('counts a few pending records without a warning', () => {
    expect(STREAM_REPORT.detail('clicks', stream(1000, 950, 50))).toContain('pending at the end 50, iterator age');
  });

  it("warns that the consumer's latency counts finished batches only when a tenth or more is pending", () => {
    const line = STREAM_REPORT.detail('clicks', stream(200_000, 33_420, 166_580));
    expect(line).toContain("pending at the end 166,580 (83% of the records: the consumer's latency counts finished batches only)");
  });
});
