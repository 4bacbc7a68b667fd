/**
 * The execution environments of one function: a table of rows indexed by slot (the argument of the
 * events that name an environment; layout in environment.ts), a free list so a long run allocates
 * only as many rows as were alive at once, creation ids, and the counts the report shows (created,
 * reclaimed, alive over time).
 */
import { TimeWeighted } from '../metrics/time-weighted.js';
import type { InvocationClient } from './function-model.js';
import { Field, Flag, INT_ROW, IntField, ROW } from './environment.js';
import { STATE_BUDGET, StateLimitError } from './state-budget.js';

const INITIAL_ROWS = 64;

export class Environments {
  /** Environments ever created. */
  created = 0;
  /** Environments that ended for idleness, lifetime or a lowered provisioned level (timeouts excluded). */
  reclaimed = 0;
  /** Alive environments (busy, idle or initialising; provisioned included). */
  readonly alive = new TimeWeighted(0);
  /**
   * The rows: slot s is rows[s * ROW + field] (environment.ts). Replaced when the table grows, so
   * read it from here after any `create`, never keep it across one.
   */
  rows = new Float64Array(INITIAL_ROWS * ROW);
  /** The same memory as int32: slot s's int fields are ints[s * INT_ROW + field] (environment.ts). Replaced with `rows`. */
  ints = new Int32Array(this.rows.buffer);
  /** Who to tell when the invocation in slot s ends; set only while its row has Flag.Client. */
  readonly clients: (InvocationClient | null)[] = [];
  /** Slots in use or free so far (the table's high-water mark). */
  private used = 0;
  /** Stack of free slots below `used`. */
  private free = new Int32Array(INITIAL_ROWS);
  private freeCount = 0;
  private nextId = 0;
  /** Told before a slot is freed or renewed, so no structure keeps an entry for it (the reclaim queue). */
  onRelease: { release(slot: number): void } | null = null;

  /**
   * @param maxLifetime  us after creation at which an environment is recycled
   * @param name  the function's, for the memory budget's message
   */
  constructor(
    private readonly maxLifetime: number,
    private readonly name = '',
  ) {}

  /** The warm-up ends now: the counts start again from zero and the time average restarts. */
  warmupEnded(now: number): void {
    this.created = 0;
    this.reclaimed = 0;
    this.alive.restart(now);
  }

  /** A new environment, alive from `now`: its slot. Allocates only when more are alive than ever before. */
  create(now: number, provisioned: boolean): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.free[--this.freeCount];
    else {
      if (this.used >= STATE_BUDGET.environments) throw new StateLimitError(`function "${this.name}"`, `${this.used.toLocaleString('en-US')} execution environments`, now, STATE_BUDGET.environments);
      if (this.used * ROW === this.rows.length) this.grow();
      slot = this.used++;
      this.clients.push(null);
    }
    const rows = this.rows;
    const o = slot * ROW;
    rows[o + Field.Id] = this.nextId++;
    rows[o + Field.RetireAt] = now + this.maxLifetime;
    const ints = this.ints;
    const i = slot * INT_ROW;
    ints[i + IntField.Flags] = provisioned ? Flag.Provisioned : 0;
    ints[i + IntField.Prev] = -1;
    ints[i + IntField.Next] = -1;
    ints[i + IntField.PoolPos] = -1;
    ints[i + IntField.ReapPos] = -1;
    this.created++;
    this.alive.add(now, 1);
    return slot;
  }

  /**
   * `slot` is recycled in place (a provisioned environment at the end of its lifetime or after a
   * timeout): counted as reclaimed, it starts a new life with a new id for the selection policies.
   */
  recycle(slot: number, now: number): void {
    this.onRelease?.release(slot);
    this.reclaimed++;
    this.rows[slot * ROW + Field.Id] = this.nextId++;
    this.rows[slot * ROW + Field.RetireAt] = now + this.maxLifetime;
  }

  /** `slot` is reclaimed (idle too long, too old, or no longer provisioned). */
  reclaim(slot: number, now: number): void {
    this.reclaimed++;
    this.discard(slot, now);
  }

  /** `slot` is gone without being reclaimed (its invocation timed out). */
  discard(slot: number, now: number): void {
    this.onRelease?.release(slot);
    this.free[this.freeCount++] = slot;
    this.alive.add(now, -1);
  }

  /** Twice the rows (and room in the free stack for all of them). */
  private grow(): void {
    const rows = new Float64Array(2 * this.rows.length);
    rows.set(this.rows);
    this.rows = rows;
    this.ints = new Int32Array(rows.buffer);
    const free = new Int32Array(rows.length / ROW);
    free.set(this.free);
    this.free = free;
  }
}
