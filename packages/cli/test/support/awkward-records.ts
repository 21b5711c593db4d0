// Audit records whose text is hard to write out: commas, quotes, line breaks, non-ASCII, missing fields. Enum
// values are the spec's (its facts), never retyped.
import { enumValues } from "./spec.ts";

const [succeeded = "", failed = ""] = enumValues("Status");
const objectTypes = enumValues("ObjectType");
const operations = enumValues("Operation");

export function awkwardRecord(index: number): Record<string, string> {
  const record: Record<string, string> = {
    eventId: `event-${index}`,
    objectName: index % 3 === 0 ? `sales, "orders" ${index}` : `table_${index}`,
    objectType: objectTypes[index % objectTypes.length] ?? "",
    operation: operations[index % operations.length] ?? "",
    payload: JSON.stringify({ note: `line one\nline two, ünïcode ${index}` }),
    source: "workbench",
    startedBy: "jane.doe@example.com",
    status: index % 5 === 0 ? failed : succeeded,
    timeOfLog: new Date(Date.UTC(2025, 2, 16) + index * 1000).toISOString(),
  };
  if (index % 7 === 0) delete record.source;
  return record;
}
