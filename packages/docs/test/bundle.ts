// What the tests expect the page to show, read through @aidp/spec/facts (the one reader of the spec's bundle)
// rather than retyped.
import { type OperationFacts, operationNamed, readApiFacts } from "@aidp/spec/facts";

const facts = readApiFacts();

/** An operation as the page shows it: Redoc names it in the menu by its summary. */
export interface DocumentedOperation extends OperationFacts {
  summary: string;
}

function documented(operation: OperationFacts): DocumentedOperation {
  const { summary } = operation;
  if (!summary) throw new Error(`The bundle's operation \`${operation.operationId}\` has no summary`);
  return { ...operation, summary };
}

export const operations: DocumentedOperation[] = Object.values(facts.operations).map(documented);

export function operationById(operationId: string): DocumentedOperation {
  return documented(operationNamed(facts, operationId));
}

export function enumValues(schemaName: string): string[] {
  const values = facts.schemas[schemaName]?.enum;
  if (!values?.length) throw new Error(`The bundle's schema \`${schemaName}\` has no enum`);
  return values.map(String);
}
