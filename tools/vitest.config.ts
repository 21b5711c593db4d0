import { sharedTestConfig } from "@aidp/test-support/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ["test/**/*.test.ts"],
    // attw, npm pack and the local-registry publish spawn real processes: minutes, not milliseconds.
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
