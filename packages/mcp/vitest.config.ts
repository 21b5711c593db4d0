import { sharedTestConfig } from "@aidp/test-support/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // Tests start the mock, the built bin as a child process, the conformance suite and the Inspector.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
