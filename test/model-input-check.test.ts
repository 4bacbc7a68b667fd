/** The model takes a fully defaulted input and refuses a partial one (issue #10, seam 4). */
import { describe, expect, it } from 'vitest';
import { simulate } from '../src/model/simulate.js';
import { IncompleteInputError } from '../src/model/input-check.js';
import type { FunctionInput, SimulationInput } from '../src/model/input.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { fn, S, scenario, sync } from './helpers/model-input.js';

const refusal = (input: SimulationInput): IncompleteInputError => {
  try {
    simulate(input);
  } catch (e) {
    if (e instanceof IncompleteInputError) return e;
    throw e;
  }
  throw new Error('expected an IncompleteInputError');
};

describe('an input without its defaults is refused', () => {
  it('names every missing field, with its path', () => {
    const { init: _i, cpuBound: _c, ...partial } = fn();
    const input = scenario({ duration: S, functions: { api: partial as FunctionInput }, workloads: [sync('api', { process: 'constant', rate: 1 })] });
    const { account: _a, ...noAccount } = input;
    expect(refusal(noAccount as SimulationInput).missing).toEqual(['account', 'functions.api.init', 'functions.api.cpuBound']);
    expect(refusal(input).message).toMatch(/fully defaulted input .* missing: functions\.api\.init, functions\.api\.cpuBound$/);
  });

  it('what the scenario schema produces is complete', () => {
    const text = ['name: m', 'duration: 1s', 'functions:', '  api: { duration: 10ms }', 'workloads:', '  - { function: api, arrivals: { process: constant, rate: 2/s }, clientRetries: {} }', ''];
    expect(simulate(parseScenarioText(text.join('\n'), 'm.yaml')).functions[0].invocations).toBe(2);
  });
});
