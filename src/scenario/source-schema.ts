/**
 * The event source seam on the scenario side: what the scenario format needs from a kind of
 * source (queues, streams, or any other). A kind is one {@link SourceSchema} (its top-level section,
 * the workload key that feeds it, its mapping settings, how a mapping on it becomes the model's
 * mapping input, its checks) in a file of its own; schema.ts builds the scenario from a table of
 * them (source-schemas.ts holds the built-in ones, a test may pass its own). The model side is
 * src/model/event-source.ts, the report side src/report/source-report.ts: a kind's `section` is
 * the same key in all three.
 */
import type { z } from 'zod';
import type { EventSourceMappingInput, MappingCommon, ProducerInput } from '../model/input.js';

/** The refinement context the checks push their issues to. */
export type Ctx = z.core.$RefinementCtx<unknown>;

/** Partly parsed data: checks run even when other parts failed, so they read defensively. */
export type Data = Record<string, unknown>;

export const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A mapping after parsing: the common settings in model units, and every kind's own settings. */
export type ParsedMapping = Omit<MappingCommon, 'batchSize' | 'poisonItems'> & { batchSize?: number } & Data;

/** What the checks read of the (partly parsed) scenario. */
export interface SourceScope {
  /** The whole scenario as parsed so far. */
  readonly value: Data;
  /** The sources of `section` by name ({} when the section is absent or broken). */
  sources(section: string): Data;
  /** The source names of `section`, in scenario order. */
  names(section: string): string[];
  /** Function names, undefined when `functions` is broken. */
  readonly functions: string[] | undefined;
}

/** One mapping, as the mapping checks of the kind of source it reads see it. */
export interface MappingView {
  m: Data & { source: string };
  /** `['eventSourceMappings', i]`. */
  path: (string | number)[];
  /** Its source's definition as parsed (an empty object when broken). */
  config: Data;
}

/** How one kind of source reads and checks in a scenario: the table entry of source-schemas.ts. */
export interface SourceSchema {
  /** Its top-level key (`queues`), also its key in the model's input, its results and its report. */
  readonly section: string;
  /** `{ name: source }` under `section`, optional. */
  readonly sources: z.ZodType;
  /** The workload key naming one of its sources (`queue:`), with its zod field. */
  readonly producerKey: string;
  /**
   * The workload fields it adds, in schema order: `producerKey` first, then settings of its
   * producers only (`partitionKeys`), refused on other workloads.
   */
  readonly producerFields: Record<string, z.ZodType>;
  /** Mapping settings of its sources only (refused on mappings of other kinds), in schema order. */
  readonly mappingFields: Record<string, z.ZodType>;
  /** Words for messages: the name of one (`queue`), with article (`a queue`), its mappings (`an SQS mapping`), its sources (`SQS queue sources`). */
  readonly words: { one: string; a: string; mapping: string; sources: string };
  /** True for a kind no mapping reads (SNS topics push to their subscribers): left out of "a queue or stream" messages. */
  readonly noMappings?: true;
  /** The model's mapping input of a mapping that reads one of its sources, every default filled. */
  toMappingInput(m: ParsedMapping): EventSourceMappingInput;
  /** Extra fields of a producer's model input (`partitionKeys`), read from its workload. */
  producerInput?(w: Data): Partial<ProducerInput>;
  /** Its own rules over the scenario (dead-letter queues, retention). */
  check?(s: SourceScope, ctx: Ctx): void;
  /** Its own rules over a mapping that reads one of its sources (FIFO limits). */
  checkMapping?(s: SourceScope, mapping: MappingView, ctx: Ctx): void;
}
