import { sharedTestConfig } from "@aidp/test-support/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // Every test runs the built bin as a child process; several start a mock or a node:http server.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
