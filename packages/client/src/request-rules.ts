// `@aidp/client/request-rules`: the request rules the client enforces before sending, generated from the spec,
// for the other side of the wire. `@aidp/mock` answers a request that breaks one with a 400 by calling the
// same code the client calls: one rule, two users; `@aidp/mcp` checks its tools' own arguments with `checkValue`.
// Web-standard, no `node:` import.
export type { ValidationIssue } from "./errors.js";
export { operationFacts } from "./generated/operations.js";
export { type CheckContext, checkNotAfter, checkValue, type ValueRules } from "./request-validation.js";
