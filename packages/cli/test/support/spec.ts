// The bundled spec, read by the tests to know what the CLI must show (never a retyped list).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolveRef } from "@aidp/spec/resolve-ref";

export interface SchemaNode {
  $ref?: string;
  description?: string;
  enum?: string[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
}

const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@aidp/spec/openapi.json"), "utf8"),
) as {
  components: { schemas: Record<string, SchemaNode> };
};

/** A component schema by name. */
export function schema(name: string): SchemaNode {
  const found = spec.components.schemas[name];
  if (!found) throw new Error(`no schema ${name} in the spec`);
  return found;
}

export const resolved = (node: SchemaNode): SchemaNode => resolveRef(spec, node);

/** The fields of an audit record, in spec order (the CSV header). */
export const auditRecordFields = Object.keys(schema("AuditLogSearchResultSummary").properties ?? {});
