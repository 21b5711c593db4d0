export { bundledSpecPath } from "./bundled-spec.ts";
export type { MockOptions } from "./options.ts";
export { MockStartError, type RunningMock, startMock } from "./start-mock.ts";
