import { sharedTestConfig } from "@aidp/test-support/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // Test files share a worker's imported modules (Prism, the client) instead of importing them afresh, which
    // was a fifth to a third of this package's test time; no test here mocks a module, a timer or the env.
    isolate: false,
    // Every test runs the built bin as a child process; several start a mock or a node:http server.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
