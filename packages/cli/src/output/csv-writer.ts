// CSV with csv-stringify: a header row of the spec's field names in spec order, then one row per record,
// quoted as RFC 4180 says (fields holding a comma, quote or line break are quoted, quotes doubled; CRLF rows).
import { stringify } from "csv-stringify/sync";
import type { Column, RecordWriter } from "./record-format.ts";

export function csvWriter(columns: readonly Column[]): RecordWriter {
  const names = columns.map((column) => column.name);
  let headerWritten = false;
  const header = () => {
    if (headerWritten) return "";
    headerWritten = true;
    return stringify([names], { record_delimiter: "windows" });
  };
  return {
    page: (records) =>
      records.length === 0
        ? ""
        : header() +
          stringify(records as Record<string, unknown>[], { columns: names, record_delimiter: "windows" }),
    end: () => header(),
  };
}
