// The request flags of an operation, from the generated table: every one a string, read as given and checked by
// the client (so a bad value is reported together with every other problem, naming its flag).
import type { Argv } from "yargs";
import { flagsOf, helpText, type OperationId } from "../operation-input.ts";

/**
 * What yargs parses for them: --body by name; the table's flags have names known only at run time, so they
 * are read by name from the parsed flags (buildInput).
 */
export interface RequestFlags {
  body: string | undefined;
}

export function withRequestFlags<Flags>(
  command: Argv<Flags>,
  operationId: OperationId,
): Argv<Flags & RequestFlags> {
  const group = "Request (from the API's specification):";
  for (const flag of flagsOf(operationId)) {
    command.option(flag.flag, { type: "string", description: helpText(flag), group, requiresArg: true });
  }
  return command.option("body", {
    type: "string",
    description:
      "The whole request body as JSON, @FILE or - (standard input); the flags above override its fields",
    group,
    requiresArg: true,
  });
}
