/**
 * A sweep whose answer is known by arithmetic: constant arrivals (1/s for 10 minutes, at t = 0, 1,
 * ..., 599 s), a constant 1 s duration measured at 1024 MB, half of it CPU-bound, INIT 100 ms.
 * At memory M the duration is 0.5 s + 0.5 s × 1024 / M (lambda-behavior.md 2.3, linear below 3008 MB):
 *   512 MB: 1.5 s; the call at 1 s finds the first environment busy (cold: 0.1 + 1.5 s): 2 cold
 *     starts; the call at 599 s is still running at 600 s: 599 invocations.
 *     Billed 599 × 1500 + 2 × 100 = 898,700 ms × 0.5 GB = 449.35 GB-s.
 *   1024 MB: 1.0 s; 2 cold starts (the first ends at 1.1 s); the call at 599 s ends at 600 s,
 *     still in flight: 599 invocations. Billed 599 × 1000 + 200 = 599,200 ms × 1 GB = 599.2 GB-s.
 *   2048 MB: 0.75 s; one environment (the first call ends at 0.85 s); 600 invocations.
 *     Billed 600 × 750 + 100 = 450,100 ms × 2 GB = 900.2 GB-s.
 * Cost = invocations × $0.20 / 1M + GB-s × $0.0000166667 (us-east-1 x86_64, first band).
 * With `api.latency.p99 < 1200ms`, 512 MB (p99 1.5 s) breaks the line: the cheapest point meeting
 * it is 1024 MB, the fastest 2048 MB; balanced scores both 0.5 (each is best on one axis), and the
 * tie goes to grid order: 1024 MB.
 */
import { describe, expect, it } from 'vitest';
import { runSweep, type SweepRequest } from '../src/whatif/sweep.js';
import { inlineExecutor, runTask, type Executor, type Outcome } from '../src/whatif/execute.js';
import { dimensionTitle, renderSweepCsv, renderSweepJson, renderSweepMd } from '../src/whatif/sweep-output.js';
import { renderSweepHtml } from '../src/whatif/sweep-html.js';
import { parseVary } from '../src/whatif/grid.js';
import { DETERMINISTIC } from './helpers/whatif-fixtures.js';


const simulator = { name: 'lambda-sim', version: 'test' };

function request(text: string, vary: string[], replications = 1): SweepRequest {
  return {
    source: { text, baseDir: '.', fileName: 'det.yaml' },
    overrides: [],
    dimensions: vary.map(parseVary),
    replications,
    pick: 'cheapest',
    simulator,
  };
}

const round8 = (x: number): number => Math.round(x * 1e8) / 1e8;

