import { sharedGlobalSetup, sharedTestConfig } from "@aidp/test-support/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // Installs Debian's chromium when it is missing, before any browser test starts.
    globalSetup: [...sharedGlobalSetup, "./test/global-setup.ts"],
    // Building the site and driving Chromium take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
