/**
 * summary.json's memory-used and stage entries of a function (issue #15): Max Memory Used in MB,
 * and the final answers' latency split into stages (src/model/stages.ts), us -> ms.
 */
import type { MemoryUse } from '../model/memory-use.js';
import { STAGE_NAMES, type StagesResult } from '../model/stages.js';
import type { MemorySummary, StageSummary, StagesSummary } from './summary-types.js';
import { fraction, integer, roundTo, usToMs } from './format-number.js';

/** Max Memory Used statistics (MB); null statistics when no invocation ended. */
export function summarizeMemory(m: MemoryUse, field: string): MemorySummary {
  if (m.count === 0) return { samples: 0, mean: null, p50: null, p90: null, p99: null, max: null };
  const q = (p: number, name: string) => integer(m.quantile(p), `${field}.${name}`);
  return {
    samples: integer(m.count, `${field}.samples`),
    mean: roundTo(m.mean(), 2, `${field}.mean`),
    p50: q(0.5, 'p50'),
    p90: q(0.9, 'p90'),
    p99: q(0.99, 'p99'),
    max: integer(m.max, `${field}.max`),
  };
}

/** The stages in report units: means and p99s in ms (3 decimals), tail shares as 6-decimal fractions. */
export function summarizeStages(s: StagesResult, field: string): StagesSummary {
  const stage = (name: (typeof STAGE_NAMES)[number]): StageSummary => {
    const st = s.stages[name];
    return {
      meanMs: usToMs(st.meanUs, `${field}.${name}.meanMs`),
      p99Ms: usToMs(st.p99Us, `${field}.${name}.p99Ms`),
      tailShare: fraction(st.tailShare, `${field}.${name}.tailShare`),
    };
  };
  return {
    requests: integer(s.requests, `${field}.requests`),
    meanMs: usToMs(s.meanUs, `${field}.meanMs`),
    tailFromMs: usToMs(s.tailFromUs, `${field}.tailFromMs`),
    tailRequests: integer(s.tailRequests, `${field}.tailRequests`),
    queueWait: stage('queueWait'),
    serviceOverhead: stage('serviceOverhead'),
    init: stage('init'),
    execution: stage('execution'),
    retryWait: stage('retryWait'),
  };
}
