// `@aidp/mock/gateway`: the validation gateway, apart from the mock.
export type { DriftReport, DriftViolation, UpstreamFailureEntry } from "./drift-report.ts";
export type { GatewayOnlyOptions, GatewayOptions } from "./gateway-options.ts";
export { DRIFT_REPORT_PATH } from "./gateway-server.ts";
export { GatewayStartError, type RunningGateway, startGateway } from "./start-gateway.ts";
