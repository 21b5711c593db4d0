// What an output format is: its name, the columns it is given (the records' fields, in spec order) and the
// writer it makes. Apart from ./record-writer.ts, which picks a writer by format and loads the CSV and table
// writers lazily, so that those writers and the flags import these types without importing it back.
export const OUTPUT_FORMATS = ["json", "ndjson", "csv", "table"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type OutputRecord = Readonly<Record<string, unknown>>;

export interface Column {
  readonly name: string;
  readonly format?: string;
  readonly enum?: readonly string[];
}

export interface RecordWriter {
  /** The text of one more page of records. */
  page(records: readonly OutputRecord[]): string;
  /** The closing text; `nextPage` is the token of the page after the last one read, if any. */
  end(nextPage: string | undefined): string;
}
