/**
 * The memory at which a function's `duration` was measured, when the scenario does not say
 * (`durationMemorySize`).
 *
 * scenario-format.md: `duration` is the execution time "at this memorySize". We read "this" as the
 * memorySize written in the scenario file, before any `--set`: so
 * `--set functions.api.memorySize=2048` on a file that says 1024 asks "what if this function, measured
 * at 1024 MB, ran at 2048 MB?", and its CPU-bound share (`cpuBound`) scales by the CPU ratio, as
 * Lambda Power Tuning users see. A function the file does not define (added by `--set`) was measured
 * at its own memorySize. Only functions with `cpuBound` above 0 get the key (it changes nothing
 * otherwise).
 */
import { nameMap } from './schema.js';
import { DEFAULTS, LIMITS } from './defaults.js';
import type { Scenario } from './schema.js';

/** The memorySize the file gives a function (its default if absent), or undefined when unusable. */
function fileMemorySize(raw: unknown, name: string): number | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const functions = (raw as Record<string, unknown>).functions;
  if (typeof functions !== 'object' || functions === null || !Object.hasOwn(functions, name)) return undefined;
  const fn = (functions as Record<string, unknown>)[name];
  if (typeof fn !== 'object' || fn === null) return undefined;
  const memory = (fn as Record<string, unknown>).memorySize;
  if (memory === undefined) return DEFAULTS.function.memorySize;
  const ok = Number.isInteger(memory) && (memory as number) >= LIMITS.memorySize.min && (memory as number) <= LIMITS.memorySize.max;
  return ok ? (memory as number) : undefined;
}

/**
 * Fill `durationMemorySize` of CPU-bound functions from the file's memorySize (`raw` is the parsed
 * YAML before overrides).
 */
export function withReferenceMemory(scenario: Scenario, raw: unknown): Scenario {
  let changed = false;
  const functions: Scenario['functions'] = nameMap({});
  for (const [name, fn] of Object.entries(scenario.functions)) {
    if (fn.cpuBound > 0 && fn.durationMemorySize === undefined) {
      functions[name] = { ...fn, durationMemorySize: fileMemorySize(raw, name) ?? fn.memorySize };
      changed = true;
    } else {
      functions[name] = fn;
    }
  }
  return changed ? { ...scenario, functions } : scenario;
}
