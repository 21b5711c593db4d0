import { sharedGlobalSetup, sharedTestConfig } from "@aidp/test-support/vitest-config";
import { defineConfig } from "vitest/config";

// Each file starts the mock (Prism in front of the stateful layer): seconds on a busy machine.
export default defineConfig({
  test: {
    ...sharedTestConfig,
    // The README examples also run in headless Chromium (test/runtimes).
    globalSetup: [...sharedGlobalSetup, "./test/runtimes/install-chromium.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
