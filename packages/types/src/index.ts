export type { components, operations, paths } from "./generated/openapi.js";
export * from "./generated/schemas.js";
