/**
 * The scenario's deployments (deployment-controller.ts), built on the simulation's aliases and
 * version instances. Empty, and costing nothing, when the scenario has none.
 */
import type { Kernel } from '../kernel/kernel.js';
import type { AliasRouter } from './alias-router.js';
import { DeploymentController, type DeploymentInput, type DeploymentResults } from './deployment-controller.js';
import type { FunctionModel } from './function-model.js';

/** How the deployments find what they drive (Simulation.alias / versionOf). */
export interface DeploymentLookup {
  alias(fn: string, name: string): AliasRouter | undefined;
  versionOf(fn: string, version: string): FunctionModel | undefined;
}

export class Deployments {
  private readonly all: DeploymentController[] = [];

  constructor(kernel: Kernel, inputs: readonly DeploymentInput[], lookup: DeploymentLookup) {
    for (const d of inputs) {
      const where = `deployment of ${d.function}:${d.alias} to ${d.to}`;
      const router = lookup.alias(d.function, d.alias);
      if (router === undefined) throw new Error(`${where}: no alias ${d.function}:${d.alias}`);
      const from = lookup.versionOf(d.function, d.from);
      const to = lookup.versionOf(d.function, d.to);
      if (from === undefined || to === undefined) throw new Error(`${where}: no version ${from === undefined ? d.from : d.to}`);
      const c = new DeploymentController(kernel, d, router, from, to);
      c.begin();
      this.all.push(c);
    }
  }

  warmupEnded(now: number): void {
    for (const c of this.all) c.warmupEnded(now);
  }

  /** Results in scenario order; empty without deployments. */
  results(endUs: number): DeploymentResults[] {
    return this.all.map((c) => c.results(endUs));
  }
}
