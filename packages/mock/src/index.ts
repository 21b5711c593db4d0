export type {
  DynamicMockOptions,
  MockOptions,
  StatefulMockOptions,
  StaticMockOptions,
} from "./options.ts";
export { FAULT_HEADER } from "./scripted-faults.ts";
export type { ServerOptions } from "./server-options.ts";
export { keyIdToFileName } from "./signature-keys.ts";
export { MockStartError, type RunningMock, startMock } from "./start-mock.ts";
