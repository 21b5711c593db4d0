// Turns pages of records into text, page by page, so that every format streams: nothing but the current
// page is held, and `json` is still one valid JSON document when all pages are read.
import type { Column, OutputFormat, RecordWriter } from "./record-format.ts";

export async function createRecordWriter(
  format: OutputFormat,
  columns: readonly Column[],
  terminalWidth: number | undefined,
): Promise<RecordWriter> {
  switch (format) {
    case "json":
      return jsonWriter();
    case "ndjson":
      return { page: (records) => records.map((r) => `${JSON.stringify(r)}\n`).join(""), end: () => "" };
    case "csv":
      return (await import("./csv-writer.ts")).csvWriter(columns);
    case "table":
      return (await import("./table-writer.ts")).tableWriter(columns, terminalWidth);
  }
}

/** `{ "items": [...], "nextPage": "..." }` as the service's collection, written record by record. */
function jsonWriter(): RecordWriter {
  let written = 0;
  const indent = (text: string) => text.replace(/\n/g, "\n    ");
  return {
    page(records) {
      let text = "";
      for (const record of records) {
        text += `${written === 0 ? '{\n  "items": [\n' : ",\n"}    ${indent(JSON.stringify(record, null, 2))}`;
        written++;
      }
      return text;
    },
    end(nextPage) {
      const next = nextPage === undefined ? "" : `,\n  "nextPage": ${JSON.stringify(nextPage)}`;
      return `${written === 0 ? '{\n  "items": [' : "\n  "}]${next}\n}\n`;
    },
  };
}
