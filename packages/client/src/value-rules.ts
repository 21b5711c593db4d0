// `@aidp/client/value-rules`: the checker behind the client's validation (bounds, lengths, patterns, enum values,
// date-times), for arguments that are not an operation's: `@aidp/mcp` checks its own tools' arguments with it, so
// an agent reads the same "field: rule" words for every bad argument; and the nesting bound of JSON taken from
// outside (aidp's --body, the mock's bodies). Web-standard, no `node:` import.
export type { ValidationIssue } from "./errors.js";
export { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";
export { type CheckContext, checkValue, type ValueRules } from "./request-validation.js";
