/**
 * What every model component is built with: the kernel, the seeded random streams and the report
 * hooks. Observers reach a component one way only, through this context in its constructor, so a
 * component never needs a setter or an `observe()` call after it is built.
 */
import type { Kernel } from '../kernel/kernel.js';
import type { RandomStreams } from '../kernel/random.js';
import type { InvocationObserver } from './observer.js';

export interface ModelContext {
  readonly kernel: Kernel;
  readonly randoms: RandomStreams;
  /** Per-invocation report hooks; null when no report needs them (the hot path then pays nothing). */
  readonly observer: InvocationObserver | null;
}
