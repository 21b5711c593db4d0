// The server's own errors. Each names the argument, flag or step and the rule it breaks, and never holds a secret
// (the PAR URL, keys, tokens): the text reaches the model.
import { AidpError, type ValidationIssue } from "@aidp/client";

/** A command-line flag or environment variable that cannot be used; the bin prints it and exits with 2. */
export class McpUsageError extends AidpError {}

/** A tool's arguments break a rule; nothing was sent. Lists every broken rule, each naming its argument. */
export class ToolArgumentError extends AidpError {
  readonly tool: string;
  readonly issues: readonly ValidationIssue[];
  constructor(tool: string, issues: readonly ValidationIssue[]) {
    const lines = issues.map((i) => `  - ${i.field}: ${i.expected} (rule \`${i.rule}\`), got ${i.value}`);
    super(`Invalid ${tool} arguments; nothing was sent:\n${lines.join("\n")}`);
    this.tool = tool;
    this.issues = issues;
  }
}

/** A log handle this server does not know (never issued, expired, or issued by a server that has restarted). */
export class UnknownLogHandleError extends AidpError {}

/** The log file's URL answered something other than "not yet" or the file. */
export class LogFileError extends AidpError {}
