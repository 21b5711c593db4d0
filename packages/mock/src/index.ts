export type { DriftReport, DriftViolation, UpstreamFailureEntry } from "./gateway/drift-report.ts";
export type { GatewayOptions } from "./gateway/gateway-options.ts";
export { DRIFT_REPORT_PATH } from "./gateway/gateway-server.ts";
export type {
  DynamicMockOptions,
  GatewayMockOptions,
  MockOptions,
  StatefulMockOptions,
  StaticMockOptions,
} from "./options.ts";
export { FAULT_HEADER } from "./scripted-faults.ts";
export { keyIdToFileName } from "./signature-keys.ts";
export { MockStartError, type RunningMock, startMock } from "./start-mock.ts";
