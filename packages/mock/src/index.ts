export { bundledSpecPath } from "./bundled-spec.ts";
export type { MockOptions } from "./options.ts";
export { FAULT_HEADER } from "./scripted-faults.ts";
export { keyIdToFileName } from "./signature-keys.ts";
export { MockStartError, type RunningMock, startMock } from "./start-mock.ts";
