/** Lambda@Edge: its prices (lambda-behavior.md oracle 8) and the limits a trigger's function must meet. */
import { describe, expect, it } from 'vitest';
import { edgeCharge, edgeInvoice } from '../src/billing/edge.js';
import { roundCents } from '../src/billing/index.js';
import { edgeLimitIssues, type EdgeFunctionView } from '../src/scenario/edge-limits.js';

describe('Lambda@Edge billing', () => {
  it('oracle 8: 10M requests x 10 ms at 128 MB = 100,000 128MB-s ($0.63) + requests $6.00 = $6.63', () => {
    const c = edgeCharge({ trigger: 'viewer-request', function: 'f', memoryMb: 128, requests: 10_000_000, billedMs: 10_000_000 * 10 });
    expect(c.units128MbSeconds).toBe(100_000);
    expect(roundCents(c.durationCost)).toBe(0.63);
    expect(roundCents(c.requestsCost)).toBe(6);
    expect(edgeInvoice([c]).totalCents).toBe(6.63);
  });

  it('bills memory in units of 128 MB, per trigger', () => {
    const { lines, totalCents } = edgeInvoice([
      { trigger: 'viewer-request', function: 'auth', memoryMb: 128, requests: 1_000_000, billedMs: 1_000_000 * 2 },
      { trigger: 'origin-request', function: 'rewrite', memoryMb: 512, requests: 100_000, billedMs: 100_000 * 50 },
    ]);
    // auth: $0.60 + 2,000 s x 1 unit x $0.00000625125 = $0.0125025 (0.01); rewrite: $0.06 + 5,000 s x 4 units = 20,000 x $0.00000625125 = $0.125025 (0.13)
    expect(lines.map((l) => l.units128MbSeconds)).toEqual([2_000, 20_000]);
    expect(lines[1].durationCost).toBeCloseTo(0.125025, 12);
    expect(totalCents).toBe(roundCents(0.6 + 0.01 + 0.06 + 0.13));
  });
});

describe('Lambda@Edge limits', () => {
  const ok: EdgeFunctionView = { runtime: 'nodejs20.x', architecture: 'x86_64', memorySize: 128, timeout: 5_000_000, ephemeralStorage: 512 };

  it('a viewer function: 128 MB and 5 s at most; an origin function: 30 s and Lambda memory', () => {
    expect(edgeLimitIssues('viewer-request', ok)).toEqual([]);
    expect(edgeLimitIssues('viewer-response', { ...ok, memorySize: 256, timeout: 6_000_000 }).map((i) => i.key)).toEqual(['memorySize', 'timeout']);
    expect(edgeLimitIssues('origin-request', { ...ok, memorySize: 10_240, timeout: 30_000_000 })).toEqual([]);
    expect(edgeLimitIssues('origin-response', { ...ok, timeout: 31_000_000 })[0]).toEqual({ key: 'timeout', expected: 'at most 30s for a Lambda@Edge origin-response function' });
  });

  it('refuses other runtimes, arm64, images, provisioned concurrency, layers, large /tmp and packages', () => {
    const bad = { ...ok, runtime: 'java21', architecture: 'arm64', packageType: 'image', provisionedConcurrency: 5, layers: ['x'], ephemeralStorage: 1024, packageSizeMb: 2 };
    expect(edgeLimitIssues('viewer-request', bad).map((i) => i.key)).toEqual([
      'runtime', 'architecture', 'ephemeralStorage', 'packageType', 'provisionedConcurrency', 'layers', 'packageSizeMb',
    ]);
    expect(edgeLimitIssues('origin-request', { ...ok, runtime: 'python3.12', packageSizeMb: 50 })).toEqual([]);
  });
});
