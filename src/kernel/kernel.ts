/**
 * The discrete-event kernel: a virtual clock and a future-event list.
 *
 * Time is integer microseconds. Events are ordered by (time, sequence): two events at the same
 * instant run in the order they were scheduled, so a run is a pure function of its inputs.
 *
 * Pending events wait in two future-event lists (event-queue.ts): one for arrivals, which holds at
 * most one event per workload (each schedules its next arrival when the current one fires), and
 * one for everything else. Each run step takes the smaller of the two tops by (time, seq): the
 * order is exactly that of one list, since seq is global, but an arrival no longer passes through
 * the thousands of pending invocation ends, and the big list does half the work. An event is a
 * handler object plus a small integer `kind` and two numeric arguments: handlers switch on `kind`
 * instead of the kernel creating a closure per event.
 *
 * The kernel knows nothing of Lambda.
 */
import { EventQueue } from './event-queue.js';

/** Something that reacts to events. `kind`, `a` and `b` are whatever the scheduler passed. */
export interface EventHandler {
  handleEvent(kind: number, a: number, b: number): void;
}

/**
 * Something that wants the clock to stop at given instants (a time series reading counters at its
 * bucket boundaries): `stop(at)` runs when time reaches `at`, after every event before `at` and
 * before any event at `at`; it returns the next instant to stop at (Infinity for none).
 */
export interface ClockStop {
  stop(at: number): number;
}

export class Kernel {
  /** Current virtual time (us). Only moves forward. */
  now = 0;
  /** Number of events handled so far. */
  eventsProcessed = 0;
  /** The `until` of the run in progress (see {@link nextInline}). */
  private horizon = 0;
  /**
   * Events the run in progress may still handle (its `maxEvents`), inline ones included: a
   * producer with nothing else pending must not run to the end in one step, or progress reports
   * and signals would wait for the whole run.
   */
  private budget = 0;

  private readonly events = new EventQueue();
  private readonly arrivals = new EventQueue();
  private nextSeq = 0;
  /** The next clock stop (Infinity for none) and who wants it. */
  private stopAt = Infinity;
  private stopper: ClockStop | null = null;

  /**
   * Stop the clock at `at` for `stopper` (see {@link ClockStop}); each stop names the next. One
   * stopper per kernel. A stop is made when an event due at or after it is next to run, so stops
   * after the last event handled before `until` are the stopper's to make up once `run` returns. Checked in the run loop against the next event's time (one compare per
   * event), so the loop is never left: splitting `run` into one call per stop cost 6% of a busy run
   * (each call re-entered the loop in unoptimized code).
   */
  setStop(at: number, stopper: ClockStop): void {
    if (!(at >= this.now)) this.refuse(at);
    this.stopAt = at;
    this.stopper = stopper;
  }

  /** Number of events waiting. */
  get pending(): number {
    return this.events.size + this.arrivals.size;
  }

  /** Time of the next event, or Infinity when none is pending. */
  peekTime(): number {
    // An empty list's head time is Infinity.
    const a = this.events.head[0];
    const b = this.arrivals.head[0];
    return a < b ? a : b;
  }

  /**
   * Schedule `handler.handleEvent(kind, a, b)` at absolute time `at` (us, integer, >= now).
   * Fails fast on a time in the past or a non-integer time: both are bugs in the caller.
   * Handlers are long-lived model parts: the event lists number each one they see and keep it
   * (event-queue.ts), so a new handler object per event would grow memory.
   */
  schedule(at: number, handler: EventHandler, kind: number, a = 0, b = 0): void {
    if (!(at >= this.now) || !Number.isSafeInteger(at)) this.refuse(at);
    // The key goes through `incoming`, not as arguments (see there).
    const key = this.events.incoming;
    key[0] = at;
    key[1] = this.nextSeq++;
    this.events.push(handler, kind, a, b);
  }

  /**
   * As {@link schedule}, for a workload's next arrival: the caller keeps at most one arrival
   * pending at a time, so these wait in a list of their own that stays as small as the number of
   * workloads. Same order as `schedule` would give.
   */
  scheduleArrival(at: number, handler: EventHandler, kind: number): void {
    if (!(at >= this.now) || !Number.isSafeInteger(at)) this.refuse(at);
    const key = this.arrivals.incoming;
    key[0] = at;
    key[1] = this.nextSeq++;
    this.arrivals.push(handler, kind, 0, 0);
  }

  /**
   * Called by an arrival handler that is about to schedule its next arrival at `at`: when that
   * arrival would be the very next event anyway (strictly before every pending event and before
   * the run's `until`), the kernel moves the clock there, counts it as handled and returns true, and
   * the caller handles it at once instead of scheduling it. The order is exactly the one the event
   * list would give: a newly scheduled event gets the largest seq, so at a time equal to a pending
   * event's it would come after it; strictly earlier, nothing can come between. A producer feeding a
   * queue or stream whose records mostly need no reaction thus costs no heap traffic per record.
   */
  nextInline(at: number): boolean {
    // Nor past a clock stop: the stop must see the counters as they were before this arrival.
    if (!(at < this.horizon) || !(at < this.stopAt) || this.budget <= 0) return false;
    const events = this.events;
    const arrivals = this.arrivals;
    if (!(at < events.head[0]) || !(at < arrivals.head[0])) return false;
    this.now = at;
    this.eventsProcessed++;
    this.budget--;
    return true;
  }

  /**
   * Handle events in order while their time is strictly before `until`, then leave the clock
   * at `until`. Stops early (returning false, clock at the last event) once `maxEvents` events
   * have been handled, so a caller can report progress and resume with another call.
   */
  run(until: number, maxEvents = Infinity): boolean {
    this.horizon = until;
    this.budget = maxEvents;
    const events = this.events;
    const arrivals = this.arrivals;
    for (;;) {
      // The list whose top comes first by (time, seq).
      // An empty list's head is (Infinity, Infinity): with both empty, t is Infinity and the loop ends.
      const ta = arrivals.head[0];
      const te = events.head[0];
      const list = ta < te || (ta === te && arrivals.head[1] < events.head[1]) ? arrivals : events;
      const t = list.head[0];
      if (t >= until || t === Infinity) break;
      if (t >= this.stopAt) {
        // Not an event: the clock stops at the instant asked for, before the events due then.
        this.now = this.stopAt;
        this.stopAt = this.stopper!.stop(this.stopAt);
        continue;
      }
      if (this.budget <= 0) return false;
      const at = list.headAt;
      const ent = list.headEnt;
      const kind = ent[at + 2];
      const a = ent[at + 3];
      const b = ent[at + 4];
      const handler = list.handlerList[ent[at + 5]];
      list.popTop();
      this.now = t;
      this.budget--;
      this.eventsProcessed++;
      handler.handleEvent(kind, a, b);
    }
    if (until > this.now && until !== Infinity) this.now = until;
    return true;
  }

  /**
   * A time in the past or not an integer: a bug in the caller. Out of line, so the message's code
   * does not weigh on V8's decision to inline `schedule` (and then `at` would cross a call boxed).
   */
  private refuse(at: number): never {
    throw new Error(`Kernel.schedule: time ${at} is not an integer >= now (${this.now}) and < 2^53`);
  }
}
