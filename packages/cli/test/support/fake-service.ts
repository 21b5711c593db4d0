// Local node:http servers standing in for the service where the mock cannot produce the case (faults, exact
// request capture): @aidp/test-support's servers, which the client's tests use too, and the CLI's flags for them.
import type { TestServer } from "@aidp/test-support/servers";

export {
  closedPort,
  pagingHandler,
  type RecordedRequest,
  sendJson,
  startTestServer,
  type TestServer,
} from "@aidp/test-support/servers";

export const TEST_INSTANCE_ID = "ocid1.aidataplatform.oc1..test";

/** The flags of every request to a fake service: unsigned, to its URL, for a made-up instance. */
export const fakeServiceFlags = (server: Pick<TestServer, "url">) => [
  "--auth",
  "none",
  "--endpoint",
  server.url,
  "--instance-id",
  TEST_INSTANCE_ID,
];

/** A complete `cluster download-logs` command line, short of the connection flags. */
export const DOWNLOAD_LOGS_COMMAND = [
  "cluster",
  "download-logs",
  "--workspace-key",
  "w",
  "--cluster-key",
  "c",
  "--log-content-type-contains",
  "driver",
  "--time-begin",
  "24h",
  "--time-end",
  "1s",
] as const;

/** `audit search-logs`, unsigned, against any endpoint (one a test server of another kind, or none). */
export const searchLogsAt = (endpoint: string, ...extra: string[]) => [
  "audit",
  "search-logs",
  "--auth",
  "none",
  "--endpoint",
  endpoint,
  "--instance-id",
  TEST_INSTANCE_ID,
  ...extra,
];
