import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.ts";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // Installs Debian's chromium when it is missing, before any browser test starts.
    globalSetup: ["./test/global-setup.ts"],
    // Building the site and driving Chromium take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
