// Each operation's command words (`aidp audit search-logs`): what the commands are declared with, and what
// completion reads to know which command's flags it completes (without loading the parser).
import type { OperationId } from "./operation-input.ts";

export const OPERATION_COMMANDS: Readonly<Record<OperationId, readonly [group: string, command: string]>> = {
  searchAuditLogs: ["audit", "search-logs"],
  downloadClusterLogs: ["cluster", "download-logs"],
};

/** The operation whose command the words name (`... cluster download-logs ...`), if any. */
export function operationNamedIn(words: readonly string[]): OperationId | undefined {
  for (const [operationId, [group, command]] of Object.entries(OPERATION_COMMANDS))
    for (let i = 0; i + 1 < words.length; i++)
      if (words[i] === group && words[i + 1] === command) return operationId as OperationId;
  return undefined;
}
