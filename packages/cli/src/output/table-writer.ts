// A table for a terminal with cli-table3. Columns get fixed widths from what the spec says of each field
// (the longest enum value, the length of a timestamp) and share the rest of the terminal's width, so every
// page renders on its own and lines up with the pages before it: the table streams like the other formats.
import Table from "cli-table3";
import type { Column, OutputRecord, RecordWriter } from "./record-writer.ts";

const TIMESTAMP_WIDTH = new Date(0).toISOString().length;
const MIN_FREE_WIDTH = 12;
const DEFAULT_TERMINAL_WIDTH = 160;
/** Each column costs its content plus one space of padding either side and a border. */
const CELL_OVERHEAD = 3;

export function tableWriter(columns: readonly Column[], terminalWidth: number | undefined): RecordWriter {
  const widths = columnWidths(columns, terminalWidth ?? DEFAULT_TERMINAL_WIDTH);
  let rows = 0;
  const render = (records: readonly OutputRecord[], withHeader: boolean) => {
    const table = new Table({
      head: withHeader ? columns.map((c) => c.name) : [],
      colWidths: widths.map((w) => w + 2),
      // A long value wraps inside its cell instead of being cut with "…": nothing is lost, a PAR URL included.
      wordWrap: true,
      wrapOnWordBoundary: false,
      style: { head: [], border: [] },
    });
    for (const record of records) table.push(columns.map((c) => cellText(record[c.name])));
    return `${table.toString()}\n`;
  };
  return {
    page(records) {
      if (records.length === 0) return "";
      const text = render(records, rows === 0);
      rows += records.length;
      return text;
    },
    end: () => (rows === 0 ? render([], true) : ""),
  };
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return (typeof value === "string" ? value : JSON.stringify(value)).replace(/\s+/g, " ");
}

/** Fixed widths for fields whose length the spec bounds; the others share what is left of the terminal. */
function columnWidths(columns: readonly Column[], terminalWidth: number): number[] {
  const fixed = columns.map((c) => {
    const longest = c.enum
      ? Math.max(...c.enum.map((value) => value.length))
      : c.format === "date-time"
        ? TIMESTAMP_WIDTH
        : undefined;
    return longest === undefined ? undefined : Math.max(longest, c.name.length);
  });
  const used =
    fixed.reduce<number>((sum, width) => sum + (width ?? 0), 0) + columns.length * CELL_OVERHEAD + 1;
  const free = fixed.filter((width) => width === undefined).length;
  const share = Math.max(MIN_FREE_WIDTH, Math.floor((terminalWidth - used) / Math.max(free, 1)));
  return fixed.map((width) => width ?? share);
}
