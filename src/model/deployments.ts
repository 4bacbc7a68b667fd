/**
 * The scenario's deployments (deployment-controller.ts), built on the simulation's aliases and
 * version instances, and the routers that stand for `$LATEST` while an update's old and new code
 * both serve. Empty, and costing nothing, when the scenario has none.
 */
import type { ModelContext } from './context.js';
import { AliasRouter } from './alias-router.js';
import { DeploymentController, type PricedDeploymentResults } from './deployment-controller.js';
import type { FunctionModel } from './function-model.js';
import type { SimulationInput } from './input.js';
import type { InvokeTarget } from './invoke-target.js';

/** How the deployments find what they drive (Simulation.alias / versionOf / functionNamed). */
export interface DeploymentLookup {
  alias(fn: string, name: string): AliasRouter | undefined;
  versionOf(fn: string, version: string): FunctionModel | undefined;
  functionNamed(name: string): FunctionModel | undefined;
}

/** The alias name an update's deployment drives: the unqualified function. */
export const LATEST = '$LATEST';

export class Deployments {
  private readonly all: { c: DeploymentController; to: FunctionModel }[] = [];
  private readonly initBilled: boolean;
  /** Per updated function: the router its unqualified name stands for (callers invoke it instead). */
  readonly latestRouters = new Map<string, AliasRouter>();

  constructor(ctx: ModelContext, input: SimulationInput, lookup: DeploymentLookup) {
    this.initBilled = input.billing.billInit;
    const updated = new Map<string, Map<string, FunctionModel>>();
    for (const u of Object.values(input.updates ?? {})) {
      let own = updated.get(u.function);
      if (own === undefined) {
        own = new Map([[u.function, lookup.functionNamed(u.function)!]]);
        updated.set(u.function, own);
      }
      own.set(u.instance, lookup.functionNamed(u.instance)!);
    }
    for (const [fn, own] of updated) {
      this.latestRouters.set(fn, new AliasRouter(ctx, fn, LATEST, own, { primary: fn, secondary: null, weight: 0 }));
    }
    for (const d of input.deployments ?? []) {
      const where = `deployment of ${d.function}:${d.alias} to ${d.to}`;
      const latest = d.alias === LATEST;
      const router = latest ? this.latestRouters.get(d.function) : lookup.alias(d.function, d.alias);
      if (router === undefined) throw new Error(`${where}: no alias ${d.function}:${d.alias}`);
      const find = (v: string) => (latest ? lookup.functionNamed(v) : lookup.versionOf(d.function, v));
      const from = find(d.from);
      const to = find(d.to);
      if (from === undefined || to === undefined) throw new Error(`${where}: no version ${from === undefined ? d.from : d.to}`);
      const c = new DeploymentController(ctx.kernel, d, router, from, to);
      // Deployments come in time order: the last one of this alias so far is the one before.
      const same = this.all.filter(({ c: p }) => p.input.function === d.function && p.input.alias === d.alias);
      if (same.length > 0) c.after(same[same.length - 1].c);
      c.begin();
      this.all.push({ c, to });
    }
  }

  /** Give each deployment its hook functions, from every invocation target by name (before the run). */
  connectHooks(targets: ReadonlyMap<string, InvokeTarget>): void {
    for (const { c } of this.all) {
      const hooks = c.input.hooks;
      if (hooks === undefined) continue;
      const find = (name: string | undefined) => {
        if (name === undefined) return null;
        const target = targets.get(name);
        if (target === undefined) throw new Error(`deployment of ${c.input.function}:${c.input.alias}: no hook function ${name}`);
        return target;
      };
      c.connectHooks(find(hooks.preTraffic), find(hooks.postTraffic));
    }
  }

  warmupEnded(now: number): void {
    for (const { c } of this.all) c.warmupEnded(now);
  }

  /** Results in scenario order; empty without deployments. */
  results(endUs: number): PricedDeploymentResults[] {
    return this.all.map(({ c, to }) => ({ ...c.results(endUs), memoryMb: to.config.memorySize, architecture: to.config.architecture, initBilled: this.initBilled }));
  }
}
