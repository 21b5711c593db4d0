import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.ts";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // Each file starts its own Prism processes; they take a core each while starting.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
