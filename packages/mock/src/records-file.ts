// `--records-file FILE`: the user's own audit records (a JSON array, or NDJSON: one record per line), each
// checked by Prism against `AuditLogSearchResultSummary` at start-up (its verdicts not remembered). The first bad record stops the start
// with the file, the record's index, the field and the rule.
import { readFileSync } from "node:fs";
import type { AuditRecord } from "./audit-records.ts";
import type { ContractGuard, SpecOperation } from "./contract-guard.ts";

class RecordsFileError extends Error {
  override name = "RecordsFileError";
}

function parseRecords(file: string, text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed) as unknown[];
    } catch (error) {
      throw new RecordsFileError(`records file ${file}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const records: unknown[] = [];
  for (const [lineIndex, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      throw new RecordsFileError(
        `records file ${file}: line ${lineIndex + 1} (record ${records.length}) is not valid JSON: ${(error as Error).message}`,
      );
    }
  }
  return records;
}

/** The records of `file`, each checked as one record of a page of `search`, whose records are in `itemsField`. */
export function loadRecordsFile(
  file: string,
  guard: ContractGuard,
  search: SpecOperation,
  itemsField: string,
): AuditRecord[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new RecordsFileError(`records file ${file}: cannot be read: ${(error as Error).message}`);
  }
  const records = parseRecords(file, text);
  for (const [index, record] of records.entries()) {
    // Uncached: each record is judged once, at start-up; a remembered verdict would never be asked for again.
    const violations = guard.checkResponseUncached(search, {
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: { [itemsField]: [record] },
    });
    const [first] = violations;
    if (first) {
      const prefix = `body field ${itemsField}.0`;
      const field = first.field.startsWith(prefix)
        ? first.field.slice(prefix.length).replace(/^\./, "")
        : first.field;
      const where = field === "" || field === first.field ? "the record" : `field ${field}`;
      throw new RecordsFileError(
        `records file ${file}: record ${index}: ${where} ${first.rule} (AuditLogSearchResultSummary)`,
      );
    }
  }
  // Frozen: the mock never changes a record, and each one's JSON text is written once (json-text.ts).
  return records.map((record) => Object.freeze(record)) as AuditRecord[];
}
