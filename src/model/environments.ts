/**
 * The execution environments of one function: a table indexed by slot (the argument of the events
 * that name an environment), a free list so a long run allocates only as many records as were alive
 * at once, creation ids, and the counts the report shows (created, reclaimed, alive over time).
 */
import { TimeWeighted } from '../metrics/time-weighted.js';
import { Environment, EnvState } from './environment.js';
import { STATE_BUDGET, StateLimitError } from './state-budget.js';

export class Environments {
  /** Environments ever created. */
  created = 0;
  /** Environments that ended for idleness, lifetime or a lowered provisioned level (timeouts excluded). */
  reclaimed = 0;
  /** Alive environments (busy, idle or initialising; provisioned included). */
  readonly alive = new TimeWeighted(0);
  private readonly bySlot: Environment[] = [];
  private readonly free: Environment[] = [];
  private nextId = 0;

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

  /** The environment in `slot`. */
  at(slot: number): Environment {
    return this.bySlot[slot];
  }

  /** A new environment, alive from `now`. Allocates only when more are alive than ever before. */
  create(now: number, provisioned: boolean): Environment {
    let env = this.free.pop();
    if (env === undefined) {
      if (this.bySlot.length >= STATE_BUDGET.environments) throw new StateLimitError(`function "${this.name}"`, `${this.bySlot.length.toLocaleString('en-US')} execution environments`, now, STATE_BUDGET.environments);
      env = new Environment(this.bySlot.length);
      this.bySlot.push(env);
    }
    env.id = this.nextId++;
    env.createdAt = now;
    env.retireAt = now + this.maxLifetime;
    env.provisioned = provisioned;
    this.created++;
    this.alive.add(now, 1);
    return env;
  }

  /**
   * `env` is recycled in place (a provisioned environment at the end of its lifetime or after a
   * timeout): counted as reclaimed, it starts a new life with a new id for the selection policies.
   */
  recycle(env: Environment, now: number): void {
    this.reclaimed++;
    env.id = this.nextId++;
    env.createdAt = now;
    env.retireAt = now + this.maxLifetime;
  }

  /** `env` is reclaimed (idle too long, too old, or no longer provisioned). */
  reclaim(env: Environment, now: number): void {
    this.reclaimed++;
    this.discard(env, now);
  }

  /** `env` is gone without being reclaimed (its invocation timed out). */
  discard(env: Environment, now: number): void {
    env.state = EnvState.Free;
    this.free.push(env);
    this.alive.add(now, -1);
  }
}
