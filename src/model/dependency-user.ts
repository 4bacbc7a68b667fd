/**
 * What one function does with the dependencies it `uses` (docs/front-doors.md "Downstream
 * dependencies"): when an invocation's handler starts (after INIT) it takes a connection from its
 * database's pool, waiting in FIFO order when there is none, then makes its calls to its table.
 * The wait for the connection and for the table's tokens lengthens the invocation (and its billed
 * time, as code blocked on a pool is billed); giving up on the connection is a function error (or
 * the function's own timeout when that comes first). The connection goes back after the invocation
 * or after its `hold` share of the drawn duration.
 *
 * Per-invocation state lives in typed arrays indexed by environment slot (grown only when the
 * function reaches a new peak of environments), so no invocation allocates.
 */
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { ConnectionPool, PoolClient } from './dependency-pool.js';
import type { RateLimitedTable } from './dependency-table.js';

const START = 1;
const RELEASE = 2;

/** The function side: where the verdict on an invocation goes (FunctionModel). */
export interface DependencyUserHost {
  /**
   * The invocation in `slot` ends at `endAt` after running `durationUs` (waits included, at most the
   * timeout); `isTimeout` when it reached the timeout, `failed` when a dependency made it fail.
   */
  dependencyDone(slot: number, endAt: number, durationUs: number, isTimeout: boolean, failed: boolean): void;
}

/** One function's use of a database: its pool, how long it holds a connection, how long it waits. */
export interface PoolUse {
  pool: ConnectionPool;
  /** Share (0..1] of the drawn duration the connection is held from the handler's start; 1 = the whole invocation. */
  hold: number;
  /** Longest wait (us) for a connection: 0 refuses at once. */
  maxWaitUs: number;
  /** Whether the end of the wait is the function's own timeout (else the acquire timeout: an error). */
  waitEndsInTimeout: boolean;
}

/** One function's use of a table: calls per invocation, and whether a throttled call waits or fails. */
export interface TableUse {
  table: RateLimitedTable;
  calls: number;
  wait: boolean;
}

export class DependencyUser implements EventHandler, PoolClient {
  private readonly client: number;
  /** Per slot: when the handler starts (us), the drawn duration (us), the pool ticket while waiting (-1 else). */
  private startAt = new Float64Array(16);
  private drawnUs = new Float64Array(16);
  private ticket = new Float64Array(16).fill(-1);

  constructor(
    private readonly kernel: Kernel,
    private readonly host: DependencyUserHost,
    private readonly timeoutUs: number,
    private readonly poolUse: PoolUse | null,
    private readonly tableUse: TableUse | null,
  ) {
    this.client = poolUse === null ? -1 : poolUse.pool.addClient(this);
  }

  /** The invocation in `slot`, drawn to run `drawnUs`, starts its handler at `startAt` (>= now). */
  start(slot: number, startAt: number, drawnUs: number): void {
    if (slot >= this.startAt.length) this.grow(slot + 1);
    this.startAt[slot] = startAt;
    this.drawnUs[slot] = drawnUs;
    if (startAt === this.kernel.now) this.begin(slot, startAt);
    else this.kernel.schedule(startAt, this, START, slot);
  }

  handleEvent(kind: number, slot: number): void {
    if (kind === START) this.begin(slot, this.kernel.now);
    else this.poolUse!.pool.release(this.kernel.now);
  }

  ticketOf(slot: number): number {
    return this.ticket[slot];
  }

  granted(slot: number, now: number): void {
    this.ticket[slot] = -1;
    this.run(slot, now);
  }

  gaveUp(slot: number, now: number): void {
    this.ticket[slot] = -1;
    const use = this.poolUse!;
    this.host.dependencyDone(slot, now, now - this.startAt[slot], use.waitEndsInTimeout, true);
  }

  /** The handler starts: ask for the connection (if any), else go straight on. */
  private begin(slot: number, now: number): void {
    const use = this.poolUse;
    if (use === null || use.pool.acquire(this.client, slot, now, use.maxWaitUs)) {
      this.run(slot, now);
      return;
    }
    const ticket = use.pool.lastTicket;
    if (ticket >= 0) this.ticket[slot] = ticket;
    // Refused at once: the handler fails as it starts.
    else this.host.dependencyDone(slot, now, 0, false, true);
  }

  /** Connected (or no database) at `now`: make the table calls, then run the drawn duration. */
  private run(slot: number, now: number): void {
    let tableWaitUs = 0;
    let failed = false;
    const table = this.tableUse;
    if (table !== null) {
      if (table.wait) tableWaitUs = table.table.callAndWait(now, table.calls);
      else failed = table.table.callOrFail(now, table.calls) > 0;
    }
    const startAt = this.startAt[slot];
    const drawn = this.drawnUs[slot];
    const total = now - startAt + tableWaitUs + drawn;
    const isTimeout = total > this.timeoutUs;
    const durationUs = isTimeout ? this.timeoutUs : total;
    const endAt = startAt + durationUs;
    const use = this.poolUse;
    if (use !== null) {
      // Scheduled before the END event, so at the same instant the connection is back first.
      const heldUntil = use.hold >= 1 ? endAt : now + tableWaitUs + Math.round(use.hold * drawn);
      this.kernel.schedule(heldUntil < endAt ? heldUntil : endAt, this, RELEASE, slot);
    }
    this.host.dependencyDone(slot, endAt, durationUs, isTimeout, failed);
  }

  private grow(needed: number): void {
    let size = this.startAt.length;
    while (size < needed) size *= 2;
    const startAt = new Float64Array(size);
    const drawnUs = new Float64Array(size);
    const ticket = new Float64Array(size).fill(-1);
    startAt.set(this.startAt);
    drawnUs.set(this.drawnUs);
    ticket.set(this.ticket);
    this.startAt = startAt;
    this.drawnUs = drawnUs;
    this.ticket = ticket;
  }
}
