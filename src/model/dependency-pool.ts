/**
 * A connection pool of a downstream database (docs/front-doors.md "Downstream dependencies"): a
 * fixed number of connections that invocations hold for their execution or part of it.
 *
 * An invocation asks for one when its handler starts (after INIT). A free connection is handed over
 * at once; otherwise the invocation waits in FIFO order, as callers blocked on a driver's pool or on
 * RDS Proxy's borrow queue do, until a connection is released to it or its wait limit passes (then
 * it gives up: its user turns that into a function error or a timeout). A limit of 0 refuses at
 * once (an Erlang-B loss system: test/dependency-pool.test.ts checks its blocking probability).
 *
 * Waiters live in a ring of (user, slot, ticket) entries addressed by ticket number, so the queue
 * allocates only when it reaches a new peak. A waiter that gave up stays in the ring, marked, and is
 * skipped when its turn comes (its user's `ticketOf[slot]` no longer names it).
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import { Histogram } from '../metrics/histogram.js';
import { TimeWeighted } from '../metrics/time-weighted.js';
import type { SourceProbe } from './observer.js';

/** Who waits for a connection: a function's dependency user (dependency-user.ts). */
export interface PoolClient {
  /** The ticket of the invocation in `slot` while it waits, else -1. */
  ticketOf(slot: number): number;
  /** The invocation in `slot` got its connection now, after waiting since `askedAt`. */
  granted(slot: number, now: number): void;
  /** The invocation in `slot` gave up waiting now. */
  gaveUp(slot: number, now: number): void;
}

const GIVE_UP = 1;

/** Time-series columns of a dependency (dependency-report.ts): connections in use, waiters, rejections so far. */
export const COL_IN_USE = 0;
export const COL_WAITING = 1;
export const COL_REJECTIONS = 2;

export class ConnectionPool implements EventHandler {
  readonly capacity: number;
  /** Connections in use (time-weighted: utilisation is its mean over capacity). */
  readonly inUse: TimeWeighted;
  /** Invocations waiting now (time-weighted for its maximum). */
  readonly waiting: TimeWeighted;
  /** Wait (us) of every connection handed over, 0 for one that was free. */
  readonly waits = new Histogram();
  acquired = 0;
  released = 0;
  /** Handed over after a wait (> 0 us). */
  waited = 0;
  /** Refused at once (no wait allowed). */
  refused = 0;
  /** Gave up after waiting (the acquire timeout or the function's timeout). */
  gaveUp = 0;
  /** Connections held when the warm-up ended (0 without one). */
  heldAtStart = 0;

  private readonly clients: PoolClient[] = [];
  private readonly kernel: Kernel;
  private readonly probe: SourceProbe | null;
  // The FIFO ring: entry of ticket t at t & mask.
  private ringClient = new Int32Array(16);
  private ringSlot = new Int32Array(16);
  private ringAskedAt = new Float64Array(16);
  private mask = 15;
  /** Next ticket to serve, next ticket to hand out. */
  private head = 0;
  private tail = 0;

  constructor(kernel: Kernel, capacity: number, probe: SourceProbe | null) {
    this.kernel = kernel;
    this.capacity = capacity;
    this.probe = probe;
    this.inUse = new TimeWeighted(0);
    this.waiting = new TimeWeighted(0);
  }

  /** Register a client; returns its number (pass it to {@link acquire}). */
  addClient(client: PoolClient): number {
    this.clients.push(client);
    return this.clients.length - 1;
  }

  /**
   * The invocation in `slot` of client `client` asks for a connection now. Returns true when it got
   * one; false when it must wait: then it holds ticket {@link lastTicket} and hears `granted` or
   * `gaveUp` (after at most `maxWaitUs`). `maxWaitUs` 0: refused at once, counted, returns false
   * with lastTicket -1.
   */
  acquire(client: number, slot: number, now: number, maxWaitUs: number): boolean {
    if (this.inUse.value < this.capacity) {
      this.take(now, 0);
      return true;
    }
    if (maxWaitUs <= 0) {
      this.refused++;
      this.lastTicket = -1;
      this.recordRejection(now);
      return false;
    }
    if (this.tail - this.head > this.mask) this.grow();
    const t = this.tail++;
    const i = t & this.mask;
    this.ringClient[i] = client;
    this.ringSlot[i] = slot;
    this.ringAskedAt[i] = now;
    this.lastTicket = t;
    this.setWaiting(now, this.waiting.value + 1);
    this.kernel.schedule(now + maxWaitUs, this, GIVE_UP, t);
    return false;
  }

  /** The ticket of the last {@link acquire} that returned false (-1: refused). */
  lastTicket = -1;

  /** A connection comes back now: the first live waiter gets it. */
  release(now: number): void {
    this.released++;
    for (; this.head < this.tail; this.head++) {
      const i = this.head & this.mask;
      const client = this.clients[this.ringClient[i]];
      const slot = this.ringSlot[i];
      if (client.ticketOf(slot) !== this.head) continue; // gave up earlier
      this.head++;
      this.setWaiting(now, this.waiting.value - 1);
      this.acquired++;
      this.waited++;
      this.waits.record(now - this.ringAskedAt[i]);
      client.granted(slot, now);
      return;
    }
    this.setInUse(now, this.inUse.value - 1);
  }

  handleEvent(_kind: number, ticket: number): void {
    if (ticket < this.head) return; // served before its limit
    const i = ticket & this.mask;
    const client = this.clients[this.ringClient[i]];
    const slot = this.ringSlot[i];
    if (client.ticketOf(slot) !== ticket) return;
    const now = this.kernel.now;
    this.gaveUp++;
    this.setWaiting(now, this.waiting.value - 1);
    this.recordRejection(now);
    client.gaveUp(slot, now);
  }

  /** The warm-up ends: counters restart, connections held carry on (`heldAtStart`). */
  warmupEnded(now: number): void {
    this.inUse.restart(now);
    this.waiting.restart(now);
    this.waits.reset();
    this.heldAtStart = this.inUse.value;
    this.acquired = this.released = this.waited = this.refused = this.gaveUp = 0;
  }

  private take(now: number, waitUs: number): void {
    this.acquired++;
    this.waits.record(waitUs);
    this.setInUse(now, this.inUse.value + 1);
  }

  private setInUse(now: number, value: number): void {
    this.inUse.set(now, value);
    if (this.probe !== null) this.probe.record(now, COL_IN_USE, value);
  }

  private setWaiting(now: number, value: number): void {
    this.waiting.set(now, value);
    if (this.probe !== null) this.probe.record(now, COL_WAITING, value);
  }

  private recordRejection(now: number): void {
    if (this.probe !== null) this.probe.record(now, COL_REJECTIONS, this.refused + this.gaveUp);
  }

  /** Double the ring, keeping each live ticket at `ticket & mask`. */
  private grow(): void {
    const size = (this.mask + 1) * 2;
    const client = new Int32Array(size);
    const slot = new Int32Array(size);
    const askedAt = new Float64Array(size);
    for (let t = this.head; t < this.tail; t++) {
      client[t & (size - 1)] = this.ringClient[t & this.mask];
      slot[t & (size - 1)] = this.ringSlot[t & this.mask];
      askedAt[t & (size - 1)] = this.ringAskedAt[t & this.mask];
    }
    this.ringClient = client;
    this.ringSlot = slot;
    this.ringAskedAt = askedAt;
    this.mask = size - 1;
  }
}
