// `--record FILE`: the audit records of every search answer the gateway passed on, appended as NDJSON (one
// record per line), the format `aidp-mock --records-file` serves. Only records that keep to the spec are
// written, so the file always loads; each append is one write, so a reader never sees half a record.
import { closeSync, openSync, writeSync } from "node:fs";

export class RecordFile {
  private readonly descriptor: number;

  constructor(readonly path: string) {
    // Audit records are the user's data: readable by the owner only.
    this.descriptor = openSync(path, "a", 0o600);
  }

  append(records: readonly unknown[]): void {
    if (records.length === 0) return;
    writeSync(this.descriptor, records.map((record) => `${JSON.stringify(record)}\n`).join(""));
  }

  close(): void {
    closeSync(this.descriptor);
  }
}
