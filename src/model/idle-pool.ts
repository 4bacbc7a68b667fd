/**
 * Idle environments of one function, and the rule that picks which one a request reuses.
 *
 * AWS does not document which warm environment serves the next request; `environmentSelection`
 * makes it a scenario parameter (scenario-format.md). Each policy is a small structure with O(1) or
 * O(log n) take and remove, so reclaiming an arbitrary idle environment stays cheap.
 */
import { uniformInt, type Rng } from '../kernel/random.js';
import type { EnvironmentSelection } from './input.js';
import { Field, INT_ROW, IntField } from './environment.js';
import type { Environments } from './environments.js';
import { IntrusiveHeap } from './intrusive-heap.js';

/** A set of idle environments (slots) with a reuse policy. */
export interface IdlePool {
  readonly size: number;
  add(slot: number): void;
  /** Remove and return the slot the policy picks, or -1 when empty. */
  take(): number;
  /** Remove a specific environment (it is being reclaimed). */
  remove(slot: number): void;
}

/**
 * Picks the environment that went idle last (LIFO): keeps a hot core warm, lets the tail age out.
 * A doubly linked list through the rows' Prev and Next fields (slots).
 */
export class MostRecentPool implements IdlePool {
  size = 0;
  private head = -1;
  private tail = -1;

  constructor(private readonly envs: Environments) {}

  add(slot: number): void {
    const ints = this.envs.ints;
    const tail = this.tail;
    ints[slot * INT_ROW + IntField.Prev] = tail;
    ints[slot * INT_ROW + IntField.Next] = -1;
    if (tail >= 0) ints[tail * INT_ROW + IntField.Next] = slot;
    else this.head = slot;
    this.tail = slot;
    this.size++;
  }

  take(): number {
    const slot = this.tail;
    if (slot >= 0) this.remove(slot);
    return slot;
  }

  remove(slot: number): void {
    const ints = this.envs.ints;
    const o = slot * INT_ROW;
    const prev = ints[o + IntField.Prev];
    const next = ints[o + IntField.Next];
    if (prev >= 0) ints[prev * INT_ROW + IntField.Next] = next;
    else this.head = next;
    if (next >= 0) ints[next * INT_ROW + IntField.Prev] = prev;
    else this.tail = prev;
    ints[o + IntField.Prev] = -1;
    ints[o + IntField.Next] = -1;
    this.size--;
  }
}

/** Binary heap on creation order: `newest` takes the largest id, `oldest` the smallest. */
export class CreationOrderPool implements IdlePool {
  private readonly heap: IntrusiveHeap;

  constructor(envs: Environments, policy: 'newest' | 'oldest') {
    this.heap = new IntrusiveHeap(envs, IntField.PoolPos, policy === 'oldest' ? olderFirst : newerFirst);
  }

  get size(): number {
    return this.heap.size;
  }

  add(slot: number): void {
    this.heap.add(slot);
  }

  take(): number {
    return this.heap.pop();
  }

  remove(slot: number): void {
    this.heap.remove(slot);
  }
}

function olderFirst(rows: Float64Array, a: number, b: number): boolean {
  return rows[a + Field.Id] < rows[b + Field.Id];
}

function newerFirst(rows: Float64Array, a: number, b: number): boolean {
  return rows[a + Field.Id] > rows[b + Field.Id];
}

/** Picks uniformly at random from a seeded stream. Unordered array of slots with swap-remove. */
export class RandomPool implements IdlePool {
  size = 0;
  private items = new Int32Array(64);

  constructor(
    private readonly envs: Environments,
    private readonly rng: Rng,
  ) {}

  add(slot: number): void {
    if (this.size === this.items.length) {
      const items = new Int32Array(2 * this.size);
      items.set(this.items);
      this.items = items;
    }
    this.envs.ints[slot * INT_ROW + IntField.PoolPos] = this.size;
    this.items[this.size++] = slot;
  }

  take(): number {
    const n = this.size;
    if (n === 0) return -1;
    const slot = this.items[uniformInt(this.rng, n)];
    this.remove(slot);
    return slot;
  }

  remove(slot: number): void {
    const ints = this.envs.ints;
    const pos = ints[slot * INT_ROW + IntField.PoolPos];
    const last = this.items[--this.size];
    if (last !== slot) {
      this.items[pos] = last;
      ints[last * INT_ROW + IntField.PoolPos] = pos;
    }
    ints[slot * INT_ROW + IntField.PoolPos] = -1;
  }
}

/** The pool for a policy over the environments `envs`; `rng` is used only by `random`. */
export function createIdlePool(policy: EnvironmentSelection, envs: Environments, rng: Rng): IdlePool {
  switch (policy) {
    case 'most-recent':
      return new MostRecentPool(envs);
    case 'newest':
    case 'oldest':
      return new CreationOrderPool(envs, policy);
    case 'random':
      return new RandomPool(envs, rng);
  }
}
