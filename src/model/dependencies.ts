/**
 * The scenario's downstream dependencies (`dependencies:`): a connection pool per database, a
 * token bucket per table, each with its time-series probe, and the DependencyUser of every
 * function that names some in `uses` (docs/front-doors.md "Downstream dependencies").
 */
import type { ModelContext } from './context.js';
import { ConnectionPool } from './dependency-pool.js';
import { RateLimitedTable } from './dependency-table.js';
import { DependencyUser, type DependencyUserHost, type PoolUse, type TableUse } from './dependency-user.js';
import type { FunctionInput, SimulationInput } from './input.js';
import type { DependencyResults } from './results.js';

/** The results section (and time-series kind) of dependencies. */
export const DEPENDENCIES_SECTION = 'dependencies';

export class Dependencies {
  private readonly byName = new Map<string, ConnectionPool | RateLimitedTable>();

  constructor(
    private readonly ctx: ModelContext,
    private readonly input: SimulationInput,
  ) {
    let index = 0;
    for (const [name, config] of Object.entries(input.dependencies ?? {})) {
      const probe = ctx.observer?.source?.(DEPENDENCIES_SECTION, index++) ?? null;
      this.byName.set(
        name,
        config.type === 'database'
          ? new ConnectionPool(ctx.kernel, config.proxy?.connections ?? config.connections, probe)
          : new RateLimitedTable(config.rate, config.burst, probe),
      );
    }
  }

  /** The user of function `config`'s dependencies, or null when it uses none (its hot path then skips them). */
  userFor(host: DependencyUserHost, fn: string, config: FunctionInput): DependencyUser | null {
    const uses = config.uses ?? [];
    if (uses.length === 0) return null;
    let poolUse: PoolUse | null = null;
    let tableUse: TableUse | null = null;
    for (const use of uses) {
      const dep = this.byName.get(use.dependency);
      if (dep === undefined) throw new Error(`function ${fn}: no dependency ${use.dependency} under dependencies`);
      if (dep instanceof ConnectionPool) {
        if (poolUse !== null) throw new Error(`function ${fn}: uses more than one database`);
        const db = this.input.dependencies![use.dependency];
        const limit = db.type === 'database' ? db.acquireTimeout : undefined;
        const waitEndsInTimeout = limit === undefined || limit >= config.timeout;
        const maxWaitUs = use.onExhausted === 'error' ? 0 : waitEndsInTimeout ? config.timeout : limit;
        poolUse = { pool: dep, hold: use.hold, maxWaitUs, waitEndsInTimeout };
      } else {
        if (tableUse !== null) throw new Error(`function ${fn}: uses more than one table`);
        tableUse = { table: dep, calls: use.calls, wait: use.onThrottled === 'wait' };
      }
    }
    return new DependencyUser(this.ctx.kernel, host, config.timeout, poolUse, tableUse);
  }

  warmupEnded(now: number): void {
    for (const dep of this.byName.values()) {
      if (dep instanceof ConnectionPool) dep.warmupEnded(now);
      else dep.warmupEnded();
    }
  }

  /** Each dependency's results at `endUs`, in scenario order (absent when the scenario has none). */
  results(endUs: number): { dependencies?: DependencyResults[] } {
    if (this.byName.size === 0) return {};
    const out: DependencyResults[] = [];
    for (const [name, dep] of this.byName) {
      if (dep instanceof ConnectionPool) {
        const config = this.input.dependencies![name];
        out.push({
          name,
          type: 'database',
          connections: dep.capacity,
          proxied: config.type === 'database' && config.proxy !== undefined,
          acquired: dep.acquired,
          released: dep.released,
          heldAtStart: dep.heldAtStart,
          heldAtEnd: dep.inUse.value,
          waitingAtEnd: dep.waiting.value,
          waited: dep.waited,
          refused: dep.refused,
          gaveUp: dep.gaveUp,
          inUseMean: dep.inUse.mean(endUs),
          inUseMax: dep.inUse.max,
          waitingMax: dep.waiting.max,
          wait: dep.waits,
        });
      } else {
        out.push({
          name,
          type: 'table',
          rate: dep.bucket.rate,
          burst: dep.bucket.burst,
          calls: dep.calls,
          admitted: dep.admitted,
          throttled: dep.throttled,
          delayed: dep.delayed,
          delay: dep.delays,
        });
      }
    }
    return { dependencies: out };
  }
}
