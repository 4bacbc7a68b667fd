/**
 * The report side of the event source seam (src/model/event-source.ts is the model side): what the
 * reports need from one kind of source. Its summary.json section and entries, its timeseries.csv
 * rows and columns, its rows of report.html's backlog chart and its summary.txt/md detail line.
 * One object per kind, in its own file (queue-report.ts, stream-report.ts); source-reports.ts lists
 * the built-in kinds in the model's order. Report writers take the table as a parameter (the
 * built-in one by default), so a kind defined elsewhere (a test's) is reported the same way.
 */

/** One column of a kind's rows in timeseries.csv; its number is the model's probe column. */
export interface SeriesColumn {
  /** Its timeseries.csv header, e.g. `messages_visible_max`. */
  readonly header: string;
  /**
   * `level`: the source records the value after every change; a bucket holds the largest value
   * at any instant of it, the value carried in at its start included (0 before the first record).
   * `sample`: one reading (>= 0) per occurrence; a bucket holds the largest reading in it, and
   * its cell is empty when it had none (as a CloudWatch metric without a data point).
   */
  readonly aggregate: 'level' | 'sample';
  /** The CSV cell of a bucket's value (a level is a count; a sample may change unit). */
  cell(value: number): string;
}

/** One point of report.html's backlog chart: a series (`what`) of a facet row at time `t` (chart units). */
export interface BacklogPoint {
  t: number;
  row: string;
  what: string;
  value: number;
}

/** A kind's part of the backlog chart: its facet rows in order, their points and a colour per series. */
export interface BacklogRows {
  order: string[];
  points: BacklogPoint[];
  colours: Record<string, string>;
}

/** The downsampled time series of one kind: per column, per source, per chart bin (null: a sample column without a reading). */
export type SourceBins = readonly (readonly (readonly (number | null)[])[])[];

/**
 * The report hook of one kind of event source. `R` is the element type of its `Results` list
 * (with the source's name), `S` its summary.json entry.
 */
export interface SourceReport<R extends { name: string } = { name: string }, S = unknown> {
  /**
   * Its key in `Results` and summary.json (`queues`), the model kind's `section`; by convention
   * also its section of the input, a map from source name to settings (the time-series rows).
   */
  readonly section: string;
  /** The `kind` cell of its timeseries.csv rows (`queue`). */
  readonly rowKind: string;
  /**
   * True: its columns are in timeseries.csv only when the scenario has sources of this kind, so a
   * kind added later leaves every other scenario's file as it was. Absent: always there.
   */
  readonly columnsOnlyWhenPresent?: boolean;
  /** Its timeseries.csv columns, appended after the built-in ones in table order. */
  readonly columns: readonly SeriesColumn[];
  /** One source's summary.json entry (numbers rounded with format-number.ts; `results.name` names fields in errors). */
  summarize(results: R): S;
  /** The summary.txt/md detail line of one source (no indentation). */
  detail(name: string, entry: S): string;
  /**
   * Its rows of the backlog chart; `t(bin)` is a bin's start in chart units, `settings` each
   * source's entry of its input section (a database's connection limit), in `names` order, when
   * known. Absent: no chart rows.
   */
  chart?(names: readonly string[], bins: SourceBins, t: (bin: number) => number, settings?: readonly unknown[]): BacklogRows;
}
