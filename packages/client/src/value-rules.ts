// `@aidp/client/value-rules`: the checker behind the client's validation (bounds, lengths, patterns, enum values,
// date-times), for arguments that are not an operation's: `@aidp/mcp` checks its own tools' arguments with it, so
// an agent reads the same "field: rule" words for every bad argument. Web-standard, no `node:` import.
export type { ValidationIssue } from "./errors.js";
export { type CheckContext, checkValue, type ValueRules } from "./request-validation.js";
