// Output at a terminal, on a pseudo-terminal (`script`), where standard output and standard error are the same
// screen: no progress line among the records, and one continuous table exactly as wide as the terminal.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { awkwardRecord } from "./support/awkward-records.ts";
import { fakeServiceFlags, pagingHandler } from "./support/fake-service.ts";
import { startOnTerminal } from "./support/run-aidp.ts";
import { useFakeService } from "./support/use-fake-service.ts";

/** Awkward records with a UUID as eventId, as the service sends it. */
const record = (index: number) => ({ ...awkwardRecord(index), eventId: randomUUID() });

const server = useFakeService(pagingHandler(1000, record));

/** What the terminal shows, as lines (script writes CRLF line ends). */
const screenLines = (text: string) => text.split("\r\n").filter((line) => line !== "");
/** The table's lines, once the line below it (standard error's, on the same screen) says where to read on. */
const tableAndHint = (text: string) => {
  const lines = screenLines(text);
  expect(lines.at(-1)).toMatch(/^aidp: there are more records: add --page \S+ to read on from here$/);
  return lines.slice(0, -1);
};
const ESC = String.fromCharCode(27);
const ANSI_CONTROL = new RegExp(`${ESC}\\[[0-9;]*[A-Za-z]|\r`);

describe("on a terminal", () => {
  it("records on the terminal: no progress line among them, every line a whole record", async () => {
    const { code, stdout } = await startOnTerminal(
      ["audit", "search-logs", ...fakeServiceFlags(server), "--all", "--output", "ndjson"],
      { columns: 80 },
    ).result;
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/records\/s/);
    const lines = screenLines(stdout);
    expect(lines).toHaveLength(1000);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  });

  it.each([80, 123])(
    "--output table on %i columns: one continuous table exactly that wide, long values cut with …",
    async (columns) => {
      const { code, stdout } = await startOnTerminal(
        ["audit", "search-logs", ...fakeServiceFlags(server), "--max-items", "250", "--output", "table"],
        { columns },
      ).result;
      expect(code).toBe(0);
      const lines = tableAndHint(stdout);
      expect(lines.filter((line) => line.startsWith("┌"))).toHaveLength(1);
      expect(lines.filter((line) => line.startsWith("├"))).toHaveLength(1);
      expect(lines.filter((line) => line.startsWith("└"))).toHaveLength(1);
      expect(lines.filter((line) => line.startsWith("│"))).toHaveLength(1 + 250);
      for (const line of lines) {
        expect(line).not.toMatch(ANSI_CONTROL);
        expect([...line].length, line).toBe(columns);
      }
      expect(lines[1]).toMatch(/^│ event/);
      expect(lines.slice(3, -1).every((line) => line.includes("…"))).toBe(true);
    },
  );

  it("--output table on a terminal that does not say its size (0 columns): as wide as off a terminal, 160", async () => {
    const { code, stdout } = await startOnTerminal(
      ["audit", "search-logs", ...fakeServiceFlags(server), "--max-items", "5", "--output", "table"],
      { columns: 0 },
    ).result;
    expect(code).toBe(0);
    const lines = tableAndHint(stdout);
    expect(lines).toHaveLength(4 + 5);
    for (const line of lines) expect([...line].length, line).toBe(160);
    expect(lines[1]).toMatch(/^│ eventId/);
  });
});
