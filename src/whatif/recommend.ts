/**
 * The recommendation of a sweep, among the points that meet every `expect` line:
 * - cheapest: lowest mean account cost (ties: lower p99, then grid order);
 * - fastest: lowest p99, the slowest function's mean p99 latency (ties: lower cost, then grid order);
 * - balanced: lowest BALANCED_WEIGHTS.cost × cost' + BALANCED_WEIGHTS.p99 × p99', where x' is x
 *   rescaled to 0..1 between the cheapest (fastest) and dearest (slowest) feasible point, as
 *   AWS Lambda Power Tuning's "balanced" strategy weighs the two (ties: grid order).
 */
import { nearlyEqual } from '../report/expectations.js';
import type { PickStrategy } from '../scenario/sweep-schema.js';
import { metricOf, worstP99, type VariantResult } from './aggregate.js';

/** The stated weighting of the balanced pick. */
export const BALANCED_WEIGHTS = { cost: 0.5, p99: 0.5 } as const;

/** The index of the point each strategy picks, or null when no point meets every line. */
export type Recommendation = Record<PickStrategy, number | null>;

/** What ranking needs of a point. */
interface Ranked {
  index: number;
  cost: number;
  p99: number;
}

/** Compare by the given keys in order; nearly equal floats count as equal. */
function byKeys(...keys: ((r: Ranked) => number)[]) {
  return (a: Ranked, b: Ranked): number => {
    for (const key of keys) {
      const [x, y] = [key(a), key(b)];
      if (!nearlyEqual(x, y)) return x < y ? -1 : 1;
    }
    return a.index - b.index;
  };
}

/** Pick the points (indices into `points`) by each strategy. */
export function recommend(points: readonly VariantResult[]): Recommendation {
  const feasible: Ranked[] = [];
  points.forEach((p, index) => {
    if (p.meetsAll) feasible.push({ index, cost: metricOf(p, 'total', 'cost')?.mean ?? 0, p99: worstP99(p) });
  });
  if (feasible.length === 0) return { cheapest: null, fastest: null, balanced: null };
  const first = (compareFn: (a: Ranked, b: Ranked) => number): number => [...feasible].sort(compareFn)[0].index;
  const span = (key: (r: Ranked) => number): [number, number] => {
    const values = feasible.map(key);
    return [Math.min(...values), Math.max(...values)];
  };
  const [cLo, cHi] = span((r) => r.cost);
  const [pLo, pHi] = span((r) => r.p99);
  const scale = (x: number, lo: number, hi: number): number => (hi > lo ? (x - lo) / (hi - lo) : 0);
  const score = (r: Ranked): number => BALANCED_WEIGHTS.cost * scale(r.cost, cLo, cHi) + BALANCED_WEIGHTS.p99 * scale(r.p99, pLo, pHi);
  return {
    cheapest: first(byKeys((r) => r.cost, (r) => r.p99)),
    fastest: first(byKeys((r) => r.p99, (r) => r.cost)),
    balanced: first(byKeys(score)),
  };
}

/** How each strategy is described in the outputs. */
export const STRATEGY_TEXT: Record<PickStrategy, string> = {
  cheapest: 'cheapest: lowest mean account cost',
  fastest: 'fastest: lowest p99 of the slowest function',
  balanced: `balanced: lowest ${BALANCED_WEIGHTS.cost} × cost + ${BALANCED_WEIGHTS.p99} × p99, each rescaled 0..1`,
};
