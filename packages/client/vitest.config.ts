import { sharedTestConfig } from "@aidp/test-support/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, tsconfig: "./tsconfig.json", include: ["test/**/*.test-d.ts"] },
  },
});
