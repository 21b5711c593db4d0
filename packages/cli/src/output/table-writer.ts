// A table for a terminal: one continuous table however many pages come, exactly as wide as the terminal
// (terminalColumns(); 160 when not on one, or on one that does not say). The widths are fixed before the first
// record: fields the spec bounds (enum values, timestamps) ask for their longest value, the others share what is
// left, and when the terminal is too narrow for that every column gives up width fairly. A longer value is cut
// with `…`, so a record is always one line. Rows are plain string concatenation: a table streams as fast as CSV,
// near enough.

import { terminalSafe } from "../terminal-safe.ts";
import type { Column, RecordWriter } from "./record-format.ts";

const TIMESTAMP_WIDTH = new Date(0).toISOString().length;
const DEFAULT_TERMINAL_WIDTH = 160;
/** What a column needs to show something useful before the bounded ones get their full width. */
const MIN_WIDTH = 8;
/** Each column costs its content plus one space of padding either side and a border; one more border ends a row. */
const CELL_OVERHEAD = 3;
const ELLIPSIS = "…";

export function tableWriter(columns: readonly Column[], terminalWidth: number | undefined): RecordWriter {
  const widths = columnWidths(columns, terminalWidth ?? DEFAULT_TERMINAL_WIDTH);
  const rule = (left: string, middle: string, right: string) =>
    `${left}${widths.map((width) => "─".repeat(width + 2)).join(middle)}${right}\n`;
  const row = (cells: readonly string[]) =>
    `│ ${cells.map((cell, index) => fit(cell, widths[index] as number)).join(" │ ")} │\n`;
  const header = rule("┌", "┬", "┐") + row(columns.map((column) => column.name)) + rule("├", "┼", "┤");
  let started = false;
  const start = () => {
    if (started) return "";
    started = true;
    return header;
  };
  return {
    page(records) {
      if (records.length === 0) return "";
      let text = start();
      for (const record of records) text += row(columns.map((column) => cellText(record[column.name])));
      return text;
    },
    end: () => start() + rule("└", "┴", "┘"),
  };
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return terminalSafe((typeof value === "string" ? value : JSON.stringify(value)).replace(/\s+/g, " "));
}

/** The text cut to `width` characters with `…`, or padded with spaces to it. */
function fit(text: string, width: number): string {
  // Most cells are ASCII, where length is the width: the slow path (code points) only for the others.
  const length = isAscii(text) ? text.length : [...text].length;
  if (length <= width) return text + " ".repeat(width - length);
  const kept = isAscii(text) ? text.slice(0, width - 1) : [...text].slice(0, width - 1).join("");
  return kept + ELLIPSIS;
}

const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/**
 * Widths that make the table exactly `terminalWidth` wide. A column whose length the spec bounds (an enum, a
 * timestamp) asks for its longest value (and at least its name); the others ask for any width. When there is
 * room for every column to have MIN_WIDTH, the bounded columns get what they ask for first and the others
 * share the rest; on a narrower terminal every column gets a fair share, from the smallest request up.
 */
function columnWidths(columns: readonly Column[], terminalWidth: number): number[] {
  const wanted = columns.map((column) => {
    const longest = column.enum
      ? Math.max(...column.enum.map((value) => value.length))
      : column.format === "date-time"
        ? TIMESTAMP_WIDTH
        : Number.POSITIVE_INFINITY;
    return Math.max(longest, column.name.length);
  });
  const content = Math.max(terminalWidth - columns.length * CELL_OVERHEAD - 1, columns.length);
  const minimum = wanted.map((width) => Math.min(width, MIN_WIDTH));
  if (sum(minimum) >= content) return shareOut(wanted, content);
  // Room for every column's minimum: the bounded columns get all they ask for, if the others keep their minimum.
  const boundedTotal = sum(wanted.filter(Number.isFinite));
  const flexible = wanted.filter((width) => !Number.isFinite(width)).length;
  if (boundedTotal + flexible * MIN_WIDTH > content) return shareOut(wanted, content);
  const share = shareOut(
    wanted.map((width) => (Number.isFinite(width) ? 0 : Number.POSITIVE_INFINITY)),
    content - boundedTotal,
  );
  return wanted.map((width, index) => (Number.isFinite(width) ? width : (share[index] as number)));
}

/** `total` shared out from the smallest request up: nobody gets more than asked, nor less than a fair share of what is left. */
function shareOut(wanted: readonly number[], total: number): number[] {
  let remaining = total;
  const widths = new Array<number>(wanted.length).fill(0);
  const order = wanted.map((_, index) => index).sort((a, b) => (wanted[a] as number) - (wanted[b] as number));
  order.forEach((index, position) => {
    const share = Math.floor(remaining / (order.length - position));
    const width = Math.max(wanted[index] === 0 ? 0 : 1, Math.min(wanted[index] as number, share));
    widths[index] = width;
    remaining -= width;
  });
  return widths;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
