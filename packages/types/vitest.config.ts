import { sharedTestConfig } from "@aidp/test-support/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    typecheck: { enabled: true, tsconfig: "./tsconfig.json", include: ["test/**/*.test-d.ts"] },
  },
});
