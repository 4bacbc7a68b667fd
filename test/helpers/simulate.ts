/**
 * The simulation entry points for tests, with the conservation identities checked after every run
 * (design.md: "Check it at the end of every run in tests"). A broken identity fails the test with
 * the numbers, whatever else the test asserts.
 */
import { expect } from 'vitest';
import { Simulation, simulate as simulateUnchecked } from '../../src/model/simulate.js';
import { checkInvariants } from '../../src/model/invariants.js';
import type { SimulationInput } from '../../src/model/input.js';
import type { Results } from '../../src/model/results.js';

export { Simulation };

/** Fails the current test when a conservation identity is broken; returns `results`. */
export function conserved(results: Results): Results {
  expect(checkInvariants(results), 'conservation identities').toStrictEqual([]);
  return results;
}

/** `simulate` with the identities checked. */
export function simulate(input: SimulationInput): Results {
  return conserved(simulateUnchecked(input));
}

/** `simulation.results()` with the identities checked. */
export function checkedResults(simulation: Simulation): Results {
  return conserved(simulation.results());
}
