// The server's own errors; a tool's bad arguments are the client's AidpValidationError, named after the tool.
// Each names the argument, flag or step and the rule it breaks, and never holds a secret
// (the PAR URL, keys, tokens): the text reaches the model.
import { AidpError } from "@aidp/client";

/** A command-line flag or environment variable that cannot be used; the bin prints it and exits with 2. */
export class McpUsageError extends AidpError {}

/** A log handle this server does not know (never issued, expired, or issued by a server that has restarted). */
export class UnknownLogHandleError extends AidpError {}

/** The log file's URL answered something other than "not yet" or the file. */
export class LogFileError extends AidpError {}
