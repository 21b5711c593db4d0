export { bundledSpecPath } from "./bundled-spec.js";
export type { MockOptions } from "./options.js";
export { MockStartError, type RunningMock, startMock } from "./start-mock.js";
