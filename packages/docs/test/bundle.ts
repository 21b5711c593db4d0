// What the tests expect the page to show, read from @aidp/spec's bundle rather than retyped.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
}

export interface OpenApiBundle {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { enum?: string[] }> };
}

export const bundle: OpenApiBundle = JSON.parse(
  readFileSync(require.resolve("@aidp/spec/openapi.json"), "utf8"),
);

export interface DocumentedOperation extends Operation {
  path: string;
  method: string;
}

export const operations: DocumentedOperation[] = Object.entries(bundle.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ ...operation, path, method })),
);

export function operationById(operationId: string): DocumentedOperation {
  const operation = operations.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`The bundle has no operation \`${operationId}\``);
  return operation;
}

export function enumValues(schemaName: string): string[] {
  const values = bundle.components.schemas[schemaName]?.enum;
  if (!values?.length) throw new Error(`The bundle's schema \`${schemaName}\` has no enum`);
  return values;
}
