// The spec's facts (@aidp/spec/facts, `$ref`s resolved), read by the tests to know what the CLI must show (never
// a retyped list).
import { readApiFacts, type SchemaFacts } from "@aidp/spec/facts";

const facts = readApiFacts();

/** A component schema by name. */
export function schema(name: string): SchemaFacts {
  const found = facts.schemas[name];
  if (!found) throw new Error(`no schema ${name} in the spec`);
  return found;
}

/** The fields of an audit record, in spec order (the CSV header). */
export const auditRecordFields = Object.keys(schema("AuditLogSearchResultSummary").properties ?? {});