describe('a memory sweep of a deterministic scenario', () => {
  it('costs what arithmetic says and recommends 1024 MB', async () => {
    const result = await runSweep(request(DETERMINISTIC, ['functions.api.memorySize=512,1024,2048']), inlineExecutor);
    const expected = [
      { invocations: 599, gbs: 449.35 },
      { invocations: 599, gbs: 599.2 },
      { invocations: 600, gbs: 900.2 },
    ];
    result.points.forEach((p, i) => {
      const cost = p.result.entries.find((e) => e.name === 'api')!.metrics.cost!.mean;
      expect(cost).toBeCloseTo(round8(expected[i].invocations * 0.2e-6 + expected[i].gbs * 0.0000166667), 8);
      const perMonth = p.result.entries.find((e) => e.name === 'total')!.metrics.costPerMonth!.mean;
      // 10 minutes simulated, priced for the month from unrounded usage: within the period cost's rounding.
      expect(perMonth).toBeCloseTo((cost * 30 * 24 * 60) / 10, 3);
    });
    expect(result.points.map((p) => p.result.meetsAll)).toEqual([false, true, true]);
    expect(result.recommendation).toEqual({ cheapest: 1, fastest: 2, balanced: 1 });
    expect(result.notes).toEqual([]);
    const md = renderSweepMd(result);
    expect(md).toMatch(/\*\*Recommended\*\* \(cheapest[^)]*\): point 2, functions.api.memorySize = 1024/);
    expect(md).toMatch(/\| 1 \| 512 \| api \|.*\| no \(1 broken\) \|/);
  });

  it('writes a row per point and function with the varied values and each expect line', async () => {
    const result = await runSweep(request(DETERMINISTIC, ['functions.api.memorySize=512,2048']), inlineExecutor);
    const lines = renderSweepCsv(result).trim().split('\n');
    expect(lines[0]).toBe(
      'point,functions.api.memorySize,function,cost_usd,cost_per_month_usd,latency_p50_ms,latency_p99_ms,throttles,cold_starts,errors,meets_all_expect,expect: api.latency.p99 < 1200ms',
    );
    expect(lines).toHaveLength(5); // 2 points × (api, total)
    expect(lines[1]).toMatch(/^1,512,api,0\.00760898,/);
    expect(lines[1]).toMatch(/,false,false$/);
    expect(lines[2]).toMatch(/^1,512,total,0\.00760898,[\d.]+,,,0,2,0,false,false$/);
    const json = JSON.parse(renderSweepJson(result));
    expect(json.recommendation.cheapest).toEqual({ point: 2, values: { 'functions.api.memorySize': 2048 } });
    expect(json.points[0].functions.api.coldStarts).toEqual({ mean: 2, ci95: null });
  });

  it('exits with no recommendation when no point meets every line', async () => {
    const text = DETERMINISTIC.replace('< 1200ms', '< 700ms');
    const result = await runSweep(request(text, ['functions.api.memorySize=512,1024']), inlineExecutor);
    expect(result.recommendation).toEqual({ cheapest: null, fastest: null, balanced: null });
    expect(renderSweepMd(result)).toMatch(/No point meets every expect line \(1 line\): no recommendation\./);
  });

  it('says when memory is swept on a function with no cpuBound share', async () => {
    const text = DETERMINISTIC.replace('    cpuBound: 0.5\n', '');
    const result = await runSweep(request(text, ['functions.api.memorySize=512,1024']), inlineExecutor);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(/function api has no cpuBound share: .* memory changes only its price/);
    // Memory then changes the bill, not the time.
    expect(result.points[0].result.entries[0].metrics.p99!.mean).toBe(result.points[1].result.entries[0].metrics.p99!.mean);
  });
});

describe('outputs do not depend on the order runs finish in', () => {
  it('gives the same bytes when the executor runs tasks last-first', async () => {
    const reversed: Executor = async (tasks) => {
      const out = new Array<Outcome>(tasks.length);
      for (let i = tasks.length - 1; i >= 0; i--) out[i] = await runTask({ simulator }, tasks[i]);
      return out;
    };
    const text = DETERMINISTIC.replace('constant, rate: 1/s', 'poisson, rate: 2/s');
    const req = request(text, ['functions.api.memorySize=512,1024', 'functions.api.architecture=x86_64,arm64'], 3);
    const a = await runSweep(req, inlineExecutor);
    const b = await runSweep(req, () => reversed);
    expect(renderSweepJson(b)).toBe(renderSweepJson(a));
    expect(renderSweepCsv(b)).toBe(renderSweepCsv(a));
    expect(await renderSweepHtml(b)).toBe(await renderSweepHtml(a));
    // Replications: intervals, and the same derived seeds at every point.
    expect(a.points[0].result.seeds).toHaveLength(3);
    expect(a.points[3].result.seeds).toEqual(a.points[0].result.seeds);
    expect(a.points[0].result.entries[0].metrics.p99!.half).not.toBeNull();
    expect(renderSweepMd(a)).toMatch(/judged on the 95% interval/);
  });
});

describe('sweep column titles', () => {
  it('say what a dimension is when its last key alone does not', () => {
    expect(dimensionTitle('functions.api.memorySize')).toBe('memorySize');
    expect(dimensionTitle('functions.checkout.aliases.live.weights.2')).toBe('live weight v2');
    expect(dimensionTitle('functions.checkout.versions.2.memorySize')).toBe('v2 memorySize');
  });
});
