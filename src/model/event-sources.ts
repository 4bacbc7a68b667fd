/**
 * Builds the event sources of a scenario (queues, streams, or any kind of source-kinds.ts or a
 * test's table), connects each event source mapping to the source it reads, and the producer
 * workloads to the source they write. The rules live in each kind's model (event-source.ts is the
 * seam). Random streams: `esm:<source>:poison` per mapping, `wl:<producer>:arrivals` per producer
 * and what the kind adds (`wl:<producer>:keys` for streams, `wl:<producer>:groups` for FIFO queues).
 */
import { ArrivalProcess } from '../workload/arrivals.js';
import type { RequestSink } from '../workload/arrivals.js';
import type { ModelContext } from './context.js';
import type { EventSource, EventSourceKind, MessageSink, SourceDirectory } from './event-source.js';
import type { InvokeTarget } from './invoke-target.js';
import type { SimulationInput } from './input.js';
import { SOURCE_KINDS } from './source-kinds.js';

export class EventSources implements SourceDirectory {
  readonly arrivals: ArrivalProcess[] = [];
  private readonly byName = new Map<string, EventSource>();
  /** Per kind, its sources in scenario order. */
  private readonly perKind: { kind: EventSourceKind; sources: EventSource[] }[] = [];
  /** Sources in the order they begin and give notes: mapped ones in mapping order, then the rest. */
  private readonly ordered: EventSource[] = [];
  /** The sources an event source mapping reads, in mapping order. */
  private readonly mapped: EventSource[] = [];
  /** The backlogs when the trend's window opened (backlogWindowOpens), by source; null before. */
  private backlogAtStart: Map<EventSource, { pending: number; arrived: number }> | null = null;
  private backlogWindowUs = 0;

  constructor(
    input: SimulationInput,
    ctx: ModelContext,
    private readonly functions: ReadonlyMap<string, InvokeTarget>,
    kinds: readonly EventSourceKind[] = SOURCE_KINDS,
  ) {
    const observer = ctx.observer;
    for (const kind of kinds) {
      const sources = kind.build(input, ctx, (i) => observer?.source?.(kind.section, i) ?? null);
      this.perKind.push({ kind, sources });
      for (const source of sources) {
        if (this.byName.has(source.name)) throw new Error(`event source ${source.name}: the name is used twice`);
        this.byName.set(source.name, source);
      }
    }
    for (const source of this.byName.values()) source.link(this);
    for (const m of input.eventSourceMappings ?? []) {
      const source = this.get(m.source, 'event source mapping');
      const fn = functions.get(m.function);
      if (fn === undefined) throw new Error(`event source mapping ${m.source}: no function ${m.function}`);
      source.connect(m, fn, ctx, this);
      this.ordered.push(source);
      this.mapped.push(source);
    }
    for (const source of this.byName.values()) if (!this.ordered.includes(source)) this.ordered.push(source);
    for (const p of input.producers ?? []) {
      const sink = this.get(p.source, `workload ${p.name}`).producer(p, ctx);
      const end = Math.min(p.end, input.duration);
      this.arrivals.push(new ArrivalProcess(ctx.kernel, p.arrivals, p.start, end, ctx.randoms.stream(`wl:${p.name}:arrivals`), sink));
    }
  }

  get(name: string, who: string): EventSource {
    const source = this.byName.get(name);
    if (source === undefined) throw new Error(`${who}: no queue or stream ${name}`);
    return source;
  }

  /** The source named `name`, or undefined. */
  find(name: string): EventSource | undefined {
    return this.byName.get(name);
  }

  messageSink(name: string, who: string): MessageSink {
    const source = this.get(name, who) as Partial<MessageSink> & EventSource;
    if (typeof source.send !== 'function') throw new Error(`${who}: ${name} accepts no messages`);
    return source as MessageSink & EventSource;
  }

  fn(name: string, who: string): InvokeTarget {
    const fn = this.functions.get(name);
    if (fn === undefined) throw new Error(`${who}: no function ${name}`);
    return fn;
  }

  /** The source named `name` as a plain request sink (an async destination), or null when there is none. */
  sink(name: string): RequestSink | null {
    const source = this.byName.get(name) as (EventSource & Partial<RequestSink>) | undefined;
    return source !== undefined && typeof source.arrive === 'function' ? (source as EventSource & RequestSink) : null;
  }

  begin(): void {
    for (const source of this.ordered) source.begin();
    for (const a of this.arrivals) a.begin();
  }

  /** The warm-up ends now (see EventSource.warmupEnded). */
  warmupEnded(now: number): void {
    for (const source of this.ordered) source.warmupEnded(now);
  }

  get size(): number {
    return this.byName.size;
  }

  /** The run's last tenth starts now (it lasts `windowUs`): each source's backlog is its trend's start. */
  backlogWindowOpens(windowUs: number): void {
    this.backlogWindowUs = windowUs;
    this.backlogAtStart = new Map();
    // A source nobody reads (a dead-letter queue) never drains by design: no trend for it.
    for (const source of this.mapped) if (source.backlog !== undefined) this.backlogAtStart.set(source, source.backlog());
  }

  /** Per kind with sources, its results under the kind's section (`queues`, `streams`), with the backlog trend of each source that has one. */
  results(endUs: number): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const { kind, sources } of this.perKind) {
      if (sources.length === 0) continue;
      out[kind.section] = sources.map((s) => {
        const results = s.results(endUs) as object;
        const start = this.backlogAtStart?.get(s);
        if (start === undefined) return results;
        const end = s.backlog!();
        return { ...results, backlogTrend: { windowUs: this.backlogWindowUs, start: start.pending, end: end.pending, arrivals: end.arrived - start.arrived } };
      });
    }
    return out;
  }

  notes(): string[] {
    return this.ordered.flatMap((s) => s.notes());
  }
}
