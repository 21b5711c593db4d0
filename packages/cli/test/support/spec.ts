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

/** The enum values of a component schema, in the spec's order (`Status`: the success value first). */
export function enumValues(name: string): string[] {
  const values = schema(name).enum;
  if (!values?.length) throw new Error(`schema ${name} has no enum in the spec`);
  return values.map(String);
}

/** The fields of an audit record, in spec order (the CSV header). */
export const auditRecordFields = Object.keys(schema("AuditLogSearchResultSummary").properties ?? {});
