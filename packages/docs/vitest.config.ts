import { sharedGlobalSetup, sharedTestConfig } from "@aidp/test-support/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // Test files share a worker's imported modules (Prism, the client) instead of importing them afresh, which
    // was a fifth to a third of this package's test time; no test here mocks a module, a timer or the env.
    isolate: false,
    // Installs Debian's chromium when it is missing, before any browser test starts.
    globalSetup: [...sharedGlobalSetup, "./test/global-setup.ts"],
    // Building the site and driving Chromium take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
