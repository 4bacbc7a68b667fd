/**
 * The event source seam: what the simulation needs from a queue, a stream, or any other thing that
 * holds items and hands them to a function through an event source mapping. A kind of source is
 * one model class implementing {@link EventSource} plus one {@link EventSourceKind} entry saying how
 * its sources are built from the input; event-sources.ts builds every kind the same way, so adding
 * a kind edits no shared code (the built-in table is source-kinds.ts; a test may pass its own). Its
 * summary.json section, time-series rows and chart are its report's (src/report/source-report.ts).
 */
import type { RequestSink } from '../workload/arrivals.js';
import type { ModelContext } from './context.js';
import type { InvokeTarget } from './invoke-target.js';
import type { EventSourceMappingInput, ProducerInput, SimulationInput } from './input.js';
import type { SourceProbe } from './observer.js';

/** A source that accepts items from other sources (a dead-letter queue, an on-failure queue). */
export interface MessageSink {
  /** An item enters now; `sentAt` is its original send time, `poison` 1 when the function always fails on it. */
  send(sentAt: number, poison: number): void;
}

/** The built sources by name, for the references between them. */
export interface SourceDirectory {
  /** The source named `name`, or an Error naming `who` wanted it. */
  get(name: string, who: string): EventSource;
  /** The source named `name` as a message sink (throws when it is none). */
  messageSink(name: string, who: string): MessageSink;
  /** The function named `name` (a topic's subscriber), or an Error naming `who` wanted it. */
  fn(name: string, who: string): InvokeTarget;
}

export interface EventSource {
  readonly name: string;
  /** Resolve references to other sources (a dead-letter queue); called once every source is built. */
  link(sources: SourceDirectory): void;
  /**
   * Attach the event source mapping that reads this source (one per source). `poison` is the
   * mapping's random stream (`esm:<source>:poison`).
   */
  connect(mapping: EventSourceMappingInput, fn: InvokeTarget, ctx: ModelContext, sources: SourceDirectory): void;
  /** The sink of one producer workload; it takes its own random streams from `ctx` (`wl:<name>:...`). */
  producer(p: ProducerInput, ctx: ModelContext): RequestSink;
  /** Schedule the source's first events (after every source is connected). */
  begin(): void;
  /** Remarks for the report (settings AWS advises against). */
  notes(): string[];
  /**
   * The warm-up ends now: counts and distributions start again from zero, time averages restart,
   * and the items under way are kept as the `...AtStart` stock of the conservation identity.
   */
  warmupEnded(now: number): void;
  /** Totals at the end of the run (the element type of its kind's `Results` list). */
  results(endUs: number): unknown;
  /**
   * Items accepted and not yet done now (a queue's visible and in-flight messages, a stream's
   * unprocessed records), and items accepted so far (a count that only grows): read at the start of
   * the run's last tenth and at its end, the trend that says whether the source drains
   * (EventSources, BacklogTrend). A kind without one has no trend.
   */
  backlog?(): { pending: number; arrived: number };
}

/** How one kind of source is built: the table entry of source-kinds.ts. */
export interface EventSourceKind {
  /**
   * The `Results` key its sources' results go under (`queues`, `streams`): by convention also its
   * section of the input and of summary.json, and the key of its report (src/report/source-reports.ts).
   */
  readonly section: string;
  /**
   * Its sources in the input, in scenario order. `probe(i)` is the time-series probe of the i-th
   * (null when no report follows it): a source keeps it and calls it only when it is not null.
   */
  build(input: SimulationInput, ctx: ModelContext, probe: (index: number) => SourceProbe | null): EventSource[];
}
