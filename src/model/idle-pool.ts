/**
 * Idle environments of one function, and the rule that picks which one a request reuses.
 *
 * AWS does not document which warm environment serves the next request; `environmentSelection`
 * makes it a scenario parameter (scenario-format.md). Each policy is a small structure with O(1) or
 * O(log n) take and remove, so reclaiming an arbitrary idle environment stays cheap.
 */
import { uniformInt, type Rng } from '../kernel/random.js';
import type { EnvironmentSelection } from './input.js';
import type { Environment } from './environment.js';
import { IntrusiveHeap } from './intrusive-heap.js';

/** A set of idle environments with a reuse policy. */
export interface IdlePool {
  readonly size: number;
  add(env: Environment): void;
  /** Remove and return the environment the policy picks, or null when empty. */
  take(): Environment | null;
  /** Remove a specific environment (it is being reclaimed). */
  remove(env: Environment): void;
}

/** Picks the environment that went idle last (LIFO): keeps a hot core warm, lets the tail age out. */
export class MostRecentPool implements IdlePool {
  size = 0;
  private head: Environment | null = null;
  private tail: Environment | null = null;

  add(env: Environment): void {
    env.prev = this.tail;
    env.next = null;
    if (this.tail) this.tail.next = env;
    else this.head = env;
    this.tail = env;
    this.size++;
  }

  take(): Environment | null {
    const env = this.tail;
    if (env) this.remove(env);
    return env;
  }

  remove(env: Environment): void {
    if (env.prev) env.prev.next = env.next;
    else this.head = env.next;
    if (env.next) env.next.prev = env.prev;
    else this.tail = env.prev;
    env.prev = env.next = null;
    this.size--;
  }
}

/** Binary heap on creation order: `newest` takes the largest id, `oldest` the smallest. */
export class CreationOrderPool implements IdlePool {
  private readonly heap: IntrusiveHeap<Environment>;

  constructor(policy: 'newest' | 'oldest') {
    const sign = policy === 'oldest' ? 1 : -1;
    this.heap = new IntrusiveHeap<Environment>(
      (a, b) => sign * (a.id - b.id) < 0,
      (e) => e.poolPos,
      (e, p) => {
        e.poolPos = p;
      },
    );
  }

  get size(): number {
    return this.heap.size;
  }

  add(env: Environment): void {
    this.heap.add(env);
  }

  take(): Environment | null {
    return this.heap.pop();
  }

  remove(env: Environment): void {
    this.heap.remove(env);
  }
}

/** Picks uniformly at random from a seeded stream. Unordered array with swap-remove. */
export class RandomPool implements IdlePool {
  private items: Environment[] = [];

  constructor(private readonly rng: Rng) {}

  get size(): number {
    return this.items.length;
  }

  add(env: Environment): void {
    env.poolPos = this.items.length;
    this.items.push(env);
  }

  take(): Environment | null {
    const n = this.items.length;
    if (n === 0) return null;
    const env = this.items[uniformInt(this.rng, n)];
    this.remove(env);
    return env;
  }

  remove(env: Environment): void {
    const items = this.items;
    const last = items.pop()!;
    if (last !== env) {
      items[env.poolPos] = last;
      last.poolPos = env.poolPos;
    }
    env.poolPos = -1;
  }
}

/** The pool for a policy; `rng` is used only by `random`. */
export function createIdlePool(policy: EnvironmentSelection, rng: Rng): IdlePool {
  switch (policy) {
    case 'most-recent':
      return new MostRecentPool();
    case 'newest':
    case 'oldest':
      return new CreationOrderPool(policy);
    case 'random':
      return new RandomPool(rng);
  }
}
